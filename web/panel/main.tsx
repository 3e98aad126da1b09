import { boot } from '../shared/boot';
import '../shared/app.css';
import { PanelApp } from './app';

void boot(PanelApp);
