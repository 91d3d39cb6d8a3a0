// Feedback e2e, on a copy of the demo workspace (the demo itself is left as
// it was for the other tests): the inbox triaged with the keyboard (j/k,
// 1–7, an area's letter, x and bulk typing, u), a suggested cluster
// accepted, a product note recorded, the cluster marked shipped, the
// people to tell saved as CSV and marked told. Then the speed of the next
// item with 50,000 items in the workspace, measured in the page.
// Screenshots in test-output/: feedback-inbox[-dark][-1024].png,
// feedback-clusters[-dark][-1024].png, feedback-cluster[-dark][-1024].png,
// feedback-suggestion.png, feedback-picker.png, feedback-note.png,
// feedback-areas.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPage, work, out } from './harness.mjs';

const keel = resolve('..', 'build', 'bin', 'keel-dev');
const demo = join(work, 'data', 'Demo.keel');

/** A screenshot of the whole screen (the main area scrolls, not the page). */
async function shot(page, name, { full = true } = {}) {
  await page.evaluate(() => document.querySelector('[data-testid="main"]')?.scrollTo(0, 0));
  if (!full) {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, name) });
    return;
  }
  const vp = page.viewportSize();
  const height = await page.evaluate(() => document.querySelector('[data-testid="main"]')?.scrollHeight ?? 800);
  await page.setViewportSize({ width: vp.width, height: Math.min(Math.max(height, vp.height), 3600) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, name) });
  await page.setViewportSize(vp);
}

/** Light at 1440 px, dark at 1440 px, light at 1024 px (full: the whole screen, not the window). */
async function shots(page, name, full = true) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, `${name}.png`, { full });
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, `${name}-dark.png`, { full });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, `${name}-1024.png`, { full });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(wide, false, `${name} scrolls sideways at 1024 px`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/**
 * Opens a workspace file in the app and waits until the page shows it: the
 * page learns of it from the backend's 'workspace:changed' event, which
 * sends it Home; a click made before that event would be undone by it.
 */
async function openWorkspace(page, path) {
  await page.evaluate((p) => window.go.app.Workspace.Open(p), path);
  await page.waitForFunction(
    (p) => document.body.dataset.ready === 'true' && document.querySelector('[data-testid="app"]')?.dataset.workspace === p,
    path,
  );
}

/** Presses key and returns how long until the detail shows another item (ms). */
function timeKey(page, key) {
  return page.evaluate(
    (key) =>
      new Promise((done, fail) => {
        const detail = () => document.querySelector('[data-testid="item-detail"]');
        const before = detail()?.dataset.key;
        const t0 = performance.now();
        const check = () => {
          const d = detail();
          if (d && d.dataset.key !== before) {
            requestAnimationFrame(() => done(performance.now() - t0));
            return true;
          }
          return false;
        };
        const obs = new MutationObserver(() => {
          if (check()) obs.disconnect();
        });
        obs.observe(document.querySelector('[data-testid="screen-feedback"]'), { subtree: true, attributes: true, childList: true });
        window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        setTimeout(() => {
          obs.disconnect();
          fail(new Error(`the next item did not show after ${key}`));
        }, 5000);
      }),
    key,
  );
}

const detailKey = (page) => page.locator('[data-testid="item-detail"]').getAttribute('data-key');
const badge = async (page) => Number((await page.locator('[data-testid="nav-feedback"] .badge').textContent()).replace(/[^0-9]/g, ''));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('Feedback: triage with the keyboard, accept a cluster, note, ship, tell', async () => {
  const dir = join(work, 'feedback');
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, 'Feedback.keel');
  copyFileSync(demo, copy);
  if (existsSync(`${demo}-wal`)) copyFileSync(`${demo}-wal`, `${copy}-wal`);
  const { browser, page, errors, remote } = await openPage();
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openWorkspace(page, copy);
    await page.waitForSelector('[data-testid="main"][data-screen="home"]');
    await page.waitForSelector('[data-testid="nav-feedback"] .badge');
    // g f goes to the Feedback area; its badge counts the untriaged items.
    await page.locator('[data-testid="main"]').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('g');
    await page.keyboard.press('f');
    await page.waitForSelector('[data-testid="screen-feedback"]');
    // The first visit reads the items and their accounts: seconds, once.
    await page.waitForSelector('[data-testid="inbox-row"]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid="item-detail"]');
    const untriaged = await badge(page);
    assert.ok(untriaged > 10 && untriaged < 500, `badge ${untriaged}`);
    await shots(page, 'feedback-inbox', false);

    // j and k move; the detail follows at once.
    const first = await detailKey(page);
    const tj = await timeKey(page, 'j');
    const second = await detailKey(page);
    assert.notEqual(second, first);
    await timeKey(page, 'k');
    assert.equal(await detailKey(page), first);
    // 3 types the item as a request and goes to the next one.
    const t3 = await timeKey(page, '3');
    assert.equal(await detailKey(page), second);
    await page.waitForFunction(() => /as Request/.test(document.querySelector('[data-testid="inbox-status"]').textContent));
    await page.waitForFunction((n) => document.querySelector('[data-testid="nav-feedback"] .badge')?.textContent?.includes(String(n - 1)), untriaged);
    const typed = page.locator(`[data-testid="inbox-row"][data-key="${first}"] .chip.type-request`);
    await typed.waitFor();
    // An area's letter puts the item in that area.
    const letter = await page.locator('[data-testid="item-detail"] section[aria-label="Area"] kbd').first().textContent();
    await page.keyboard.press(letter.toLowerCase());
    await page.waitForFunction(() => /^Put /.test(document.querySelector('[data-testid="inbox-status"]').textContent));
    // u undoes the area, then the type.
    await page.keyboard.press('u');
    await page.waitForFunction(() => /Undone: Put/.test(document.querySelector('[data-testid="inbox-status"]').textContent));
    await page.keyboard.press('u');
    await page.waitForFunction(() => /Undone: Typed/.test(document.querySelector('[data-testid="inbox-status"]').textContent));
    await page.waitForFunction((n) => document.querySelector('[data-testid="nav-feedback"] .badge')?.textContent?.includes(String(n)), untriaged);
    // x selects; 6 types the selection at once.
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.locator('[data-testid="bulk-bar"]').waitFor();
    await page.keyboard.press('6');
    await page.waitForFunction(() => /2 items as Confusion/.test(document.querySelector('[data-testid="inbox-status"]').textContent));
    await page.waitForFunction((n) => document.querySelector('[data-testid="nav-feedback"] .badge')?.textContent?.includes(String(n - 2)), untriaged);
    console.log(`demo inbox: j ${tj.toFixed(1)} ms, 3 ${t3.toFixed(1)} ms to the next item (the speed is tested with 50,000 items below)`);

    // c: the cluster picker, with Keel's suggestion first.
    await page.keyboard.press('c');
    await page.locator('[data-testid="cluster-picker"]').waitFor();
    await page.waitForTimeout(250);
    await shot(page, 'feedback-picker.png');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="cluster-picker"]').waitFor({ state: 'detached' });

    // n: a note from a call.
    await page.keyboard.press('n');
    await page.locator('[data-testid="note-dialog"]').waitFor();
    await page.fill('[data-testid="note-title"]', 'Wants alerts in Microsoft Teams');
    await page.fill('[data-testid="note-text"]', 'Call with Ana: they moved from Slack to Teams, alerts by e-mail get lost 📨');
    await page.waitForTimeout(250);
    await shot(page, 'feedback-note.png');
    await page.click('[data-testid="note-save"]');
    await page.locator('[data-testid="note-dialog"]').waitFor({ state: 'detached' });

    // The clusters: the founder's, then Keel's suggestions.
    await page.click('[data-testid="tab-clusters"]');
    await page.waitForSelector('[data-testid="cluster-row"]');
    await shots(page, 'feedback-clusters');
    const suggested = page.locator('[data-testid="cluster-row"][data-suggested="true"]').first();
    const sid = await suggested.getAttribute('data-id');
    await suggested.locator('button.link').click();
    await page.locator('[data-testid="suggestion"]').waitFor();
    await shot(page, 'feedback-suggestion.png');
    await page.fill('[data-testid="accept-title"]', 'Scheduled report e-mails do not arrive');
    await page.click('[data-testid="accept-suggestion"]');
    await page.waitForFunction((sid) => {
      const v = document.querySelector('[data-testid="cluster-view"]');
      return v && v.dataset.id !== sid && document.querySelector('[data-testid="cluster-status"]');
    }, sid);
    assert.match(await page.locator('[data-testid="cluster-title"]').textContent(), /Scheduled report e-mails do not arrive/);
    assert.match(await page.locator('[data-testid="cluster-status"]').textContent(), /Open/);

    // A product note: this cluster changed a decision.
    await page.click('[data-testid="add-product-note"]');
    await page.fill('[data-testid="pn-decision"]', 'Move report e-mails to a queue with retries');
    await page.fill('[data-testid="pn-why"]', 'A hundred reports of missed Monday e-mails, from accounts on every plan.');
    await page.fill('[data-testid="pn-owner"]', 'Tom');
    await page.click('[data-testid="pn-save"]');
    await page.locator('[data-testid="product-note"]').waitFor();

    // Shipped in a release: the changelog entry is drafted from it.
    await page.selectOption('[data-testid="status-select"]', 'shipped');
    // The demo's release records that went out are offered as where it shipped.
    await page.waitForFunction(() => document.querySelectorAll('#shipped-releases option').length > 0);
    const offered = await page.locator('#shipped-releases option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(offered.includes('Dark mode'), `releases offered: ${offered.join(', ')}`);
    await page.fill('[data-testid="status-release"]', 'v3.6');
    await page.click('[data-testid="status-save"]');
    await page.waitForFunction(() => /Shipped in v3.6/.test(document.querySelector('[data-testid="cluster-status"]')?.textContent ?? ''));
    assert.match(await page.locator('[data-testid="changelog"]').inputValue(), /v3\.6/);

    // The people to tell, saved as CSV, then marked told.
    const csv = join(dir, 'people-to-tell.csv');
    await page.evaluate((p) => (window.__keel.exportPath = p), csv);
    await page.click('[data-testid="export-people"]');
    await page.waitForFunction(() => /Saved .*people-to-tell\.csv/.test(document.body.textContent));
    await page.evaluate(() => delete window.__keel.exportPath);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows[0], 'name,email,account,plan,still_paying,churned_since,asked_on,told_on,list');
    assert.ok(rows.length > 3, `${rows.length} lines in the CSV`);
    const person = page.locator('[data-testid="people-tell"] [data-testid="person-row"]').first();
    await person.locator('input[type="checkbox"]').check();
    await page.click('[data-testid="mark-told"]');
    await page.waitForFunction(() => {
      const td = document.querySelector('[data-testid="people-tell"] [data-testid="person-row"] [data-testid="told"]');
      return td && td.textContent.trim() !== '—';
    });
    await shots(page, 'feedback-cluster');

    // The numbers of the last complete month: the read model's Feedback
    // figures (and bugs per release), as the review and `keel metrics` give them.
    await page.click('[data-testid="tab-numbers"]');
    await page.locator('[data-testid="feedback-numbers"] [data-testid="kpi-tile"]').first().waitFor();
    const keys = await page.locator('[data-testid="feedback-numbers"] [data-testid="kpi-tile"]').evaluateAll((ts) => ts.map((t) => t.dataset.key));
    assert.deepEqual(keys, ['feedback_items', 'untriaged', 'strategy_signals', 'loops_closed', 'bugs_per_release']);
    await shots(page, 'feedback-numbers');

    // The areas.
    await page.click('[data-testid="tab-areas"]');
    await page.locator('[data-testid="areas-editor"]').waitFor();
    await shot(page, 'feedback-areas.png');

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } catch (e) {
    await page.screenshot({ path: join(out, 'feedback-failure.png') }).catch(() => {});
    console.log('page errors:', errors);
    throw e;
  } finally {
    await openWorkspace(page, demo).catch(() => {});
    await browser.close();
  }
});

test('Feedback: the next item in under 50 ms with 50,000 items', async () => {
  const dir = join(work, 'feedback-50k');
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, 'board.csv');
  const words = 'dashboard export report chart alert slack sso login invoice filter api mobile dark mode pdf csv team seat plan sync'.split(' ');
  const lines = ['id,created_at,email,subject,text'];
  let seed = 7;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const t0 = Date.UTC(2023, 0, 1);
  for (let i = 0; i < 50_000; i++) {
    const title = Array.from({ length: 2 + rnd(4) }, () => words[rnd(words.length)]).join(' ');
    const text = Array.from({ length: rnd(20) }, () => words[rnd(words.length)]).join(' ');
    const at = new Date(t0 + i * 1_200_000).toISOString();
    lines.push(`${i + 1},${at},user${rnd(4000)}@company${rnd(900)}.com,${title},${text}`);
  }
  writeFileSync(csv, lines.join('\n') + '\n');
  const ws = join(dir, 'Big.keel');
  execFileSync(keel, ['import', '--workspace', ws, csv], { encoding: 'utf8' });
  const { browser, page, errors } = await openPage();
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openWorkspace(page, ws);
    await page.waitForSelector('[data-testid="main"][data-screen="home"]');
    await page.click('[data-testid="nav-feedback"]');
    await page.waitForSelector('[data-testid="item-detail"]', { timeout: 240_000 });
    const total = Number((await page.locator('[data-testid="inbox-total"]').textContent()).replace(/[^0-9]/g, ''));
    assert.equal(total, 50_000);
    const times = [];
    for (let i = 0; i < 40; i++) times.push(await timeKey(page, 'j'));
    const typed = [];
    for (let i = 0; i < 10; i++) typed.push(await timeKey(page, String(1 + (i % 7))));
    console.log(
      `50,000 items: next item after j: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; ` +
        `after a type key: median ${median(typed).toFixed(1)} ms, max ${Math.max(...typed).toFixed(1)} ms`,
    );
    assert.ok(median(times) < 50 && median(typed) < 50, `median j ${median(times)} ms, type ${median(typed)} ms`);
    assert.deepEqual(errors, []);
  } finally {
    await openWorkspace(page, demo).catch(() => {});
    await browser.close();
  }
});
