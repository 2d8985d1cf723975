// Unsaved form text, so nothing typed is lost: kept in memory at once and, shortly after the
// last key press, in the encrypted store (core's drafts table), where it survives a case or tab
// switch, a lock and a restart. Forms read their draft when they open and throw it away once
// saved. Memory is emptied on lock (after the drafts are written), so nothing lingers unlocked.
import { api, type Draft } from './api';

/** How long after the last change a draft is written to the store. */
export const SAVE_AFTER_MS = 600;

type Backend = {
  saveDraft: (key: string, caseId: number | null, value: string) => Promise<Draft>;
  listDrafts: () => Promise<Draft[]>;
  discardDraft: (key: string) => Promise<null>;
};

type Kept = { caseId: number | null; value: Record<string, unknown>; label: string };

export class Drafts {
  #kept = new Map<string, Kept>();
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #writing = new Set<Promise<unknown>>();
  // Writes of one key run one after another, so a discard never overtakes an earlier save.
  #queues = new Map<string, Promise<unknown>>();
  #listeners = new Set<() => void>();
  #backend: Backend;
  #delay: number;
  /** The last draft that could not be written, with why (shown by the window). */
  lastError = '';

  constructor(backend: Backend = api, delay = SAVE_AFTER_MS) {
    this.#backend = backend;
    this.#delay = delay;
  }

  /** Reads every draft from the store (after unlocking). */
  async load(): Promise<void> {
    const stored = await this.#backend.listDrafts();
    for (const d of stored) {
      if (this.#kept.has(d.key)) continue; // typed since: newer
      try {
        const value = JSON.parse(d.value) as { label?: unknown; fields?: unknown };
        if (value && typeof value.fields === 'object' && value.fields !== null) {
          this.#kept.set(d.key, {
            caseId: d.case_id,
            value: value.fields as Record<string, unknown>,
            label: typeof value.label === 'string' ? value.label : 'a form',
          });
        }
      } catch {
        // A draft that cannot be read is left in the store untouched.
      }
    }
    this.#changed();
  }

  /** Calls `listener` whenever a draft is kept, thrown away or fails to be written. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The drafts kept now, with the case each belongs to and its label. */
  entries(): { key: string; caseId: number | null; label: string }[] {
    return [...this.#kept].map(([key, k]) => ({ key, caseId: k.caseId, label: k.label }));
  }

  /** The draft of a form, if one is kept. */
  get<T>(key: string): T | undefined {
    return this.#kept.get(key)?.value as T | undefined;
  }

  /**
   * Keeps what a form holds now; `label` says in words which form it is ("the new transfer in
   * “Anna case”") for the question asked before closing.
   */
  put(key: string, caseId: number | null, fields: object, label: string): void {
    const isNew = !this.#kept.has(key);
    this.#kept.set(key, { caseId, value: { ...fields } as Record<string, unknown>, label });
    if (isNew) this.#changed();
    clearTimeout(this.#timers.get(key));
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        this.#write(key);
      }, this.#delay),
    );
  }

  /** Throws a form's draft away (it was saved, or the person discarded it). */
  discard(key: string): void {
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
    if (!this.#kept.delete(key)) return;
    this.#changed();
    this.#enqueue(key, () => this.#backend.discardDraft(key));
  }

  /** Writes every draft still waiting for its timer, and waits for all writes. */
  async flush(): Promise<void> {
    for (const [key, timer] of this.#timers) {
      clearTimeout(timer);
      this.#timers.delete(key);
      this.#write(key);
    }
    await Promise.allSettled([...this.#writing]);
  }

  /** Forgets every draft in memory (after locking; they stay in the store). */
  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#kept.clear();
    this.#changed();
  }

  /** Which forms hold unsaved text, in words, for the question asked before closing. */
  unsaved(): string[] {
    return [...this.#kept.values()].map((k) => k.label);
  }

  #write(key: string) {
    const kept = this.#kept.get(key);
    if (!kept) return;
    const value = JSON.stringify({ label: kept.label, fields: kept.value });
    this.#enqueue(key, () =>
      this.#backend.saveDraft(key, kept.caseId, value).then(
        () => {
          if (!this.lastError) return;
          this.lastError = '';
          this.#changed();
        },
        (e: unknown) => {
          // Kept in memory still; the next change or flush tries again.
          this.lastError = e instanceof Error ? e.message : String(e);
          this.#changed();
        },
      ),
    );
  }

  #changed() {
    for (const listener of this.#listeners) listener();
  }

  #enqueue(key: string, write: () => Promise<unknown>) {
    const next = (this.#queues.get(key) ?? Promise.resolve()).then(write).catch(() => {});
    this.#queues.set(key, next);
    this.#writing.add(next);
    void next.finally(() => {
      this.#writing.delete(next);
      if (this.#queues.get(key) === next) this.#queues.delete(key);
    });
  }
}

/** The window's one set of drafts. */
export const drafts = new Drafts();

/** Whether two form states hold the same values (drafts equal to what is saved are not kept). */
export function sameFields(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
