import { describe, expect, it } from 'vitest';
import { dayInWords, recordCode, recordName } from './timeline';

describe('timeline words', () => {
  it('writes a day in words without moving it to another zone', () => {
    expect(dayInWords('2026-03-14')).toBe('Saturday 14 March 2026');
    expect(dayInWords('2026-01-01')).toBe('Thursday 1 January 2026');
    expect(dayInWords('2024-02-29')).toBe('Thursday 29 February 2024');
    expect(dayInWords('2026-12-31')).toBe('Thursday 31 December 2026');
  });

  it('leaves anything that is not a real date as it is', () => {
    expect(dayInWords('2026-02-30')).toBe('2026-02-30');
    expect(dayInWords('14.03.2026')).toBe('14.03.2026');
    expect(dayInWords('')).toBe('');
  });

  it('names record codes in words', () => {
    expect(recordCode('transfer', 3)).toBe('T-3');
    expect(recordCode('evidence', 12)).toBe('V-12');
    expect(recordName('subject', 2)).toBe('Scammer S-2');
    expect(recordName('identifier', 4)).toBe('Identifier I-4');
    expect(recordName('transfer', 3)).toBe('Transfer T-3');
  });
});
