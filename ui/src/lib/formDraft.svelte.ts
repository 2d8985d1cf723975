// How a form uses the window's drafts (lib/drafts.ts): the key each form keeps its draft under,
// what it starts from when it opens, keeping or throwing the draft away as the person types, and
// reactive questions the window asks ("is a new transfer kept?", "which form is open?").
import { getContext, setContext } from 'svelte';
import { createSubscriber, SvelteSet } from 'svelte/reactivity';
import { drafts, sameFields } from './drafts';

/** The key of each form's draft: stable across a case switch, a lock and a restart. */
export const draftKey = {
  caseDetails: (caseId: number) => `case:${caseId}:details`,
  newTransfer: (caseId: number) => `case:${caseId}:transfer:new`,
  transfer: (id: number) => `transfer:${id}`,
  newEvent: (caseId: number) => `case:${caseId}:event:new`,
  event: (id: number) => `event:${id}`,
  newSubject: (caseId: number) => `case:${caseId}:subject:new`,
  subject: (id: number) => `subject:${id}`,
  newIdentifier: (caseId: number, subjectId: number | null) =>
    subjectId === null ? `case:${caseId}:identifier:new` : `subject:${subjectId}:identifier:new`,
  identifier: (id: number) => `identifier:${id}`,
};

/**
 * What a form starts from: its kept draft when one differs from the saved values (fields the
 * draft lacks come from the saved values), else the saved values.
 */
export function startFrom<T extends object>(key: string, saved: T): { fields: T; kept: boolean } {
  const draft = drafts.get<Partial<T>>(key);
  if (draft === undefined) return { fields: structuredClone(saved), kept: false };
  const fields = { ...structuredClone(saved), ...structuredClone(draft) } as T;
  if (sameFields(fields, saved)) return { fields: structuredClone(saved), kept: false };
  return { fields, kept: true };
}

/** Keeps the form's fields as a draft while they differ from the saved values; throws it away when equal. */
export function keepDraft(key: string, caseId: number | null, fields: object, saved: object, label: string): void {
  if (sameFields(fields, saved)) drafts.discard(key);
  else if (!sameFields(drafts.get(key), fields)) drafts.put(key, caseId, fields, label);
}

const subscribe = createSubscriber((update) => drafts.subscribe(update));

/** Whether a draft is kept under `key` (reactive). */
export function hasDraft(key: string): boolean {
  subscribe();
  return drafts.get(key) !== undefined;
}

/** The drafts kept for one case (reactive). */
export function draftsOfCase(caseId: number): { key: string; label: string }[] {
  subscribe();
  return drafts.entries().filter((d) => d.caseId === caseId);
}

/** Why the last draft could not be written, or '' (reactive). */
export function draftError(): string {
  subscribe();
  return drafts.lastError;
}

/** The keys of the forms open on screen now, so a reminder of a kept draft hides while its form shows. */
export const openForms = new SvelteSet<string>();

/** Marks a form open while it is mounted; call during component initialisation. */
export function markOpen(key: () => string): void {
  $effect(() => {
    const k = key();
    openForms.add(k);
    return () => openForms.delete(k);
  });
}

const CASE_TITLE = Symbol('case title');

/** Lets the forms inside a case name it in their draft labels; call in the case view. */
export function provideCaseTitle(title: () => string | null): void {
  setContext(CASE_TITLE, title);
}

/** " in “Anna case”" when the form is inside a case view, else "". */
export function inCaseOf(): () => string {
  const title = getContext<(() => string | null) | undefined>(CASE_TITLE);
  return () => {
    const t = title?.();
    return t ? ` in “${t}”` : '';
  };
}
