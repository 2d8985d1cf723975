// The text size the person chose (100–200 %), kept in localStorage because it says nothing about
// a case. It is applied as the root font size, so everything drawn in rem grows with it.
import { writable, type Readable } from 'svelte/store';

/** The steps offered, in per cent of the normal size. */
export const TEXT_SIZES = [100, 110, 125, 150, 175, 200] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const NORMAL_TEXT_SIZE: TextSize = 100;
export const TEXT_SIZE_KEY = 'casefile.textSize';

/** A stored value read back as one of the steps; anything else is the normal size. */
export function parseTextSize(raw: string | null | undefined): TextSize {
  const n = Number(raw);
  return (TEXT_SIZES as readonly number[]).includes(n) ? (n as TextSize) : NORMAL_TEXT_SIZE;
}

/** The next step up, or the largest. */
export function larger(size: TextSize): TextSize {
  return TEXT_SIZES.find((s) => s > size) ?? TEXT_SIZES[TEXT_SIZES.length - 1];
}

/** The next step down, or the smallest. */
export function smaller(size: TextSize): TextSize {
  return [...TEXT_SIZES].reverse().find((s) => s < size) ?? TEXT_SIZES[0];
}

export type TextSizeAction = 'larger' | 'smaller' | 'normal';

/** What a key press asks for: Ctrl (or ⌘) with =, +, − or 0; null for any other key. */
export function textSizeAction(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): TextSizeAction | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  if (event.key === '=' || event.key === '+' || event.code === 'NumpadAdd') return 'larger';
  if (event.key === '-' || event.key === '_' || event.key === '−' || event.code === 'NumpadSubtract') return 'smaller';
  if (event.key === '0' || event.code === 'Digit0' || event.code === 'Numpad0') return 'normal';
  return null;
}

/** A readable store of the text size that applies and remembers every change. */
export interface TextSizeSetting extends Readable<TextSize> {
  set(size: TextSize): void;
  apply(action: TextSizeAction): void;
}

/** Reads the remembered size, applies it to `root` at once, and returns the setting. */
export function createTextSize(storage: Pick<Storage, 'getItem' | 'setItem'> | null, root: HTMLElement): TextSizeSetting {
  let current = parseTextSize(read(storage));
  const store = writable<TextSize>(current);
  const show = (size: TextSize) => {
    root.style.fontSize = `${size}%`;
  };
  show(current);

  function set(size: TextSize) {
    current = parseTextSize(String(size));
    show(current);
    try {
      storage?.setItem(TEXT_SIZE_KEY, String(current));
    } catch {
      // Storage can be full or switched off; the size still applies for this session.
    }
    store.set(current);
  }

  return {
    subscribe: store.subscribe,
    set,
    apply(action) {
      set(action === 'larger' ? larger(current) : action === 'smaller' ? smaller(current) : NORMAL_TEXT_SIZE);
    },
  };
}

function read(storage: Pick<Storage, 'getItem'> | null): string | null {
  try {
    return storage?.getItem(TEXT_SIZE_KEY) ?? null;
  } catch {
    return null;
  }
}

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The app's one text-size setting, applied as soon as this module is first imported. */
export const textSize: TextSizeSetting = createTextSize(browserStorage(), document.documentElement);
