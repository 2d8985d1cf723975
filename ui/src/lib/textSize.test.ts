import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { TEXT_SIZE_KEY, createTextSize, larger, parseTextSize, smaller, textSizeAction } from './textSize';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const key = (key: string, extra: Partial<KeyboardEvent> = {}) => ({ key, code: '', ctrlKey: true, metaKey: false, altKey: false, ...extra });

describe('text size steps', () => {
  it('goes up and down through 100, 110, 125, 150, 175, 200 and stops at the ends', () => {
    const up = [100, 110, 125, 150, 175, 200].map((s) => larger(s as never));
    expect(up).toEqual([110, 125, 150, 175, 200, 200]);
    const down = [200, 175, 150, 125, 110, 100].map((s) => smaller(s as never));
    expect(down).toEqual([175, 150, 125, 110, 100, 100]);
  });

  it('reads back only the sizes it offers', () => {
    expect(parseTextSize('150')).toBe(150);
    expect(parseTextSize(null)).toBe(100);
    expect(parseTextSize('130')).toBe(100);
    expect(parseTextSize('huge')).toBe(100);
  });
});

describe('textSizeAction', () => {
  it('maps Ctrl with =, +, − and 0 (and ⌘ on a Mac) to larger, smaller and normal', () => {
    expect(textSizeAction(key('='))).toBe('larger');
    expect(textSizeAction(key('+'))).toBe('larger');
    expect(textSizeAction(key('-'))).toBe('smaller');
    expect(textSizeAction(key('0'))).toBe('normal');
    expect(textSizeAction(key('=', { ctrlKey: false, metaKey: true }))).toBe('larger');
    expect(textSizeAction(key('', { code: 'NumpadAdd' }))).toBe('larger');
  });

  it('ignores the same keys without Ctrl, and other shortcuts', () => {
    expect(textSizeAction(key('=', { ctrlKey: false }))).toBeNull();
    expect(textSizeAction(key('0', { altKey: true }))).toBeNull();
    expect(textSizeAction(key('s'))).toBeNull();
  });
});

describe('createTextSize', () => {
  it('applies the remembered size to the root at once', () => {
    const root = document.createElement('html');
    const setting = createTextSize(memoryStorage({ [TEXT_SIZE_KEY]: '175' }), root);
    expect(root.style.fontSize).toBe('175%');
    expect(get(setting)).toBe(175);
  });

  it('applies and remembers each change, and Ctrl+0 goes back to normal', () => {
    const root = document.createElement('html');
    const storage = memoryStorage();
    const setting = createTextSize(storage, root);
    expect(root.style.fontSize).toBe('100%');
    setting.apply('larger');
    setting.apply('larger');
    expect(root.style.fontSize).toBe('125%');
    expect(storage.data.get(TEXT_SIZE_KEY)).toBe('125');
    setting.apply('smaller');
    expect(get(setting)).toBe(110);
    setting.set(200);
    expect(root.style.fontSize).toBe('200%');
    setting.apply('normal');
    expect(root.style.fontSize).toBe('100%');
    expect(storage.data.get(TEXT_SIZE_KEY)).toBe('100');
  });

  it('still works when storage refuses', () => {
    const root = document.createElement('html');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const setting = createTextSize(broken, root);
    setting.apply('larger');
    expect(root.style.fontSize).toBe('110%');
  });
});
