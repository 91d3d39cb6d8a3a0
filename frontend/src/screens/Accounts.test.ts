import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Accounts from './Accounts.svelte';
import { accountsView } from '../lib/accounts';
import { app } from '../lib/app.svelte';
import { toasts } from '../lib/toasts.svelte';
import { WS } from '../test/fixtures';
import { CUSTOMER } from '../test/revenue';
import { installAreaFakes, page } from '../test/users';

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'accounts';
}

beforeEach(() => {
  Object.assign(accountsView, { query: '', sort: 'mrr', offset: 0, tab: 'accounts' });
});

describe('Accounts', () => {
  it('lists accounts with sources, plan, MRR, tickets and last activity, page by page', async () => {
    const fake = installAreaFakes();
    open();
    render(Accounts);
    const rows = await screen.findAllByTestId('account-row');
    expect(fake.Accounts.List).toHaveBeenCalledWith('', 'mrr', 0, 50);
    expect(rows).toHaveLength(50);
    expect(rows[0].textContent).toContain('Company 1');
    expect(rows[0].textContent).toContain('Stripe, Zendesk, PostHog');
    expect(rows[0].textContent).toContain('Growth');
    expect(rows[0].textContent).toContain('$999.00');
    // The MRR column says it is today's, not a month end's.
    const head = screen.getByTestId('accounts-mrr-head');
    expect(head.textContent).toBe('MRR today');
    expect(head.getAttribute('title')).toContain('not at a month');
    expect(screen.getByTestId('page-range').textContent).toBe('1–50 of 120');
    expect(screen.getByTestId('topbar').textContent).toContain('120 accounts');
    expect(screen.getByTestId('topbar').textContent).toContain('120 accounts · 330 tickets');
    await fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(fake.Accounts.List).toHaveBeenLastCalledWith('', 'mrr', 50, 50));
    await waitFor(() => expect(screen.getByTestId('page-range').textContent).toBe('51–100 of 120'));
    await fireEvent.change(screen.getByTestId('account-sort'), { target: { value: 'tickets' } });
    await waitFor(() => expect(fake.Accounts.List).toHaveBeenLastCalledWith('', 'tickets', 0, 50));
  });

  it('searches as the founder types, and / focuses the search', async () => {
    const fake = installAreaFakes({
      Accounts: { List: async (q: string) => ({ ...page(0, 50, q ? 1 : 120), query: q }) },
    });
    open();
    render(Accounts);
    await screen.findAllByTestId('account-row');
    await fireEvent.keyDown(window, { key: '/' });
    const search = screen.getByTestId('account-search') as HTMLInputElement;
    expect(document.activeElement).toBe(search);
    await fireEvent.input(search, { target: { value: 'company7' } });
    await waitFor(() => expect(fake.Accounts.List).toHaveBeenLastCalledWith('company7', 'mrr', 0, 50));
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(1));
  });

  it('merges two accounts after asking, and can undo it', async () => {
    const fake = installAreaFakes();
    open();
    render(Accounts);
    const rows = await screen.findAllByTestId('account-row');
    const merge = screen.getByTestId('merge') as HTMLButtonElement;
    expect(merge.disabled).toBe(true);
    await fireEvent.click(within(rows[2]).getByTestId('pick-account'));
    expect(screen.getByTestId('picked').textContent).toContain('pick one more');
    await fireEvent.click(within(rows[4]).getByTestId('pick-account'));
    expect(merge.disabled).toBe(false);
    await fireEvent.click(merge);
    const dialog = await screen.findByTestId('merge-dialog');
    expect(dialog.textContent).toContain('Company 3');
    expect(dialog.textContent).toContain('Company 5');
    await fireEvent.click(within(dialog).getByTestId('confirm-merge'));
    await waitFor(() => expect(fake.Accounts.Merge).toHaveBeenCalledWith('acc_3', 'acc_5'));
    await waitFor(() => expect(screen.queryByTestId('merge-dialog')).toBeNull());
    const t = toasts.find((x) => x.message.includes('Merged'));
    expect(t?.action?.label).toBe('Undo');
    t!.action!.run();
    await waitFor(() => expect(fake.Accounts.Forget).toHaveBeenCalledWith(7));
  });

  it('offers to undo the last merge or split from the top bar', async () => {
    const fake = installAreaFakes({
      Accounts: {
        List: async () => ({
          ...page(),
          last: { seq: 3, kind: 'split', a: 'email:bob@x.com', b: '', at: 0, text: 'Split bob@x.com off into its own account', when: '2026-03-01T00:00:00Z' },
        }),
      },
    });
    open();
    render(Accounts);
    const undo = await screen.findByTestId('undo-last');
    expect(undo.textContent).toContain('Undo last split');
    await fireEvent.click(undo);
    await waitFor(() => expect(fake.Accounts.Forget).toHaveBeenCalledWith(3));
  });

  it('opens an account in the side panel with its customer page, and splits an address off', async () => {
    const fake = installAreaFakes();
    const customer = vi.fn(async () => structuredClone(CUSTOMER));
    window.go!.app!.Revenue = { Customer: customer };
    open();
    render(Accounts);
    const rows = await screen.findAllByTestId('account-row');
    await fireEvent.click(within(rows[0]).getByTestId('open-account'));
    const panel = await screen.findByTestId('account-panel');
    await waitFor(() => expect(within(panel).getByTestId('account-addresses').textContent).toContain('bob@company1.com'));
    expect(panel.textContent).toContain('cus_1');
    expect(panel.textContent).toContain('Linking rules');
    // Its billing customer's page (the Revenue drill-down's) is open in it.
    await within(panel).findByTestId('customer-mrr');
    expect(customer).toHaveBeenCalledWith('cus_1', '');
    await fireEvent.click(within(panel).getByTestId('customer-toggle'));
    expect(within(panel).queryByTestId('customer-page')).toBeNull();
    await fireEvent.click(within(panel).getAllByTestId('split-address')[1]);
    const confirm = await screen.findByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('bob@company1.com');
    await fireEvent.click(within(confirm).getByTestId('confirm-ok'));
    await waitFor(() => expect(fake.Accounts.Split).toHaveBeenCalledWith('acc_1', 'bob@company1.com'));
    expect(toasts.some((x) => x.message.includes('Split bob@company1.com') && x.action?.label === 'Undo')).toBe(true);
  });

  it('lists unlinked tickets and links a requester to an account', async () => {
    const fake = installAreaFakes();
    open();
    render(Accounts);
    await screen.findAllByTestId('account-row');
    expect(screen.getByTestId('tab-unlinked-tickets').textContent).toContain('330');
    await fireEvent.click(screen.getByTestId('tab-unlinked-tickets'));
    const table = await screen.findByTestId('unlinked-tickets');
    expect(table.textContent).toContain('abigail.silva@icloud.com');
    await fireEvent.click(within(table).getAllByTestId('link-requester')[0]);
    const dialog = await screen.findByTestId('link-dialog');
    const targets = await within(dialog).findAllByTestId('link-target');
    await fireEvent.click(targets[0]);
    await waitFor(() => expect(fake.Accounts.Attach).toHaveBeenCalledWith('acc_1', 'abigail.silva@icloud.com'));
    await waitFor(() => expect(screen.queryByTestId('link-dialog')).toBeNull());
    await fireEvent.click(screen.getByTestId('tab-unlinked-events'));
    expect((await screen.findByTestId('unlinked-events')).textContent).toContain('0193bfff-d42f');
  });

  it('lists ambiguous organisations with a one-click choice, and edits the public mail domains', async () => {
    const cands = [1, 2, 3, 4].map((i) => ({ id: `acc_${i}`, name: `Acme team ${i}`, email: `team${i}@acme.example` }));
    let own = false;
    const fake = installAreaFakes({
      Accounts: {
        Ambiguous: async () => [
          {
            domain: 'acme.example',
            text: 'ambiguous: 4 accounts at acme.example',
            accounts: cands,
            items: [
              { email: 'cy@acme.example', tickets: 7, events: 0, last: '2026-03-01T10:00:00Z' },
              { email: 'shared@acme.example', tickets: 2, events: 5, last: '2026-03-02T10:00:00Z', accounts: ['acc_1', 'acc_2'] },
            ],
          },
        ],
        PublicDomains: async () => ({ domains: own ? ['acme.example', 'gmail.com'] : ['gmail.com', 'yahoo.*'], default: !own }),
        SetPublicDomains: async (text: string) => {
          own = text.trim() !== '';
          return { domains: own ? ['acme.example', 'gmail.com'] : ['gmail.com', 'yahoo.*'], default: !own };
        },
      },
    });
    open();
    render(Accounts);
    await screen.findAllByTestId('account-row');
    await fireEvent.click(screen.getByTestId('tab-ambiguous'));
    const org = await screen.findByTestId('ambiguous-org');
    expect(org.textContent).toContain('ambiguous: 4 accounts at acme.example');
    const items = within(org).getAllByTestId('ambiguous-item');
    // Four candidates: a list to choose from; the shared address has two: a button each.
    const buttons = within(items[1]).getAllByTestId('choose-account');
    expect(buttons.map((b) => b.textContent)).toEqual(['Acme team 1', 'Acme team 2']);
    await fireEvent.change(within(items[0]).getByTestId('choose-item'), { target: { value: 'acc_3' } });
    await waitFor(() => expect(fake.Accounts.Attach).toHaveBeenCalledWith('acc_3', 'cy@acme.example'));
    await fireEvent.click(buttons[1]);
    await waitFor(() => expect(fake.Accounts.Attach).toHaveBeenLastCalledWith('acc_2', 'shared@acme.example'));
    await fireEvent.change(within(org).getByTestId('choose-domain'), { target: { value: 'acc_4' } });
    await waitFor(() => expect(fake.Accounts.Attach).toHaveBeenLastCalledWith('acc_4', 'acme.example'));

    await fireEvent.click(screen.getByTestId('edit-public-domains'));
    const dialog = await screen.findByTestId('public-domains-dialog');
    const text = within(dialog).getByTestId('public-domains-text') as HTMLTextAreaElement;
    expect(text.value).toBe('gmail.com\nyahoo.*');
    expect(dialog.textContent).toContain("This is Keel's list.");
    await fireEvent.input(text, { target: { value: 'gmail.com\nacme.example' } });
    await fireEvent.click(within(dialog).getByTestId('public-domains-save'));
    await waitFor(() => expect(fake.Accounts.SetPublicDomains).toHaveBeenCalledWith('gmail.com\nacme.example'));
    await waitFor(() => expect(screen.queryByTestId('public-domains-dialog')).toBeNull());
    await fireEvent.click(screen.getByTestId('edit-public-domains'));
    const again = await screen.findByTestId('public-domains-dialog');
    expect(again.textContent).toContain('This is your own list.');
    await fireEvent.click(within(again).getByTestId('public-domains-reset'));
    await waitFor(() => expect(fake.Accounts.SetPublicDomains).toHaveBeenLastCalledWith(''));
  });

  it('says what to import when there are no accounts', async () => {
    installAreaFakes({ Accounts: { List: async () => page(0, 50, 0) } });
    open();
    render(Accounts);
    expect((await screen.findByTestId('accounts-empty')).textContent).toContain('Stripe customers');
  });
});
