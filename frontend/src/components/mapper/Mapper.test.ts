import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Imports from '../../screens/Imports.svelte';
import type { Preview } from '../../lib/api';
import { app } from '../../lib/app.svelte';
import { addFiles, flow } from '../../lib/imports.svelte';
import { WS } from '../../test/fixtures';
import { SAVED, installAreaFakes } from '../../test/users';

const UNKNOWN: Preview = {
  path: '/in/tool.csv',
  name: 'tool.csv',
  size: 200,
  sha256: 'dd44',
  encoding: 'UTF-8',
  separator: ',',
  header: ['Action', 'Who', 'When', 'Browser'],
  rows: [['signed_up', 'ann@acme.io', '2026-01-02 10:00:00', 'Firefox']],
  source: '',
  kind: '',
  label: '',
  confidence: 0,
  candidates: [],
  error: null,
};

function open() {
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'imports';
}

describe('the column mapper', () => {
  it('maps an unknown CSV, previews it live, saves the mapping and imports', async () => {
    let saved = false;
    const fake = installAreaFakes({
      Imports: { Preview: async () => [structuredClone(UNKNOWN)] },
      Mapper: { List: async () => (saved ? structuredClone(SAVED) : []) },
    });
    open();
    render(Imports);
    await addFiles(['/in/tool.csv']);
    const card = await screen.findByTestId('preview-card');
    expect(card.textContent).toContain('Keel does not know this export');
    await fireEvent.click(within(card).getByTestId('map-columns'));
    const dialog = await screen.findByTestId('mapper');
    await within(dialog).findByTestId('map-fields');
    expect(fake.Mapper.Open).toHaveBeenCalledWith('/in/tool.csv');

    // The guess is pre-filled; the time is missing, so it says so.
    const name = within(dialog).getByTestId('map-col-name') as HTMLSelectElement;
    expect(name.value).toBe('Action');
    expect((within(dialog).getByTestId('map-name') as HTMLInputElement).value).toBe('tool');
    expect((await within(dialog).findByTestId('map-problem')).textContent).toContain('time of the event');
    expect((within(dialog).getByTestId('map-import') as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.change(within(dialog).getByTestId('map-col-time'), { target: { value: 'When' } });
    await fireEvent.change(within(dialog).getByTestId('map-col-user'), { target: { value: 'Who' } });
    const table = await within(dialog).findByTestId('map-preview');
    await waitFor(() => expect(fake.Mapper.Preview).toHaveBeenLastCalledWith('/in/tool.csv', expect.objectContaining({ columns: { name: 'Action', time: 'When', user: 'Who' } })));
    const rows = within(table).getAllByTestId('map-row');
    expect(rows[0].textContent).toContain('signed_up');
    expect(rows[0].textContent).toContain('2026');
    expect(rows[1].textContent).toContain('"yesterday" is not a date');
    expect(within(dialog).getByTestId('map-good').textContent).toContain('1 of 2');

    await fireEvent.input(within(dialog).getByTestId('map-name'), { target: { value: 'Our tool' } });
    saved = true;
    await fireEvent.click(within(dialog).getByTestId('map-import'));
    await waitFor(() =>
      expect(fake.Mapper.Save).toHaveBeenCalledWith('/in/tool.csv', expect.objectContaining({ name: 'Our tool', kind: 'events' })),
    );
    await waitFor(() => expect(fake.Imports.Run).toHaveBeenCalledWith([{ path: '/in/tool.csv', source: '', kind: '', mapping: 'Our tool' }]));
    expect(screen.queryByTestId('mapper')).toBeNull();
    // The saved mapping is listed, and can be deleted after asking.
    const row = await screen.findByTestId('mapping-row');
    expect(row.textContent).toContain('Our tool');
    expect(row.textContent).toContain('Product events');
    await fireEvent.click(within(row).getByTestId('delete-mapping'));
    await fireEvent.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(fake.Mapper.Delete).toHaveBeenCalledWith('Our tool'));
  });

  it('a file with a saved mapping is ready to import with it', async () => {
    const fake = installAreaFakes({
      Imports: {
        Preview: async () => [{ ...structuredClone(UNKNOWN), source: 'our-tool', kind: 'events', label: 'Our tool (saved mapping)', confidence: 1, mapping: 'Our tool' }],
      },
    });
    open();
    render(Imports);
    await addFiles(['/in/tool.csv']);
    const card = await screen.findByTestId('preview-card');
    expect(within(card).getByTestId('detected-label').textContent).toBe('Our tool (saved mapping)');
    expect(flow.staged[0].choice).toBe('mapping:Our tool');
    await fireEvent.click(screen.getByTestId('run-import'));
    await waitFor(() => expect(fake.Imports.Run).toHaveBeenCalledWith([{ path: '/in/tool.csv', source: '', kind: '', mapping: 'Our tool' }]));
  });

  it('saves a mapping without importing: the staged file now reads with it', async () => {
    installAreaFakes({ Imports: { Preview: async () => [structuredClone(UNKNOWN)] } });
    open();
    render(Imports);
    await addFiles(['/in/tool.csv']);
    await fireEvent.click(within(await screen.findByTestId('preview-card')).getByTestId('map-columns'));
    const dialog = await screen.findByTestId('mapper');
    await within(dialog).findByTestId('map-fields');
    await fireEvent.change(within(dialog).getByTestId('map-col-time'), { target: { value: 'When' } });
    await fireEvent.click(within(dialog).getByTestId('map-save'));
    await waitFor(() => expect(screen.queryByTestId('mapper')).toBeNull());
    expect(flow.staged[0].choice).toBe('mapping:tool');
    expect(screen.getByTestId('detected-label').textContent).toBe('tool (saved mapping)');
    expect((screen.getByTestId('run-import') as HTMLButtonElement).disabled).toBe(false);
  });
});
