import { render, screen, within, fireEvent, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Home from './Home.svelte';
import { app } from '../lib/app.svelte';
import { resetMonth, shown } from '../lib/month.svelte';
import { EMPTY_SUMMARY, SUMMARY, WS } from '../test/fixtures';
import { installFake } from '../test/fake';
import { BILLING_ONLY_MAP, MAP, installReviewFake } from '../test/review';

vi.mock('../lib/echarts', () => import('../test/echarts'));

function open(summary = SUMMARY) {
  app.phase = 'workspace';
  app.workspace = WS;
  app.summary = structuredClone(summary);
}

describe('Home', () => {
  it('shows a card per source with rows, months and freshness', () => {
    open();
    render(Home);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Acme Analytics');
    const cards = screen.getAllByTestId('source-card');
    expect(cards).toHaveLength(2);

    const pay = within(cards[0]);
    expect(pay.getByRole('heading', { name: 'Stripe payments' })).toBeTruthy();
    expect(cards[0].textContent).toContain('48,213');
    expect(pay.getByTestId('source-range').textContent).toBe('Mar 2024 – Feb 2026');
    expect(cards[0].textContent).toContain('3 days ago');
    expect(pay.queryByTestId('stale-badge')).toBeNull();
  });

  it('marks a stale source with a badge and words, not colour alone', () => {
    open();
    render(Home);
    const stale = screen.getAllByTestId('source-card')[1];
    expect(stale.dataset.source).toBe('zendesk/tickets');
    expect(within(stale).getByTestId('stale-badge').textContent).toContain('Stale');
    expect(stale.textContent).toContain('Ends Dec 2025');
    expect(stale.textContent).toContain('2 months ago');
  });

  it('lists what to import next and goes to Imports', async () => {
    open();
    render(Home);
    const steps = screen.getAllByTestId('next-step');
    expect(steps).toHaveLength(1);
    expect(steps[0].textContent).toContain('Stripe subscriptions');
    expect(steps[0].textContent).toContain('MRR needs subscriptions or invoices');
    await fireEvent.click(within(steps[0]).getByRole('button', { name: /Import/ }));
    expect(app.screen).toBe('imports');
    expect(app.wanted?.kind).toBe('subscriptions');
  });

  it('says exactly what to do when nothing is imported', () => {
    open(EMPTY_SUMMARY);
    render(Home);
    expect(screen.queryAllByTestId('source-card')).toHaveLength(0);
    const empty = screen.getByTestId('home-empty');
    expect(empty.textContent).toContain('Import your Stripe payments export: Dashboard → Payments → Export');
    expect(within(empty).getByRole('button', { name: /Import files/ })).toBeTruthy();
  });

  it('opens the file dialog from the main action', async () => {
    const fake = installFake();
    open();
    render(Home);
    await fireEvent.click(screen.getByTestId('home-import'));
    expect(app.screen).toBe('imports');
    expect(fake.Imports.PickFiles).toHaveBeenCalledTimes(1);
  });

  it('shows a skeleton while the summary loads, and the error when it fails', async () => {
    app.phase = 'workspace';
    app.workspace = WS;
    const { container } = render(Home);
    expect(container.querySelector('[aria-busy="true"]')).toBeTruthy();
    app.summaryError = 'The workspace file is locked.';
    await Promise.resolve();
    expect((await screen.findByRole('alert')).textContent).toContain('The workspace file is locked.');
  });
});

describe('Home: the scaling map', () => {
  beforeEach(() => {
    resetMonth();
  });
  const surface = (id: string) => screen.getAllByTestId('surface').find((s) => s.dataset.surface === id)!;
  const row = (id: string, key: string) => within(surface(id)).getAllByTestId('figure-row').find((r) => r.dataset.key === key)!;

  it('shows the four surfaces with their numbers, trend and warnings', async () => {
    const fake = installReviewFake();
    open();
    render(Home);
    await screen.findAllByTestId('surface');
    expect(fake.Review.Map).toHaveBeenCalledWith('');
    expect(screen.getAllByTestId('surface').map((s) => within(s).getByRole('heading').textContent)).toEqual([
      'Product',
      'Users',
      'Operations',
      'Revenue',
    ]);
    expect(screen.getByTestId('scaling-map').textContent).toContain('Scaling map · February 2026');

    // Numbers: abbreviated, exact on hover, change with arrow, colour and words.
    const mrr = row('revenue', 'revenue.mrr');
    expect(within(mrr).getByTestId('figure-value').textContent).toBe('$29.0k');
    expect(mrr.getAttribute('title')).toContain('$29,044.57');
    expect(mrr.getAttribute('title')).toContain('MRR: the rule.');
    const change = within(mrr).getByTestId('figure-change');
    expect(change.textContent).toContain('▲');
    expect(change.textContent).toContain('+10.4%');
    expect(change.classList.contains('good')).toBe(true);
    expect(change.textContent).toContain('(good)');
    expect(within(row('operations', 'support.tickets')).getByTestId('figure-change').classList.contains('bad')).toBe(true);
    expect(within(mrr).getByTestId('spark')).toBeTruthy();

    // A null is "—" with what would fill it, never 0.
    const activation = row('users', 'product.activation_rate');
    expect(within(activation).getByTestId('figure-value').textContent).toBe('—');
    expect(activation.getAttribute('title')).toContain('Import analytics events');

    // Warnings in amber, with their words; Keel says what it cannot check yet.
    const ops = surface('operations');
    expect(within(ops).getByTestId('surface-warnings').textContent).toContain('1 warning');
    expect(within(ops).getByTestId('warning').textContent).toContain('Support load rising while activation is flat');
    expect(within(ops).getByTestId('warning').textContent).toContain('1.19 → 1.26 → 1.40');
    expect(within(surface('revenue')).getByTestId('surface-ok').textContent).toContain('No warning');
    expect(within(surface('product')).getByTestId('not-tracked').textContent).toContain('Not tracked yet: releases');
    expect(within(surface('product')).getByTestId('surface-unavailable').textContent).toContain('Flags past their cleanup date');

    // Stage with its reason; the review due next.
    expect(screen.getByTestId('stage').dataset.stage).toBe('reliability');
    expect(within(screen.getByTestId('stage')).getByText('now')).toBeTruthy();
    expect(screen.getByTestId('stage-reason').textContent).toContain('support load rising');
    expect(screen.getByTestId('next-review-text').textContent).toBe(MAP.next_review.text);
    expect(screen.getByTestId('next-review').textContent).toContain('Overdue');
    expect(screen.getByTestId('freshness-reading').textContent).toContain('Every source is imported through 28 Feb 2026.');
    // The data freshness cards stay below.
    expect(screen.getAllByTestId('source-card')).toHaveLength(2);
  });

  it('says which import fills a surface without data', async () => {
    installReviewFake({ Map: async () => structuredClone(BILLING_ONLY_MAP) });
    open();
    render(Home);
    const missing = await within(await waitFor(() => surface('operations'))).findByTestId('surface-missing');
    expect(missing.textContent).toContain('Import your helpdesk tickets');
    expect(within(surface('operations')).queryAllByTestId('figure-row')).toHaveLength(0);
    await fireEvent.click(within(missing).getByRole('button', { name: /Import/ }));
    expect(app.screen).toBe('imports');
    expect(app.wanted?.source).toBe('zendesk');
    expect(app.wanted?.kind).toBe('tickets');
  });

  it('starts the review due from the top bar', async () => {
    const fake = installReviewFake();
    open();
    render(Home);
    await screen.findAllByTestId('surface');
    const start = screen.getByTestId('home-start-review');
    expect(start.textContent).toContain('Start review');
    await fireEvent.click(start);
    await waitFor(() => expect(app.screen).toBe('review'));
    expect(fake.Review.Start).toHaveBeenCalledWith('2026-02');
    expect(shown.month).toBe('2026-02');
  });

  it('opens the last review, not the month that has not ended, once the last one is frozen', async () => {
    const next = { month: '2026-03', open: '2026-02', ended: false, title: 'March 2026', due: '2026-04-01T00:00:00Z', overdue: false, text: 'Next review: March 2026, due on 1 Apr 2026.' };
    const fake = installReviewFake({ Map: async () => ({ ...structuredClone(MAP), next_review: next, next_status: 'not_started' }) });
    open();
    render(Home);
    await screen.findAllByTestId('surface');
    const start = screen.getByTestId('home-start-review');
    expect(start.textContent).toContain('Open review');
    await fireEvent.click(start);
    await waitFor(() => expect(app.screen).toBe('review'));
    expect(fake.Review.Start).not.toHaveBeenCalled();
    expect(shown.month).toBe('2026-02');
  });

  it('continues a review in progress without starting it again', async () => {
    const fake = installReviewFake({ Map: async () => ({ ...structuredClone(MAP), next_status: 'in_progress' }) });
    open();
    render(Home);
    await screen.findAllByTestId('surface');
    const start = screen.getByTestId('home-start-review');
    await waitFor(() => expect(start.textContent).toContain('Continue review'));
    await fireEvent.click(start);
    await waitFor(() => expect(app.screen).toBe('review'));
    expect(fake.Review.Start).not.toHaveBeenCalled();
  });

  it('moves the map to another month', async () => {
    const fake = installReviewFake();
    open();
    render(Home);
    await screen.findAllByTestId('surface');
    await fireEvent.click(screen.getByTestId('month-picker-prev'));
    await waitFor(() => expect(fake.Review.Map).toHaveBeenLastCalledWith('2026-01'));
  });
});
