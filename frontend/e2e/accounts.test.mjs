// Accounts e2e on the demo: the list pages and searches; two accounts are
// merged (asked once) and the merge is undone from the top bar; an account
// opens in the side panel; the Ambiguous tab and the public mail domains.
// Screenshots: test-output/accounts.png, accounts-panel.png,
// accounts-ambiguous.png and accounts-public-domains-dark.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, out } from './harness.mjs';

const total = async (page) => Number((await page.locator('[data-testid="page-range"]').textContent()).split('of')[1].replace(/[^0-9]/g, ''));

test('Accounts: merge two accounts, undo the merge', async () => {
  const { browser, page, errors, remote } = await openPage();
  try {
    await page.click('[data-testid="nav-accounts"]');
    await page.waitForSelector('[data-testid="screen-accounts"]');
    await page.waitForSelector('[data-testid="account-row"]');
    const n = await total(page);
    assert.ok(n > 100, `demo accounts: ${n}`);
    assert.equal(await page.locator('[data-testid="account-row"]').count(), 50);
    await page.screenshot({ path: join(out, 'accounts.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, 'accounts-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Any two accounts will do: the 4th and 5th by MRR.
    const rows = page.locator('[data-testid="account-row"]');
    const a = await rows.nth(3).getAttribute('data-id');
    const b = await rows.nth(4).getAttribute('data-id');
    const nameOf = async (i) => (await rows.nth(i).locator('[data-testid="open-account"]').textContent()).trim();
    const nameA = await nameOf(3);
    const nameB = await nameOf(4);
    await rows.nth(3).locator('[data-testid="pick-account"]').check();
    await rows.nth(4).locator('[data-testid="pick-account"]').check();
    await page.click('[data-testid="merge"]');
    const dialog = page.locator('[data-testid="merge-dialog"]');
    await dialog.waitFor();
    await page.waitForTimeout(250); // the dialog fades in
    await page.screenshot({ path: join(out, 'accounts-merge.png') });
    await dialog.locator('[data-testid="confirm-merge"]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="page-range"]')?.textContent?.endsWith(`of ${want}`),
      String(n - 1),
    );
    assert.equal(await page.locator(`[data-testid="account-row"][data-id="${b}"]`).count(), 0);
    assert.equal(await page.locator(`[data-testid="account-row"][data-id="${a}"]`).count(), 1);

    // The merged account in the side panel lists the merge as a rule.
    await page.locator(`[data-testid="account-row"][data-id="${a}"] [data-testid="open-account"]`).click();
    const panel = page.locator('[data-testid="account-panel"]');
    await panel.locator('[data-testid="undo-rule"]').waitFor();
    // Its billing customers: the first one's page (MRR by month) is open.
    await panel.locator('[data-testid="account-customers"] [data-testid="customer-mrr"]').waitFor();
    await page.screenshot({ path: join(out, 'accounts-panel.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(out, 'accounts-panel-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // Undo from the top bar: both accounts are back, each under its own id
    // (found by searching its name, wherever it sorts).
    await page.click('[data-testid="undo-last"]');
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="page-range"]')?.textContent?.endsWith(`of ${want}`),
      String(n),
    );
    assert.equal(await page.locator('[data-testid="undo-last"]').count(), 0);
    for (const [id, name] of [[a, nameA], [b, nameB]]) {
      await page.fill('[data-testid="account-search"]', name);
      await page.waitForFunction(
        (id) => {
          const found = [...document.querySelectorAll('[data-testid="account-row"]')];
          return found.length < 50 && found.some((r) => r.dataset.id === id);
        },
        id,
      );
    }
    await page.fill('[data-testid="account-search"]', '');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="account-row"]').length === 50);

    // Search narrows the list.
    const name = (await rows.nth(0).locator('[data-testid="open-account"]').textContent()).trim();
    await page.fill('[data-testid="account-search"]', name);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="account-row"]').length < 5);
    assert.match(await rows.nth(0).textContent(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.fill('[data-testid="account-search"]', '');

    // The Ambiguous tab at 1024 px: organisations several accounts share,
    // or the empty state; the public mail domains open in a dialog.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.click('[data-testid="tab-ambiguous"]');
    await page.waitForSelector('[data-testid="ambiguous-org"], [data-testid="ambiguous-empty"]');
    const orgs = await page.locator('[data-testid="ambiguous-org"]').count();
    if (orgs > 0) {
      assert.match(await page.locator('[data-testid="ambiguous-org"] h3').first().textContent(), /^ambiguous: \d+ accounts at /);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing scrolls sideways at 1024 px');
    await page.screenshot({ path: join(out, 'accounts-ambiguous.png') });
    await page.click('[data-testid="edit-public-domains"]');
    const pub = page.locator('[data-testid="public-domains-dialog"]');
    await pub.waitFor();
    assert.match(await pub.locator('[data-testid="public-domains-text"]').inputValue(), /gmail\.com/);
    await page.waitForTimeout(250); // the dialog fades in
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, 'accounts-public-domains-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await pub.waitFor({ state: 'detached' });

    assert.deepEqual(errors, []);
    assert.deepEqual(remote, []);
  } finally {
    await browser.close();
  }
});
