// Thin wrappers over the generated bindings: unwrap the Result shape into a value or a thrown
// ApiError, so screens can use try/catch. No types are declared here by hand.
import { commands, type AppError } from './bindings';

export type * from './bindings';

/** An error from a Casefile command, with a message meant for the person using the app. */
export class ApiError extends Error {
  readonly kind: string;
  constructor(error: AppError) {
    super(error.message);
    this.kind = error.kind;
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

export const api = {
  appStatus: () => unwrap(commands.appStatus()),
  passphraseStrength: (passphrase: string) => commands.passphraseStrength(passphrase),
  createStore: (passphrase: string, confirmation: string) =>
    unwrap(commands.createStore(passphrase, confirmation)),
  unlock: (passphrase: string) => unwrap(commands.unlock(passphrase)),
  lock: () => unwrap(commands.lock()),
  changePassphrase: (current: string, next: string, confirmation: string) =>
    unwrap(commands.changePassphrase(current, next, confirmation)),
  updateSettings: (...args: Parameters<typeof commands.updateSettings>) =>
    unwrap(commands.updateSettings(...args)),
  listCases: (...args: Parameters<typeof commands.listCases>) => unwrap(commands.listCases(...args)),
  createCase: (title: string) => unwrap(commands.createCase(title)),
  getCase: (id: number) => unwrap(commands.getCase(id)),
  updateCase: (...args: Parameters<typeof commands.updateCase>) =>
    unwrap(commands.updateCase(...args)),
  setCaseArchived: (id: number, archived: boolean) =>
    unwrap(commands.setCaseArchived(id, archived)),
  referenceLists: () => commands.referenceLists(),
};
