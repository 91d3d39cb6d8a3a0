import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Review from './Review.svelte';
import { app } from '../lib/app.svelte';
import { resetMonth, shown } from '../lib/month.svelte';
import { toasts } from '../lib/toasts.svelte';
import { WS } from '../test/fixtures';
import { resetCharts } from '../test/echarts';
import { VIEW, installReviewFake } from '../test/review';

vi.mock('../lib/echarts', () => import('../test/echarts'));

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'review';
}

const stepShown = () => screen.getByTestId('review-step');
const reading = () => screen.getByTestId('step-reading').textContent;

beforeEach(() => {
  resetCharts();
  resetMonth();
  delete window.__keel;
});

describe('Review', () => {
  it('opens on the step the founder was on, with its reading, numbers and chart', async () => {
    const fake = installReviewFake();
    open();
    render(Review);
    await screen.findByTestId('review-step');
    expect(fake.Review.Get).toHaveBeenCalledWith('');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Review of February 2026');
    expect(screen.getByTestId('review-status').textContent).toContain('In progress · step 2 of 8');

    const rail = screen.getAllByTestId('rail-step');
    expect(rail.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '1 Data freshness',
      '2 Revenue',
      '3 Users',
      '4 Operations 1 warning',
      '5 Releases',
      '6 Feedback',
      '7 Failure-mode checklist',
      '8 Decisions',
    ]);
    expect(rail[1].getAttribute('aria-current')).toBe('step');

    expect(stepShown().dataset.step).toBe('revenue');
    expect(reading()).toContain('3 accounts on Starter churned (−$355.00 MRR)');
    const tiles = within(stepShown()).getAllByTestId('kpi-tile');
    expect(tiles.map((t) => t.dataset.key)).toEqual(['revenue.mrr', 'revenue.customers', 'revenue.nrr']);
    expect(within(tiles[0]).getByTestId('tile-value').textContent).toBe('$29.0k');
    expect(within(tiles[0]).getByTestId('tile-change').textContent).toContain('+10.4%');
    expect(screen.getByTestId('step-chart')).toBeTruthy();
    // Every number, exact, in the table under the chart.
    const table = screen.getByTestId('numbers-table');
    expect(table.textContent).toContain('$29,044.57');
    expect(table.textContent).toContain('Churned MRR');
  });

  it('starts a month that has not ended only early, after a warning', async () => {
    const now = { ...structuredClone(VIEW), month: '2026-03', title: 'March 2026', status: 'not_started' as const };
    now.period = { ...now.period, month: '2026-03' };
    const fake = installReviewFake({ Get: async () => structuredClone(now) });
    open();
    render(Review);
    const banner = await screen.findByTestId('not-started');
    expect(banner.dataset.early).toBe('true');
    expect(banner.textContent).toContain('March 2026 has not ended yet');
    expect(screen.queryByTestId('review-start')).toBeNull();
    await fireEvent.click(screen.getByTestId('review-start-early'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('its numbers will keep moving');
    expect(fake.Review.StartEarly).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(fake.Review.StartEarly).toHaveBeenCalledWith('2026-03'));
    expect(fake.Review.Start).not.toHaveBeenCalled();
  });

  it('moves between steps with j/k and the arrows, saving the step it is on', async () => {
    const fake = installReviewFake();
    open();
    render(Review);
    await screen.findByTestId('review-step');
    await fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(stepShown().dataset.step).toBe('users'));
    expect(fake.Review.SetStep).toHaveBeenLastCalledWith('2026-02', 'users');
    expect(reading()).toBe('19 signups (as many as the month before).');
    // A null reads "—" with what would fill it.
    const activation = within(stepShown())
      .getAllByTestId('kpi-tile')
      .find((t) => t.dataset.key === 'product.activation_rate')!;
    expect(within(activation).getByTestId('tile-value').textContent).toBe('—');
    expect(within(activation).getByTestId('tile-value').getAttribute('title')).toContain('Import analytics events');

    await fireEvent.keyDown(window, { key: 'ArrowRight' });
    await waitFor(() => expect(stepShown().dataset.step).toBe('operations'));
    // The warning of the surface, in amber and in words.
    const warning = within(stepShown()).getByTestId('warning');
    expect(warning.textContent).toContain('Warning: Support load rising while activation is flat');
    expect(within(stepShown()).getAllByTestId('not-tracked')[0].textContent).toContain('Not tracked yet: manual work');

    await fireEvent.keyDown(window, { key: 'k' });
    await fireEvent.keyDown(window, { key: 'ArrowLeft' });
    await waitFor(() => expect(stepShown().dataset.step).toBe('revenue'));
    // Typing in a note is not a shortcut.
    const note = screen.getByTestId('step-note');
    await fireEvent.keyDown(note, { key: 'j' });
    expect(stepShown().dataset.step).toBe('revenue');
  });

  it('saves a step note, and "Next" marks the step done', async () => {
    const fake = installReviewFake();
    open();
    render(Review);
    await screen.findByTestId('review-step');
    const note = screen.getByTestId('step-note') as HTMLTextAreaElement;
    await fireEvent.input(note, { target: { value: 'Expansion carried the month.' } });
    await fireEvent.blur(note);
    await waitFor(() =>
      expect(fake.Review.SaveStep).toHaveBeenCalledWith('2026-02', 'revenue', 'Expansion carried the month.', false),
    );
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toMatch(/Saved/));

    await fireEvent.click(screen.getByTestId('step-next'));
    await waitFor(() => expect(stepShown().dataset.step).toBe('users'));
    expect(fake.Review.SaveStep).toHaveBeenLastCalledWith('2026-02', 'revenue', 'Expansion carried the month.', true);
    expect(screen.getAllByTestId('rail-step')[1].textContent).toContain('(done)');
  });

  it('answers the checklist: each answer calls Answer at once, the note follows', async () => {
    const fake = installReviewFake();
    open();
    render(Review);
    await screen.findByTestId('review-step');
    await fireEvent.click(screen.getAllByTestId('rail-step')[6]);
    const items = await screen.findAllByTestId('check-item');
    expect(items).toHaveLength(3);
    expect(screen.getByTestId('checklist-count').textContent).toContain('1 of 3 answered · 1 present');
    expect(items[1].textContent).toContain("The busiest person took 33.1 % of February's assigned tickets.");
    expect(screen.getByText('Late-process failure modes')).toBeTruthy();

    const first = items[0];
    const note = within(first).getByTestId('check-note') as HTMLInputElement;
    expect(note.disabled).toBe(true);
    await fireEvent.click(within(first).getByTestId('answer-no'));
    expect(fake.Review.Answer).toHaveBeenLastCalledWith('2026-02', 'onboarding_founder_calls', 'no', '');
    expect(within(first).getByTestId('answer-no').getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(note.disabled).toBe(false));
    await fireEvent.input(note, { target: { value: 'Self-serve since March' } });
    await fireEvent.blur(note);
    expect(fake.Review.Answer).toHaveBeenLastCalledWith('2026-02', 'onboarding_founder_calls', 'no', 'Self-serve since March');

    // Pressing the chosen answer again clears it.
    await fireEvent.click(within(items[1]).getByTestId('answer-yes'));
    expect(fake.Review.Answer).toHaveBeenLastCalledWith('2026-02', 'support_one_person', '', '');
    await waitFor(() => expect(screen.getByTestId('checklist-count').textContent).toBe('1 of 3 answered'));
  });

  it('adds, edits and deletes decisions', async () => {
    const fake = installReviewFake();
    open();
    render(Review);
    await screen.findByTestId('review-step');
    await fireEvent.click(screen.getAllByTestId('rail-step')[7]);
    await screen.findByTestId('decisions');
    expect(screen.getAllByTestId('decision-row')).toHaveLength(1);

    // Add
    await fireEvent.click(screen.getByTestId('decision-new'));
    await fireEvent.click(screen.getByTestId('kind-stop'));
    await fireEvent.input(screen.getByTestId('decision-what'), { target: { value: 'Stop the weekly webinar' } });
    await fireEvent.input(screen.getByTestId('decision-owner'), { target: { value: 'Ben' } });
    expect((screen.getByTestId('decision-due') as HTMLInputElement).value).toBe('03/31/2026');
    await fireEvent.submit(screen.getByTestId('decision-form'));
    await waitFor(() => expect(screen.getAllByTestId('decision-row')).toHaveLength(2));
    expect(fake.Review.AddDecision).toHaveBeenCalledWith('2026-02', {
      id: 0,
      kind: 'stop',
      what: 'Stop the weekly webinar',
      owner: 'Ben',
      due: '2026-03-31',
    });
    expect(screen.getAllByTestId('decision-row')[1].textContent).toContain('Stop the weekly webinar');

    // Edit
    await fireEvent.click(within(screen.getAllByTestId('decision-row')[0]).getByTestId('decision-edit-btn'));
    const form = screen.getByTestId('decision-edit');
    await fireEvent.input(within(form).getByRole('textbox', { name: 'Owner' }), { target: { value: 'Chloé' } });
    await fireEvent.submit(form);
    await waitFor(() => expect(screen.getAllByTestId('decision-row')[0].textContent).toContain('Chloé'));
    expect(fake.Review.UpdateDecision).toHaveBeenCalledWith('2026-02', {
      id: 7,
      kind: 'fix',
      what: 'Fix the trial-to-paid email',
      owner: 'Chloé',
      due: '2026-03-31',
    });

    // Delete: asked once, then gone, with an undo.
    await fireEvent.click(within(screen.getAllByTestId('decision-row')[1]).getByTestId('decision-delete'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('Stop the weekly webinar');
    await fireEvent.click(within(dialog).getByTestId('confirm-ok'));
    await waitFor(() => expect(screen.getAllByTestId('decision-row')).toHaveLength(1));
    expect(fake.Review.DeleteDecision).toHaveBeenCalledWith('2026-02', 100);
    expect(toasts.at(-1)?.action?.label).toBe('Undo');

    // Notes
    const notes = screen.getByTestId('review-notes');
    await fireEvent.input(notes, { target: { value: 'Hire a second support person.' } });
    await fireEvent.blur(notes);
    await waitFor(() => expect(fake.Review.SaveNotes).toHaveBeenCalledWith('2026-02', 'Hire a second support person.'));
  });

  it('shows the backend sentence when a decision is refused', async () => {
    installReviewFake({
      AddDecision: async () => {
        throw { code: 'invalid', message: 'Every decision needs an owner: who will see it through?' };
      },
    });
    open();
    render(Review);
    await screen.findByTestId('review-step');
    await fireEvent.click(screen.getAllByTestId('rail-step')[7]);
    await fireEvent.click(await screen.findByTestId('decision-new'));
    await fireEvent.input(screen.getByTestId('decision-what'), { target: { value: 'Keep pricing' } });
    expect((screen.getByTestId('decision-add') as HTMLButtonElement).disabled).toBe(true); // no kind yet
    await fireEvent.click(screen.getByTestId('kind-keep'));
    await fireEvent.submit(screen.getByTestId('decision-form'));
    await waitFor(() => expect(toasts.at(-1)?.message).toBe('Every decision needs an owner: who will see it through?'));
    expect(screen.getByTestId('save-status').textContent).toContain('Not saved');
    expect(screen.getAllByTestId('decision-row')).toHaveLength(1);
  });

  it('finishes with a confirmation, then freezes and turns read-only', async () => {
    const fake = installReviewFake();
    open();
    render(Review);
    await screen.findByTestId('review-step');
    await fireEvent.click(screen.getAllByTestId('rail-step')[7]);
    await fireEvent.click(await screen.findByTestId('review-finish'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('Freeze the review of February 2026?');
    // It says which steps were skipped (none was marked done; the last one is being finished).
    expect(dialog.textContent).toContain(
      '7 steps skipped: Data freshness, Revenue, Users, Operations, Releases, Feedback, Failure-mode checklist — not marked done',
    );
    expect(fake.Review.Freeze).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByTestId('confirm-ok'));
    await waitFor(() => expect(fake.Review.Freeze).toHaveBeenCalledWith('2026-02'));
    await screen.findByTestId('frozen-banner');
    expect(toasts.at(-1)?.message).toContain('is frozen (7 steps skipped: Data freshness, Revenue,');
    expect(screen.queryByTestId('review-finish')).toBeNull();
    expect(screen.queryByTestId('review-notes')).toBeNull();
    expect(screen.getByTestId('review-notes-ro').textContent).toBe('A calm month.');
    expect(screen.getByTestId('review-status').textContent).toContain('Frozen on');
  });

  it('shows a frozen review read-only, with the restatement table', async () => {
    const fake = installReviewFake();
    shown.month = '2026-01';
    open();
    render(Review);
    await screen.findByTestId('frozen-banner');
    expect(fake.Review.Get).toHaveBeenCalledWith('2026-01');
    const rows = screen.getAllByTestId('restated-row');
    expect(rows).toHaveLength(1);
    expect(within(rows[0]).getByTestId('restated-old').textContent).toBe('$25,730.68');
    expect(within(rows[0]).getByTestId('restated-new').textContent).toBe('$25,850.68');
    expect(rows[0].textContent).toContain('+$120.00');
    expect(within(rows[0]).getByTestId('restated-cause').textContent).toBe('Import of late_payments.csv');
    expect(screen.getByTestId('restatement').textContent).toContain('Import of late_payments.csv (Stripe payments) on 10 Mar 2026.');

    // Nothing to type into, on any step.
    expect(screen.queryByTestId('step-note')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    await fireEvent.click(screen.getAllByTestId('rail-step')[1]);
    expect(screen.getByTestId('step-note-ro').textContent).toBe('Expansion carried the month.');
    expect(fake.Review.SetStep).not.toHaveBeenCalled();
    await fireEvent.click(screen.getAllByTestId('rail-step')[6]);
    expect(screen.queryAllByTestId('answer-yes')).toHaveLength(0);
    expect(screen.getAllByTestId('check-answer').map((a) => a.textContent)).toEqual(['Not answered', 'Yes', 'Not answered']);
    await fireEvent.click(screen.getAllByTestId('rail-step')[7]);
    expect(screen.queryByTestId('decision-form')).toBeNull();
    expect(screen.queryByTestId('decision-delete')).toBeNull();
  });

  it('opens a past review from the list', async () => {
    const fake = installReviewFake();
    open();
    render(Review);
    await screen.findByTestId('review-step');
    const past = screen.getAllByTestId('past-review');
    expect(past.map((p) => p.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['Feb 2026 In progress', 'Jan 2026 Frozen']);
    await fireEvent.click(past[1]);
    await screen.findByTestId('frozen-banner');
    expect(fake.Review.Get).toHaveBeenLastCalledWith('2026-01');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Review of January 2026');
  });

  it('starts a review that has not started', async () => {
    const fake = installReviewFake({ Get: async () => ({ ...structuredClone(VIEW), status: 'not_started', step: 'freshness', past: [] }) });
    open();
    render(Review);
    await screen.findByTestId('not-started');
    expect(stepShown().dataset.step).toBe('freshness');
    expect(screen.getByTestId('sources-table').textContent).toContain('stripe_payments.csv');
    await fireEvent.keyDown(window, { key: 'j' });
    expect(fake.Review.SetStep).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('review-start'));
    await waitFor(() => expect(fake.Review.Start).toHaveBeenCalledWith('2026-02'));
    await waitFor(() => expect(screen.queryByTestId('not-started')).toBeNull());
    expect(fake.Review.SetStep).toHaveBeenCalledWith('2026-02', 'revenue');
  });

  it('asks who the report is for before saving, and anonymizes for advisors outside the company', async () => {
    const fake = installReviewFake();
    open();
    render(Review);
    await screen.findByTestId('review-step');
    await fireEvent.click(screen.getByTestId('export-report'));
    const dialog = await screen.findByTestId('export-dialog');
    expect(within(dialog).getByText('Is this report for advisors outside the company?')).toBeTruthy();
    const save = within(dialog).getByTestId('export-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(within(dialog).queryByTestId('export-anonymize')).toBeNull();
    await fireEvent.click(save);
    expect(fake.Review.Export).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByTestId('export-outside'));
    expect((within(dialog).getByTestId('export-anonymize') as HTMLInputElement).checked).toBe(true);
    expect(save.disabled).toBe(false);
    await fireEvent.click(save);
    await waitFor(() => expect(fake.Review.Export).toHaveBeenCalledWith('2026-02', true));
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).toBeNull());
    expect(toasts.at(-1)?.message).toBe('Report saved: /home/ana/Keel report 2026-02.xlsx');

    // The browser tests' hook writes straight to a path.
    window.__keel = { dropFiles: async () => {}, exportPath: '/tmp/out.xlsx' };
    await fireEvent.click(screen.getByTestId('export-report'));
    const again = await screen.findByTestId('export-dialog');
    await fireEvent.click(within(again).getByTestId('export-inside'));
    expect((within(again).getByTestId('export-anonymize') as HTMLInputElement).checked).toBe(false);
    await fireEvent.click(within(again).getByTestId('export-save'));
    await waitFor(() => expect(fake.Review.ExportTo).toHaveBeenCalledWith('2026-02', '/tmp/out.xlsx', false));
  });

  it('stays open when the save dialog is cancelled', async () => {
    installReviewFake({ Export: async () => '' });
    open();
    render(Review);
    await screen.findByTestId('review-step');
    await fireEvent.click(screen.getByTestId('export-report'));
    const dialog = await screen.findByTestId('export-dialog');
    await fireEvent.click(within(dialog).getByTestId('export-inside'));
    await fireEvent.click(within(dialog).getByTestId('export-save'));
    await waitFor(() => expect((screen.getByTestId('export-save') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByTestId('export-dialog')).toBeTruthy();
    expect(toasts).toHaveLength(0);
  });
});
