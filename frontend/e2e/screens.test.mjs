// Rules that hold on every screen of the demo, in the window sizes a
// founder uses (1024×700 and 1440×900) and both colour schemes:
// - a screen opens at the top, whatever the previous screen's scroll;
// - nothing scrolls sideways: neither the main pane nor a box inside it.
// Screenshots: test-output/screen-<id>-<width>-<scheme>.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, out } from './harness.mjs';
import { screenshotScreen } from './metrics.mjs';

const screens = ['home', 'imports', 'revenue', 'users', 'feedback', 'support', 'accounts', 'releases', 'plans', 'manual', 'decisions', 'review'];

async function open(page, id) {
  await page.click(`[data-testid="nav-${id}"]`);
  await page.waitForSelector(`[data-testid="screen-${id}"]:not([aria-busy="true"])`);
  await page.waitForTimeout(300); // charts and late tables settle
}

/** Boxes that scroll sideways inside the main pane (the pane itself included). */
function sideways() {
  const main = document.querySelector('[data-testid="main"]');
  const found = [];
  for (const el of [main, ...main.querySelectorAll('*')]) {
    const ox = getComputedStyle(el).overflowX;
    if (el !== main && ox !== 'auto' && ox !== 'scroll') continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      const id = [el.getAttribute('data-testid') || el.className || el.tagName,
        el.querySelector('[data-testid]')?.getAttribute('data-testid'),
        el.querySelector('th')?.textContent.trim().slice(0, 20)].filter(Boolean).join(' / ');
      found.push(`${id} ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }
  return found;
}

test('every screen opens at the top and nothing scrolls sideways', async () => {
  const { browser, page, errors, remote } = await openPage();
  const problems = [];
  try {
    for (const [width, height] of [[1024, 700], [1440, 900]]) {
      await page.setViewportSize({ width, height });
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const id of screens) {
          await open(page, id);
          const top = await page.evaluate(() => document.querySelector('[data-testid="main"]').scrollTop);
          if (top !== 0) problems.push(`${id} opens ${top} px down (${width} px, ${scheme})`);
          for (const box of await page.evaluate(sideways)) problems.push(`${id} scrolls sideways at ${width} px: ${box}`);
          await screenshotScreen(page, join(out, `screen-${id}-${width}-${scheme}.png`));
          // The next screen must not inherit this one's scroll.
          await page.evaluate(() => {
            const m = document.querySelector('[data-testid="main"]');
            m.scrollTop = m.scrollHeight;
          });
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await browser.close();
  }
});
