// A next step's date ("2026-03-27", a calendar day) against today: whether it is overdue, and
// how soon, in words a person says. Today is passed in, so the words can be tested.

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local calendar day of `now` as `2026-03-20` (the caseworker's own day). */
export function dayOf(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Days from `today` to `due` (both `YYYY-MM-DD`): 0 today, 1 tomorrow, -2 two days ago; null when not a day. */
export function daysUntil(due: string, today: string): number | null {
  const a = ISO_DAY.exec(due);
  const b = ISO_DAY.exec(today);
  if (!a || !b) return null;
  const at = (m: RegExpExecArray) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round((at(a) - at(b)) / DAY_MS);
}

export type DueState = 'done' | 'overdue' | 'today' | 'soon' | 'later' | 'none';

/** Where a next step stands: done, overdue (its day has passed), due today, within a week, later, or without a date. */
export function dueState(due: string | null, done: boolean, today: string): DueState {
  if (done) return 'done';
  if (!due) return 'none';
  const days = daysUntil(due, today);
  if (days === null) return 'none';
  if (days < 0) return 'overdue';
  if (days === 0) return 'today';
  return days <= 7 ? 'soon' : 'later';
}

/** "due today", "due tomorrow", "due in 3 days", "overdue since yesterday", "overdue by 4 days", "due on 2 Oct 2026". */
export function dueWords(due: string, today: string): string {
  const days = daysUntil(due, today);
  if (days === null) return `due ${due}`;
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  if (days === -1) return 'overdue since yesterday';
  if (days < 0) return `overdue by ${-days} days`;
  if (days < 7) return `due in ${days} days`;
  return `due on ${dayInWords(due)}`;
}

/** `2026-03-27` → "Fri 27 Mar 2026"; anything else as it is. */
export function dayInWords(day: string): string {
  const m = ISO_DAY.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === t)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
}

/** The same words starting a sentence or a tag: "Overdue by 2 days". */
export function dueTag(due: string, today: string): string {
  const words = dueWords(due, today);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
