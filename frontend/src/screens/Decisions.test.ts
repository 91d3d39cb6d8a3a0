import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Decisions from './Decisions.svelte';
import { app } from '../lib/app.svelte';
import { decisionsDue, decisionsView } from '../lib/decisions.svelte';
import { WS } from '../test/fixtures';
import { DECISIONS, entry, installOpsFakes } from '../test/decisions';

vi.mock('../lib/echarts', () => import('../test/echarts'));

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'decisions';
}

beforeEach(() => {
  decisionsView.open = 0;
  decisionsView.filter = 'all';
  decisionsDue.count = null;
});

describe('Decisions', () => {
  it('opens with the decisions due and what their numbers say, then throughput and the log', async () => {
    installOpsFakes();
    open();
    render(Decisions);
    const due = await screen.findAllByTestId('due-decision');
    expect(due).toHaveLength(1);
    expect(due[0].textContent).toContain('MRR went from $22,000.00 (Oct 2025) to $25,900.00 (Jan 2026): up, as expected.');
    expect(screen.getByTestId('throughput-validated').textContent).toContain('2');
    expect(screen.getByTestId('throughput-days').textContent).toContain('48');
    expect(screen.getAllByTestId('decision-row')).toHaveLength(3);
    expect(screen.getByTestId('topbar').textContent).toContain('3 decisions · 2 open · 1 due for validation');
    expect(decisionsDue.count).toBe(1);
    await fireEvent.click(screen.getByTestId('filter-closed'));
    expect(screen.getAllByTestId('decision-row')).toHaveLength(1);
  });

  it('marks a release call without a figure as judged by its release, not overdue, and says the rule', async () => {
    const call = entry({ id: 7, what: 'Go: Slack alerts', status: 'shipped', origin: 'release', origin_ref: '4', figure: '', review_on: '2025-07-05', by_release: true });
    const note = entry({ id: 8, what: 'Build SAML', origin: 'feedback', origin_ref: 'c-ab#3', review_on: '2026-06-01' });
    installOpsFakes({ Decisions: { View: async () => ({ ...structuredClone(DECISIONS), entries: [call, note] }) } });
    open();
    render(Decisions);
    const rows = await screen.findAllByTestId('decision-row');
    expect(rows[0].textContent).toContain('Release review');
    expect(rows[0].textContent).not.toContain('Overdue');
    expect(rows[1].textContent).toContain('from a product note on a feedback cluster');
    expect(within(rows[1]).queryByTestId('by-release')).toBeNull();
    expect(screen.getByTestId('decisions-rules').textContent).toContain('never overdue for lack of a figure');
  });

  it('validates a due decision from the numbers, with a note', async () => {
    const fake = installOpsFakes();
    open();
    render(Decisions);
    const due = await screen.findByTestId('due-decision');
    await fireEvent.click(within(due).getByRole('button'));
    const panel = await screen.findByTestId('decision-panel');
    expect(within(panel).getByTestId('evidence-before').textContent).toBe('$22,000.00');
    expect(within(panel).getByTestId('evidence-after').textContent).toBe('$25,900.00');
    // The outcome the numbers propose is the primary button.
    expect(within(panel).getByTestId('decision-validate').classList.contains('primary')).toBe(true);
    await fireEvent.input(within(panel).getByTestId('decision-note'), { target: { value: 'Seats paid off' } });
    await fireEvent.click(within(panel).getByTestId('decision-validate'));
    await waitFor(() => expect(fake.Decisions.Confirm).toHaveBeenCalledWith(2, 'validated', 'Seats paid off'));
    await waitFor(() => expect(within(screen.getByTestId('decision-panel')).getByTestId('decision-status').textContent).toBe('Validated'));
  });

  it('records a decision with a threshold typed as the figure reads', async () => {
    const fake = installOpsFakes();
    open();
    render(Decisions);
    await screen.findAllByTestId('decision-row');
    await fireEvent.click(screen.getByTestId('decision-new'));
    const form = await screen.findByTestId('decision-form');
    // No kind is chosen for the founder: recording waits for one.
    expect((within(form).getByTestId('decision-save') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(within(form).getByTestId('decision-kind-change'));
    expect((within(form).getByTestId('decision-save') as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.input(within(form).getByTestId('decision-what'), { target: { value: 'Annual plans' } });
    await fireEvent.input(within(form).getByTestId('decision-owner'), { target: { value: 'Sam' } });
    await fireEvent.change(within(form).getByTestId('decision-figure'), { target: { value: 'revenue.logo_churn_rate' } });
    // Picking a figure proposes its good direction.
    expect((within(form).getByTestId('decision-expect') as HTMLSelectElement).value).toBe('down');
    await fireEvent.change(within(form).getByTestId('decision-expect'), { target: { value: 'at_most' } });
    await fireEvent.input(within(form).getByTestId('decision-threshold'), { target: { value: '2,5' } });
    await fireEvent.submit(within(form).getByTestId('decision-save').closest('form')!);
    await waitFor(() => expect(fake.Decisions.Record).toHaveBeenCalled());
    const sent = fake.Decisions.Record.mock.calls[0][0];
    expect(sent).toMatchObject({ kind: 'change', what: 'Annual plans', owner: 'Sam', figure: 'revenue.logo_churn_rate', expect: 'at_most', threshold: 0.025, made: '2026-03-14', review_on: '2026-06-14' });
  });

  it('shows the backend sentence when a decision is refused', async () => {
    installOpsFakes({ Decisions: { Record: async () => Promise.reject({ code: 'invalid', message: 'Pick a review date after Mar 2026: …' }) } });
    open();
    render(Decisions);
    await screen.findAllByTestId('decision-row');
    await fireEvent.click(screen.getByTestId('decision-new'));
    const form = await screen.findByTestId('decision-form');
    await fireEvent.click(within(form).getByTestId('decision-kind-fix'));
    await fireEvent.input(within(form).getByTestId('decision-what'), { target: { value: 'x' } });
    await fireEvent.input(within(form).getByTestId('decision-owner'), { target: { value: 'y' } });
    await fireEvent.submit(within(form).getByTestId('decision-save').closest('form')!);
    expect((await screen.findByTestId('decision-error')).textContent).toContain('Pick a review date after Mar 2026');
  });
});
