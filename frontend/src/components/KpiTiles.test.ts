import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import KpiTiles from './KpiTiles.svelte';
import { OVERVIEW } from '../test/revenue';

vi.mock('../lib/echarts', () => import('../test/echarts'));

describe('KpiTiles', () => {
  it('shows one tile per figure, in order', () => {
    render(KpiTiles, { tiles: OVERVIEW.tiles, loading: false, placeholders: 12, currency: 'usd', layout: 'six' });
    const keys = screen.getAllByTestId('kpi-tile').map((t) => t.dataset.key);
    expect(keys).toEqual(OVERVIEW.tiles.map((t) => t.key));
    expect(screen.getByTestId('kpi-tiles').classList.contains('six')).toBe(true);
  });

  it('shows a change against a month without data as "—" with a tooltip, never a change from 0', () => {
    const first = { ...OVERVIEW.tiles[0], value: 502500, prev: null, delta: null, change: null, good: null };
    render(KpiTiles, { tiles: [first], loading: false, placeholders: 1, currency: 'usd', layout: 'six' });
    const change = screen.getByTestId('tile-change');
    expect(change.textContent).toContain('—');
    expect(change.textContent).not.toMatch(/\+|▲/);
    expect(change.getAttribute('title')).toBe('No month-over-month change: the month before is unknown.');
  });

  it('shows skeletons while loading, and nothing when the screen shows a problem instead', () => {
    const { unmount } = render(KpiTiles, { tiles: null, loading: true, placeholders: 3, currency: 'usd', layout: 'three' });
    expect(screen.queryAllByTestId('kpi-tile')).toHaveLength(0);
    expect(screen.getByTestId('kpi-tiles').children).toHaveLength(3);
    unmount();
    render(KpiTiles, { tiles: null, loading: false, placeholders: 3, currency: 'usd', layout: 'three' });
    expect(screen.getByTestId('kpi-tiles').children).toHaveLength(0);
  });
});
