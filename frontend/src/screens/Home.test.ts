import { render, screen, within, fireEvent } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Home from './Home.svelte';
import { app } from '../lib/app.svelte';
import { EMPTY_SUMMARY, SUMMARY, WS } from '../test/fixtures';
import { installFake } from '../test/fake';

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
