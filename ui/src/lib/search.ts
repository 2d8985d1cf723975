// The search over all cases, as the window shows it: hits grouped by case, the typed words
// marked in what was found, and where in the case each kind of hit opens.
import type { ComponentProps } from 'svelte';
import type { SearchHit, SearchKind } from './api';
import type CaseView from './components/CaseView.svelte';

/** A part of the case CaseView can open at. */
export type CaseTab = NonNullable<ComponentProps<typeof CaseView>['initialTab']>;

/** The record a search hit leads to, for the case to show (and focus) once open. */
export type OpenRecord = { kind: SearchKind; id: number; chatId: number | null };

/** The tab each kind of hit opens at. */
export const KIND_TAB: Record<SearchKind, CaseTab> = {
  case: 'details',
  subject: 'people',
  identifier: 'people',
  transfer: 'transfers',
  event: 'timeline',
  evidence: 'evidence',
  chat_message: 'chats',
  contact: 'contacts',
};

/** The hits of one case, in the order core gave them. */
export type CaseHits = { caseId: number; title: string; hits: SearchHit[] };

/** Hits grouped by case, keeping core's order of cases and of hits within each. */
export function groupByCase(hits: SearchHit[]): CaseHits[] {
  const groups: CaseHits[] = [];
  const byId = new Map<number, CaseHits>();
  for (const hit of hits) {
    let group = byId.get(hit.case_id);
    if (!group) {
      group = { caseId: hit.case_id, title: hit.case_title, hits: [] };
      byId.set(hit.case_id, group);
      groups.push(group);
    }
    group.hits.push(hit);
  }
  return groups;
}

/** A run of text, marked when it is one of the words searched for. */
export type Piece = { text: string; marked: boolean };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
// What people put inside numbers and addresses: "GB29 NWBK", "+44 (0)20-7946", "12.345".
const SEPARATORS = '[\\s.\\-/()]*';

/** A pattern for one typed word; a word with a digit also matches with spaces or dashes inside. */
function wordPattern(word: string): string {
  if (!/\d/.test(word)) return escape(word);
  return [...word].map(escape).join(SEPARATORS);
}

/**
 * Splits `text` into pieces, marking every place a word of `query` appears (any case). Words of
 * one character are not marked (they are in almost every word); a number or address typed with
 * spaces is also marked where it is written together, and the other way round.
 */
export function markWords(text: string, query: string): Piece[] {
  const words = query.split(/\s+/).filter((w) => w.length >= 2);
  const compact = query.replace(/[\s.\-/()]/g, '');
  if (words.length > 1 && compact.length >= 6 && /\d/.test(compact)) words.push(compact);
  if (!text || words.length === 0) return text ? [{ text, marked: false }] : [];
  // Longest first, so a whole number wins over one of its parts.
  const patterns = [...new Set(words)].sort((a, b) => b.length - a.length).map(wordPattern);
  const find = new RegExp(patterns.join('|'), 'gi');
  const pieces: Piece[] = [];
  let at = 0;
  for (const match of text.matchAll(find)) {
    const start = match.index ?? 0;
    if (match[0].length === 0) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), marked: false });
    pieces.push({ text: match[0], marked: true });
    at = start + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}
