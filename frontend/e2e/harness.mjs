// Shared set-up for the browser e2e tests: Debian's Chromium driven by
// playwright-core against the page that build/e2e.sh serves from the dev
// build of Keel (real Go bindings, real workspace).
import { chromium } from 'playwright-core';

export const url = process.env.KEEL_URL;
export const work = process.env.KEEL_E2E_WORK;
export const out = process.env.KEEL_E2E_OUT;

if (!url || !work || !out) {
  throw new Error('Run the e2e tests through build/e2e.sh (make e2e): KEEL_URL, KEEL_E2E_WORK and KEEL_E2E_OUT are not set.');
}

// Keel's clock as backend/clock starts it from KEEL_TODAY (build/e2e.sh sets
// it for the app and the keel commands): a date is noon, local time, that
// day; an RFC 3339 time is that instant. From there it runs at the real pace.
const started = Date.now();
const keelStart = (() => {
  const v = (process.env.KEEL_TODAY || '').trim();
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (d) return new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), 12, 0).getTime();
  const t = v ? Date.parse(v) : NaN;
  if (v && Number.isNaN(t)) throw new Error(`KEEL_TODAY=${v} is neither a date nor an RFC 3339 time`);
  return v ? t : started;
})();

/** Now as the app sees it: a test's dates follow Keel's "today", not the machine's. */
export function keelNow() {
  return new Date(keelStart + (Date.now() - started));
}

/** A page on Keel; locale: the OS locale the browser reports (e.g. "de-DE"). */
export async function openPage({ locale } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, ...(locale ? { locale } : {}) });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Nothing may leave the machine: fail on any request off loopback.
  const remote = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) remote.push(r.url());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return { browser, page, errors, remote };
}
