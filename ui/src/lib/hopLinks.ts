// Hop links in the transfer form: "paid with money from" earlier transfers of the case
// ("these USDT were bought with that GBP deposit"), found by a search as evidence is.
import type { Transfer } from './api';
import { groupDigits } from './amounts';
import { inCaseZone } from './caseTime';

/** How many matches the picker lists before asking to type more. */
export const MAX_SOURCES_SHOWN = 20;

/** "T-3 · 14 Mar 2026 · 2,500.00 GBP", as the picker and its chips show a transfer. */
export function sourceName(t: Transfer, zone: string): string {
  const day = inCaseZone(t.occurred.utc, zone, t.occurred.recorded).replace(/, \d\d:\d\d$/, '');
  return `T-${t.id} · ${day} · ${groupDigits(t.amount)} ${t.currency}`;
}

/** Whether a transfer matches what was typed: every word in its T-number, day, amount, currency, names or reference. */
export function matchesSource(t: Transfer, zone: string, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = [sourceName(t, zone), t.amount, t.from_account, t.beneficiary_name, t.beneficiary_bank, t.reference, t.notes]
    .join(' ')
    .toLowerCase();
  return words.every((w) => {
    const code = /^t-?(\d+)$/.exec(w);
    if (code) return String(t.id) === code[1];
    return hay.includes(w);
  });
}

/**
 * The transfers that can have paid for this one: every other transfer of the case, earliest
 * first, those matching the search (at most `limit`) and how many match in all.
 */
export function findSources(
  transfers: readonly Transfer[],
  zone: string,
  query: string,
  editingId: number | null,
  limit = MAX_SOURCES_SHOWN,
): { shown: Transfer[]; total: number } {
  const all = transfers
    .filter((t) => t.id !== editingId && matchesSource(t, zone, query))
    .sort((a, b) => a.occurred.utc.localeCompare(b.occurred.utc) || a.id - b.id);
  return { shown: all.slice(0, limit), total: all.length };
}

/** The chosen ids as chips, in the order chosen; an id no longer in the case shows its T-number. */
export function chosenSources(transfers: readonly Transfer[], ids: readonly number[], zone: string): { id: number; name: string }[] {
  return ids.map((id) => {
    const t = transfers.find((x) => x.id === id);
    return { id, name: t ? sourceName(t, zone) : `T-${id}` };
  });
}
