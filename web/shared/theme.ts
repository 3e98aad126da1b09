/**
 * Light and dark theme. In Jira, Forge supplies the user's theme (`view.theme.enable()`); in the
 * dev console the page picks it (`?theme=dark`) and switches it live through `postMessage`.
 */
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { isDevConsole, queryParam } from './transport';

export type ColorMode = 'light' | 'dark';
export const THEME_MESSAGE = 'zjc-theme';

export async function applyColorMode(colorMode: ColorMode): Promise<void> {
  await setGlobalTheme({ colorMode, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography' });
}

export async function enableTheme(): Promise<void> {
  if (!isDevConsole()) {
    const { view } = await import('@forge/bridge');
    await view.theme.enable();
    return;
  }
  await applyColorMode(queryParam('theme') === 'dark' ? 'dark' : 'light');
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string; colorMode?: ColorMode } | null;
    if (event.origin !== window.location.origin || data?.type !== THEME_MESSAGE) return;
    void applyColorMode(data.colorMode === 'dark' ? 'dark' : 'light');
  });
}
