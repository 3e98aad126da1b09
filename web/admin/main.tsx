import { boot } from '../shared/boot';
import '../shared/app.css';
import { AdminApp } from './app';

void boot(AdminApp);
