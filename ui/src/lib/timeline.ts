// What the timeline writes for a day and for a record's code. Pure, so it is tested without
// a window.
import type { LinkKind } from './api';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/**
 * A calendar day `2026-03-14` in words: "Saturday 14 March 2026". The day is already in the
 * case's zone, so it is read as a date only — no time-zone conversion can move it.
 * Anything that is not such a date is returned as it is.
 */
export function dayInWords(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return day;
  return `${WEEKDAYS[date.getUTCDay()]} ${d} ${MONTHS[mo - 1]} ${y}`;
}

const CODE_LETTER: Record<LinkKind, string> = { subject: 'S', identifier: 'I', transfer: 'T', evidence: 'V' };
const KIND_WORD: Record<LinkKind, string> = {
  subject: 'Scammer',
  identifier: 'Identifier',
  transfer: 'Transfer',
  evidence: 'Evidence',
};

/** The short code of a record, as written everywhere in the app and the dossier: "T-3". */
export function recordCode(kind: LinkKind, id: number): string {
  return `${CODE_LETTER[kind]}-${id}`;
}

/** The code said in words, for a screen reader and a tooltip: "Transfer T-3". */
export function recordName(kind: LinkKind, id: number): string {
  return `${KIND_WORD[kind]} ${recordCode(kind, id)}`;
}
