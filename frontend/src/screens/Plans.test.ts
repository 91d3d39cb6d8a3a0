import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Plans from './Plans.svelte';
import { app } from '../lib/app.svelte';
import { costsView } from '../lib/costs';
import { resetMonth } from '../lib/month.svelte';
import { WS } from '../test/fixtures';
import { installOpsFakes } from '../test/decisions';

vi.mock('../lib/echarts', () => import('../test/echarts'));

beforeEach(() => {
  app.phase = 'workspace';
  app.workspace = WS;
  resetMonth();
  costsView.tab = 'costs';
});

describe('Plans & costs', () => {
  it('shows cost and margin per plan, the what-if, the power user and the warning', async () => {
    installOpsFakes();
    render(Plans);
    const rows = await screen.findAllByTestId('plan-row');
    expect(rows[0].textContent).toContain('Growth · monthly');
    expect(within(rows[0]).getByTestId('plan-margin').textContent).toBe('88.6%');
    expect(rows[0].textContent).toContain('75.7%');
    // Not paying: a cost, no margin.
    expect(rows[1].textContent).toContain('Not paying');
    expect(within(rows[1]).getByTestId('plan-margin').textContent?.trim()).toBe('—');
    expect(screen.getByTestId('power-user').textContent).toContain('746 exports');
    expect(screen.getByTestId('cost-warning').textContent).toContain('Quill Bikes costs more than it pays');
  });

  it('says which event would fill an unmapped driver, and refuses a negative unit cost in words', async () => {
    const fake = installOpsFakes({ Costs: { SaveDriver: async () => Promise.reject({ code: 'invalid', message: 'A unit cost cannot be negative: -3 cents per export would mean every export earns you money.' }) } });
    render(Plans);
    await screen.findAllByTestId('plan-row');
    await fireEvent.click(screen.getByTestId('tab-drivers'));
    expect(screen.getByTestId('driver-unmapped').textContent).toContain('report_shared (6,503 events) would fill it');
    await fireEvent.click(within(screen.getAllByTestId('driver-row')[0]).getByTestId('driver-edit'));
    const dialog = await screen.findByTestId('driver-dialog');
    await fireEvent.input(within(dialog).getByTestId('driver-cost'), { target: { value: '-3' } });
    await fireEvent.submit(within(dialog).getByTestId('driver-save').closest('form')!);
    expect((await screen.findByTestId('driver-error')).textContent).toContain('cannot be negative');
    expect(fake.Costs.SaveDriver).toHaveBeenCalledWith(expect.objectContaining({ id: 2, unit_cost: '-3', events: ['export_csv'] }));
  });

  it('sets what a plan grants from the matrix', async () => {
    const fake = installOpsFakes();
    render(Plans);
    await screen.findAllByTestId('plan-row');
    await fireEvent.click(screen.getByTestId('tab-plans'));
    const cells = screen.getAllByTestId('matrix-cell');
    expect(cells[1].textContent?.trim()).toBe('admin only');
    expect(cells[1].getAttribute('title')).toBe('Only users with the admin role.');
    await fireEvent.click(cells[0]);
    const dialog = await screen.findByTestId('grant-dialog');
    await fireEvent.change(within(dialog).getByTestId('grant-access'), { target: { value: 'usage_limited' } });
    await fireEvent.input(within(dialog).getByTestId('grant-limit'), { target: { value: '5' } });
    await fireEvent.input(within(dialog).getByTestId('grant-unit'), { target: { value: 'seats' } });
    await fireEvent.submit(within(dialog).getByTestId('grant-save').closest('form')!);
    await waitFor(() =>
      expect(fake.Costs.Grant).toHaveBeenCalledWith(expect.objectContaining({ plan: 'Growth · monthly', feature: 4, access: 'usage_limited', limit: 5, limit_unit: 'seats' })),
    );
  });
});
