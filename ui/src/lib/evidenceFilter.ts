// Searching, filtering, sorting and grouping the evidence grid, client-side over the items
// `listEvidence` gave. Every step is one pass or one sort (O(n log n)), so a case with hundreds
// of items stays instant. Times are shown as core recorded them: no time-zone conversion here.
import type { Evidence } from './api';
import { itemCount } from './format';

/** How the grid is ordered. */
export type EvidenceSort = 'oldest' | 'newest' | 'name' | 'added';

/** The kinds of file the type filter offers, from the media type core sniffed. */
export type EvidenceKind = 'picture' | 'pdf' | 'other';

/** The grid's search and filters. `day` is `YYYY-MM-DD`, `UNKNOWN_DAY` or '' for every day. */
export interface EvidenceFilter {
  text: string;
  sort: EvidenceSort;
  kind: EvidenceKind | '';
  day: string;
  linked: 'linked' | 'unlinked' | '';
}

/** The value of the day filter for items without a capture time. */
export const UNKNOWN_DAY = 'unknown';

export const SORT_CHOICES: { value: EvidenceSort; label: string }[] = [
  { value: 'oldest', label: 'Capture time, oldest first' },
  { value: 'newest', label: 'Capture time, newest first' },
  { value: 'name', label: 'File name, A to Z' },
  { value: 'added', label: 'Date added, newest first' },
];

export const KIND_CHOICES: { value: EvidenceKind; label: string }[] = [
  { value: 'picture', label: 'Pictures' },
  { value: 'pdf', label: 'PDFs' },
  { value: 'other', label: 'Other files' },
];

/** No search, every item, oldest capture time first. */
export function noFilter(): EvidenceFilter {
  return { text: '', sort: 'oldest', kind: '', day: '', linked: '' };
}

/** Whether anything narrows the grid (the sort order alone does not). */
export function isFiltered(f: EvidenceFilter): boolean {
  return f.text.trim() !== '' || f.kind !== '' || f.day !== '' || f.linked !== '';
}

export function kindOf(e: Evidence): EvidenceKind {
  if (e.media_type.startsWith('image/')) return 'picture';
  if (e.media_type === 'application/pdf') return 'pdf';
  return 'other';
}

/** The capture day as recorded (`2026-03-14`), or null when the time is unknown. */
export function captureDay(e: Evidence): string | null {
  return e.captured ? e.captured.recorded.slice(0, 10) : null;
}

/** The capture time as the tile shows it: `2026-03-14 09:30`, as recorded, or "time unknown". */
export function captureLabel(e: Evidence): string {
  return e.captured ? e.captured.recorded.replace('T', ' ').slice(0, 16) : 'time unknown';
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** `2026-03-14` in words: "Saturday 14 March 2026" (a calendar date, so no zone is involved). */
export function dayInWords(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${date} ${MONTHS[month - 1]} ${year}`;
}

/** The words a day heading or day choice shows: "Saturday 14 March 2026", or "Time unknown". */
export function dayTitle(day: string | null): string {
  return day === null || day === UNKNOWN_DAY ? 'Time unknown' : dayInWords(day);
}

/** The days present, oldest first (unknown last), with how many items each holds. */
export function daysPresent(items: readonly Evidence[]): { value: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of items) {
    const day = captureDay(e) ?? UNKNOWN_DAY;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a === UNKNOWN_DAY ? 1 : b === UNKNOWN_DAY ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([value, count]) => ({ value, label: `${dayTitle(value)} (${itemCount(count)})`, count }));
}

/** Lower-cased words that must all appear somewhere in an item for it to match the search. */
function searchTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** What the search looks in: file name, caption, capture time (as shown and in words), V-number. */
function searchText(e: Evidence, dayWords: Map<string, string>): string {
  const day = captureDay(e);
  let words = '';
  if (day !== null) {
    words = dayWords.get(day) ?? dayInWords(day);
    dayWords.set(day, words);
  }
  return `v-${e.id}\n${e.file_name}\n${e.caption}\n${captureLabel(e)}\n${words}`.toLowerCase();
}

/**
 * The items the search and filters keep, in their current order. `linked` holds the ids of
 * items a transfer or event links to; null when that is not known (the linked filter then
 * keeps everything rather than hiding items on a guess).
 */
export function filterEvidence(
  items: readonly Evidence[],
  f: EvidenceFilter,
  linked: ReadonlySet<number> | null,
): Evidence[] {
  const terms = searchTerms(f.text);
  const dayWords = new Map<string, string>();
  return items.filter((e) => {
    if (f.kind && kindOf(e) !== f.kind) return false;
    if (f.day && (captureDay(e) ?? UNKNOWN_DAY) !== f.day) return false;
    if (f.linked && linked && linked.has(e.id) !== (f.linked === 'linked')) return false;
    if (terms.length) {
      const text = searchText(e, dayWords);
      if (!terms.every((t) => text.includes(t))) return false;
    }
    return true;
  });
}

const names = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A copy of `items` in the chosen order; ties (and unknown times, always last) by V-number. */
export function sortEvidence(items: readonly Evidence[], sort: EvidenceSort): Evidence[] {
  // Keys are computed once per item, not once per comparison.
  const keyed = items.map((e) => ({ e, day: captureDay(e), at: e.captured ? Date.parse(e.captured.utc) : NaN }));
  const byId = (a: { e: Evidence }, b: { e: Evidence }) => a.e.id - b.e.id;
  if (sort === 'name') {
    keyed.sort((a, b) => names.compare(a.e.file_name, b.e.file_name) || byId(a, b));
  } else if (sort === 'added') {
    keyed.sort((a, b) => (a.e.intake_at < b.e.intake_at ? 1 : a.e.intake_at > b.e.intake_at ? -1 : 0) || b.e.id - a.e.id);
  } else {
    const direction = sort === 'oldest' ? 1 : -1;
    // By recorded day first, so that each day's items stay together even when they were
    // recorded with different offsets; then by the instant within the day.
    keyed.sort((a, b) => {
      if (a.day === null || b.day === null) return a.day === b.day ? byId(a, b) : a.day === null ? 1 : -1;
      if (a.day !== b.day) return (a.day < b.day ? -1 : 1) * direction;
      const diff = Number.isNaN(a.at) || Number.isNaN(b.at) ? 0 : a.at - b.at;
      return diff * direction || byId(a, b) * direction;
    });
  }
  return keyed.map((k) => k.e);
}

/** Items of one capture day under their heading; `day` null for items without a time. */
export interface DayGroup {
  day: string | null;
  heading: string;
  items: Evidence[];
}

/**
 * Groups items sorted by capture time (`sortEvidence` 'oldest' or 'newest') under a heading
 * per day: "Saturday 14 March 2026 · 12 items". One pass; expects each day's items together.
 */
export function groupByDay(sorted: readonly Evidence[]): DayGroup[] {
  const groups: DayGroup[] = [];
  let current: DayGroup | null = null;
  for (const e of sorted) {
    const day = captureDay(e);
    if (!current || current.day !== day) {
      current = { day, heading: '', items: [] };
      groups.push(current);
    }
    current.items.push(e);
  }
  for (const g of groups) g.heading = `${dayTitle(g.day)} · ${itemCount(g.items.length)}`;
  return groups;
}

/**
 * What the grid shows: the matching items, in order, in groups. Grouped by day only when
 * ordered by capture time; ordered by name or date added it is one group without a heading.
 */
export function arrangeEvidence(
  items: readonly Evidence[],
  f: EvidenceFilter,
  linked: ReadonlySet<number> | null,
): { shown: Evidence[]; groups: DayGroup[] } {
  const shown = sortEvidence(filterEvidence(items, f, linked), f.sort);
  if (f.sort === 'oldest' || f.sort === 'newest') return { shown, groups: groupByDay(shown) };
  return { shown, groups: shown.length ? [{ day: null, heading: '', items: shown }] : [] };
}
