// Locks the case file after a stretch without keyboard or mouse activity.

export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once when `minutes` pass without `touch()`; checks every `checkMs`. */
export class IdleTimer {
  private last: number;
  private handle: ReturnType<typeof setInterval> | undefined;
  private minutes: number;

  constructor(
    minutes: number,
    private readonly onIdle: () => void,
    private readonly now: () => number = () => Date.now(),
    private readonly checkMs = 5_000,
  ) {
    this.minutes = minutes;
    this.last = now();
  }

  /** Records activity. */
  touch(): void {
    this.last = this.now();
  }

  /** Changes the timeout; activity so far still counts. */
  setMinutes(minutes: number): void {
    this.minutes = minutes;
  }

  /** Milliseconds left before the lock. */
  remainingMs(): number {
    return Math.max(0, this.last + this.minutes * 60_000 - this.now());
  }

  start(): void {
    this.stop();
    this.last = this.now();
    this.handle = setInterval(() => {
      if (this.remainingMs() === 0) {
        this.stop();
        this.onIdle();
      }
    }, this.checkMs);
  }

  stop(): void {
    if (this.handle !== undefined) clearInterval(this.handle);
    this.handle = undefined;
  }

  get running(): boolean {
    return this.handle !== undefined;
  }
}

/** Wires an IdleTimer to the window's activity events; returns a function that unwires it. */
export function watchActivity(target: Window, timer: IdleTimer): () => void {
  const touch = () => timer.touch();
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, touch, { passive: true });
  timer.start();
  return () => {
    timer.stop();
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, touch);
  };
}
