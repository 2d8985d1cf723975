import { describe, expect, it } from 'vitest';
import { clockOf, offsetLabel, pagesFor, visibleRange } from './virtual';

describe('windowing', () => {
  it('renders only the rows in view plus a margin', () => {
    expect(visibleRange(0, 640, 64, 10_000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(64 * 5000, 640, 64, 10_000, 5)).toEqual({ start: 4995, end: 5015 });
    expect(visibleRange(64 * 9999, 640, 64, 10_000, 5)).toEqual({ start: 9994, end: 10_000 });
    expect(visibleRange(0, 640, 64, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(-50, 640, 64, 3, 0)).toEqual({ start: 0, end: 3 });
  });

  it('fetches the pages that cover the rows', () => {
    expect(pagesFor(0, 15, 100)).toEqual([0]);
    expect(pagesFor(95, 115, 100)).toEqual([0, 1]);
    expect(pagesFor(4995, 5015, 100)).toEqual([49, 50]);
    expect(pagesFor(10, 10, 100)).toEqual([]);
  });

  it('labels offsets and clocks without shifting them', () => {
    expect(offsetLabel(480)).toBe('+08:00');
    expect(offsetLabel(-300)).toBe('-05:00');
    expect(offsetLabel(330)).toBe('+05:30');
    expect(offsetLabel(0)).toBe('UTC');
    expect(clockOf('2026-03-14T09:30:00+08:00')).toBe('09:30');
  });
});
