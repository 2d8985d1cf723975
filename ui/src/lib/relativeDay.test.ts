import { describe, expect, it } from 'vitest';
import { relativeDay } from './relativeDay';

describe('relativeDay', () => {
  const now = new Date(2026, 10, 25, 15, 0); // 25 Nov 2026, 15:00 local time

  it('says today, yesterday and the days since within a week', () => {
    expect(relativeDay(new Date(2026, 10, 25, 0, 5).toISOString(), now)).toBe('today');
    expect(relativeDay(new Date(2026, 10, 24, 23, 50).toISOString(), now)).toBe('yesterday');
    expect(relativeDay(new Date(2026, 10, 22, 9, 0).toISOString(), now)).toBe('3 days ago');
  });

  it('gives the date for anything older, and the text itself when it is not a time', () => {
    expect(relativeDay(new Date(2026, 9, 2, 12, 0).toISOString(), now)).toBe('on 2 Oct 2026');
    expect(relativeDay('not a time', now)).toBe('not a time');
  });
});
