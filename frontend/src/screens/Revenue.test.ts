import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Revenue from './Revenue.svelte';
import { app } from '../lib/app.svelte';
import { toasts } from '../lib/toasts.svelte';
import { resetMonth, shown } from '../lib/month.svelte';
import { WS } from '../test/fixtures';
import { chartIn, resetCharts } from '../test/echarts';
import { CHURN, EMPTY_OVERVIEW, OVERVIEW, RATE_PROBLEM, SALES_OVERVIEW, installRevenueFake } from '../test/revenue';

vi.mock('../lib/echarts', () => import('../test/echarts'));

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'revenue';
}

const tile = (key: string) => screen.getAllByTestId('kpi-tile').find((t) => t.dataset.key === key)!;

beforeEach(() => {
  resetCharts();
  resetMonth();
});

describe('Revenue', () => {
  it('shows the tiles with formatted money, the change and the rule', async () => {
    const fake = installRevenueFake();
    open();
    render(Revenue);
    await screen.findAllByTestId('kpi-tile');
    expect(fake.Revenue.Overview).toHaveBeenCalledWith('');
    expect(screen.getAllByTestId('kpi-tile')).toHaveLength(12);

    // Abbreviated on the tile, exact on hover.
    const mrr = within(tile('mrr')).getByTestId('tile-value');
    expect(mrr.textContent).toBe('$29.0k');
    expect(mrr.getAttribute('title')).toBe('$29,044.57');
    expect(within(tile('arr')).getByTestId('tile-value').textContent).toBe('$349k');
    expect(within(tile('arpa')).getByTestId('tile-value').textContent).toBe('$148.19');
    expect(within(tile('nrr')).getByTestId('tile-value').textContent).toBe('102.7%');
    expect(within(tile('customers')).getByTestId('tile-value').textContent).toBe('196');
    expect(tile('customers').textContent).toContain('14 new');

    // MRR up is good news (green); logo churn up is bad news (red).
    const up = within(tile('mrr')).getByTestId('tile-change');
    expect(up.classList.contains('good')).toBe(true);
    expect(up.textContent).toContain('▲');
    expect(up.textContent).toContain('+10.4%');
    const churn = within(tile('logo_churn_rate')).getByTestId('tile-change');
    expect(churn.classList.contains('bad')).toBe(true);
    expect(churn.textContent).toContain('+1.5 pts');
    expect(within(tile('net_revenue_churn_rate')).getByTestId('tile-change').classList.contains('good')).toBe(true);

    // The rule behind each number, on hover and focus.
    expect(within(tile('mrr')).getByRole('tooltip', { hidden: true }).textContent).toContain('MRR: the rule.');
    // The title says where we are.
    expect(screen.getByTestId('topbar').textContent).toContain('MRR at the end of Feb 2026: $29,044.57');
  });

  it('shows null as "—" with the import that would fill it, never 0', async () => {
    installRevenueFake();
    open();
    render(Revenue);
    await screen.findAllByTestId('kpi-tile');
    const collected = within(tile('collected')).getByTestId('tile-value');
    expect(collected.textContent).toBe('—');
    expect(collected.getAttribute('title')).toContain('Import your Stripe payments export');
    const quick = within(tile('quick_ratio')).getByTestId('tile-value');
    expect(quick.textContent).toBe('—');
    expect(quick.getAttribute('title')).toContain('no denominator');
    // A real zero is a zero.
    expect(within(tile('disputes')).getByTestId('tile-value').textContent).toBe('0');
  });

  it('draws the MRR chart from the options of the Go side, with the page formatters', async () => {
    installRevenueFake();
    open();
    render(Revenue);
    await screen.findAllByTestId('kpi-tile');
    await waitFor(() => expect(chartIn('mrr-chart').options).not.toBeNull());
    const opts = chartIn('mrr-chart').options as any;
    expect(opts.series[1].itemStyle.color).toBe('#DC2626');
    expect(opts.xAxis[0].axisLabel.formatter('2026-02')).toBe('Feb 2026');
    expect(opts.yAxis[0].axisLabel.formatter(1234500)).toBe('$12.3k');
    const tip = opts.tooltip.formatter([
      { axisValue: '2026-02', seriesName: 'Churn', seriesIndex: 1, value: -35500, marker: '' },
      { axisValue: '2026-02', seriesName: 'MRR', seriesIndex: 0, value: 2904457, marker: '' },
    ]);
    expect(tip).toContain('Feb 2026');
    expect(tip.indexOf('MRR')).toBeLessThan(tip.indexOf('Churn'));
    expect(tip).toContain('$29,044.57');
    expect(tip).toContain('−$355.00');
  });

  it('opens the customers behind a movement bar, then a customer page', async () => {
    const fake = installRevenueFake();
    open();
    render(Revenue);
    await screen.findAllByTestId('kpi-tile');
    await waitFor(() => expect(chartIn('mrr-chart').options).not.toBeNull());
    chartIn('mrr-chart').click({ componentType: 'series', seriesId: 'churn', name: '2026-01', seriesName: 'Churn' });
    const panel = await screen.findByTestId('movement-panel');
    expect(fake.Revenue.Movements).toHaveBeenCalledWith('2026-01', 'churn');
    const rows = await within(panel).findAllByTestId('drill-row');
    expect(rows).toHaveLength(3);
    expect(panel.textContent).toContain('3 customers churned (−$355.00 MRR)');
    expect(rows[0].textContent).toContain('Bramble Fitness');
    expect(rows[0].textContent).toContain('−$299.00');
    expect(rows[1].textContent).toContain('kai@cinder.example');
    expect(within(panel).getByTestId('drill-total').textContent).toBe('−$355.00');

    await fireEvent.click(within(rows[0]).getByRole('button'));
    const page = await within(panel).findByTestId('customer-page');
    expect(fake.Revenue.Customer).toHaveBeenCalledWith('cus_A', '2026-01'); // the drill-down's month, not today's
    await within(page).findAllByTestId('step');
    expect(page.textContent).toContain('Scale · monthly');
    expect(page.textContent).toContain('Invoice D3FEB91A-0001');
    expect(page.textContent).toContain('$299.00 billed');
    expect(page.textContent).toContain('MRR from its invoices');
    expect(within(page).getByTestId('customer-moves').textContent).toContain('Churn');

    // Esc closes one layer at a time: the customer, back to the list; then the panel.
    await fireEvent.keyDown(window, { key: 'Escape' });
    const again = await within(panel).findAllByTestId('drill-row');
    expect(again).toHaveLength(3);
    expect(screen.getByTestId('movement-panel')).toBeTruthy();
    // The way back by the button, then Esc closes the panel.
    await fireEvent.click(within(again[0]).getByRole('button'));
    await within(panel).findByTestId('customer-page');
    await fireEvent.click(within(panel).getByTestId('panel-back'));
    expect(await within(panel).findAllByTestId('drill-row')).toHaveLength(3);
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('movement-panel')).toBeNull());
  });

  it('opens the customers behind a row of the movements table', async () => {
    const fake = installRevenueFake({ Movements: async () => ({ ...CHURN, kind: 'new', label: 'New', rows: [], customers: 0, total: 0 }) });
    open();
    render(Revenue);
    const rows = await screen.findAllByTestId('movement-row');
    expect(rows.map((r) => r.dataset.kind)).toEqual(['new', 'expansion', 'reactivation', 'contraction', 'churn', 'fx']);
    expect(rows[0].textContent).toContain('14 new customers');
    expect(rows[0].textContent).toContain('+$1,964.41');
    expect(rows[4].textContent).toContain('3 customers churned');
    expect(rows[4].textContent).toContain('−$355.00');
    expect(screen.getByTestId('mrr-start').textContent).toBe('$26,318.68');
    expect(screen.getByTestId('mrr-end').textContent).toBe('$29,044.57');
    await fireEvent.click(within(rows[0]).getByRole('button'));
    expect(fake.Revenue.Movements).toHaveBeenCalledWith('2026-02', 'new');
    expect(await screen.findByTestId('panel-empty')).toBeTruthy();
  });

  it('switches a rule and recomputes', async () => {
    const fake = installRevenueFake();
    open();
    render(Revenue);
    const card = await screen.findByTestId('rules-card');
    const cancel = await within(card).findByTestId('rule-churn_timing-cancellation');
    expect(within(card).getByTestId('rule-churn_timing-period_end').getAttribute('aria-checked')).toBe('true');
    const before = fake.Revenue.Overview.mock.calls.length;
    await fireEvent.click(cancel);
    expect(fake.Revenue.SetRule).toHaveBeenCalledWith('churn_timing', 'cancellation');
    await waitFor(() => expect(cancel.getAttribute('aria-checked')).toBe('true'));
    await waitFor(() => expect(fake.Revenue.Overview.mock.calls.length).toBeGreaterThan(before));
    expect(card.textContent).toContain('At Canceled At.');
    expect(card.textContent).not.toContain('churn_timing');
    // One click changed every number: the toast says so and offers to undo it.
    const t = toasts.at(-1)!;
    expect(t.message).toContain('Every number is recomputed');
    expect(t.action?.label).toContain('Undo');
    const after = fake.Revenue.Overview.mock.calls.length;
    t.action!.run();
    await waitFor(() => expect(fake.Revenue.SetRule).toHaveBeenLastCalledWith('churn_timing', 'period_end'));
    await waitFor(() => expect(within(card).getByTestId('rule-churn_timing-period_end').getAttribute('aria-checked')).toBe('true'));
    await waitFor(() => expect(fake.Revenue.Overview.mock.calls.length).toBeGreaterThan(after));
    expect(toasts.at(-1)?.action).toBeUndefined(); // undoing the undo is the switch itself
  });

  it('changes month with the picker', async () => {
    const fake = installRevenueFake();
    open();
    render(Revenue);
    const picker = await screen.findByTestId('month-picker');
    expect((within(picker).getByTestId('month-picker-select') as HTMLSelectElement).value).toBe('2026-02');
    // This month can be looked at, "so far"; the month before is the last complete one.
    const options = [...within(picker).getAllByRole('option')].map((o) => o.textContent);
    expect(options[0]).toBe('Mar 2026 (so far)');
    expect(options[1]).toBe('Feb 2026 (last complete)');
    expect(options.filter((o) => o?.includes('('))).toHaveLength(2);
    expect((within(picker).getByTestId('month-picker-next') as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.click(within(picker).getByTestId('month-picker-prev'));
    expect(fake.Revenue.Overview).toHaveBeenLastCalledWith('2026-01');
    expect(fake.Revenue.PlanMix).toHaveBeenLastCalledWith('2026-01');
    // One month for the whole window, kept for the next start.
    expect(fake.Workspace.SetMonth).toHaveBeenLastCalledWith('2026-01');
    expect(shown.month).toBe('2026-01');
  });

  it('shows what payments alone support: revenue, orders and products, not a wall of dashes', async () => {
    installRevenueFake({ Overview: async () => structuredClone(SALES_OVERVIEW) });
    open();
    render(Revenue);
    await screen.findByTestId('products');
    expect(screen.getByTestId('revenue-about').textContent).toContain('one-off sales');
    expect(screen.queryByTestId('revenue-empty')).toBeNull();
    expect(screen.queryByTestId('mrr-chart')).toBeNull();
    expect(screen.getByTestId('sales-chart')).toBeTruthy();
    expect(screen.getAllByTestId('kpi-tile').map((t) => t.dataset.key)).toEqual(['collected', 'orders']);
    const rows = screen.getAllByTestId('product-row');
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain('Icon pack');
    expect(rows[0].textContent).toContain('$900.00');
    expect(rows[2].querySelector('td')?.getAttribute('title')).toBe('Not sold in Feb 2026');
  });

  it('says which export to import when there is no billing data', async () => {
    installRevenueFake({ Overview: async () => structuredClone(EMPTY_OVERVIEW) });
    open();
    render(Revenue);
    const empty = await screen.findByTestId('revenue-empty');
    expect(empty.textContent).toContain('Import your Stripe subscriptions or invoices export');
    expect(within(tile('mrr')).getByTestId('tile-value').textContent).toBe('—');
    expect(screen.queryByTestId('movements-table')).toBeNull();
    await fireEvent.click(within(empty).getByRole('button', { name: /Import Stripe subscriptions/ }));
    expect(app.screen).toBe('imports');
    expect(app.wanted?.kind).toBe('subscriptions');
  });

  it('offers the exchange-rates table when a rate is missing', async () => {
    const fake = installRevenueFake({ Overview: async () => structuredClone(RATE_PROBLEM) });
    open();
    render(Revenue);
    const problem = await screen.findByTestId('revenue-problem');
    expect(problem.textContent).toContain('Keel has no exchange rate from EUR to USD for January 2026');
    await fireEvent.click(within(problem).getByTestId('problem-rates'));
    const panel = await screen.findByTestId('rates-panel');
    expect(within(panel).getByTestId('rates-missing').textContent).toContain('EUR to USD');
    await within(panel).findByTestId('rate-form');
    expect((within(panel).getByTestId('rate-currency') as HTMLInputElement).value).toBe('EUR');
    expect((within(panel).getByTestId('rate-month') as HTMLInputElement).value).toBe('2026-01');
    await fireEvent.input(within(panel).getByTestId('rate-value'), { target: { value: '1.08' } });
    await fireEvent.submit(within(panel).getByTestId('rate-form'));
    expect(fake.Revenue.SetRate).toHaveBeenCalledWith('EUR', '2026-01', '1.08');
    expect(await within(panel).findAllByTestId('rate-row')).toHaveLength(1);
  });

  it('shows skeletons while loading', async () => {
    let resolve!: (v: unknown) => void;
    installRevenueFake({ Overview: () => new Promise((r) => (resolve = r)) });
    open();
    const { container } = render(Revenue);
    expect(container.querySelector('.tile-skeleton')).toBeTruthy();
    expect(screen.getByTestId('mrr-chart-skeleton')).toBeTruthy();
    resolve(structuredClone(OVERVIEW));
    expect(await screen.findAllByTestId('kpi-tile')).toHaveLength(12);
    expect(screen.queryByTestId('mrr-chart-skeleton')).toBeNull();
  });

  it('shows the cohorts as percentages', async () => {
    installRevenueFake();
    open();
    render(Revenue);
    const cells = await screen.findAllByTestId('cohort-cell');
    expect(cells.map((c) => c.textContent?.trim())).toEqual(['100%', '90%', '100%']);
    expect(cells[1].getAttribute('title')).toContain('9 of 10 still paying');
  });
});
