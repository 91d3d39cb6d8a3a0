import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import Imports from './Imports.svelte';
import Toasts from '../components/Toasts.svelte';
import type { Report } from '../lib/api';
import { app } from '../lib/app.svelte';
import { flow, handleFileDrop } from '../lib/imports.svelte';
import { toasts } from '../lib/toasts.svelte';
import { HISTORY, PREVIEWS, REPORTS, WS } from '../test/fixtures';
import { deferred, installFake } from '../test/fake';

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'imports';
}

const PATHS = PREVIEWS.map((p) => p.path);

describe('Imports: preview', () => {
  it('previews dropped files with what Keel detected, in words', async () => {
    const fake = installFake();
    open();
    render(Imports);
    await handleFileDrop(PATHS);
    expect(fake.Imports.Preview).toHaveBeenCalledWith(PATHS);

    const cards = await screen.findAllByTestId('preview-card');
    expect(cards).toHaveLength(3);

    const pay = within(cards[0]);
    expect(pay.getByTestId('detected-label').textContent).toBe('Stripe payments');
    expect(pay.getByTestId('confidence').textContent).toBe('Sure');
    expect(cards[0].textContent).toContain('UTF-8');
    expect(cards[0].textContent).toContain('comma-separated');
    const table = pay.getByTestId('preview-table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'id',
      'Created date (UTC)',
      'Amount',
      'Currency',
    ]);
    expect(within(table).getAllByRole('row')).toHaveLength(3); // header + 2 rows
    expect(pay.queryByTestId('kind-select')).toBeNull();

    // Unsure: a select over the candidates and all kinds.
    const tickets = within(cards[1]);
    expect(tickets.getByTestId('confidence').textContent).toBe('Unsure');
    const select = tickets.getByTestId('kind-select') as HTMLSelectElement;
    await waitFor(() => expect(select.querySelectorAll('option').length).toBe(5));
    expect(select.value).toBe('zendesk/tickets');

    // Unreadable: the error with the file name, and nothing to choose.
    const notes = within(cards[2]);
    expect(notes.getByTestId('preview-error').textContent).toContain('notes.txt');
    expect(notes.getByTestId('preview-error').textContent).toContain('This is not a CSV file');
    expect(notes.queryByTestId('kind-select')).toBeNull();

    expect(screen.getByTestId('run-import').textContent).toContain('Import 2 files');
    expect(screen.getByTestId('waiting').textContent).toContain('1 file cannot be read');
  });

  it('does not stage the same file twice, and removes a file', async () => {
    const fake = installFake();
    open();
    render(Imports);
    await handleFileDrop([PATHS[0]]);
    await handleFileDrop([PATHS[0], PATHS[1]]);
    expect(fake.Imports.Preview).toHaveBeenLastCalledWith([PATHS[1]]);
    expect(await screen.findAllByTestId('preview-card')).toHaveLength(2);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove payments.csv' }));
    expect(screen.getAllByTestId('preview-card')).toHaveLength(1);
  });

  it('imports with the kind the founder picked', async () => {
    const fake = installFake();
    open();
    render(Imports);
    await handleFileDrop(PATHS);
    const cards = await screen.findAllByTestId('preview-card');
    const select = within(cards[1]).getByTestId('kind-select') as HTMLSelectElement;
    await waitFor(() => expect(select.querySelector('option[value="posthog/events"]')).toBeTruthy());
    select.value = 'posthog/events';
    await fireEvent.change(select);
    await fireEvent.click(screen.getByTestId('run-import'));
    expect(fake.Imports.Run).toHaveBeenCalledWith([
      { path: '/in/payments.csv', source: 'stripe', kind: 'payments' },
      { path: '/in/tickets.csv', source: 'posthog', kind: 'events' },
    ]);
  });
});

describe('Imports: run', () => {
  it('shows progress from events, then the report per file', async () => {
    const run = deferred<Report[]>();
    const fake = installFake({ Imports: { Run: () => run.promise } });
    open();
    render(Imports);
    render(Toasts);
    await handleFileDrop(PATHS.slice(0, 2));
    await screen.findAllByTestId('preview-card');
    await fireEvent.click(screen.getByTestId('run-import'));

    const progress = await screen.findByTestId('import-progress');
    expect(fake.subscribers('import:progress')).toBe(1);
    fake.emit('import:progress', { file: 'payments.csv', path: '/in/payments.csv', bytes: 1000, total: 1000, rows: 1250, done: true });
    fake.emit('import:progress', { file: 'tickets.csv', path: '/in/tickets.csv', bytes: 1000, total: 3000, rows: 40, done: false });
    await tick();
    expect(progress.textContent).toContain('Importing tickets.csv');
    expect(progress.textContent).toContain('file 2 of 2');
    expect(screen.getByTestId('progress-text').textContent).toContain('1,290 rows read · 50%');
    expect(within(progress).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');

    // All read: the last file is being saved, then the rows linked to accounts.
    fake.emit('import:progress', { file: 'tickets.csv', path: '/in/tickets.csv', bytes: 3000, total: 3000, rows: 120, done: false });
    await tick();
    expect(progress.textContent).toContain('Saving tickets.csv');
    fake.emit('import:stage', { stage: 'linking' });
    await tick();
    expect(progress.textContent).toContain('Linking the new rows to accounts');
    expect(screen.getByTestId('progress-text').textContent).toContain('1,370 rows saved');
    expect(screen.queryByTestId('cancel-import')).toBeNull();

    run.resolve(structuredClone(REPORTS));
    const reports = await screen.findAllByTestId('report-card');
    expect(fake.subscribers('import:progress')).toBe(0);
    expect(fake.subscribers('import:stage')).toBe(0);
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(reports).toHaveLength(2);

    const ok = within(reports[0]);
    expect(ok.getByTestId('stat-read').textContent).toContain('1,250');
    expect(ok.getByTestId('stat-imported').textContent).toContain('1,200');
    expect(ok.getByTestId('stat-updated').textContent).toContain('30');
    expect(ok.getByTestId('stat-duplicates').textContent).toContain('17');
    expect(ok.getByTestId('stat-rejected').textContent).toContain('3');
    const rejected = ok.getByTestId('rejected-rows');
    expect(rejected.textContent).toContain('412');
    expect(rejected.textContent).toContain('Amount "12,00 EUR" is not a number');
    expect(ok.getByTestId('report-notes').textContent).toContain('The file has no Status column');
    expect(within(reports[1]).queryByTestId('report-notes')).toBeNull();
    expect(ok.getByTestId('report-older').textContent).toContain('5 rows are older than what the workspace has');
    expect(within(reports[1]).queryByTestId('report-older')).toBeNull();

    expect(reports[1].textContent).toContain('tickets.csv');
    expect(reports[1].textContent).toContain('The column "Requester" is missing.');

    // The error toast names the file and links to the report.
    await waitFor(() => expect(toasts.length).toBe(1));
    expect(toasts[0].kind).toBe('error');
    expect(toasts[0].message).toContain('tickets.csv');
    expect(toasts[0].action?.label).toBe('See report');
    // History and summary are read again.
    await waitFor(() => expect(fake.Imports.History).toHaveBeenCalledTimes(2));
    expect(fake.Workspace.Summary).toHaveBeenCalled();
    expect(flow.staged).toHaveLength(0);
  });

  it('cancels a running import', async () => {
    const run = deferred<Report[]>();
    const fake = installFake({
      Imports: {
        Run: () => run.promise,
        Cancel: async () => run.reject({ code: 'conflict', message: 'The import was cancelled.' }),
      },
    });
    open();
    render(Imports);
    await handleFileDrop([PATHS[0]]);
    await fireEvent.click(await screen.findByTestId('run-import'));
    await fireEvent.click(await screen.findByTestId('cancel-import'));
    expect(fake.Imports.Cancel).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId('import-progress')).toBeNull());
    expect(toasts.at(-1)?.message).toBe('Import cancelled. Nothing was written to the workspace.');
    // The file stays staged, ready to try again.
    expect(screen.getAllByTestId('preview-card')).toHaveLength(1);
  });
});

describe('Imports: history', () => {
  it('lists imports with counts, a short SHA-256 and undone rows greyed', async () => {
    installFake();
    open();
    render(Imports);
    const rows = await screen.findAllByTestId('history-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('unified_payments (3).csv');
    expect(rows[0].textContent).toContain('Stripe payments');
    expect(rows[0].textContent).toContain('48,230');
    expect(rows[0].textContent).toContain('46,982');
    const hash = rows[0].querySelector('code')!;
    expect(hash.textContent).toBe('a3f1c9e0…');
    expect(hash.getAttribute('title')).toBe(HISTORY[0].sha256);
    // Read, new, updated, duplicates, rejected: right-aligned tabular figures.
    expect(Array.from(rows[0].querySelectorAll('td.num')).map((td) => td.textContent?.trim())).toEqual([
      '48,230',
      '1,204',
      '37',
      '46,982',
      '7',
    ]);

    expect(rows[1].classList.contains('undone')).toBe(true);
    expect(within(rows[1]).getByTestId('undone').textContent).toBe('undone');
    expect(within(rows[1]).queryByTestId('undo')).toBeNull();
  });

  it('asks once, then undoes the import', async () => {
    const fake = installFake();
    open();
    render(Imports);
    const rows = await screen.findAllByTestId('history-row');
    await fireEvent.click(within(rows[0]).getByTestId('undo'));

    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('Undo import of unified_payments (3).csv? Its 1,204 rows leave the workspace.');
    expect(fake.Imports.Undo).not.toHaveBeenCalled();

    await fireEvent.click(within(dialog).getByTestId('confirm-ok'));
    await waitFor(() => expect(fake.Imports.Undo).toHaveBeenCalledWith(7));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    await waitFor(() => expect(fake.Imports.History).toHaveBeenCalledTimes(2));
    expect(toasts.at(-1)?.message).toBe('Import of unified_payments (3).csv undone.');
    expect(toasts.at(-1)?.action?.label).toBe('Import again');
  });

  it('does nothing when the founder cancels or presses Esc', async () => {
    const fake = installFake();
    open();
    render(Imports);
    const rows = await screen.findAllByTestId('history-row');

    await fireEvent.click(within(rows[0]).getByTestId('undo'));
    await fireEvent.click(within(await screen.findByTestId('confirm-dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();

    await fireEvent.click(within(rows[0]).getByTestId('undo'));
    await screen.findByTestId('confirm-dialog');
    await fireEvent.keyDown(document.activeElement ?? window, { key: 'Escape' });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(fake.Imports.Undo).not.toHaveBeenCalled();
  });

  it('shows the rejected rows of a past import in a side panel', async () => {
    const fake = installFake();
    open();
    render(Imports);
    await fireEvent.click(await screen.findByTestId('history-rejected'));
    const panel = await screen.findByTestId('side-panel');
    expect(fake.Imports.Rejected).toHaveBeenCalledWith(7);
    await waitFor(() => expect(panel.textContent).toContain('Currency is empty'));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('side-panel')).toBeNull();
  });

  it('says so when nothing was imported yet', async () => {
    installFake({ Imports: { History: async () => [] } });
    open();
    render(Imports);
    expect((await screen.findByTestId('history-empty')).textContent).toContain('No imports yet');
  });
});
