// Decisions, manual work, plans and costs e2e, on the demo workspace:
// a decision recorded with the figure that will tell (and a threshold in
// dollars), linked to a release the demo shipped, then judged on its review date by a second Keel
// started on a copy of the workspace with a later KEEL_TODAY (backend/clock),
// validated from the numbers `keel decisions` computes; manual work logged
// with Ctrl+Shift+M from Home; a plan's entitlement and a unit cost set
// (a negative one refused in a sentence) and the margin per plan read back.
// Screenshots in test-output/: each screen (home, decisions, manual, plans)
// light and dark at 1024 and 1440 px, plus the decision panel and dialogs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { openPage, out, work } from './harness.mjs';
import { num } from './metrics.mjs';

const keel = resolve('..', 'build', 'bin', 'keel-dev');

/** A copy of the demo workspace the app holds open, in a folder of its own. */
function copyDemo(prefix) {
  const dir = mkdtempSync(join(work, prefix));
  const src = join(work, 'data', 'Demo.keel');
  copyFileSync(src, join(dir, 'Demo.keel'));
  if (existsSync(`${src}-wal`)) copyFileSync(`${src}-wal`, join(dir, 'Demo.keel-wal'));
  return dir;
}

/** `keel decisions --json` on a copy of a workspace, on a day (KEEL_TODAY). */
function cliDecisions(dir, today) {
  const copy = mkdtempSync(join(work, 'cli-'));
  copyFileSync(join(dir, 'Demo.keel'), join(copy, 'Demo.keel'));
  if (existsSync(join(dir, 'Demo.keel-wal'))) copyFileSync(join(dir, 'Demo.keel-wal'), join(copy, 'Demo.keel-wal'));
  return JSON.parse(
    execFileSync(keel, ['decisions', '--workspace', join(copy, 'Demo.keel'), '--json'], { encoding: 'utf8', env: { ...process.env, KEEL_TODAY: today } }),
  );
}

/** YYYY-MM-DD n days after day. */
function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** A second Keel (its own process group, data folder and day), on dir's Demo.keel. */
async function startKeel(dir, today) {
  const port = await freePort();
  const child = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1400x900x24', keel, '-devserver', `127.0.0.1:${port}`, '-assetdir', resolve('dist'), '-loglevel', 'warning'],
    { env: { ...process.env, KEEL_DATA_DIR: dir, KEEL_TODAY: today }, detached: true, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await (await fetch(url)).text()).includes('data-keel-app')) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 20; i++) {
      try {
        process.kill(-child.pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  return { url, stop };
}

/** A screenshot of the whole screen (the main area scrolls, not the page). */
async function shot(page, name) {
  const vp = page.viewportSize();
  const height = await page.evaluate(() => document.querySelector('[data-testid="main"]')?.scrollHeight ?? 800);
  await page.setViewportSize({ width: vp.width, height: Math.min(Math.max(height, vp.height), 3200) });
  await page.waitForTimeout(500); // charts follow their box
  await page.screenshot({ path: join(out, name) });
  await page.setViewportSize(vp);
}

async function goTo(page, key, testid) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press(key);
  await page.waitForSelector(`[data-testid="${testid}"]`);
}

const today = process.env.KEEL_TODAY;

test('a decision recorded with its evidence figure, judged on its review date and validated from the numbers', async () => {
  assert.match(today ?? '', /^\d{4}-\d{2}-\d{2}$/, 'build/e2e.sh sets KEEL_TODAY');
  const review = addDays(today, 35); // in a later month: a whole month lies between
  const what = `Raise the Scale price (e2e ${Date.now()})`;
  const { browser, page, errors, remote } = await openPage();
  try {
    await goTo(page, 'd', 'screen-decisions');
    await page.waitForSelector('[data-testid="decision-row"]');
    await page.click('[data-testid="decision-new"]');
    await page.waitForSelector('[data-testid="decision-form"]');
    await page.click('[data-testid="decision-kind-change"]', { force: true });
    await page.fill('[data-testid="decision-what"]', what);
    await page.fill('[data-testid="decision-why"]', 'Scale accounts use ten times what Starter does');
    await page.fill('[data-testid="decision-owner"]', 'Maya');
    await page.selectOption('[data-testid="decision-figure"]', 'revenue.mrr');
    await page.selectOption('[data-testid="decision-expect"]', 'at_least');
    await page.fill('[data-testid="decision-threshold"]', '1000');
    // A review date in the decision's own month is refused in words.
    await page.fill('[data-testid="decision-review"]', today);
    await page.click('[data-testid="decision-save"]');
    assert.match(await page.locator('[data-testid="decision-error"]').textContent(), /Pick a review date after/);
    await page.fill('[data-testid="decision-review"]', review);
    await page.click('[data-testid="decision-save"]');
    await page.waitForSelector('[data-testid="decision-panel"]');
    assert.equal((await page.locator('[data-testid="decision-status"]').textContent()).trim(), 'Made');
    assert.match(await page.locator('[data-testid="decision-know"]').textContent(), /MRR is at least \$1,000\.00, looked at on/);

    // Saved at once: the command line sees it, with the threshold in cents.
    let cli = cliDecisions(join(work, 'data'), today);
    let d = cli.decisions.find((x) => x.what === what);
    assert.ok(d, 'the decision is in keel decisions --json');
    assert.deepEqual([d.figure, d.expect, d.threshold, d.review_on, d.status, d.made], ['revenue.mrr', 'at_least', 100000, review, 'made', today]);

    // Shipped: linked to a release of the demo that has gone out (the
    // releases recorded on the Releases screen).
    const options = await page.$$eval('[data-testid="decision-link"] option', (os) => os.map((o) => [o.value, o.textContent]));
    const shippedRelease = options.find(([v, t]) => v && t.includes('(shipped'));
    assert.ok(shippedRelease, `a shipped release to link: ${JSON.stringify(options)}`);
    await page.selectOption('[data-testid="decision-link"]', shippedRelease[0]);
    await page.waitForFunction(() => document.querySelector('[data-testid="decision-status"]')?.textContent?.trim() === 'Shipped');
    const title = shippedRelease[1].split(' (shipped')[0];
    assert.ok((await page.locator('[data-testid="decision-release"]').textContent()).includes(title), `linked to ${title}`);
    cli = cliDecisions(join(work, 'data'), today);
    d = cli.decisions.find((x) => x.what === what);
    assert.deepEqual([d.status, d.release_id, d.shipped_by], ['shipped', shippedRelease[0], 'release']);
    await page.waitForTimeout(300);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: join(out, 'decisions-panel.png') });
    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }

  // The review date comes: a second Keel on a copy of the workspace, a day after it.
  const later = addDays(review, 1);
  const dir = copyDemo('later-');
  const cli = cliDecisions(dir, later);
  const want = cli.decisions.find((x) => x.what === what);
  assert.ok(want.due && want.proposal, `due with a proposal on ${later}: ${JSON.stringify(want)}`);
  assert.equal(want.proposal.proposed, 'validated');
  const keel2 = await startKeel(dir, later);
  const browser2 = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser2.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(keel2.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    // Home's operating debt lists nothing for it yet: due today, not past.
    await goTo(page, 'd', 'screen-decisions');
    const row = page.locator(`[data-testid="due-decision"][data-id="${want.id}"]`);
    await row.waitFor();
    assert.equal((await row.locator('.reading').textContent()).trim(), want.proposal.reading);
    await row.locator('button.open').click();
    await page.waitForSelector('[data-testid="decision-evidence"]');
    assert.equal(await page.locator('[data-testid="decision-evidence"]').getAttribute('data-proposed'), 'validated');
    assert.equal(num(await page.locator('[data-testid="evidence-after"]').textContent()), want.proposal.after / 100);
    assert.equal(num(await page.locator('[data-testid="evidence-before"]').textContent()), want.proposal.before / 100);
    await page.fill('[data-testid="decision-note"]', 'MRR held above $1,000');
    await page.click('[data-testid="decision-validate"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="decision-status"]')?.textContent?.trim() === 'Validated');
    await page.screenshot({ path: join(out, 'decisions-validated.png') });
    assert.deepEqual(errors, []);
  } finally {
    await browser2.close();
    await keel2.stop();
  }
  const after = cliDecisions(dir, later).decisions.find((x) => x.what === what);
  assert.equal(after.status, 'validated');
  assert.equal(after.closed_on, later);
  assert.equal(after.note, 'MRR held above $1,000');
  assert.deepEqual([after.evidence.before, after.evidence.after, after.evidence.proposed], [want.proposal.before, want.proposal.after, 'validated']);
});

test('manual work logged from anywhere with Ctrl+Shift+M', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    await page.waitForSelector('[data-testid="screen-home"]');
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('[data-testid="manual-dialog"]');
    await page.fill('[data-testid="manual-account"]', 'a');
    await page.locator('[data-testid="manual-account-option"]').first().waitFor();
    const account = (await page.locator('[data-testid="manual-account-option"] .name').first().textContent()).trim();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="manual-account-chosen"]');
    await page.selectOption('[data-testid="manual-kind"]', 'data_fix');
    // Zero minutes is refused in a sentence; nothing is saved.
    await page.fill('[data-testid="manual-minutes"]', '0');
    await page.fill('[data-testid="manual-note"]', 'e2e: re-ran their import by hand');
    await page.click('[data-testid="manual-save"]');
    assert.match(await page.locator('[data-testid="manual-error"]').textContent(), /how many minutes it took/);
    await page.fill('[data-testid="manual-minutes"]', '25');
    await page.screenshot({ path: join(out, 'manual-dialog.png') });
    await page.click('[data-testid="manual-save"]');
    await page.waitForSelector('[data-testid="manual-dialog"]', { state: 'detached' });

    await goTo(page, 'w', 'screen-manual');
    const latest = page.locator('[data-testid="manual-latest-entry"]').first();
    await latest.waitFor();
    const text = await latest.textContent();
    assert.match(text, new RegExp(account));
    assert.match(text, /Data fix, 25 min/);
    assert.match(text, /re-ran their import by hand/);

    // Saved at once: `keel manual list` of this month on a copy has it.
    const dir = copyDemo('manual-');
    const listed = JSON.parse(execFileSync(keel, ['manual', 'list', '--workspace', join(dir, 'Demo.keel'), '--month', today.slice(0, 7), '--json'], { encoding: 'utf8' }));
    assert.ok(listed.entries.some((e) => e.note === 'e2e: re-ran their import by hand' && e.minutes === 25 && e.account_name === account));
    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});

test('plan entitlements and unit costs set, margin per plan read back', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    await goTo(page, 'p', 'screen-plans');
    await page.waitForSelector('[data-testid="plan-row"]');

    // What plans grant: SSO on Growth · monthly, up to 5 seats.
    await page.click('[data-testid="tab-plans"]');
    const cell = page.locator('[data-testid="matrix-row"][data-feature="SSO"] [data-testid="matrix-cell"][data-plan="Growth · monthly"]');
    await cell.click();
    await page.selectOption('[data-testid="grant-access"]', 'usage_limited');
    await page.fill('[data-testid="grant-limit"]', '5');
    await page.fill('[data-testid="grant-unit"]', 'seats');
    await page.click('[data-testid="grant-save"]');
    await page.waitForSelector('[data-testid="grant-dialog"]', { state: 'detached' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="matrix-row"][data-feature="SSO"] [data-testid="matrix-cell"][data-plan="Growth · monthly"]')?.textContent?.trim() === '5 seats',
    );
    assert.equal(await cell.getAttribute('title'), 'Yes, up to 5 seats.');

    // Cost drivers: a negative unit cost is refused in a sentence; a dearer export is saved.
    await page.click('[data-testid="tab-drivers"]');
    const exportsRow = page.locator('[data-testid="driver-row"][data-name="Data exports"]');
    await exportsRow.waitFor();
    assert.match(await page.locator('[data-testid="driver-row"][data-name="Report e-mails"] [data-testid="driver-unmapped"]').textContent(), /report_\w+ \([\d,]+ events\)/);
    await exportsRow.locator('[data-testid="driver-edit"]').click();
    await page.fill('[data-testid="driver-cost"]', '-3');
    await page.click('[data-testid="driver-save"]');
    assert.match(await page.locator('[data-testid="driver-error"]').textContent(), /cannot be negative: -3 cents per export would mean every export earns you money/);
    await page.screenshot({ path: join(out, 'plans-driver-refused.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="driver-dialog"]', { state: 'detached' });
    await page.click('[data-testid="tab-costs"]');
    const growth = page.locator('[data-testid="plan-row"][data-plan="Growth · monthly"]');
    const before = num(await growth.locator('[data-testid="plan-cost"]').textContent());
    await page.click('[data-testid="tab-drivers"]');
    await exportsRow.locator('[data-testid="driver-edit"]').click();
    await page.fill('[data-testid="driver-cost"]', '28');
    await page.click('[data-testid="driver-save"]');
    await page.waitForSelector('[data-testid="driver-dialog"]', { state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="driver-row"][data-name="Data exports"] [data-testid="driver-unit-cost"]')?.textContent?.trim() === '28');

    // The margin per plan follows: Growth · monthly carries the power user's exports.
    await page.click('[data-testid="tab-costs"]');
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="plan-row"][data-plan="Growth · monthly"] [data-testid="plan-cost"]')?.textContent?.replace(/[^0-9.]/g, '')) > b,
      before,
    );
    const cells = await growth.locator('td').allTextContents();
    const [mrr, cost, margin] = [num(cells[2]), num(cells[3]), Number(cells[4].replace(/[^0-9.−-]/g, '').replace('−', '-'))];
    assert.ok(cost > before, `cost ${cost} after raising the export unit cost, ${before} before`);
    assert.ok(Math.abs(((mrr - cost) / mrr) * 100 - margin) < 0.06, `margin ${margin} % of MRR ${mrr} and cost ${cost}`);
    await page.waitForSelector('[data-testid="costs-chart"] svg path', { state: 'attached' });
    await page.waitForSelector('[data-testid="power-user"]');
    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});

test('screens light and dark at 1024 and 1440 px', async () => {
  mkdirSync(out, { recursive: true });
  const { browser, page, errors } = await openPage();
  try {
    for (const [key, testid, name] of [
      ['h', 'debt-entry', 'home'],
      ['d', 'decision-row', 'decisions'],
      ['w', 'manual-entry', 'manual'],
      ['p', 'plan-row', 'plans'],
    ]) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('g');
      await page.keyboard.press(key);
      await page.waitForSelector(`[data-testid="${testid}"]`);
      for (const width of [1024, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        for (const scheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.waitForTimeout(300);
          // Nothing scrolls sideways.
          const wide = await page.evaluate(() => {
            const main = document.querySelector('[data-testid="main"]');
            return main.scrollWidth - main.clientWidth;
          });
          assert.ok(wide <= 1, `${name} at ${width} px scrolls sideways by ${wide} px`);
          await shot(page, `${name}-${width}-${scheme}.png`);
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    for (const tab of ['plans', 'drivers']) {
      await page.click(`[data-testid="tab-${tab}"]`);
      await page.waitForTimeout(300);
      await shot(page, `plans-${tab}-1440-light.png`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('dates in inputs follow the OS locale: German days typed as 31.12.2026, moved a day with the arrows', async () => {
  const { browser, page, errors } = await openPage({ locale: 'de-DE' });
  const german = (iso) => iso.split('-').reverse().join('.');
  try {
    await page.setViewportSize({ width: 1024, height: 768 });
    await goTo(page, 'd', 'screen-decisions');
    await page.click('[data-testid="decision-new"]');
    await page.waitForSelector('[data-testid="decision-form"]');
    const made = page.locator('[data-testid="decision-made"]');
    assert.equal(await made.inputValue(), german(today));
    assert.equal(await made.getAttribute('placeholder'), 'DD.MM.YYYY');
    const reviewOn = page.locator('[data-testid="decision-review"]');
    const review = addDays(today, 40);
    await reviewOn.fill(german(review));
    await reviewOn.press('ArrowUp');
    assert.equal(await reviewOn.inputValue(), german(addDays(review, 1)));
    await reviewOn.fill('31.02.2027');
    await reviewOn.press('Enter');
    assert.equal(await reviewOn.getAttribute('aria-invalid'), 'true', 'a day that does not exist is flagged');
    await reviewOn.fill(german(review));
    await reviewOn.press('Tab');
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(out, `decision-form-de-1024-${scheme}.png`) });
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
