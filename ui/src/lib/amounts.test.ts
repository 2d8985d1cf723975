import { describe, expect, it } from 'vitest';
import { groupDigits, signOf, withoutSign } from './amounts';

describe('groupDigits', () => {
  it('inserts separators in the whole part only, keeping every digit of the fraction', () => {
    expect(groupDigits('15000')).toBe('15,000');
    expect(groupDigits('2350.00')).toBe('2,350.00');
    expect(groupDigits('1234567.123456789')).toBe('1,234,567.123456789');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('-1000.5')).toBe('-1,000.5');
  });

  it('keeps digits beyond what a floating-point number holds', () => {
    expect(groupDigits('12345678901234567890.000000000000000001')).toBe('12,345,678,901,234,567,890.000000000000000001');
  });

  it('leaves words and odd input as they are', () => {
    expect(groupDigits('too large to total exactly')).toBe('too large to total exactly');
    expect(groupDigits('1 500,50')).toBe('1 500,50');
    expect(groupDigits('')).toBe('');
  });
});

describe('signOf', () => {
  it('reads the sign from the digits, with any number of zeros being zero', () => {
    expect(signOf('0')).toBe(0);
    expect(signOf('0.00')).toBe(0);
    expect(signOf('-0.000')).toBe(0);
    expect(signOf('0.01')).toBe(1);
    expect(signOf('15000')).toBe(1);
    expect(signOf('-120.50')).toBe(-1);
    expect(signOf('too large to total exactly')).toBeNull();
    expect(withoutSign('-120.50')).toBe('120.50');
  });
});
