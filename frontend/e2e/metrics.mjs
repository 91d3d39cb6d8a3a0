// `keel metrics` for the e2e tests: the dev binary run on a copy of the
// workspace the app has open (the app holds its lock).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { work } from './harness.mjs';

const keel = resolve('..', 'build', 'bin', 'keel-dev');

/** The metrics of one month (YYYY-MM): {revenue, support, product, operations}. */
export function metricsOf(month) {
  const dir = mkdtempSync(join(work, 'metrics-'));
  const src = join(work, 'data', 'Demo.keel');
  copyFileSync(src, join(dir, 'Demo.keel'));
  if (existsSync(`${src}-wal`)) copyFileSync(`${src}-wal`, join(dir, 'Demo.keel-wal'));
  const json = execFileSync(keel, ['metrics', '--workspace', join(dir, 'Demo.keel'), '--from', month, '--to', month, '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(json).months[0];
}

/** A number as the page writes it: "1,234" → 1234. */
export const num = (s) => Number(String(s).replace(/[^0-9.]/g, ''));

/** A full-height screenshot of the screen (the main area scrolls, not the page). */
export async function screenshotScreen(page, path) {
  const height = await page.evaluate(() => {
    const main = document.querySelector('[data-testid="main"]');
    return main ? main.scrollHeight : document.body.scrollHeight;
  });
  const vp = page.viewportSize();
  await page.setViewportSize({ width: vp.width, height: Math.min(Math.max(height, vp.height), 4000) });
  await page.waitForTimeout(400); // charts follow their box's new size
  await page.screenshot({ path });
  await page.setViewportSize(vp);
}
