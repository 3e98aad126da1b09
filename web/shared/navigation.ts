/** Opening Zoho Projects or the Temporal Web UI: Forge iframes must use `router.open`. */
import type { MouseEvent } from 'react';
import { isDevConsole } from './transport';

export function openExternal(url: string): void {
  if (isDevConsole()) {
    window.open(url, '_blank', 'noopener,noreferrer');
    return;
  }
  void import('@forge/bridge').then(({ router }) => router.open(url));
}

/** onClick for an `<a href target=_blank>`: keeps the real href for keyboard and screen readers. */
export function externalClick(event: MouseEvent<HTMLElement>, url: string): void {
  if (isDevConsole()) return;
  event.preventDefault();
  openExternal(url);
}
