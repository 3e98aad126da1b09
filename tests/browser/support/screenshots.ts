/**
 * Screenshots written to test-artifacts/ and checked to be non-blank: a real PNG of some size whose
 * pixels vary (a blank or single-colour page has ~zero variance). Decoding happens in the browser
 * (canvas), so no image library is needed.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const ARTIFACTS_DIR = process.env.ZJC_TEST_ARTIFACTS ?? join(process.cwd(), 'test-artifacts');

export interface ScreenshotCheck {
  path: string;
  bytes: number;
  width: number;
  height: number;
  variance: number;
  distinctColours: number;
}

export async function screenshotChecked(page: Page, name: string, target?: Locator): Promise<ScreenshotCheck> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const png = target ? await target.screenshot() : await page.screenshot({ fullPage: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  writeFileSync(path, png);
  const stats = await page.evaluate(
    async (dataUrl: string) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d context');
      g.drawImage(img, 0, 0);
      const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
      let sum = 0;
      let sumSq = 0;
      let n = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7) {
        const lum = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        sum += lum;
        sumSq += lum * lum;
        n += 1;
        if (colours.size < 5000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
      const mean = sum / n;
      return {
        width: canvas.width,
        height: canvas.height,
        variance: sumSq / n - mean * mean,
        distinctColours: colours.size,
      };
    },
    `data:image/png;base64,${png.toString('base64')}`,
  );
  return { path, bytes: statSync(path).size, ...stats };
}

/** The assertions every screenshot gets. */
export function expectNotBlank(shot: ScreenshotCheck): void {
  expect(shot.bytes).toBeGreaterThan(5_000);
  expect(shot.width).toBeGreaterThan(100);
  expect(shot.height).toBeGreaterThan(100);
  expect(shot.variance).toBeGreaterThan(50);
  expect(shot.distinctColours).toBeGreaterThan(8);
}

export function writeArtifact(name: string, content: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, name);
  writeFileSync(path, content);
  return path;
}
