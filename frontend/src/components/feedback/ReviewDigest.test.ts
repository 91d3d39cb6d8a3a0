import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ReviewDigest from './ReviewDigest.svelte';
import { app } from '../../lib/app.svelte';
import type { Digest, DigestCluster } from '../../lib/feedback';
import { feedbackView } from '../../lib/feedback.svelte';

function cluster(id: string, title: string, over: Partial<DigestCluster> = {}): DigestCluster {
  return {
    id,
    title,
    status: 'open',
    release: '',
    items: 9,
    new_items: 2,
    accounts: 6,
    new_accounts: 1,
    mrr_at_ask: 41200,
    mrr_now: 30000,
    segments: [],
    quotes: [],
    sentence: `6 accounts asked for ${title}`,
    ...over,
  };
}

const quote = (item: string, text: string) => ({ item, text, who: 'ann@acme.io', account: 'Acme', plan: 'Growth', mrr: 9900, date: '2026-02-10T10:00:00Z' });

const DIGEST: Digest = {
  month: '2026-02',
  base_currency: 'usd',
  full: true,
  by_accounts: [cluster('c1', 'SSO with Okta', { quotes: [quote('feedback:csv:1', 'Our IT team needs SSO')] }), cluster('c2', 'Dark mode', { mrr_at_ask: null, mrr_now: null })],
  by_mrr: [cluster('c1', 'SSO with Okta')],
  closed: [cluster('c3', 'Export to PDF', { status: 'shipped', release: 'v3.4' })],
  signals: [quote('note:4', 'We chose you over Metabase because of the price')],
  told: [{ cluster: 'Export to PDF', status: 'shipped', person: 'joe@acme.io', account: 'Acme', at: '2026-02-12T10:00:00Z' }],
  notes: [],
  planned: 1,
  planned_noted: 0,
  segments: [],
};

describe('ReviewDigest (review step 6)', () => {
  it('lists the top clusters with MRR at asking, — for unknown MRR, quotes, signals and loops closed', async () => {
    render(ReviewDigest, { digest: DIGEST });
    const root = screen.getByTestId('feedback-digest');
    const rows = within(root).getAllByTestId('digest-cluster');
    expect(rows.map((r) => r.querySelector('.title')!.textContent!.trim())).toEqual(['SSO with Okta', 'Dark mode', 'SSO with Okta']);
    expect(rows[0].textContent).toContain('$412.00');
    const unknown = rows[1].querySelectorAll('td.num')[1];
    expect(unknown.textContent).toBe('—');
    expect(unknown.getAttribute('title')).toBe('Import billing to see MRR');
    expect(root.textContent).toContain('Our IT team needs SSO');
    expect(screen.getByTestId('digest-signals').textContent).toContain('Metabase');
    expect(root.textContent).toContain('Export to PDF');
    expect(root.textContent).toContain('1 person told');
    expect(root.textContent).not.toContain('Not tracked');
  });

  it('lists two people told of one cluster under the same name (the demo of 8 Dec 2026 had two)', async () => {
    const twin = { cluster: 'Export to PDF', status: 'shipped', person: 'Jonas Castillo', account: '', at: '2026-02-12T10:00:00Z' };
    render(ReviewDigest, { digest: { ...DIGEST, told: [twin, { ...twin, account: 'Foxglove Apparel' }] } });
    const told = screen.getByTestId('digest-told').querySelectorAll('li');
    expect(told).toHaveLength(2);
    expect(told[1].textContent).toContain('Foxglove Apparel');
  });

  it('opens a cluster on the Feedback screen', async () => {
    app.phase = 'workspace';
    render(ReviewDigest, { digest: DIGEST });
    await fireEvent.click(screen.getAllByRole('button', { name: 'Dark mode' })[0]);
    expect(feedbackView.tab).toBe('clusters');
    expect(feedbackView.cluster).toBe('c2');
    expect(app.screen).toBe('feedback');
  });
});
