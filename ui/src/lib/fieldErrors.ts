// Where a form shows what stops it from saving: next to the field it is about. Core names the
// field of a refusal (`ApiError.field`, e.g. `occurred_at`); each form maps those names to its
// inputs. Before asking core, a form checks only what needs no rules: a typed date still to
// choose, a value that could not be read, a required field left empty — all of them at once.
import { ApiError, messageOf } from './api';
import type { TypedState } from './components/TypedTime.svelte';

/** Core's field name → the id of the form's input for it. */
export type FieldIds = Readonly<Record<string, string>>;

/** What stops saving, by input id (shown under that input), and what belongs to no input. */
export interface Problems {
  /** Input id → the message shown under it ('' when the field shows its own problem). */
  at: Record<string, string>;
  /** Input id → its label, for the summary. */
  labels: Record<string, string>;
  /** Shown at the top of the form: a problem about no field of this form. */
  top: string;
}

export const noProblems = (): Problems => ({ at: {}, labels: {}, top: '' });

const owns = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Whether an input has a problem (shown by the form or by the field itself). */
export function hasProblem(p: Problems, id: string): boolean {
  return owns(p.at, id);
}

/** The input an error from core is about, or null when the form has no input for it. */
export function inputFor(field: string | null | undefined, ids: FieldIds): string | null {
  if (!field) return null;
  return owns(ids, field) ? ids[field] : null;
}

/** An error from saving, placed: under its field when the form has one, else at the top. */
export function placeError(e: unknown, ids: FieldIds, labels: Readonly<Record<string, string>> = {}): Problems {
  const id = e instanceof ApiError ? inputFor(e.field, ids) : null;
  if (id === null) return { ...noProblems(), top: messageOf(e) };
  return { at: { [id]: messageOf(e) }, labels: { [id]: labels[id] ?? '' }, top: '' };
}

/** A typed field (TypedTime, TypedAmount) as the form checks it before saving. */
export interface TypedField {
  id: string;
  label: string;
  status: TypedState;
  /** Shown under the field when it is required and left empty; omit for an optional field. */
  whenEmpty?: string;
}

/**
 * What can be known before asking core, for every typed field at once: a date that reads two
 * ways and is not chosen yet, a value that could not be read (the field already says why, so
 * its message here is ''), a required field left empty.
 */
export function typedProblems(fields: readonly TypedField[]): Problems {
  const p = noProblems();
  for (const f of fields) {
    let message: string | null = null;
    if (f.status === 'choose' || f.status === 'problem') message = '';
    else if (f.status === 'reading') message = 'Casefile is still reading this. Wait a moment, then save again.';
    else if (f.status === 'empty' && f.whenEmpty !== undefined) message = f.whenEmpty;
    if (message === null) continue;
    p.at[f.id] = message;
    p.labels[f.id] = f.label;
  }
  return p;
}

/** Whether anything stops saving. */
export function hasProblems(p: Problems): boolean {
  return p.top !== '' || Object.keys(p.at).length > 0;
}

/** The input to focus first: the first of `order` (the form's inputs top to bottom) with a problem. */
export function firstProblem(p: Problems, order: readonly string[]): string | null {
  return order.find((id) => owns(p.at, id)) ?? Object.keys(p.at)[0] ?? null;
}

/** The short summary at the top for the fields with a problem that cannot be seen: "Check 2 fields: Amount, Notes." */
export function summaryOf(p: Problems, hidden: readonly string[]): string {
  const names = hidden.filter((id) => owns(p.at, id)).map((id) => p.labels[id] || id);
  if (!names.length) return '';
  return names.length === 1 ? `Check ${names[0]} below.` : `Check ${names.length} fields: ${names.join(', ')}.`;
}

/** Waits until no typed field is still being read (or `limitMs` passed); typing and saving at once must not lose a reading. */
export async function settled(statuses: () => readonly TypedState[], limitMs = 3000, stepMs = 25): Promise<void> {
  for (let waited = 0; waited < limitMs && statuses().includes('reading'); waited += stepMs) {
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** aria-invalid and aria-describedby for a plain input: its message (`{id}-error`) and warnings (`{id}-warnings`). */
export function fieldAttrs(p: Problems, id: string, warned = false): { 'aria-invalid': 'true' | undefined; 'aria-describedby': string | undefined } {
  const by = [p.at[id] && owns(p.at, id) ? `${id}-error` : '', warned ? `${id}-warnings` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': owns(p.at, id) ? 'true' : undefined, 'aria-describedby': by || undefined };
}

/** Forgets the problem of one input (the person changed it). */
export function withoutProblem(p: Problems, id: string): Problems {
  if (!owns(p.at, id)) return p;
  const at = { ...p.at };
  delete at[id];
  return { ...p, at };
}

/** Moves focus to an input and brings it into view. */
export function focusInput(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView?.({ block: 'center' });
  el.focus();
}

/** Whether an element can be seen in the window now. */
export function onScreen(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return r.bottom >= 0 && r.top <= window.innerHeight;
}
