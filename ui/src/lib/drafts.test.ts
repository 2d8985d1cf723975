import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from './api';
import { Drafts } from './drafts';

/** A stand-in for core's drafts table that records what reached it, in order. */
function fakeStore(initial: Draft[] = []) {
  const rows = new Map(initial.map((d) => [d.key, d]));
  const calls: string[] = [];
  let slow = 0;
  return {
    rows,
    calls,
    slowNextSave(ms: number) {
      slow = ms;
    },
    backend: {
      saveDraft: async (key: string, caseId: number | null, value: string) => {
        const wait = slow;
        slow = 0;
        if (wait) await new Promise((r) => setTimeout(r, wait));
        calls.push(`save ${key}`);
        const d = { key, case_id: caseId, value, updated_at: '2026-11-26T10:00:00Z' };
        rows.set(key, d);
        return d;
      },
      listDrafts: async () => [...rows.values()],
      discardDraft: async (key: string) => {
        calls.push(`discard ${key}`);
        rows.delete(key);
        return null;
      },
    },
  };
}

describe('drafts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps typed text in memory at once and in the store after a pause', async () => {
    const store = fakeStore();
    const drafts = new Drafts(store.backend, 600);
    drafts.put('case:3:details', 3, { statement: 'She wrote first' }, 'the details of “Anna”');
    drafts.put('case:3:details', 3, { statement: 'She wrote first on WhatsApp' }, 'the details of “Anna”');
    expect(drafts.get<{ statement: string }>('case:3:details')?.statement).toBe('She wrote first on WhatsApp');
    expect(store.rows.size).toBe(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(store.calls).toEqual(['save case:3:details']);
    const row = store.rows.get('case:3:details')!;
    expect(row.case_id).toBe(3);
    expect(JSON.parse(row.value)).toEqual({ label: 'the details of “Anna”', fields: { statement: 'She wrote first on WhatsApp' } });
  });

  it('survives a lock and a restart: flushed before locking, read back after unlocking', async () => {
    const store = fakeStore();
    const before = new Drafts(store.backend, 600);
    before.put('case:3:transfer:new', 3, { amount: '1.234,56', notes: 'first payment' }, 'a new transfer');
    await before.flush();
    before.clear();
    expect(before.get('case:3:transfer:new')).toBeUndefined();
    const after = new Drafts(store.backend, 600);
    await after.load();
    expect(after.get('case:3:transfer:new')).toEqual({ amount: '1.234,56', notes: 'first payment' });
    expect(after.unsaved()).toEqual(['a new transfer']);
  });

  it('a discard never lets an earlier, slower save bring the draft back', async () => {
    const store = fakeStore();
    const drafts = new Drafts(store.backend, 10);
    store.slowNextSave(500);
    drafts.put('event:new', 3, { title: 'Call' }, 'a new event');
    await vi.advanceTimersByTimeAsync(10);
    drafts.discard('event:new');
    await vi.advanceTimersByTimeAsync(600);
    await drafts.flush();
    expect(store.calls).toEqual(['save event:new', 'discard event:new']);
    expect(store.rows.has('event:new')).toBe(false);
    expect(drafts.unsaved()).toEqual([]);
  });

  it('text typed after unlocking wins over the older stored draft', async () => {
    const store = fakeStore([
      { key: 'k', case_id: null, value: JSON.stringify({ label: 'x', fields: { a: 'old' } }), updated_at: '' },
      { key: 'broken', case_id: null, value: '{not json', updated_at: '' },
    ]);
    const drafts = new Drafts(store.backend, 600);
    drafts.put('k', null, { a: 'new' }, 'x');
    await drafts.load();
    expect(drafts.get('k')).toEqual({ a: 'new' });
    expect(drafts.get('broken')).toBeUndefined();
    expect(store.rows.has('broken')).toBe(true);
  });

  it('a draft the store refuses stays in memory with the reason', async () => {
    const store = fakeStore();
    const drafts = new Drafts(
      { ...store.backend, saveDraft: async () => Promise.reject(new Error('Casefile is locked.')) },
      5,
    );
    drafts.put('k', null, { a: 'typed' }, 'x');
    await vi.advanceTimersByTimeAsync(5);
    await drafts.flush();
    expect(drafts.get('k')).toEqual({ a: 'typed' });
    expect(drafts.lastError).toBe('Casefile is locked.');
  });

  it('tells listeners when a draft appears, goes or fails, and lists drafts by case', async () => {
    const store = fakeStore();
    const drafts = new Drafts({ ...store.backend, saveDraft: async () => Promise.reject(new Error('disk full')) }, 5);
    const heard = vi.fn();
    const stop = drafts.subscribe(heard);
    drafts.put('case:3:details', 3, { a: 1 }, 'the details of “Anna”');
    drafts.put('case:3:details', 3, { a: 2 }, 'the details of “Anna”');
    expect(heard).toHaveBeenCalledTimes(1);
    expect(drafts.entries()).toEqual([{ key: 'case:3:details', caseId: 3, label: 'the details of “Anna”' }]);
    await vi.advanceTimersByTimeAsync(5);
    await drafts.flush();
    expect(heard).toHaveBeenCalledTimes(2);
    drafts.discard('case:3:details');
    expect(heard).toHaveBeenCalledTimes(3);
    stop();
    drafts.put('k', null, { a: 1 }, 'x');
    expect(heard).toHaveBeenCalledTimes(3);
  });
});
