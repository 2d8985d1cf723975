import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const minimize = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/window', () => ({ getCurrentWindow: () => ({ minimize }) }));

import { PressCounter, minimiseWindow, watchQuickExit } from './quickExit';

describe('PressCounter', () => {
  it('fires on the third press within 1.5 s, then starts afresh', () => {
    let t = 0;
    const counter = new PressCounter(() => t);
    expect(counter.press()).toBe(false);
    t = 500;
    expect(counter.press()).toBe(false);
    t = 1400;
    expect(counter.press()).toBe(true);
    t = 1500;
    expect(counter.press()).toBe(false);
  });

  it('does not fire when the presses are spread over more than 1.5 s', () => {
    let t = 0;
    const counter = new PressCounter(() => t);
    counter.press();
    t = 1000;
    counter.press();
    t = 1600;
    expect(counter.press()).toBe(false);
    t = 2000;
    expect(counter.press()).toBe(true);
  });
});

describe('watchQuickExit', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const escape = (init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true, ...init });
    document.body.dispatchEvent(event);
  };

  it('exits on three Escapes in a row and stops listening when asked', () => {
    const onExit = vi.fn();
    const stop = watchQuickExit(window, onExit);
    escape();
    vi.advanceTimersByTime(400);
    escape();
    vi.advanceTimersByTime(400);
    expect(onExit).not.toHaveBeenCalled();
    escape();
    expect(onExit).toHaveBeenCalledTimes(1);
    stop();
    escape();
    escape();
    escape();
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('waits too long between presses: no exit', () => {
    const onExit = vi.fn();
    const stop = watchQuickExit(window, onExit);
    escape();
    vi.advanceTimersByTime(900);
    escape();
    vi.advanceTimersByTime(900);
    escape();
    expect(onExit).not.toHaveBeenCalled();
    stop();
  });

  it('does not count an Escape that closed something, nor a held-down key', () => {
    const onExit = vi.fn();
    const closeDialog = (e: KeyboardEvent) => e.preventDefault();
    document.body.addEventListener('keydown', closeDialog, { once: true });
    const stop = watchQuickExit(window, onExit);
    escape();
    escape();
    escape({ repeat: true });
    escape();
    expect(onExit).not.toHaveBeenCalled();
    escape();
    expect(onExit).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe('minimiseWindow', () => {
  afterEach(() => {
    delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
    minimize.mockReset();
  });

  it('does nothing outside the desktop app', async () => {
    await minimiseWindow();
    expect(minimize).not.toHaveBeenCalled();
  });

  it('minimises the window in the desktop app, and a refusal is not thrown at the person', async () => {
    (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
    minimize.mockRejectedValueOnce(new Error('not allowed'));
    await expect(minimiseWindow()).resolves.toBeUndefined();
    expect(minimize).toHaveBeenCalledTimes(1);
  });
});
