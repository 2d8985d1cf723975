import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { fieldAttrs, firstProblem, hasProblems, inputFor, noProblems, placeError, settled, summaryOf, typedProblems, withoutProblem } from './fieldErrors';

const ids = { occurred_at: 't-when', amount: 't-amount', beneficiary_wallet: 't-wallet' };
const refusal = (field: string | null, message = 'The amount must be more than zero.') =>
  new ApiError({ kind: 'invalid', message, field, warnings: [] });

describe('placing an error from core', () => {
  it("puts it under the form's input for the field core names", () => {
    expect(inputFor('amount', ids)).toBe('t-amount');
    const p = placeError(refusal('amount'), ids, { 't-amount': 'Amount' });
    expect(p).toEqual({ at: { 't-amount': 'The amount must be more than zero.' }, labels: { 't-amount': 'Amount' }, top: '' });
  });

  it('puts it at the top when it names no field, or one the form does not have', () => {
    expect(placeError(refusal(null), ids).top).toBe('The amount must be more than zero.');
    expect(placeError(refusal('toString'), ids).top).toBe('The amount must be more than zero.');
    expect(inputFor('constructor', ids)).toBeNull();
    expect(placeError(new Error('IPC broke'), ids)).toEqual({ at: {}, labels: {}, top: 'IPC broke' });
  });
});

describe('checking typed fields before saving', () => {
  it('finds every problem at once: a date to choose, a value not read, a required field left empty', () => {
    const p = typedProblems([
      { id: 't-when', label: 'Date and time', status: 'choose', whenEmpty: 'Enter the date.' },
      { id: 't-amount', label: 'Amount', status: 'empty', whenEmpty: 'Enter the amount.' },
      { id: 't-rate', label: 'Exchange rate', status: 'problem' },
      { id: 't-other', label: 'Other', status: 'empty' },
      { id: 't-fine', label: 'Fine', status: 'ok', whenEmpty: 'x' },
    ]);
    // The date and the rate say what is wrong themselves; the empty amount gets a message.
    expect(p.at).toEqual({ 't-when': '', 't-amount': 'Enter the amount.', 't-rate': '' });
    expect(hasProblems(p)).toBe(true);
    expect(firstProblem(p, ['t-when', 't-amount', 't-rate'])).toBe('t-when');
    expect(firstProblem(p, ['t-rate', 't-amount', 't-when'])).toBe('t-rate');
    expect(hasProblems(typedProblems([{ id: 'a', label: 'A', status: 'ok' }]))).toBe(false);
  });

  it('ties a plain input to its message and its warnings, and forgets a problem once the field is changed', () => {
    const p = placeError(refusal('beneficiary_wallet', 'Too long.'), ids);
    expect(fieldAttrs(p, 't-wallet')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 't-wallet-error' });
    expect(fieldAttrs(p, 't-wallet', true)).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 't-wallet-error t-wallet-warnings' });
    expect(fieldAttrs(noProblems(), 't-wallet', true)).toEqual({ 'aria-invalid': undefined, 'aria-describedby': 't-wallet-warnings' });
    expect(fieldAttrs(withoutProblem(p, 't-wallet'), 't-wallet')).toEqual({ 'aria-invalid': undefined, 'aria-describedby': undefined });
  });

  it('sums up only the fields that cannot be seen', () => {
    const p = typedProblems([
      { id: 't-when', label: 'Date and time', status: 'choose' },
      { id: 't-amount', label: 'Amount', status: 'problem' },
    ]);
    expect(summaryOf(p, [])).toBe('');
    expect(summaryOf(p, ['t-amount', 't-notes'])).toBe('Check Amount below.');
    expect(summaryOf(p, ['t-when', 't-amount'])).toBe('Check 2 fields: Date and time, Amount.');
  });
});

describe('waiting for readings', () => {
  afterEach(() => vi.useRealTimers());

  it('waits while a field is still being read, and no longer than the limit', async () => {
    vi.useFakeTimers();
    let status: 'reading' | 'ok' = 'reading';
    let done = false;
    settled(() => [status]).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false);
    status = 'ok';
    await vi.advanceTimersByTimeAsync(30);
    expect(done).toBe(true);

    let stuck = false;
    settled(() => ['reading'], 200).then(() => (stuck = true));
    await vi.advanceTimersByTimeAsync(250);
    expect(stuck).toBe(true);
  });
});
