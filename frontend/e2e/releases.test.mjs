// Releases e2e on the demo: the demo's rolled-back release shows the refunds
// and tickets that caused the rollback, live and in the evidence frozen with
// the call; then a new release is created, its checklist walked, it goes
// out (in the last complete month), its watch window opens, a rollback is
// recorded with its evidence, and it shows in the changelog, in the
// review's Releases step of that month, and in the Operations numbers (the
// screen's, as `keel metrics` counts them; and `keel releases --json`); last, the known issue Home lists opens its
// release and leaves the list once its workaround is safe. Screenshots of each screen, light and dark, at
// 1024 and 1440 px: test-output/releases-{list,detail,evidence,changelog,flags,review,propose,planned,issues}-{light,dark}-{1024,1440}.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { keelNow, openPage, out, work } from './harness.mjs';
import { metricsOf, num, screenshotScreen } from './metrics.mjs';

const keel = resolve('..', 'build', 'bin', 'keel-dev');

/** `keel releases --json` on a copy of the workspace the app holds open. */
function cliReleases() {
  const dir = mkdtempSync(join(work, 'releases-'));
  const src = join(work, 'data', 'Demo.keel');
  copyFileSync(src, join(dir, 'Demo.keel'));
  if (existsSync(`${src}-wal`)) copyFileSync(`${src}-wal`, join(dir, 'Demo.keel-wal'));
  return JSON.parse(execFileSync(keel, ['releases', '--workspace', join(dir, 'Demo.keel'), '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** Screenshots of the screen as it is, at 1024 and 1440 px, light and dark. */
async function shots(page, name) {
  const vp = page.viewportSize();
  for (const width of [1024, 1440]) {
    for (const scheme of ['light', 'dark']) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(250);
      const wide = await page.evaluate(() => {
        const main = document.querySelector('[data-testid="main"]');
        return main ? main.scrollWidth > main.clientWidth + 1 : false;
      });
      assert.equal(wide, false, `${name} scrolls sideways at ${width} px`);
      // Nor does a table inside it (a table scrolls in its own box).
      const tables = await page.evaluate(() =>
        [...document.querySelectorAll('.table-wrap')]
          .filter((t) => t.getClientRects().length > 0 && t.scrollWidth > t.clientWidth + 1)
          .map((t) => t.querySelector('table')?.getAttribute('data-testid') || t.querySelector('table')?.getAttribute('aria-label') || 'a table'),
      );
      assert.deepEqual(tables, [], `${name}: tables scroll sideways at ${width} px`);
      await screenshotScreen(page, join(out, `releases-${name}-${scheme}-${width}.png`));
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(vp);
}

const pad = (n) => String(n).padStart(2, '0');
const local = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

test('Releases: the demo rollback, then a release from its title to its rollback, in the changelog and the numbers', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    await page.keyboard.press('g');
    await page.keyboard.press('l');
    await page.waitForSelector('[data-testid="screen-releases"]');
    await page.waitForSelector('[data-testid="release-row"]');
    const rows = page.locator('[data-testid="release-row"]');
    assert.ok((await rows.count()) >= 12, 'the demo has a year of releases');
    const opsBefore = num(await page.locator('[data-testid="ops-rollbacks"] dd').textContent());
    await shots(page, 'list');

    // The demo's rollback: its watch window shows the refunds and the
    // tickets that caused it, and the evidence frozen with the call says so.
    await page.locator('[data-testid="release-list"]').getByRole('button', { name: 'Usage-based invoices', exact: true }).click();
    await page.waitForSelector('[data-testid="watch-figures"]');
    for (const key of ['refunds', 'tickets']) {
      const row = page.locator(`[data-testid="watch-figure"][data-key="${key}"]`);
      assert.equal(await row.getAttribute('data-alarm'), 'true', `${key} is outside its usual range`);
    }
    assert.match(await page.locator('[data-testid="watch-summary"]').textContent(), /refunds/i);
    assert.equal(await page.locator('[data-testid="call"]').first().getAttribute('data-call'), 'rollback');
    await shots(page, 'detail');
    await page.locator('[data-testid="call-evidence"]').first().click();
    await page.waitForSelector('[data-testid="evidence-window"]');
    const frozen = page.locator('[data-testid="evidence-window"] [data-testid="watch-figure"][data-key="refunds"]');
    assert.equal(await frozen.getAttribute('data-alarm'), 'true');
    await shots(page, 'evidence');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="evidence-panel"]', { state: 'detached' });
    await page.click('[data-testid="release-back"]');

    // A new release, from its title.
    await page.waitForSelector('[data-testid="release-new-title"]');
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'release-new-title');
    await page.keyboard.type('Invoice reminders by e-mail');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="release-detail"]');
    const step = (id) => page.locator(`[data-testid="checklist-step"][data-step="${id}"]`);
    assert.equal(await step('decision').getAttribute('data-done'), 'false');
    const type = async (testid, text) => {
      await page.fill(`[data-testid="${testid}"]`, text);
      await page.locator(`[data-testid="${testid}"]`).blur();
    };
    // Walk the checklist: the decision, the slice, the rollout, observability, an owner.
    await type('f-decision', 'Do reminders cut failed payments?');
    await type('f-behaviour', 'Accounts update their card before renewal');
    await page.locator('[data-testid="f-kinds"] input[data-value="feature"]').check();
    await page.locator('[data-testid="f-areas"] input[data-value="billing"]').check();
    await page.locator('[data-testid="check-slice"]').check();
    await page.waitForFunction(() => document.querySelector('[data-step="slice"]')?.getAttribute('data-done') === 'true');
    assert.equal(await step('decision').getAttribute('data-done'), 'true');
    await page.selectOption('[data-testid="f-rollout"]', 'percentage');
    await type('f-affected', 'Monthly payers on Growth');
    await type('f-reverse', 'Turn the reminders flag off');
    await page.waitForFunction(() => document.querySelector('[data-step="rollout"]')?.getAttribute('data-done') === 'true');
    for (const c of ['obs_events', 'obs_logs', 'obs_support_tags', 'obs_dashboards']) await page.locator(`[data-testid="check-${c}"]`).check();
    await page.locator('[data-testid="f-watch"] input[data-value="failed_payments"]').check();
    await page.locator('[data-testid="f-watch"] input[data-value="tickets"]').check();
    await page.waitForFunction(() => document.querySelector('[data-step="observability"]')?.getAttribute('data-done') === 'true');
    await type('f-owner', 'Maya Lindqvist');
    await type('f-sentence', 'Keel reminds you before a card expires.');
    assert.match(await page.locator('[data-testid="checklist-progress"]').textContent(), /4 of 6/);

    // It went out on the 10th of last month: the watch window opens on the
    // demo's data. The app's today (build/e2e.sh sets KEEL_TODAY, a date or
    // an RFC 3339 time), not the machine's.
    const today = keelNow();
    const went = new Date(today.getFullYear(), today.getMonth() - 1, 10, 10, 0);
    const lastMonth = `${went.getFullYear()}-${pad(went.getMonth() + 1)}`;
    const thisMonth = `${today.getFullYear()}-${pad(today.getMonth() + 1)}`;
    const releasedBefore = metricsOf(lastMonth).operations.releases;
    await page.fill('[data-testid="release-shipped"]', local(went));
    await page.locator('[data-testid="release-shipped"]').dispatchEvent('change');
    await page.waitForSelector('[data-testid="release-detail"] [data-testid="watch-figures"]');
    await page.waitForFunction(() => document.querySelector('[data-step="ship"]')?.getAttribute('data-done') === 'true');
    const after = page.locator('[data-testid="release-detail"] [data-testid="watch-figure"][data-key="tickets"] [data-testid="watch-after"]');
    assert.match(await after.textContent(), /^\s*[\d,]+\s*$/, 'tickets after the release are counted');

    // The rollback, with its evidence.
    await page.fill('[data-testid="call-note"]', 'Reminders went to cancelled accounts');
    await page.click('[data-testid="call-rollback"]');
    await page.waitForSelector('[data-testid="call"][data-call="rollback"]');
    await page.locator('[data-testid="call-evidence"]').first().click();
    await page.waitForSelector('[data-testid="evidence-window"] [data-testid="watch-figure"][data-key="tickets"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="evidence-panel"]', { state: 'detached' });
    await type('rv-broke', 'Reminders reached accounts that had cancelled.');
    await page.click('[data-testid="release-mark-reviewed"]');
    await page.waitForFunction(() => document.querySelector('[data-step="review"]')?.getAttribute('data-done') === 'true');
    await page.click('[data-testid="release-back"]');

    // The Operations numbers: the rollback counts this month, the release
    // last month, on the screen as in `keel metrics`.
    await page.waitForSelector('[data-testid="release-ops"]');
    await page.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="ops-rollbacks"] dd')?.textContent?.replace(/[^0-9]/g, '')) === before + 1,
      opsBefore,
    );
    const now = metricsOf(thisMonth).operations;
    assert.equal(num(await page.locator('[data-testid="ops-rollbacks"] dd').textContent()), now.rollbacks);
    assert.equal(num(await page.locator('[data-testid="ops-releases"] dd').textContent()), now.releases);
    await page.selectOption('[data-testid="ops-month"]', lastMonth);
    const last = metricsOf(lastMonth).operations;
    assert.equal(last.releases, releasedBefore + 1);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="ops-releases"] dd')?.textContent?.replace(/[^0-9]/g, '')) === n, last.releases);

    // The changelog has it, marked rolled back.
    await page.keyboard.press('2');
    await page.waitForSelector('[data-testid="changelog-entry"]');
    const entry = page.locator('[data-testid="changelog-entry"]', { hasText: 'Invoice reminders by e-mail' });
    await entry.waitFor();
    assert.equal(await entry.locator('[data-testid="changelog-rolled-back"]').count(), 1);
    assert.match(await page.locator('[data-testid="changelog-markdown"]').textContent(), /Invoice reminders by e-mail\.\*\* Keel reminds you before a card expires\. _Rolled back on/);
    await shots(page, 'changelog');

    // The flag registry, stale flags first.
    await page.keyboard.press('3');
    await page.waitForSelector('[data-testid="flag-row"]');
    assert.equal(await page.locator('[data-testid="flag-row"]').first().getAttribute('data-stale'), 'true');
    await shots(page, 'flags');

    // The review of last month names it in its Releases step.
    await page.keyboard.press('g');
    await page.keyboard.press('m');
    await page.waitForSelector('[data-testid="screen-review"]');
    await page.click('[data-testid="rail-step"][data-step="releases"]');
    const reading = page.locator('[data-testid="review-step"][data-step="releases"] [data-testid="step-reading"]');
    await reading.waitFor();
    assert.match(await reading.textContent(), /Invoice reminders by e-mail/);
    // …and lists it with its call; its title opens it on the Releases screen.
    const listed = page.locator('[data-testid="review-release"]', { hasText: 'Invoice reminders by e-mail' });
    assert.equal(await listed.getAttribute('data-call'), 'rollback');
    await shots(page, 'review');
    await listed.getByRole('button', { name: 'Invoice reminders by e-mail' }).click();
    await page.waitForSelector('[data-testid="screen-releases"] [data-testid="release-detail"]');
    await page.click('[data-testid="release-back"]');

    // The command line says the same.
    const cli = cliReleases();
    const mine = cli.releases.find((r) => r.title === 'Invoice reminders by e-mail');
    assert.ok(mine, 'keel releases lists the new release');
    assert.equal(mine.status, 'reviewed');
    assert.equal(mine.calls[0].call, 'rollback');
    assert.ok(mine.calls[0].evidence.figures.some((f) => f.key === 'tickets'));
    assert.ok(cli.flags.stale >= 1);

    // Releases started from a pasted CHANGELOG.md: one proposal per
    // version with its date (Unreleased has none, so it comes as planned).
    await page.keyboard.press('g');
    await page.keyboard.press('l');
    await page.waitForSelector('[data-testid="screen-releases"]');
    await page.keyboard.press('1');
    await page.waitForSelector('[data-testid="release-row"]');
    const rowsBefore = await rows.count();
    await page.click('[data-testid="releases-propose"]');
    await page.fill(
      '[data-testid="propose-text"]',
      '# Changelog\n\n## [Unreleased]\n### Added\n- Seat limits per workspace\n\n## [0.9.0] - 2024-03-14\n### Added\n- Weekly digest e-mails\n### Fixed\n- Timezones in exports\n',
    );
    await page.click('[data-testid="propose-read"]');
    await page.waitForSelector('[data-testid="proposal"]');
    const proposals = page.locator('[data-testid="proposal"]');
    assert.equal(await proposals.count(), 2);
    assert.match(await proposals.filter({ hasText: '0.9.0' }).textContent(), /Mar 14, 2024/);
    await shots(page, 'propose');
    await page.click('[data-testid="propose-add"]');
    await page.waitForSelector('[data-testid="propose-dialog"]', { state: 'detached' });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="release-row"]').length === n, rowsBefore + 2);

    // A planned release with what is missing: its warnings say so.
    await page.locator('[data-testid="release-list"]').getByRole('button', { name: 'Audit log for Scale', exact: true }).click();
    await page.waitForSelector('[data-testid="release-warnings"]');
    for (const id of ['no_owner', 'nothing_to_watch']) {
      assert.equal(await page.locator(`[data-testid="release-warnings"] [data-warning="${id}"]`).count(), 1, `warns of ${id}`);
    }
    await shots(page, 'planned');

    // Home's operating debt lists the held team plans' known issue (no safe
    // workaround); it opens its release, where the workaround is marked
    // safe, and then it is no longer debt.
    await page.keyboard.press('g');
    await page.keyboard.press('h');
    const issue = page.locator('[data-testid="debt-entry"][data-kind="known_issue"]');
    await issue.waitFor();
    assert.match(await issue.textContent(), /billing page.*Team plans/);
    await issue.locator('button').click();
    await page.waitForSelector('[data-testid="release-issues"] [data-testid="known-issue"][data-open="true"]');
    await shots(page, 'issues');
    await page.click('[data-testid="ki-safe"]');
    await page.waitForFunction(async () => (await window.go.app.Releases.Get('rel_demo_teams')).known_issues[0].safe === true);
    await page.keyboard.press('g');
    await page.keyboard.press('h');
    await page.waitForSelector('[data-testid="debt-entry"]');
    assert.equal(await page.locator('[data-testid="debt-entry"][data-kind="known_issue"]').count(), 0);

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } catch (e) {
    await page.screenshot({ path: join(out, 'releases-failure.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
