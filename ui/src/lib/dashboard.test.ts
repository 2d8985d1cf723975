import { describe, expect, it } from 'vitest';
import type { DashboardRow } from './api';
import { compareDecimal, DEFAULT_SORT, nextSort, sortRows } from './dashboard';

const row = (id: number, over: Partial<DashboardRow> = {}): DashboardRow => ({
  id, title: `Case ${id}`, status: 'open', archived: false, victim_name: '', losses: [], last_activity: '2026-03-01T10:00:00Z',
  next_step: null, next_step_due: null, open_steps: 0, ...over,
});
const ids = (rows: DashboardRow[]) => rows.map((r) => r.id);
const STATUSES = ['open', 'reported', 'in_recovery', 'closed'];

describe('dashboard order', () => {
  const rows = [
    row(1, { title: 'Bruno', next_step_due: '2026-04-01', status: 'reported', open_steps: 1, last_activity: '2026-03-18T09:00:00Z', losses: [{ currency: 'EUR', network: null, net_loss: '900.00' }] }),
    row(2, { title: 'anna', status: 'closed', last_activity: '2026-03-19T09:00:00Z' }),
    row(3, { title: 'Carla', next_step_due: '2026-03-15', open_steps: 3, last_activity: '2026-02-01T09:00:00Z', losses: [{ currency: 'EUR', network: null, net_loss: '15000.00' }] }),
    row(4, { title: 'Dev', next_step_due: '2026-03-22', status: 'in_recovery', open_steps: 2, losses: [{ currency: 'USDT', network: 'tron', net_loss: '2500' }] }),
  ];

  it('opens with the nearest deadline first, cases without one last', () => {
    expect(ids(sortRows(rows, DEFAULT_SORT, STATUSES))).toEqual([3, 4, 1, 2]);
    // Turned round, the cases without a deadline still come last.
    expect(ids(sortRows(rows, { key: 'next', direction: 'descending' }, STATUSES))).toEqual([1, 4, 3, 2]);
  });

  it('sorts by title (ignoring case), status in core order, last activity and open steps', () => {
    expect(ids(sortRows(rows, { key: 'case', direction: 'ascending' }))).toEqual([2, 1, 3, 4]);
    expect(ids(sortRows(rows, { key: 'status', direction: 'ascending' }, STATUSES))).toEqual([3, 1, 4, 2]);
    expect(ids(sortRows(rows, { key: 'activity', direction: 'descending' }))).toEqual([2, 1, 4, 3]);
    expect(ids(sortRows(rows, { key: 'open', direction: 'descending' }))).toEqual([3, 4, 1, 2]);
  });

  it('groups losses by currency, biggest first within one, cases without a loss last', () => {
    expect(ids(sortRows(rows, { key: 'loss', direction: 'descending' }))).toEqual([4, 3, 1, 2]);
    expect(ids(sortRows(rows, { key: 'loss', direction: 'ascending' }))).toEqual([1, 3, 4, 2]);
  });

  it('turns a column round when chosen again, and starts another its own way', () => {
    expect(nextSort(DEFAULT_SORT, 'next')).toEqual({ key: 'next', direction: 'descending' });
    expect(nextSort(DEFAULT_SORT, 'loss')).toEqual({ key: 'loss', direction: 'descending' });
    expect(nextSort({ key: 'loss', direction: 'descending' }, 'case')).toEqual({ key: 'case', direction: 'ascending' });
  });

  it('compares amounts digit by digit, never as floating point', () => {
    expect(compareDecimal('15000.00', '900.5')).toBe(1);
    expect(compareDecimal('0.30', '0.3')).toBe(0);
    expect(compareDecimal('12345678901234567890.01', '12345678901234567890.02')).toBe(-1);
    expect(compareDecimal('-5', '2')).toBeLessThan(0);
    expect(compareDecimal('-5', '-2')).toBeLessThan(0);
  });
});
