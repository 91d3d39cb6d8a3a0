import { describe, expect, it } from 'vitest';
import { inboxKey, outcomeWords, targets, type Area } from './feedback';

const areas: Area[] = [
  { id: 'reports', name: 'Reports', letter: 'r' },
  { id: 'api', name: 'API', letter: 'w' },
];
const key = (k: string, mods: Partial<KeyboardEvent> = {}) => inboxKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods }, areas);

describe('inboxKey', () => {
  it('reads j/k and the arrows as moves', () => {
    expect(key('j')).toEqual({ kind: 'move', by: 1 });
    expect(key('ArrowDown')).toEqual({ kind: 'move', by: 1 });
    expect(key('k')).toEqual({ kind: 'move', by: -1 });
    expect(key('ArrowUp')).toEqual({ kind: 'move', by: -1 });
  });
  it('reads 1–7 as the seven types, in order', () => {
    expect(['1', '2', '3', '4', '5', '6', '7'].map((k) => (key(k) as { type: string }).type)).toEqual([
      'bug', 'friction', 'request', 'strategy', 'billing', 'confusion', 'account',
    ]);
    expect(key('8')).toBeNull();
  });
  it("reads an area's letter as that area, and the inbox's own keys first", () => {
    expect(key('r')).toEqual({ kind: 'area', area: 'reports' });
    expect(key('w')).toEqual({ kind: 'area', area: 'api' });
    expect(key('c')).toEqual({ kind: 'cluster' });
    expect(key('x')).toEqual({ kind: 'select' });
    expect(key('u')).toEqual({ kind: 'undo' });
    expect(key('n')).toEqual({ kind: 'note' });
    expect(key('/')).toEqual({ kind: 'search' });
    expect(key('Escape')).toEqual({ kind: 'clear' });
    expect(key('q')).toBeNull();
  });
  it('leaves modified keys to the app (Ctrl/Cmd+K, Alt)', () => {
    expect(key('k', { ctrlKey: true })).toBeNull();
    expect(key('1', { metaKey: true })).toBeNull();
    expect(key('r', { altKey: true })).toBeNull();
  });
});

describe('targets', () => {
  it('is the selection when there is one, else the current item', () => {
    expect(targets(new Set(['a', 'b']), 'c')).toEqual(['a', 'b']);
    expect(targets(new Set(), 'c')).toEqual(['c']);
    expect(targets(new Set(), null)).toEqual([]);
  });
});

describe('outcomeWords', () => {
  const fmt = (n: number) => `$${(n / 100).toFixed(2)}`;
  it('says what happened, with the MRR', () => {
    expect(
      outcomeWords({ days: 90, churned: 2, churned_mrr: 41200, contracted: 0, contracted_mrr: 0, expanded: 1, expanded_mrr: 5000, unchanged: 3, pending: 0 }, fmt),
    ).toBe('2 churned (−$412.00), 1 expanded (+$50.00)');
    expect(outcomeWords({ days: 90, churned: 0, churned_mrr: 0, contracted: 0, contracted_mrr: 0, expanded: 0, expanded_mrr: 0, unchanged: 4, pending: 1 }, fmt)).toBe('4 unchanged');
    expect(outcomeWords(undefined, fmt)).toBe('');
  });
});
