import { describe, expect, it, vi } from 'vitest';
import { SEQUENCE_MS, createShortcuts, isEditable } from './keys';

function setup(active = true) {
  const t = {
    areas: () => [
      { id: 'home', key: 'h' },
      { id: 'imports', key: 'i' },
    ],
    go: vi.fn(),
    help: vi.fn(),
    palette: vi.fn(),
    manual: vi.fn(),
    active: () => active,
  };
  const handle = createShortcuts(t);
  const press = (key: string, init: KeyboardEventInit = {}, target?: EventTarget) => {
    const e = new KeyboardEvent('keydown', { key, cancelable: true, ...init });
    if (target) Object.defineProperty(e, 'target', { value: target });
    handle(e);
    return e;
  };
  return { t, press };
}

describe('shortcuts', () => {
  it('go to an area with g then its letter', () => {
    const { t, press } = setup();
    press('g');
    expect(press('i').defaultPrevented).toBe(true);
    expect(t.go).toHaveBeenCalledWith('imports');
    press('g');
    press('h');
    expect(t.go).toHaveBeenLastCalledWith('home');
  });

  it('forget a g after the sequence time', () => {
    const { t, press } = setup();
    const now = vi.spyOn(Date, 'now').mockReturnValue(1000);
    press('g');
    now.mockReturnValue(1000 + SEQUENCE_MS + 1);
    press('i');
    expect(t.go).not.toHaveBeenCalled();
  });

  it('ignore unknown letters and lone letters', () => {
    const { t, press } = setup();
    press('i');
    press('g');
    press('z');
    press('i');
    expect(t.go).not.toHaveBeenCalled();
  });

  it('open help with ? and the palette with Ctrl+K or Cmd+K', () => {
    const { t, press } = setup();
    press('?', { shiftKey: true });
    expect(t.help).toHaveBeenCalledTimes(1);
    expect(press('k', { ctrlKey: true }).defaultPrevented).toBe(true);
    press('K', { metaKey: true });
    expect(t.palette).toHaveBeenCalledTimes(2);
  });

  it('leave typing alone, but Ctrl+K still works in a field', () => {
    const { t, press } = setup();
    const input = document.createElement('input');
    press('g', {}, input);
    press('i', {}, input);
    press('?', {}, input);
    expect(t.go).not.toHaveBeenCalled();
    expect(t.help).not.toHaveBeenCalled();
    press('k', { ctrlKey: true }, input);
    expect(t.palette).toHaveBeenCalledTimes(1);
  });

  it('do nothing but Ctrl+K while a dialog is open', () => {
    const { t, press } = setup(false);
    press('g');
    press('i');
    press('?');
    expect(t.go).not.toHaveBeenCalled();
    expect(t.help).not.toHaveBeenCalled();
  });

  it('know which elements take text', () => {
    const make = (html: string) => {
      const d = document.createElement('div');
      d.innerHTML = html;
      return d.firstElementChild;
    };
    expect(isEditable(make('<input type="text">'))).toBe(true);
    expect(isEditable(make('<textarea></textarea>'))).toBe(true);
    expect(isEditable(make('<select></select>'))).toBe(true);
    expect(isEditable(make('<input type="checkbox">'))).toBe(false);
    expect(isEditable(make('<button></button>'))).toBe(false);
    expect(isEditable(null)).toBe(false);
  });
});

describe('the manual work shortcut', () => {
  it('opens the dialog with Ctrl+Shift+M, even from a text field, not with M alone', () => {
    const { t, press } = setup();
    const input = document.createElement('input');
    expect(press('M', { ctrlKey: true, shiftKey: true }, input).defaultPrevented).toBe(true);
    expect(t.manual).toHaveBeenCalledTimes(1);
    press('m');
    press('m', { ctrlKey: true });
    expect(t.manual).toHaveBeenCalledTimes(1);
    press('M', { metaKey: true, shiftKey: true });
    expect(t.manual).toHaveBeenCalledTimes(2);
  });

  it('does nothing while a dialog is open', () => {
    const { t, press } = setup(false);
    press('M', { ctrlKey: true, shiftKey: true });
    expect(t.manual).not.toHaveBeenCalled();
  });
});
