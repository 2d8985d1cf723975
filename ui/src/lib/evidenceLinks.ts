// Which transfers and events link to each evidence item, and linking items to a transfer.
// `Evidence` carries no links of its own, so they are read from the transfers (each lists its
// evidence ids) and from the events on the timeline (each lists its links).
import { api, warningsOf, type ReferenceLists, type TimelineEntry, type Transfer } from './api';
import { labelOf, visible } from './format';
import { transferToInput } from './transferForm';

/** Evidence id → what links to it, in words ("transfer T-3", "event “First contact”"). */
export type EvidenceLinks = Map<number, string[]>;

/** The largest page core gives (store::timeline::MAX_PAGE). */
const PAGE = 1000;

/** Every event of the case as timeline entries (with their links), page by page. */
export async function loadEventEntries(caseId: number, lists: ReferenceLists): Promise<TimelineEntry[]> {
  const kinds = lists.event_kinds.map((k) => k.value);
  const entries: TimelineEntry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.timeline(caseId, { kinds, text: '', offset, limit: PAGE });
    entries.push(...page.entries);
    if (page.entries.length < PAGE || entries.length >= page.total) return entries;
  }
}

/** One pass over the transfers and events. */
export function linksByEvidence(transfers: readonly Transfer[], events: readonly TimelineEntry[]): EvidenceLinks {
  const links: EvidenceLinks = new Map();
  const add = (id: number, what: string) => {
    const list = links.get(id);
    if (list) list.push(what);
    else links.set(id, [what]);
  };
  for (const t of transfers) for (const id of t.evidence_ids) add(id, `transfer T-${t.id}`);
  for (const e of events) {
    if (e.source !== 'event') continue;
    for (const link of e.links) if (link.kind === 'evidence') add(link.id, `event “${visible(e.title)}”`);
  }
  return links;
}

/** A transfer as the "link to" choice shows it: "T-3 · 2026-03-14 09:30 · Paid out 2500.00 USDT". */
export function transferChoice(t: Transfer, lists: ReferenceLists): string {
  const to = t.beneficiary_name || t.beneficiary_wallet || t.beneficiary_account;
  return [
    `T-${t.id}`,
    t.occurred.recorded.replace('T', ' ').slice(0, 16),
    `${labelOf(lists.directions, t.direction)} ${t.amount} ${t.currency}`,
    ...(to ? [visible(to)] : []),
  ].join(' · ');
}

/**
 * Adds `ids` to the transfer's evidence, keeping every other field as stored. A transfer saved
 * with warnings the person accepted then is saved again with those same warnings accepted; a
 * new warning is not accepted on their behalf (the refusal is passed on).
 */
export async function linkToTransfer(t: Transfer, ids: readonly number[]): Promise<Transfer> {
  const input = { ...transferToInput(t), evidence_ids: [...new Set([...t.evidence_ids, ...ids])] };
  try {
    return await api.updateTransfer(t.id, input);
  } catch (e) {
    const warnings = warningsOf(e);
    if (!warnings || !warnings.every((w) => t.warnings.includes(w))) throw e;
    return api.updateTransfer(t.id, { ...input, accept_warnings: true });
  }
}
