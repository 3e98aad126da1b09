import '@atlaskit/css-reset';
import { createRoot } from 'react-dom/client';
import '../shared/app.css';
import { applyColorMode, type ColorMode } from '../shared/theme';
import { DevConsole } from './app';
import './dev-console.css';

const saved = localStorage.getItem('zjc-theme');
const initial: ColorMode =
  saved === 'dark' || saved === 'light'
    ? saved
    : new URLSearchParams(window.location.search).get('theme') === 'dark'
      ? 'dark'
      : 'light';

void applyColorMode(initial).finally(() => {
  createRoot(document.getElementById('root')!).render(<DevConsole initialTheme={initial} />);
});
