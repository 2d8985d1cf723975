import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer, watchActivity } from './idle';

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks once after the idle minutes pass without activity', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(2, onIdle);
    timer.start();
    vi.advanceTimersByTime(119_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(6_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.running).toBe(false);
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('activity pushes the lock back', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(1, onIdle);
    timer.start();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(50_000);
      timer.touch();
    }
    expect(onIdle).not.toHaveBeenCalled();
    expect(timer.remainingMs()).toBe(60_000);
    vi.advanceTimersByTime(65_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('a shorter setting takes effect without losing the activity seen so far', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(10, onIdle);
    timer.start();
    vi.advanceTimersByTime(3 * 60_000);
    timer.setMinutes(4);
    expect(timer.remainingMs()).toBe(60_000);
    vi.advanceTimersByTime(65_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stop() cancels the lock', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(1, onIdle);
    timer.start();
    timer.stop();
    vi.advanceTimersByTime(10 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('watchActivity counts key presses and unwires cleanly', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(1, onIdle);
    const unwatch = watchActivity(window, timer);
    vi.advanceTimersByTime(50_000);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    unwatch();
    expect(timer.running).toBe(false);
    vi.advanceTimersByTime(10 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
