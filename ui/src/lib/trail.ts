// The money-trail picture as the window draws it: core lays it out (every coordinate is
// core's, in points drawn as CSS pixels); here its arrows become SVG paths and its edges
// sentences for the text alternative.
import type { LossSummary, MissingRate, ReferenceLists, TrailEdge, TrailNode, TrailPicture } from './api';
import { groupDigits } from './amounts';
import { ownerWords, transferCodes } from './accounts';
import { labelOf } from './format';

/** A coordinate core could not give (never expected) is drawn at 0 rather than breaking the picture. */
export const at = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The SVG path of an arrow's polyline: `M x y L x y …`. */
export function edgePath(edge: TrailEdge): string {
  return edge.points.map(([x, y], i) => `${i ? 'L' : 'M'} ${at(x)} ${at(y)}`).join(' ');
}

/** "Barclays (the victim's own)". */
export function nodeWords(node: TrailNode, lists: ReferenceLists): string {
  const deposit = node.exchange_deposit ? ', exchange deposit address' : '';
  return `${node.label} (${ownerWords(node.owner, lists)}${deposit})`;
}

/**
 * One arrow in words: "Barclays (the victim's own) → Binance (the victim's own): 3 transfers,
 * 14 Mar 2026 · 2,500.00 GBP; … — between the victim's own accounts, not a loss".
 */
export function edgeWords(picture: TrailPicture, edge: TrailEdge, lists: ReferenceLists): string {
  const from = picture.nodes[edge.from];
  const to = picture.nodes[edge.to];
  const n = edge.transfer_ids.length;
  const role = labelOf(lists.transfer_roles, edge.role);
  const notLoss = edge.role === 'hop' ? ', not a loss' : '';
  const what = `${n} transfer${n === 1 ? '' : 's'} (${transferCodes(edge.transfer_ids)})`;
  const lines = edge.lines.length ? `: ${edge.lines.join('; ')}` : '';
  return `${from ? nodeWords(from, lists) : '?'} → ${to ? nodeWords(to, lists) : '?'}: ${what}${lines} — ${role.charAt(0).toLowerCase()}${role.slice(1)}${notLoss}`;
}

/** How much a picture of `width` points is scaled to fit a box `available` pixels wide (never enlarged). */
export function fitScale(width: number | null, available: number): number {
  const w = at(width);
  if (w <= 0 || available <= 0) return 1;
  return Math.min(1, available / w);
}

/** "USDT on TRON (T-4 and T-5)", naming a missing rate and the transfers that need it. */
export function missingRateWords(m: MissingRate, lists: ReferenceLists): string {
  const name = `${m.currency}${m.network ? ` on ${labelOf(lists.networks, m.network)}` : ''}`;
  return `${name} (${transferCodes(m.transfer_ids)})`;
}

/**
 * "2 transfers (T-3 and T-4) came into the victim's own accounts from an account not chosen
 * yet, so they are not counted: choose where the money came from." — or '' when there are none.
 * Core does not guess whether such money is a hop or money paid back, so the person chooses.
 */
export function unplacedWords(ids: readonly number[]): string {
  const n = ids.length;
  if (!n) return '';
  return n === 1
    ? `1 transfer (${transferCodes(ids)}) came into the victim's own account from an account not chosen yet, so it is not counted: choose where the money came from.`
    : `${n} transfers (${transferCodes(ids)}) came into the victim's own accounts from an account not chosen yet, so they are not counted: choose where the money came from.`;
}

/**
 * What the loss leaves out, one sentence each: hops, traced transfers and money in from an
 * account not chosen yet ("3 transfers between the victim's own accounts are not counted as loss.").
 */
export function leftOutWords(loss: Pick<LossSummary, 'hops' | 'traced' | 'unplaced'>): string[] {
  const out: string[] = [];
  if (loss.hops > 0) {
    out.push(
      `${loss.hops} transfer${loss.hops === 1 ? '' : 's'} between the victim's own accounts ${loss.hops === 1 ? 'is' : 'are'} not counted as loss.`,
    );
  }
  if (loss.traced > 0) {
    out.push(
      `${loss.traced} transfer${loss.traced === 1 ? '' : 's'} traced between other people's accounts ${loss.traced === 1 ? 'is' : 'are'} shown in the trail but not counted.`,
    );
  }
  const unplaced = unplacedWords(loss.unplaced ?? []);
  if (unplaced) out.push(unplaced);
  return out;
}

/** "paid out 15,000 − received 100 − recovered 0 = 14,900", one currency's step of the loss. */
export function lossStep(paidOut: string, received: string, recovered: string, net: string): string {
  return `paid out ${groupDigits(paidOut)} − received ${groupDigits(received)} − recovered ${groupDigits(recovered)} = ${groupDigits(net)}`;
}
