// Windowing for long lists: only the rows in view (plus a margin) are rendered, and rows are
// fetched from core a page at a time.

/** Rows to render for a scroll position: [start, end) clamped to [0, total). */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 10,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(0, viewportHeight) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + count + overscan);
  return { start, end: Math.max(start, end) };
}

/** Page numbers that cover rows [start, end). */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) pages.push(p);
  return pages;
}

/** Minutes east of UTC as "+08:00" / "-05:00" / "UTC". */
export function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "HH:MM" of an RFC 3339 time as written (no conversion). */
export function clockOf(rfc3339: string): string {
  return rfc3339.slice(11, 16);
}

/**
 * Heights of the rows of a long list whose rows size to their content: the rows measured so far
 * keep their height, every other row counts at `estimate`. Offsets and the row at a scroll
 * position come from two Fenwick trees (sum of measured heights, count of measured rows), so
 * each call is O(log n) at 60,000 rows, and changing the estimate costs nothing.
 */
export class RowHeights {
  #n = 0;
  #estimate: number;
  /** Measured height per row; NaN while not measured. */
  #heights = new Float64Array(0);
  /** Fenwick trees, 1-based: sums of measured heights and counts of measured rows. */
  #sums = new Float64Array(1);
  #counts = new Int32Array(1);
  #measured = 0;
  #measuredSum = 0;

  constructor(count = 0, estimate = 64) {
    this.#estimate = estimate;
    this.reset(count);
  }

  /** Rows in the list. */
  get count(): number {
    return this.#n;
  }

  /** The height an unmeasured row counts at. */
  get estimate(): number {
    return this.#estimate;
  }

  set estimate(h: number) {
    if (Number.isFinite(h) && h >= 0) this.#estimate = h;
  }

  /** How many rows are measured. */
  get measuredCount(): number {
    return this.#measured;
  }

  /** Mean height of the measured rows, or the estimate when none is measured yet. */
  measuredMean(): number {
    return this.#measured ? this.#measuredSum / this.#measured : this.#estimate;
  }

  /** A new list of `count` rows: every measurement is forgotten. */
  reset(count: number): void {
    this.#n = Math.max(0, Math.floor(count));
    this.#heights = new Float64Array(this.#n).fill(NaN);
    this.#sums = new Float64Array(this.#n + 1);
    this.#counts = new Int32Array(this.#n + 1);
    this.#measured = 0;
    this.#measuredSum = 0;
  }

  /** The same list with `count` rows: the measurements of the rows kept stay (O(n), rare). */
  resize(count: number): void {
    const n = Math.max(0, Math.floor(count));
    if (n === this.#n) return;
    const old = this.#heights;
    this.reset(n);
    for (let i = 0; i < Math.min(n, old.length); i++) {
      if (!Number.isNaN(old[i])) {
        this.#heights[i] = old[i];
        this.#sums[i + 1] = old[i];
        this.#counts[i + 1] = 1;
        this.#measured++;
        this.#measuredSum += old[i];
      }
    }
    // Linear Fenwick build: each node hands its total to its parent.
    for (let i = 1; i <= n; i++) {
      const parent = i + (i & -i);
      if (parent <= n) {
        this.#sums[parent] += this.#sums[i];
        this.#counts[parent] += this.#counts[i];
      }
    }
  }

  /** Records the measured height of row `i`; true when it changed anything. */
  set(i: number, h: number): boolean {
    if (!(i >= 0 && i < this.#n) || !Number.isFinite(h) || h < 0) return false;
    const old = this.#heights[i];
    if (old === h) return false;
    const wasMeasured = !Number.isNaN(old);
    this.#add(i, h - (wasMeasured ? old : 0), wasMeasured ? 0 : 1);
    this.#heights[i] = h;
    return true;
  }

  /** Forgets the measurement of row `i` (it counts at the estimate again). */
  forget(i: number): void {
    if (!(i >= 0 && i < this.#n) || Number.isNaN(this.#heights[i])) return;
    this.#add(i, -this.#heights[i], -1);
    this.#heights[i] = NaN;
  }

  /** Forgets every measurement (the width or the text size changed), keeping the count. */
  forgetAll(): void {
    this.reset(this.#n);
  }

  isMeasured(i: number): boolean {
    return i >= 0 && i < this.#n && !Number.isNaN(this.#heights[i]);
  }

  /** Height of row `i`: measured, or the estimate. */
  heightOf(i: number): number {
    const h = this.#heights[i];
    return h === undefined || Number.isNaN(h) ? this.#estimate : h;
  }

  /** Top of row `i` (sum of the rows before it); `offsetOf(count)` is the total. */
  offsetOf(i: number): number {
    let k = Math.min(Math.max(0, Math.floor(i)), this.#n);
    const rows = k;
    let sum = 0;
    let measured = 0;
    while (k > 0) {
      sum += this.#sums[k];
      measured += this.#counts[k];
      k -= k & -k;
    }
    return sum + this.#estimate * (rows - measured);
  }

  /** Height of all rows together. */
  total(): number {
    return this.offsetOf(this.#n);
  }

  /** The row at height `y` (clamped to the list; 0 for an empty list). */
  indexAt(y: number): number {
    if (this.#n === 0 || !(y > 0)) return 0;
    let pos = 0;
    let acc = 0;
    let step = 1;
    while (step * 2 <= this.#n) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next > this.#n) continue;
      // Node `next` covers the `step` rows after `pos`.
      const width = this.#sums[next] + this.#estimate * (step - this.#counts[next]);
      if (acc + width <= y) {
        pos = next;
        acc += width;
      }
    }
    return Math.min(pos, this.#n - 1);
  }

  /** Rows to render for a scroll position: [start, end), with `overscan` rows either side. */
  range(scrollTop: number, viewportHeight: number, overscan = 8): { start: number; end: number } {
    if (this.#n === 0) return { start: 0, end: 0 };
    const first = this.indexAt(scrollTop);
    const last = this.indexAt(Math.max(0, scrollTop) + Math.max(0, viewportHeight));
    return { start: Math.max(0, first - overscan), end: Math.min(this.#n, last + 1 + overscan) };
  }

  #add(i: number, dh: number, dc: number) {
    this.#measured += dc;
    this.#measuredSum += dh;
    for (let k = i + 1; k <= this.#n; k += k & -k) {
      this.#sums[k] += dh;
      this.#counts[k] += dc;
    }
  }
}
