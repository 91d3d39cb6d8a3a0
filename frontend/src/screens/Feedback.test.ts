import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Feedback from './Feedback.svelte';
import { app } from '../lib/app.svelte';
import { emptyFilter, type Page, type Row } from '../lib/feedback';
import { feedbackBadge, feedbackView } from '../lib/feedback.svelte';
import { resetMonth, shown } from '../lib/month.svelte';
import { WS } from '../test/fixtures';
import { installFake } from '../test/fake';

function row(i: number, over: Partial<Row> = {}): Row {
  return {
    key: `feedback:csv:${i}`,
    kind: 'feedback',
    source: 'csv',
    source_id: String(i),
    created: '2026-02-0' + ((i % 9) + 1) + 'T10:00:00Z',
    title: `Item ${i}`,
    text: `Text of item ${i}`,
    text_len: 14,
    email: `p${i}@acme.io`,
    name: '',
    votes: null,
    account: 'acc_1',
    account_name: 'Acme',
    plan: 'Growth · monthly',
    mrr: 9900,
    stage: 'established',
    account_type: 'company',
    segment: 'small',
    suggested: { type: 'request', why: ['please add'], reason: 'mentions ‘please add’' },
    type: '',
    area: '',
    cluster: null,
    suggestion: null,
    ...over,
  };
}

function pageOf(rows: Row[], untriaged = rows.length): Page {
  return {
    rows,
    total: rows.length,
    offset: 0,
    counts: { items: rows.length, untriaged, by_type: {} },
    facets: { plans: [], sources: [{ value: 'csv', items: rows.length }], stages: [] },
    areas: [{ id: 'reports', name: 'Reports', letter: 'r' }],
    base_currency: 'usd',
    undo: '',
  };
}

function install() {
  const rows = [row(1), row(2, { suggested: { type: '', why: [], reason: '' } }), row(3)];
  const Fb = {
    List: vi.fn(async () => pageOf(rows)),
    SetType: vi.fn(async (keys: string[], type: string) => ({ message: `Typed ${keys.length} as ${type}`, untriaged: 2, undo: '' })),
    SetArea: vi.fn(async () => ({ message: 'Put ‘Item 1’ in Reports', untriaged: 3, undo: '' })),
    Undo: vi.fn(async () => 'Typed ‘Item 1’ as Request'),
    Badge: vi.fn(async () => 3),
    Clusters: vi.fn(async () => ({ clusters: [], base_currency: 'usd', undo: '' })),
    Item: vi.fn(async (key: string) => ({ ...row(1), key, full: 'The whole text' })),
    Numbers: vi.fn(async (month: string) => ({
      month: month || '2026-02',
      default: '2026-02',
      last_complete: '2026-02',
      current: '2026-03',
      first: '2025-03',
      last: '2026-02',
      missing: null,
      tiles: [tile('feedback_items', 'Feedback items', 307), tile('untriaged', 'Untriaged', 12), tile('bugs_per_release', 'Bugs per release', null)],
    })),
  };
  installFake();
  (window.go as any).app.Feedback = Fb;
  app.phase = 'workspace';
  app.workspace = WS;
  app.screen = 'feedback';
  Object.assign(feedbackView, { tab: 'inbox', filter: emptyFilter(), cluster: null });
  resetMonth();
  return Fb;
}

function tile(key: string, label: string, value: number | null) {
  return {
    key,
    label,
    unit: key === 'bugs_per_release' ? 'multiple' : 'count',
    digits: 0,
    better: '',
    rule: 'The rule',
    value,
    prev: value,
    delta: value === null ? null : 0,
    change: value === null ? null : 0,
    good: null,
    months: ['2026-01', '2026-02'],
    values: [value, value],
    spark: null,
    note: null,
    missing: value === null ? 'No release shipped this month.' : '',
  };
}

const current = () => screen.getByTestId('item-detail').getAttribute('data-key');

describe('Feedback inbox', () => {
  it('moves with j/k, types with 1–7 and goes to the next item, sets an area with its letter, undoes with u', async () => {
    const fb = install();
    render(Feedback);
    await screen.findAllByTestId('inbox-row');
    expect(fb.List).toHaveBeenCalledWith(expect.objectContaining({ status: 'untriaged' }), 0, 300);
    expect(current()).toBe('feedback:csv:1');
    expect(screen.getByTestId('suggested-type').textContent).toContain('Request');
    expect(screen.getByTestId('suggested-type').textContent).toContain('mentions ‘please add’');
    expect(screen.getByTestId('item-detail').textContent).toContain('$99.00');

    await fireEvent.keyDown(window, { key: 'j' });
    expect(current()).toBe('feedback:csv:2');
    // No rule matched: it says so, rather than nothing.
    expect(screen.getByTestId('suggested-type').textContent).toContain('No suggestion');
    await fireEvent.keyDown(window, { key: 'k' });
    expect(current()).toBe('feedback:csv:1');

    await fireEvent.keyDown(window, { key: '3' });
    expect(current()).toBe('feedback:csv:2');
    expect(fb.SetType).toHaveBeenCalledWith(['feedback:csv:1'], 'request');
    await waitFor(() => expect(feedbackBadge.untriaged).toBe(2));
    await waitFor(() => expect(screen.getByTestId('inbox-status').textContent).toContain('Typed 1 as request'));

    await fireEvent.keyDown(window, { key: 'r' });
    expect(fb.SetArea).toHaveBeenCalledWith(['feedback:csv:2'], 'reports');

    await fireEvent.keyDown(window, { key: 'u' });
    await waitFor(() => expect(fb.Undo).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByTestId('inbox-status').textContent).toContain('Undone: Typed'));
  });

  it('types the selection at once (x, then a type key)', async () => {
    const fb = install();
    render(Feedback);
    await screen.findAllByTestId('inbox-row');
    await fireEvent.keyDown(window, { key: 'x' });
    await fireEvent.keyDown(window, { key: 'j' });
    await fireEvent.keyDown(window, { key: 'x' });
    expect(screen.getByTestId('bulk-bar').textContent).toContain('2 selected');
    await fireEvent.keyDown(window, { key: '6' });
    expect(fb.SetType).toHaveBeenCalledWith(['feedback:csv:1', 'feedback:csv:2'], 'confusion');
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
  });

  it('ignores keys typed in the search box and g sequences', async () => {
    const fb = install();
    render(Feedback);
    await screen.findAllByTestId('inbox-row');
    const search = screen.getByTestId('feedback-search');
    await fireEvent.keyDown(search, { key: '1' });
    await fireEvent.keyDown(window, { key: 'g' });
    await fireEvent.keyDown(window, { key: 'r' });
    expect(fb.SetType).not.toHaveBeenCalled();
    expect(fb.SetArea).not.toHaveBeenCalled();
  });

  it('shows the month\'s figures of the read model on the Numbers tab, — with its reason when missing', async () => {
    const fb = install();
    render(Feedback);
    await fireEvent.click(screen.getByTestId('tab-numbers'));
    const tiles = await screen.findAllByTestId('kpi-tile');
    expect(fb.Numbers).toHaveBeenCalledWith('');
    expect(tiles.map((t) => t.getAttribute('data-key'))).toEqual(['feedback_items', 'untriaged', 'bugs_per_release']);
    expect(tiles[0].querySelector('[data-testid="tile-value"]')!.textContent).toBe('307');
    const missing = tiles[2].querySelector('[data-testid="tile-value"]')!;
    expect(missing.textContent).toBe('—');
    expect(missing.getAttribute('title')).toBe('No release shipped this month.');
    expect(shown.period?.month).toBe('2026-02');
  });

  it('says what to do when there is no feedback yet', async () => {
    const fb = install();
    fb.List.mockImplementation(async () => pageOf([], 0));
    render(Feedback);
    expect((await screen.findByTestId('feedback-empty')).textContent).toContain('Canny');
  });
});
