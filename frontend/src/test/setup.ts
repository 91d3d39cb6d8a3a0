import { afterEach, beforeEach } from 'vitest';
import { resetApp } from '../lib/app.svelte';
import { setLocale } from '../lib/format';
import { resetImports } from '../lib/imports.svelte';
import { clearToasts } from '../lib/toasts.svelte';
import { removeFake } from './fake';

// jsdom has no layout: scrolling is a no-op.
if (typeof Element.prototype.scrollIntoView !== "function") Element.prototype.scrollIntoView = function () {};

beforeEach(() => {
  setLocale('en-US');
  resetApp();
  resetImports();
  clearToasts();
  delete document.body.dataset.ready;
});

afterEach(() => {
  removeFake();
});
