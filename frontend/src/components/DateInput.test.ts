import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../lib/format';
import DateInput from './DateInput.svelte';

afterEach(() => setLocale('en-US'));

describe('DateInput', () => {
  it('shows the day in the OS locale and commits what is typed as ISO', async () => {
    setLocale('de-DE');
    const onchange = vi.fn();
    render(DateInput, { value: '2026-03-31', onchange, 'aria-label': 'By' });
    const input = screen.getByLabelText('By') as HTMLInputElement;
    expect(input.value).toBe('31.03.2026');
    expect(input.placeholder).toBe('DD.MM.YYYY');
    await fireEvent.input(input, { target: { value: '4.2.2027' } });
    await fireEvent.blur(input);
    expect(onchange).toHaveBeenCalledWith('2027-02-04');
    expect(input.value).toBe('04.02.2027');
  });

  it('flags a day that does not exist and keeps the last good one', async () => {
    const onchange = vi.fn();
    render(DateInput, { value: '2026-03-31', onchange, 'aria-label': 'By' });
    const input = screen.getByLabelText('By') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '02/30/2026' } });
    await fireEvent.blur(input);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.title).toBe('Type a date as MM/DD/YYYY');
    expect(onchange).not.toHaveBeenCalled();
  });

  it('moves a day with the arrow keys', async () => {
    const onchange = vi.fn();
    render(DateInput, { value: '2026-12-31', onchange, 'aria-label': 'By' });
    const input = screen.getByLabelText('By') as HTMLInputElement;
    await fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(onchange).toHaveBeenLastCalledWith('2027-01-01');
    expect(input.value).toBe('01/01/2027');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(onchange).toHaveBeenLastCalledWith('2026-12-31');
  });
});
