import { describe, expect, it, vi } from 'vitest';
import { Imports, KeelError, Workspace, normaliseError, on, onFileDrop } from './api';
import { installFake } from '../test/fake';

describe('normaliseError', () => {
  it('keeps the code and message of the error formatter', () => {
    const e = normaliseError({ code: 'not_found', message: 'No workspace at /x.keel.' });
    expect(e).toBeInstanceOf(KeelError);
    expect(e.code).toBe('not_found');
    expect(e.message).toBe('No workspace at /x.keel.');
  });

  it('parses a JSON string of it', () => {
    const e = normaliseError('{"code":"conflict","message":"Another Keel has this workspace open."}');
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('Another Keel has this workspace open.');
  });

  it('accepts Go-style field names', () => {
    expect(normaliseError({ Code: 'invalid', Message: 'Bad name.' })).toMatchObject({ code: 'invalid', message: 'Bad name.' });
  });

  it('treats a plain string as internal', () => {
    expect(normaliseError('disk full')).toMatchObject({ code: 'internal', message: 'disk full' });
  });

  it('treats an Error and unknown codes as internal', () => {
    expect(normaliseError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(normaliseError({ code: 'weird', message: 'x' })).toMatchObject({ code: 'internal', message: 'x' });
  });

  it('always has a sentence', () => {
    for (const v of [undefined, null, 42, {}, '', '{not json']) {
      const e = normaliseError(v);
      expect(e.code).toBe('internal');
      expect(e.message.length).toBeGreaterThan(0);
    }
  });
});

describe('calls', () => {
  it('reject with a KeelError carrying the backend code', async () => {
    installFake({
      Workspace: {
        Open: async () => {
          throw { code: 'conflict', message: 'Another Keel has this workspace open.' };
        },
      },
    });
    const p = Workspace.Open('/x.keel');
    await expect(p).rejects.toBeInstanceOf(KeelError);
    await expect(p).rejects.toMatchObject({ code: 'conflict', message: 'Another Keel has this workspace open.' });
  });

  it('pass arguments through', async () => {
    const fake = installFake();
    await Imports.Run([{ path: '/a.csv', source: 'stripe', kind: 'payments' }]);
    expect(fake.Imports.Run).toHaveBeenCalledWith([{ path: '/a.csv', source: 'stripe', kind: 'payments' }]);
    await Imports.Undo(7);
    expect(fake.Imports.Undo).toHaveBeenCalledWith(7);
  });

  it('reject as unavailable without window.go', async () => {
    await expect(Workspace.Current()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it("turn Go's nil slices (null) into empty arrays", async () => {
    installFake({
      Workspace: {
        Recent: async () => null,
        Summary: async () => ({ name: 'A', base_currency: 'USD', time_zone: 'UTC', sources: null, next: null, imports: 0, last_import_at: null }),
      },
      Imports: {
        History: async () => null,
        Preview: async () => [{ path: '/a', header: null, rows: null, candidates: null, error: null }],
      },
    });
    expect(await Workspace.Recent()).toEqual([]);
    const s = await Workspace.Summary();
    expect(s.sources).toEqual([]);
    expect(s.next).toEqual([]);
    expect(await Imports.History()).toEqual([]);
    const [p] = await Imports.Preview(['/a']);
    expect(p.header).toEqual([]);
    expect(p.rows).toEqual([]);
    expect(p.candidates).toEqual([]);
  });
});

describe('events', () => {
  it('subscribe and unsubscribe', () => {
    const fake = installFake();
    const cb = vi.fn();
    const off = on('import:progress', cb);
    fake.emit('import:progress', { file: 'a.csv', path: '/a.csv', bytes: 1, total: 2, rows: 3, done: false });
    expect(cb).toHaveBeenCalledWith({ file: 'a.csv', path: '/a.csv', bytes: 1, total: 2, rows: 3, done: false });
    off();
    fake.emit('import:progress', {});
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('are no-ops outside Keel', () => {
    expect(() => on('workspace:changed', () => {})()).not.toThrow();
    expect(() => onFileDrop(() => {})()).not.toThrow();
  });

  it('register the OS file drop with a drop target', () => {
    const fake = installFake();
    const cb = vi.fn();
    onFileDrop(cb);
    expect(window.runtime?.OnFileDrop).toHaveBeenCalledWith(expect.any(Function), true);
    fake.osDrop(['/a.csv']);
    expect(cb).toHaveBeenCalledWith(['/a.csv']);
  });
});
