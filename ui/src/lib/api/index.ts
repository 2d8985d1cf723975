// Thin wrappers over the generated bindings: unwrap the Result shape into a value or a thrown
// ApiError, so screens can use try/catch. No types are declared here by hand: every command's
// signature comes from bindings.ts, which is generated from the Rust commands.
import { commands, type AppError, type ErrorKind } from './bindings';

export type * from './bindings';

/** An error from a Casefile command, with a message meant for the person using the app. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  /** The input field a validation error is about, if any. */
  readonly field: string | null;
  /** For `needs_confirmation`: the warnings, one per entry. */
  readonly warnings: string[];
  constructor(error: AppError) {
    super(error.message);
    this.kind = error.kind;
    this.field = error.field;
    this.warnings = error.warnings;
    this.name = 'ApiError';
  }
}

type Outcome<T> = { status: 'ok'; data: T } | { status: 'error'; error: AppError };

/** Turns any failure (including an IPC failure that is not ours) into an ApiError. */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (e) {
    throw new ApiError({
      kind: 'internal',
      message: `Casefile could not complete that action (${String(e)}). Nothing was changed. Try again, or restart Casefile.`,
      field: null,
      warnings: [],
    });
  }
  if (outcome.status === 'ok') return outcome.data;
  throw new ApiError(outcome.error);
}

/** The message to show for anything caught in a screen. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The warnings of a `needs_confirmation` refusal, or null for any other error. */
export function warningsOf(e: unknown): string[] | null {
  if (!(e instanceof ApiError) || e.kind !== 'needs_confirmation') return null;
  return e.warnings;
}

type Commands = typeof commands;
type Unwrapped<F> = F extends (...args: infer A) => Promise<Outcome<infer D>> ? (...args: A) => Promise<D> : F;
type Api = { [K in keyof Commands]: Unwrapped<Commands[K]> };

/** Commands that cannot fail and so return their value directly. */
const INFALLIBLE = new Set<string>(['passphraseStrength', 'referenceLists', 'chooseDossierPath', 'stopChatImport', 'stopDossierExport']);

/** Every command, unwrapped: `await api.listCases(filter)` gives the cases or throws an ApiError. */
export const api: Api = Object.fromEntries(
  Object.entries(commands).map(([name, fn]) => [
    name,
    INFALLIBLE.has(name)
      ? fn
      : (...args: unknown[]) => unwrap((fn as (...a: unknown[]) => Promise<Outcome<unknown>>)(...args)),
  ]),
) as Api;

/** URL of an evidence item's thumbnail or original, served from the encrypted store. */
export function evidenceUrl(id: number, which: 'thumb' | 'original'): string {
  return `evidence://localhost/${id}/${which}`;
}
