// Quick exit: Escape pressed three times in a short while hides Casefile at once (the app locks
// and the window is minimised), for when someone walks in. An Escape that something else used,
// such as closing the evidence viewer, does not count.
import { getCurrentWindow } from '@tauri-apps/api/window';

export const QUICK_EXIT_PRESSES = 3;
export const QUICK_EXIT_WINDOW_MS = 1500;

/** Counts presses; says true on the one that makes `presses` within `windowMs`. */
export class PressCounter {
  private times: number[] = [];

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly presses = QUICK_EXIT_PRESSES,
    private readonly windowMs = QUICK_EXIT_WINDOW_MS,
  ) {}

  /** Records a press; true when it completes the series (which then starts afresh). */
  press(): boolean {
    const t = this.now();
    this.times = [...this.times.filter((x) => t - x <= this.windowMs), t];
    if (this.times.length < this.presses) return false;
    this.times = [];
    return true;
  }

  /** Forgets the presses so far. */
  reset(): void {
    this.times = [];
  }
}

/** Whether a key press counts toward the quick exit: a fresh Escape that nothing else used. */
export function countsForQuickExit(event: Pick<KeyboardEvent, 'key' | 'defaultPrevented' | 'repeat'>): boolean {
  return event.key === 'Escape' && !event.defaultPrevented && !event.repeat;
}

/**
 * Calls `onExit` when Escape is pressed three times within 1.5 s on `target`; returns a function
 * that stops listening. Listens on the window, so it runs after dialogs had their say.
 */
export function watchQuickExit(target: Window, onExit: () => void, now: () => number = () => Date.now()): () => void {
  const counter = new PressCounter(now);
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    if (!countsForQuickExit(event)) {
      // An Escape that closed something starts the count again.
      if (event.defaultPrevented) counter.reset();
      return;
    }
    if (counter.press()) onExit();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}

/** Minimises Casefile's window; does nothing outside the desktop app (e.g. in tests). */
export async function minimiseWindow(): Promise<void> {
  if (!('__TAURI_INTERNALS__' in window)) return;
  try {
    await getCurrentWindow().minimize();
  } catch {
    // The lock already happened; a window that cannot be minimised is not worth an alarm.
  }
}
