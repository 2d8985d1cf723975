import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ readTime: vi.fn(), readAmount: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import TypedTime from './TypedTime.svelte';
import TypedAmount from './TypedAmount.svelte';

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const none = { reading: null, note: null, choices: [], problem: null };

describe('typed dates', () => {
  it('reads what is typed in the case and says it back in words', async () => {
    api.readTime.mockResolvedValue({
      ...none,
      reading: { value: '2026-03-14 09:30', words: 'Saturday 14 March 2026, 09:30 Europe/London' },
    });
    render(TypedTime, { id: 'when', label: 'When', caseId: 7, delay: 0 });
    await fireEvent.input(screen.getByLabelText('When'), { target: { value: '14/03/2026 9:30' } });
    expect(await screen.findByText('✓ Saturday 14 March 2026, 09:30 Europe/London')).toBeInTheDocument();
    expect(api.readTime).toHaveBeenLastCalledWith(7, '14/03/2026 9:30', false);
    expect(screen.getByLabelText('When')).not.toHaveAttribute('aria-invalid');
  });

  it('asks which date is meant when it reads both ways, and takes the one chosen', async () => {
    api.readTime.mockResolvedValue({
      ...none,
      choices: [
        { value: '2026-04-03 10:00', words: 'Friday 3 April 2026, 10:00 UTC' },
        { value: '2026-03-04 10:00', words: 'Wednesday 4 March 2026, 10:00 UTC' },
      ],
    });
    let value = '';
    render(TypedTime, {
      id: 'when',
      label: 'When',
      delay: 0,
      get value() {
        return value;
      },
      set value(v: string) {
        value = v;
      },
    });
    await fireEvent.input(screen.getByLabelText('When'), { target: { value: '03/04/2026 10:00' } });
    expect(await screen.findByText('This date can be read two ways. Which do you mean?')).toBeInTheDocument();
    expect(screen.getByLabelText('When')).toHaveAttribute('aria-invalid', 'true');
    expect(value).toBe('');
    await fireEvent.click(screen.getByLabelText('Wednesday 4 March 2026, 10:00 UTC'));
    await waitFor(() => expect(value).toBe('2026-03-04 10:00'));
  });

  it('shows why a date cannot be read, next to the field', async () => {
    api.readTime.mockResolvedValue({ ...none, problem: 'Write the year with all four digits (for example 2026), so it cannot be mistaken.' });
    render(TypedTime, { id: 'dob', label: 'Date of birth', dateOnly: true, delay: 0 });
    await fireEvent.input(screen.getByLabelText('Date of birth'), { target: { value: '14/03/57' } });
    expect(await screen.findByText(/all four digits/)).toBeInTheDocument();
    expect(api.readTime).toHaveBeenLastCalledWith(null, '14/03/57', true);
    expect(screen.getByLabelText('Date of birth')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('typed amounts', () => {
  it('shows the exact value back and the note when the other mark was used', async () => {
    api.readAmount.mockResolvedValue({
      value: '1234.56',
      words: '1,234.56 — one thousand two hundred thirty-four point five six',
      note: 'Read with “,” as the decimal mark, as you typed it (your setting uses “.”).',
      problem: null,
    });
    let value = '';
    render(TypedAmount, {
      id: 'amount',
      label: 'Amount',
      delay: 0,
      get value() {
        return value;
      },
      set value(v: string) {
        value = v;
      },
    });
    await fireEvent.input(screen.getByLabelText('Amount'), { target: { value: '1.234,56' } });
    expect(await screen.findByText('✓ 1,234.56 — one thousand two hundred thirty-four point five six')).toBeInTheDocument();
    expect(screen.getByText(/as the decimal mark/)).toBeInTheDocument();
    expect(value).toBe('1234.56');
  });

  it('an error from saving marks the field', () => {
    render(TypedAmount, { id: 'amount', label: 'Amount', error: 'Enter the amount that was sent.' });
    expect(screen.getByText('Enter the amount that was sent.')).toBeInTheDocument();
    expect(screen.getByLabelText('Amount')).toHaveAttribute('aria-invalid', 'true');
  });
});
