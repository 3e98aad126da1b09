/** Starts one web app: theme first (no flash of the wrong theme), then React. */
import '@atlaskit/css-reset';
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { enableTheme } from './theme';
import { isDevConsole } from './transport';

export const FRAME_HEIGHT_MESSAGE = 'zjc-frame-height';

/** The dev console sizes its iframes from this; inside Jira, Forge resizes the frame itself. */
function reportHeight(root: HTMLElement): void {
  if (!isDevConsole() || window.parent === window) return;
  // Observe the app root: html/body may be sized to the frame and then never change size.
  const send = () =>
    window.parent.postMessage(
      { type: FRAME_HEIGHT_MESSAGE, height: root.getBoundingClientRect().bottom + 8 },
      window.location.origin,
    );
  new ResizeObserver(send).observe(root);
  send();
}

export async function boot(App: ComponentType): Promise<void> {
  const el = document.getElementById('root');
  if (!el) throw new Error('index.html has no #root element');
  try {
    await enableTheme();
  } catch (e) {
    console.warn('Theme could not be enabled; using the default light theme.', e);
  }
  createRoot(el).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  reportHeight(el);
}
