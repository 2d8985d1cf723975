// The caseworker's dashboard: the order of its rows. Each column sorts one way first (the way a
// caseworker looks at it: nearest deadline, biggest loss, latest activity, most open steps) and
// the other way when chosen again. Rows without a value (no deadline, no loss) always come last.
import type { DashboardRow } from './api';

export type SortKey = 'case' | 'status' | 'loss' | 'activity' | 'next' | 'open';
export type SortDirection = 'ascending' | 'descending';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** The direction each column sorts first. */
export const FIRST_DIRECTION: Record<SortKey, SortDirection> = {
  case: 'ascending',
  status: 'ascending',
  loss: 'descending',
  activity: 'descending',
  next: 'ascending',
  open: 'descending',
};

/** The dashboard's order when it opens: the nearest deadline first. */
export const DEFAULT_SORT: Sort = { key: 'next', direction: 'ascending' };

/** Choosing a column's header: the same column turns round; another starts its own way. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: FIRST_DIRECTION[key] };
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Compares two decimal strings exactly (never as floating point); words sort after numbers. */
export function compareDecimal(a: string, b: string): number {
  const ma = DECIMAL.exec(a.trim());
  const mb = DECIMAL.exec(b.trim());
  if (!ma || !mb) return ma ? -1 : mb ? 1 : a.localeCompare(b);
  const sign = (m: RegExpExecArray) => {
    const digits = ((m[2] ?? '') + (m[3] ?? '')).replace(/0/g, '');
    return digits === '' ? 0 : m[1] === '-' ? -1 : 1;
  };
  const sa = sign(ma);
  const sb = sign(mb);
  if (sa !== sb) return sa - sb;
  const whole = (m: RegExpExecArray) => (m[2] ?? '').replace(/^0+/, '');
  const frac = (m: RegExpExecArray) => m[3] ?? '';
  const wa = whole(ma);
  const wb = whole(mb);
  let magnitude = wa.length !== wb.length ? Math.sign(wa.length - wb.length) : wa < wb ? -1 : wa > wb ? 1 : 0;
  if (magnitude === 0) {
    const len = Math.max(frac(ma).length, frac(mb).length);
    const fa = frac(ma).padEnd(len, '0');
    const fb = frac(mb).padEnd(len, '0');
    magnitude = fa < fb ? -1 : fa > fb ? 1 : 0;
  }
  return sa < 0 ? -magnitude : magnitude;
}

const byTitle = (a: DashboardRow, b: DashboardRow) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base', numeric: true }) || a.id - b.id;

/**
 * Losses in different currencies cannot be added up, so the loss column groups cases by the
 * currency of their first loss (as their loss summary lists it), then by its amount.
 */
function compareLoss(a: DashboardRow, b: DashboardRow): number {
  const la = a.losses[0];
  const lb = b.losses[0];
  const ca = la.network ? `${la.currency} ${la.network}` : la.currency;
  const cb = lb.network ? `${lb.currency} ${lb.network}` : lb.currency;
  return ca.localeCompare(cb) || compareDecimal(la.net_loss, lb.net_loss);
}

/** The value a row may lack for a column (it then sorts last whatever the direction). */
function lacks(row: DashboardRow, key: SortKey): boolean {
  if (key === 'next') return !row.next_step_due;
  if (key === 'loss') return row.losses.length === 0;
  return false;
}

/**
 * The rows in the order chosen; `statusOrder` is the statuses in core's order (gathering
 * evidence → closed). Ties go by the nearest deadline, then the title.
 */
export function sortRows(rows: readonly DashboardRow[], sort: Sort, statusOrder: readonly string[] = []): DashboardRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const rank = (s: string) => {
    const i = statusOrder.indexOf(s);
    return i < 0 ? statusOrder.length : i;
  };
  const deadline = (a: DashboardRow, b: DashboardRow) => {
    if (!a.next_step_due || !b.next_step_due) return (a.next_step_due ? 0 : 1) - (b.next_step_due ? 0 : 1);
    return a.next_step_due.localeCompare(b.next_step_due);
  };
  const compare: Record<SortKey, (a: DashboardRow, b: DashboardRow) => number> = {
    case: byTitle,
    status: (a, b) => rank(a.status) - rank(b.status) || Number(a.archived) - Number(b.archived),
    loss: compareLoss,
    activity: (a, b) => Date.parse(a.last_activity) - Date.parse(b.last_activity),
    next: deadline,
    open: (a, b) => a.open_steps - b.open_steps,
  };
  return [...rows].sort((a, b) => {
    const missing = Number(lacks(a, sort.key)) - Number(lacks(b, sort.key));
    if (missing !== 0) return missing;
    const main = lacks(a, sort.key) ? 0 : sign * compare[sort.key](a, b);
    return main || (sort.key === 'next' ? 0 : deadline(a, b)) || byTitle(a, b);
  });
}
