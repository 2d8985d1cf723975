// The statement preview's choices, kept out of the components so they can be tested on their
// own: which rows a filter shows, which rows are ticked, which rows are sent, what still stops
// the import, and a CSV reading setting written in words. Reading the file is core's.
import type {
  AmountLayout,
  CsvProfile,
  CsvSniff,
  StatementPreview,
  StatementPreviewRow,
  StatementQuestion,
  StatementQuestionTopic,
  StatementRowRef,
} from './api';
import { dayInWords } from './evidenceFilter';

/** One row's key: its line (or entry) and part, `"12.1"`. */
export function rowKey(r: { row: number; part: number }): string {
  return `${r.row}.${r.part}`;
}

/** A row already imported cannot be ticked: it would not be added again. */
export function isTickable(r: StatementPreviewRow): boolean {
  return r.already_imported === null;
}

/** What the rows table shows. */
export type RowFilter = {
  /** Words looked for in the counterparty, its account and the reference (any case). */
  text: string;
  /** `YYYY-MM-DD`, both ends included; empty: no limit. */
  from: string;
  to: string;
  flow: 'all' | 'out' | 'in';
};

export const noFilter: RowFilter = { text: '', from: '', to: '', flow: 'all' };

/**
 * The rows a filter shows, in file order. One pass, no copies of the text per call beyond
 * the lower-cased needle, so 10,000 rows filter within a keystroke.
 */
export function filterRows(rows: readonly StatementPreviewRow[], filter: RowFilter): StatementPreviewRow[] {
  const needle = filter.text.trim().toLowerCase();
  const from = filter.from.trim();
  const to = filter.to.trim();
  if (!needle && !from && !to && filter.flow === 'all') return rows.slice();
  return rows.filter(
    (r) =>
      (filter.flow === 'all' || r.flow === filter.flow) &&
      (!from || r.booked >= from) &&
      (!to || r.booked <= to) &&
      (!needle ||
        r.counterparty.toLowerCase().includes(needle) ||
        r.reference.toLowerCase().includes(needle) ||
        r.counterparty_account.toLowerCase().includes(needle)),
  );
}

/**
 * The days the rows were booked on, oldest first, for the From and To day choices:
 * `{ value: '2026-03-14', label: 'Saturday 14 March 2026 (2 rows)' }`. Chosen from a list, so
 * no date is typed in a format the person may not write.
 */
export function rowDays(rows: readonly StatementPreviewRow[]): { value: string; label: string }[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.booked, (counts.get(r.booked) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, n]) => ({ value, label: `${dayInWords(value)} (${n} ${n === 1 ? 'row' : 'rows'})` }));
}

/** A row's booking day in words that cannot be misread ("Sat 14 Mar 2026"), whatever order of
 * day and month the file used. */
export function rowDay(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) return iso;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${weekday} ${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}

/** The ticks with every tickable row shown added. */
export function tickShown(ticked: ReadonlySet<string>, shown: readonly StatementPreviewRow[]): Set<string> {
  const next = new Set(ticked);
  for (const r of shown) if (isTickable(r)) next.add(rowKey(r));
  return next;
}

/** The ticks with one row ticked or unticked (an already imported row stays unticked). */
export function toggleRow(ticked: ReadonlySet<string>, r: StatementPreviewRow, on: boolean): Set<string> {
  const next = new Set(ticked);
  if (on && isTickable(r)) next.add(rowKey(r));
  else next.delete(rowKey(r));
  return next;
}

/** The ticks that still name a tickable row of `rows` (after the file was read again). */
export function keepTicks(ticked: ReadonlySet<string>, rows: readonly StatementPreviewRow[]): Set<string> {
  const next = new Set<string>();
  for (const r of rows) {
    const k = rowKey(r);
    if (ticked.has(k) && isTickable(r)) next.add(k);
  }
  return next;
}

/** The rows to send: the ticked, tickable ones, in file order. */
export function chosenRows(rows: readonly StatementPreviewRow[], ticked: ReadonlySet<string>): StatementRowRef[] {
  const chosen: StatementRowRef[] = [];
  for (const r of rows) if (isTickable(r) && ticked.has(rowKey(r))) chosen.push({ row: r.row, part: r.part });
  return chosen;
}

/** The rows of page `page` (0-based) and the pages there are. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { rows: rows.slice(p * size, p * size + size), page: p, pages };
}

/** The questions the person has not answered yet. */
export function openQuestions(csv: CsvSniff | null, answered: ReadonlySet<StatementQuestionTopic>): StatementQuestion[] {
  return (csv?.undecided ?? []).filter((q) => !answered.has(q.topic));
}

/** The profile with a question's answer in it (`choice.value` sets the field it is about). */
export function applyAnswer(profile: CsvProfile, topic: StatementQuestionTopic, value: string): CsvProfile {
  if (topic === 'DateFormat') return { ...profile, date_format: value };
  if (topic === 'DecimalMark') return { ...profile, decimal_mark: value };
  return profile;
}

/** The questions a change of the reading settings answers (the person chose the field). */
export function topicsChanged(before: CsvProfile, after: CsvProfile): StatementQuestionTopic[] {
  const topics: StatementQuestionTopic[] = [];
  if (before.date_format !== after.date_format) topics.push('DateFormat');
  if (before.decimal_mark !== after.decimal_mark) topics.push('DecimalMark');
  if (before.date_column !== after.date_column) topics.push('DateColumn');
  if (JSON.stringify(before.amount) !== JSON.stringify(after.amount)) topics.push('AmountColumns');
  return topics;
}

/** Whether the person must say which currency rows without one are in. */
export function needsCurrency(preview: StatementPreview): boolean {
  return preview.currency === null && preview.rows.some((r) => !r.currency);
}

/**
 * The crypto assets among the chosen rows (by the row's currency, else the statement's, else
 * the one the person chose): transfers in crypto need a network, which no statement gives.
 */
export function cryptoCodes(
  preview: StatementPreview,
  chosen: readonly StatementRowRef[],
  currency: string,
  assets: readonly { code: string }[],
): string[] {
  const crypto = new Set(assets.map((a) => a.code));
  const picked = new Set(chosen.map(rowKey));
  const codes = new Set<string>();
  for (const r of preview.rows) {
    if (!picked.has(rowKey(r))) continue;
    const code = r.currency ?? preview.currency ?? currency;
    if (code && crypto.has(code)) codes.add(code);
  }
  return [...codes].sort();
}

/** What still stops the import, in words; null when it can run. */
export function importBlocker(state: {
  preview: StatementPreview;
  open: number;
  ticked: number;
  leaveOutProblems: boolean;
  currency: string;
  /** Crypto assets among the ticked rows, and the network chosen for them. */
  crypto?: readonly string[];
  network?: string;
}): string | null {
  if (state.open > 0)
    return `Answer the ${state.open === 1 ? 'question' : 'questions'} above first: Casefile does not guess how to read the file.`;
  if (state.preview.problems.length > 0 && !state.leaveOutProblems) {
    const n = state.preview.problems.length;
    return `${n} ${n === 1 ? 'row' : 'rows'} could not be read: change the reading settings, or tick “Leave out the ${n} ${n === 1 ? 'row' : 'rows'} that could not be read”.`;
  }
  if (state.ticked === 0) return 'Tick the rows to import first (only the payments that belong to this case).';
  if (needsCurrency(state.preview) && !state.currency) return 'Choose the currency of this statement first: the file does not say.';
  if (state.crypto?.length && !state.network)
    return `Choose the network of the ${state.crypto.join(' and ')} rows first: the statement does not say.`;
  return null;
}

/** "14 of 230 rows ticked". */
export function tickedCount(ticked: number, total: number): string {
  return `${ticked} of ${total} ${total === 1 ? 'row' : 'rows'} ticked`;
}

/** "12 transfers added · 3 were already in the case". */
export function importedSummary(added: number, already: number): string {
  const first = `${added} ${added === 1 ? 'transfer' : 'transfers'} added`;
  if (!already) return first;
  return `${first} · ${already} ${already === 1 ? 'was' : 'were'} already in the case`;
}

/** The separators a CSV file can use, in words. */
export const delimiters: { value: string; label: string }[] = [
  { value: ',', label: 'comma (,)' },
  { value: ';', label: 'semicolon (;)' },
  { value: '\t', label: 'tab' },
  { value: '|', label: 'vertical bar (|)' },
];

/** "semicolon (;)". */
export function delimiterWords(d: string): string {
  return delimiters.find((x) => x.value === d)?.label ?? `“${d}”`;
}

/** The encodings core reads, with what they are called in words. */
export const encodings: { value: string; label: string }[] = [
  { value: 'UTF-8', label: 'UTF-8 (most files today)' },
  { value: 'windows-1252', label: 'Windows-1252 (older files)' },
  { value: 'ISO-8859-1', label: 'ISO-8859-1 (Latin-1)' },
  { value: 'UTF-16LE', label: 'UTF-16 little-endian' },
  { value: 'UTF-16BE', label: 'UTF-16 big-endian' },
];

const formatParts: [string, string][] = [
  ['%Y', 'YYYY'],
  ['%y', 'YY'],
  ['%m', 'MM'],
  ['%d', 'DD'],
  ['%e', 'D'],
  ['%H', 'hh'],
  ['%M', 'mm'],
  ['%S', 'ss'],
  ['%b', 'Mon'],
  ['%B', 'Month'],
  ['%p', 'AM/PM'],
  ['%I', 'hh'],
  ['%T', 'hh:mm:ss'],
  ['%R', 'hh:mm'],
  ['%F', 'YYYY-MM-DD'],
  ['%.f', ''],
  ['%%', '%'],
];

/** A date format as people write it: `%d.%m.%Y` → `DD.MM.YYYY`. */
export function dateFormatWords(format: string): string {
  let out = '';
  for (let i = 0; i < format.length; ) {
    const part = formatParts.find(([code]) => format.startsWith(code, i));
    if (part) {
      out += part[1];
      i += part[0].length;
    } else {
      out += format[i];
      i += 1;
    }
  }
  return out;
}

/** The three ways a CSV file gives the amount. */
export type AmountKind = 'Signed' | 'DebitCredit' | 'WithIndicator';

export function amountKind(layout: AmountLayout): AmountKind {
  if ('Signed' in layout && layout.Signed) return 'Signed';
  if ('DebitCredit' in layout && layout.DebitCredit) return 'DebitCredit';
  return 'WithIndicator';
}

/** The columns an amount layout uses, whatever its kind. */
function amountColumns(layout: AmountLayout): number[] {
  if ('Signed' in layout && layout.Signed) return [layout.Signed.col];
  if ('DebitCredit' in layout && layout.DebitCredit) return [layout.DebitCredit.debit, layout.DebitCredit.credit];
  if ('WithIndicator' in layout && layout.WithIndicator) return [layout.WithIndicator.amount, layout.WithIndicator.indicator];
  return [0];
}

/** The layout switched to another kind, keeping the columns it had where they fit. */
export function withAmountKind(layout: AmountLayout, kind: AmountKind): AmountLayout {
  if (amountKind(layout) === kind) return layout;
  const [a, b = a] = amountColumns(layout);
  if (kind === 'Signed') return { Signed: { col: a } };
  if (kind === 'DebitCredit') return { DebitCredit: { debit: a, credit: b } };
  return { WithIndicator: { amount: a, indicator: b, debit_values: ['D', 'DR', 'Debit'], credit_values: ['C', 'CR', 'Credit'] } };
}

/** Values typed as `D, DR, Debit` → `['D', 'DR', 'Debit']`. */
export function splitValues(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** How many columns the file's first lines have. */
export function columnCount(csv: CsvSniff): number {
  return Math.max(csv.header.length, ...csv.preview.map((l) => l.length), 0);
}

/** "Column 3: Betrag" (the header's name), else "Column 3 (e.g. 14.03.2026)" from a line of the file. */
export function columnLabel(csv: CsvSniff, index: number): string {
  const name = csv.header[index]?.trim();
  if (name) return `Column ${index + 1}: ${name}`;
  const sample = [...csv.preview].reverse().find((l) => l[index]?.trim())?.[index]?.trim();
  return sample ? `Column ${index + 1} (e.g. ${sample.length > 24 ? sample.slice(0, 23) + '…' : sample})` : `Column ${index + 1}`;
}
