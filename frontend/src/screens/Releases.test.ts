import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Releases from './Releases.svelte';
import { app } from '../lib/app.svelte';
import { releasesView } from '../lib/releases';
import { toasts } from '../lib/toasts.svelte';
import { WS } from '../test/fixtures';
import { installReleasesFake, release, WATCH } from '../test/releases';

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'releases';
}

beforeEach(() => {
  releasesView.tab = 'releases';
  releasesView.open = '';
  releasesView.month = '';
});

describe('Releases', () => {
  it('lists the releases with the month’s numbers; missing ones read “—” with why', async () => {
    const fake = installReleasesFake();
    open();
    render(Releases);
    const rows = await screen.findAllByTestId('release-row');
    expect(rows).toHaveLength(2);
    expect(fake.Releases.Overview).toHaveBeenCalledWith('');
    expect(rows[0].textContent).toContain('Usage-based invoices');
    expect(rows[1].textContent).toContain('Go');
    expect(screen.getByTestId('ops-rollbacks').textContent).toContain('1');
    const bugs = screen.getByTestId('ops-bugs');
    expect(bugs.querySelector('dd')!.textContent).toBe('—');
    expect(bugs.getAttribute('title')).toContain('Feedback area');
  });

  it('starts a release with n and opens it', async () => {
    const fake = installReleasesFake();
    open();
    render(Releases);
    await screen.findAllByTestId('release-row');
    await fireEvent.keyDown(window, { key: 'n' });
    const input = screen.getByTestId('release-new-title') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: 'Team plans' } });
    await fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(fake.Releases.Create).toHaveBeenCalledWith('Team plans'));
    await screen.findByTestId('release-detail');
    expect(releasesView.open).toBe('rel_new');
  });

  it('saves every edit, guides with the checklist and keeps Reversible closed until each item is answered', async () => {
    const fake = installReleasesFake();
    releasesView.open = 'rel_1';
    open();
    render(Releases);
    await screen.findByTestId('release-checklist');
    const next = screen.getAllByTestId('checklist-step').find((s) => s.dataset.step === 'slice')!;
    expect(next.textContent).toContain('Next');
    expect(screen.getByTestId('release-warnings').textContent).toContain('No way to reverse it');
    // Typing saves a moment later, with the whole record.
    await fireEvent.input(screen.getByTestId('f-behaviour'), { target: { value: 'Accounts read usage on invoices' } });
    await waitFor(() => expect(fake.Releases.Save).toHaveBeenCalled(), { timeout: 2000 });
    expect(fake.Releases.Save.mock.calls.at(-1)![0].behaviour).toBe('Accounts read usage on invoices');
    // A box is saved at once.
    await fireEvent.click(screen.getByTestId('check-slice'));
    await waitFor(() => expect(fake.Releases.Tick).toHaveBeenCalledWith('rel_1', 'slice', true));
    await waitFor(() => expect(screen.getAllByTestId('checklist-step').find((s) => s.dataset.step === 'slice')!.dataset.done).toBe('true'));
    const rev = screen.getByTestId('rb-reversible') as HTMLInputElement;
    expect(rev.disabled).toBe(true);
    expect(screen.getByTestId('release-rollback').textContent).toContain('Still open: user-visible settings');
    // Not out yet: the watch window says what to do.
    expect(screen.getByTestId('watch-empty')).toBeTruthy();
    expect(fake.Releases.Watch).not.toHaveBeenCalled();
  });

  it('notes a known issue with the workaround support gives; the safe box saves at once', async () => {
    const fake = installReleasesFake();
    releasesView.open = 'rel_1';
    open();
    render(Releases);
    await screen.findByTestId('issues-empty');
    await fireEvent.click(screen.getByTestId('ki-add'));
    await fireEvent.input(await screen.findByTestId('ki-title'), { target: { value: 'Members see billing' } });
    await fireEvent.input(screen.getByTestId('ki-workaround'), { target: { value: 'Support removes the role' } });
    await waitFor(() => expect(fake.Releases.Save.mock.calls.at(-1)?.[0].known_issues?.[0]?.workaround).toBe('Support removes the role'), { timeout: 2000 });
    const saved = fake.Releases.Save.mock.calls.at(-1)![0].known_issues[0];
    expect([saved.title, saved.safe, saved.fixed, /^\d{4}-\d{2}-\d{2}$/.test(saved.opened)]).toEqual(['Members see billing', false, '', true]);
    expect(screen.getByTestId('known-issue').dataset.open).toBe('true');
    expect(screen.getByTestId('release-issues').textContent).toContain('1 without a safe workaround');
    const calls = fake.Releases.Save.mock.calls.length;
    await fireEvent.click(screen.getByTestId('ki-safe'));
    await waitFor(() => expect(fake.Releases.Save.mock.calls.length).toBeGreaterThan(calls));
    expect(fake.Releases.Save.mock.calls.at(-1)![0].known_issues[0].safe).toBe(true);
    expect(screen.getByTestId('known-issue').dataset.open).toBe('false');
  });

  it('picks the feedback clusters it answers among the real ones and shows the people to tell', async () => {
    const answers = [
      {
        id: 'c-2b',
        title: 'Dark mode',
        people: [
          { name: 'Ann', email: 'ann@acme.io', plan: 'Growth', paying: true, told: true, cluster: 'c-2b' },
          { name: 'Bob', email: 'bob@beta.io', plan: 'Starter', paying: true, told: false, cluster: 'c-2b' },
        ],
      },
    ];
    const fake = installReleasesFake({ Get: async () => release({ clusters: ['c-2b'], answers }) });
    releasesView.open = 'rel_1';
    open();
    render(Releases);
    const answer = await screen.findByTestId('release-answer');
    expect(answer.textContent).toContain('Dark mode');
    expect(answer.textContent).toContain('1 of 2 people who asked told');
    expect(answer.textContent).toContain('Bob');
    expect(answer.textContent).not.toContain('Ann');
    const picker = await screen.findByTestId('f-clusters');
    await waitFor(() => expect(picker.textContent).toContain('Usage on invoices'));
    expect(picker.textContent).toContain('Dark mode');
    await fireEvent.click(picker.querySelector('input[data-value="c-1a"]')!);
    await waitFor(() => expect(fake.Releases.Save).toHaveBeenCalled());
    expect(fake.Releases.Save.mock.calls.at(-1)![0].clusters).toEqual(['c-2b', 'c-1a']);
  });

  it('shows the watch window against the usual range, with the split and the missing numbers', async () => {
    installReleasesFake({ Get: async () => release({ status: 'watching', shipped_at: '2026-02-10T14:00:00Z' }) });
    releasesView.open = 'rel_1';
    open();
    render(Releases);
    const figures = await screen.findAllByTestId('watch-figure');
    const tickets = figures.find((f) => f.dataset.key === 'tickets')!;
    expect(tickets.dataset.alarm).toBe('true');
    expect(within(tickets).getByTestId('watch-after').textContent!.trim()).toBe('57');
    expect(tickets.textContent).toContain('+32 (+128%)');
    expect(tickets.textContent).toContain('19–30');
    expect(screen.getAllByTestId('watch-reading')[0].textContent).toBe(WATCH.figures[0].reading);
    const refunded = figures.find((f) => f.dataset.key === 'refunded')!;
    expect(within(refunded).getByTestId('watch-after').textContent!.trim()).toBe('$542.32');
    // No activation event: "—" with the sentence, never 0.
    const act = figures.find((f) => f.dataset.key === 'activation_rate')!;
    expect(within(act).getByTestId('watch-after').textContent!.trim()).toBe('—');
    expect(within(act).getByTestId('watch-after').getAttribute('title')).toContain('activation event');
    expect(screen.getByTestId('watch-summary').textContent).toContain('tickets, refunded');
    // The split by segment and plan opens under the figure.
    await fireEvent.click(within(tickets).getByRole('button'));
    expect(screen.getAllByTestId('watch-segment')[0].textContent).toContain('Affected first: Scale');
    expect(screen.getAllByTestId('watch-plan')[0].textContent).toContain('Growth');
  });

  it('records a rollback with the window chosen and shows its frozen evidence', async () => {
    const shipped = release({ status: 'watching', shipped_at: '2026-02-10T14:00:00Z' });
    const decided = release({
      status: 'decided',
      shipped_at: '2026-02-10T14:00:00Z',
      calls: [{ id: 7, call: 'rollback', at: '2026-02-13T12:00:00Z', by: 'Maya', note: 'Refunds', window: '72h', evidence: structuredClone(WATCH) }],
    });
    const fake = installReleasesFake({ Get: async () => shipped, Decide: async () => decided });
    releasesView.open = 'rel_1';
    open();
    render(Releases);
    await screen.findAllByTestId('watch-figure');
    await fireEvent.input(screen.getByTestId('call-note'), { target: { value: 'Refunds tripled' } });
    await fireEvent.click(screen.getByTestId('call-rollback'));
    await waitFor(() => expect(fake.Releases.Decide).toHaveBeenCalledWith('rel_1', 'rollback', '', 'Refunds tripled', '72h'));
    const call = await screen.findByTestId('call');
    expect(call.dataset.call).toBe('rollback');
    await fireEvent.click(within(call).getByTestId('call-evidence'));
    const panel = await screen.findByTestId('evidence-panel');
    expect(within(panel).getAllByTestId('watch-figure').find((f) => f.dataset.key === 'tickets')!.dataset.alarm).toBe('true');
  });

  it('asks once before deleting, and the delete can be undone', async () => {
    const fake = installReleasesFake();
    releasesView.open = 'rel_1';
    open();
    render(Releases);
    await screen.findByTestId('release-checklist');
    await fireEvent.click(screen.getByTestId('release-delete'));
    expect(fake.Releases.Delete).not.toHaveBeenCalled();
    await fireEvent.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(fake.Releases.Delete).toHaveBeenCalledWith('rel_1'));
    await screen.findAllByTestId('release-row');
    const t = toasts.find((x) => x.message.includes('was deleted'))!;
    expect(t.action?.label).toBe('Undo');
    t.action!.run();
    await waitFor(() => expect(fake.Releases.Restore).toHaveBeenCalledWith('rel_1'));
  });

  it('shows the changelog with the rolled-back release marked, and the flag registry stale first', async () => {
    const fake = installReleasesFake();
    open();
    render(Releases);
    await screen.findAllByTestId('release-row');
    await fireEvent.keyDown(window, { key: '2' });
    const entries = await screen.findAllByTestId('changelog-entry');
    expect(entries).toHaveLength(2);
    expect(within(entries[1]).getByTestId('changelog-rolled-back').textContent).toContain('Rolled back');
    expect(entries[1].textContent).toContain('cl_7');
    expect(screen.getByTestId('people-note').textContent).toContain('feedback clusters');
    await fireEvent.keyDown(window, { key: '3' });
    const rows = await screen.findAllByTestId('flag-row');
    expect(rows[0].dataset.stale).toBe('true');
    expect(rows[0].textContent).toContain('past its cleanup date');
    expect(rows[1].textContent).toContain('25 %');
    const owner = within(rows[1]).getByLabelText('Owner of dark-mode');
    await fireEvent.change(owner, { target: { value: 'Jonas' } });
    await waitFor(() => expect(fake.Releases.EditFlag).toHaveBeenCalledWith({ key: 'keel:dark-mode', owner: 'Jonas' }));
    const days = screen.getByTestId('stale-days');
    await fireEvent.input(days, { target: { value: '45' } });
    await fireEvent.change(days, { target: { value: '45' } });
    await waitFor(() => expect(fake.Releases.SetStaleDays).toHaveBeenCalledWith(45));
  });

  it('says why the releases cannot be read', async () => {
    installReleasesFake({ Overview: async () => Promise.reject({ code: 'internal', message: 'The workspace is locked.' }) });
    open();
    render(Releases);
    expect((await screen.findByRole('alert')).textContent).toContain('The workspace is locked.');
    expect(vi.isMockFunction(window.go!.app!.Releases!.Overview)).toBe(true);
  });
});
