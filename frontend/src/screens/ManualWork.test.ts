import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ManualWork from './ManualWork.svelte';
import ManualDialog from '../components/manual/ManualDialog.svelte';
import { app } from '../lib/app.svelte';
import { manualDialog } from '../lib/manual.svelte';
import { resetMonth } from '../lib/month.svelte';
import { WS } from '../test/fixtures';
import { installOpsFakes } from '../test/decisions';

vi.mock('../lib/echarts', () => import('../test/echarts'));

beforeEach(() => {
  app.phase = 'workspace';
  app.workspace = WS;
  resetMonth();
  manualDialog.open = false;
});

describe('Manual work', () => {
  it('shows the warning, the tiles, the segments, the costliest accounts and the month', async () => {
    installOpsFakes();
    render(ManualWork);
    expect((await screen.findByTestId('manual-warning')).textContent).toContain('Manual work is growing faster than customers');
    expect(screen.getAllByTestId('kpi-tile')).toHaveLength(3);
    expect(screen.getByTestId('manual-segments').textContent).toContain('Scale · monthly');
    expect(screen.getByTestId('manual-top').textContent).toContain('Acme');
    const rows = screen.getAllByTestId('manual-entry');
    expect(rows).toHaveLength(2);
    // An imported entry names what the file said when no account answers,
    // and cannot be removed here.
    expect(rows[1].textContent).toContain('ops@gone.example (no account)');
    expect(within(rows[1]).queryByRole('button')).toBeNull();
    expect(within(rows[0]).getByRole('button', { name: 'Remove this intervention' })).toBeTruthy();
  });

  it('says how to log work when the log is empty', async () => {
    installOpsFakes({ Manual: { Overview: async () => ({ ...structuredClone((await import('../test/decisions')).MANUAL), overview: { ...(await import('../test/decisions')).MANUAL.overview, logged: 0, warning: null } }) } });
    render(ManualWork);
    expect((await screen.findByTestId('manual-empty')).textContent).toContain('keel manual add');
  });
});

describe('the quick dialog', () => {
  it('finds the account, picks it with Enter, and logs the minutes on Keel’s day', async () => {
    const fake = installOpsFakes();
    const onclose = vi.fn();
    render(ManualDialog, { onclose });
    await waitFor(() => expect((screen.getByTestId('manual-date') as HTMLInputElement).value).toBe('03/14/2026'));
    await fireEvent.input(screen.getByTestId('manual-account'), { target: { value: 'am' } });
    await screen.findAllByTestId('manual-account-option');
    await fireEvent.keyDown(screen.getByTestId('manual-account'), { key: 'ArrowDown' });
    await fireEvent.keyDown(screen.getByTestId('manual-account'), { key: 'Enter' });
    expect((await screen.findByTestId('manual-account-chosen')).textContent).toContain('Amber Labs');
    await fireEvent.change(screen.getByTestId('manual-kind'), { target: { value: 'refund' } });
    await fireEvent.input(screen.getByTestId('manual-minutes'), { target: { value: '25' } });
    await fireEvent.input(screen.getByTestId('manual-note'), { target: { value: 'double charge' } });
    await fireEvent.submit(screen.getByTestId('manual-save').closest('form')!);
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(fake.Manual.Log).toHaveBeenCalledWith({ date: '2026-03-14', account: 'acc_2', kind: 'refund', minutes: 25, note: 'double charge' });
  });

  it('keeps the dialog open with the backend sentence when refused', async () => {
    installOpsFakes({ Manual: { Log: async () => Promise.reject({ code: 'invalid', message: 'Say how many minutes it took: a whole number from 1 to 1440, not 0.' }) } });
    const onclose = vi.fn();
    render(ManualDialog, { onclose });
    await fireEvent.input(screen.getByTestId('manual-minutes'), { target: { value: '0' } });
    await fireEvent.submit(screen.getByTestId('manual-save').closest('form')!);
    expect((await screen.findByTestId('manual-error')).textContent).toContain('not 0');
    expect(onclose).not.toHaveBeenCalled();
  });
});
