// Choosing evidence items to link in a form, from a search over the case's evidence: by file
// name, caption or V-number. Only a short list of matches is shown, so a case with hundreds of
// items keeps the form short.
import type { Evidence } from './api';
import { visible } from './format';

/** How many matches the picker lists before asking to type more. */
export const MAX_SHOWN = 20;

/** "V-12 · IMG_2044.png", as chips and the list show an item. */
export function evidenceName(e: Evidence): string {
  return `V-${e.id} · ${visible(e.file_name)}`;
}

/** Whether an item matches what was typed: every word in its file name, caption or V-number. */
export function matchesEvidence(e: Evidence, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = `v-${e.id} v${e.id} ${e.file_name} ${e.caption}`.toLowerCase();
  return words.every((w) => {
    const code = /^v-?(\d+)$/.exec(w);
    if (code) return String(e.id) === code[1];
    return hay.includes(w);
  });
}

/** The matches to list (at most `limit`) and how many there are in all. */
export function findEvidence(items: readonly Evidence[], query: string, limit = MAX_SHOWN): { shown: Evidence[]; total: number } {
  const all = items.filter((e) => matchesEvidence(e, query));
  return { shown: all.slice(0, limit), total: all.length };
}

/** The chosen ids in the order of the case's evidence (ids no longer in the case kept last). */
export function chosenItems(items: readonly Evidence[], ids: readonly number[]): { id: number; name: string }[] {
  const set = new Set(ids);
  const known = items.filter((e) => set.has(e.id)).map((e) => ({ id: e.id, name: evidenceName(e) }));
  const found = new Set(known.map((k) => k.id));
  return [...known, ...ids.filter((id) => !found.has(id)).map((id) => ({ id, name: `V-${id}` }))];
}

/** `ids` with `id` added or taken out. */
export function toggled(ids: readonly number[], id: number, on: boolean): number[] {
  const without = ids.filter((x) => x !== id);
  return on ? [...without, id] : without;
}
