import { describe, expect, it } from 'vitest';
import { clockOf, offsetLabel, pagesFor, RowHeights, visibleRange } from './virtual';

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

/** The same bookkeeping done the slow, obvious way, to compare against. */
class NaiveHeights {
  heights: (number | null)[];
  constructor(count: number, public estimate: number) {
    this.heights = Array(count).fill(null);
  }
  offsetOf(i: number) {
    let y = 0;
    for (let k = 0; k < i; k++) y += this.heights[k] ?? this.estimate;
    return y;
  }
  indexAt(y: number) {
    if (this.heights.length === 0 || y <= 0) return 0;
    let top = 0;
    for (let k = 0; k < this.heights.length; k++) {
      top += this.heights[k] ?? this.estimate;
      if (top > y) return k;
    }
    return this.heights.length - 1;
  }
}

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('rows of measured height', () => {
  it('counts unmeasured rows at the estimate', () => {
    const h = new RowHeights(10, 50);
    expect(h.total()).toBe(500);
    expect(h.offsetOf(0)).toBe(0);
    expect(h.offsetOf(4)).toBe(200);
    expect(h.indexAt(0)).toBe(0);
    expect(h.indexAt(49.9)).toBe(0);
    expect(h.indexAt(50)).toBe(1);
    expect(h.indexAt(499)).toBe(9);
  });

  it('moves every later row when a row is measured, and only those', () => {
    const h = new RowHeights(10, 50);
    expect(h.set(2, 130)).toBe(true);
    expect(h.offsetOf(2)).toBe(100);
    expect(h.offsetOf(3)).toBe(230);
    expect(h.total()).toBe(580);
    expect(h.indexAt(229)).toBe(2);
    expect(h.indexAt(230)).toBe(3);
    expect(h.heightOf(2)).toBe(130);
    expect(h.isMeasured(2)).toBe(true);
    expect(h.isMeasured(3)).toBe(false);
  });

  it('reports whether a measurement changed anything', () => {
    const h = new RowHeights(3, 50);
    expect(h.set(1, 50)).toBe(true); // now measured, even at the same height
    expect(h.set(1, 50)).toBe(false);
    expect(h.set(1, 72.5)).toBe(true);
    expect(h.set(3, 10)).toBe(false); // outside the list
    expect(h.set(-1, 10)).toBe(false);
    expect(h.set(0, Number.NaN)).toBe(false);
    expect(h.total()).toBe(172.5);
  });

  it('a row that grows (a chat day opened) pushes the rows below it down', () => {
    const h = new RowHeights(5, 40);
    for (let i = 0; i < 5; i++) h.set(i, 40);
    h.set(1, 40 + 900);
    expect(h.offsetOf(2)).toBe(980);
    expect(h.indexAt(500)).toBe(1);
    h.set(1, 40); // closed again
    expect(h.offsetOf(2)).toBe(80);
  });

  it('changing the estimate moves only the unmeasured rows', () => {
    const h = new RowHeights(4, 50);
    h.set(0, 100);
    h.estimate = 20;
    expect(h.offsetOf(1)).toBe(100);
    expect(h.total()).toBe(160);
    expect(h.measuredMean()).toBe(100);
    expect(h.measuredCount).toBe(1);
    h.estimate = -5; // ignored
    expect(h.estimate).toBe(20);
  });

  it('forgets measurements (a new width or text size) and keeps them when pages add rows', () => {
    const h = new RowHeights(3, 10);
    h.set(0, 30);
    h.set(2, 50);
    h.resize(5);
    expect(h.count).toBe(5);
    expect(h.total()).toBe(30 + 10 + 50 + 10 + 10);
    h.resize(2);
    expect(h.total()).toBe(40);
    h.forget(0);
    expect(h.total()).toBe(20);
    h.set(1, 99);
    h.forgetAll();
    expect(h.total()).toBe(20);
    expect(h.measuredCount).toBe(0);
    expect(h.measuredMean()).toBe(10);
  });

  it('clamps positions outside the list', () => {
    const empty = new RowHeights(0, 50);
    expect(empty.total()).toBe(0);
    expect(empty.indexAt(100)).toBe(0);
    expect(empty.range(0, 500)).toEqual({ start: 0, end: 0 });
    const h = new RowHeights(3, 50);
    expect(h.indexAt(-20)).toBe(0);
    expect(h.indexAt(10_000)).toBe(2);
    expect(h.offsetOf(99)).toBe(150);
  });

  it('renders the rows in view plus a margin, whatever their heights', () => {
    const h = new RowHeights(1000, 50);
    h.set(0, 400); // one tall row at the top fills most of the view
    expect(h.range(0, 500, 2)).toEqual({ start: 0, end: 6 }); // rows 0–3 in view, 2 more
    expect(h.range(400 + 50 * 100, 500, 2)).toEqual({ start: 99, end: 114 });
    expect(h.range(h.total(), 500, 2)).toEqual({ start: 997, end: 1000 });
  });

  it('agrees with the obvious sums at 60,000 rows after random measurements', () => {
    const n = 60_000;
    const fast = new RowHeights(n, 68);
    const slow = new NaiveHeights(n, 68);
    const next = random(7);
    for (let k = 0; k < 3000; k++) {
      const i = Math.floor(next() * n);
      const height = 30 + Math.round(next() * 400) / 4;
      fast.set(i, height);
      slow.heights[i] = height;
    }
    fast.estimate = slow.estimate = 71.5;
    const totalSlow = slow.offsetOf(n);
    expect(fast.total()).toBeCloseTo(totalSlow, 6);
    for (let k = 0; k < 200; k++) {
      const i = Math.floor(next() * (n + 1));
      expect(fast.offsetOf(i)).toBeCloseTo(slow.offsetOf(i), 6);
      const y = next() * totalSlow;
      const row = fast.indexAt(y);
      expect(row).toBe(slow.indexAt(y));
      expect(fast.offsetOf(row)).toBeLessThanOrEqual(y + 1e-6);
      expect(fast.offsetOf(row + 1)).toBeGreaterThan(y - 1e-6);
    }
  });

  it('finds each row at its own top edge, for every list size up to 70', () => {
    for (let n = 1; n <= 70; n++) {
      const h = new RowHeights(n, 10);
      for (let i = 0; i < n; i += 3) h.set(i, 25);
      for (let i = 0; i < n; i++) {
        expect(h.indexAt(h.offsetOf(i))).toBe(i);
        expect(h.indexAt(h.offsetOf(i + 1) - 0.5)).toBe(i);
      }
    }
  });
});
