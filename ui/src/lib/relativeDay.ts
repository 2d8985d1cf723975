// When something happened, in words a person says: "today", "yesterday", "3 days ago", or the date.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight of the local day `d` falls on, as a time value. */
function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "today", "yesterday", "3 days ago" (within a week), else "on 25 Nov 2026"; `utc` as RFC 3339. */
export function relativeDay(utc: string, now: Date = new Date()): string {
  const then = new Date(utc);
  if (Number.isNaN(then.getTime())) return utc;
  const days = Math.round((startOfDay(now) - startOfDay(then)) / DAY_MS);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return `on ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(then)}`;
}
