import { describe, expect, it } from 'vitest';
import type { Transfer } from './api';
import { chosenSources, findSources, sourceName } from './hopLinks';

const transfer = (id: number, utc: string, amount: string, currency: string, over: Partial<Transfer> = {}): Transfer => ({
  id, case_id: 3, occurred: { utc, offset_minutes: 0, recorded: utc }, direction: 'out', amount, currency, network: null,
  method: 'bank_transfer', from_account: '', beneficiary_name: '', beneficiary_bank: '', beneficiary_account: '', beneficiary_bic: '',
  beneficiary_wallet: '', wallet_is_exchange_deposit: false, reference: '', exchange_rate: null, status: 'completed', notes: '',
  evidence_ids: [], warnings: [], created_at: '', updated_at: '', from_account_id: null, to_account_id: null, source_ids: [],
  role: 'loss', date_only: false, statement: null, ...over,
});

const deposit = transfer(2, '2026-03-14T09:30:00Z', '4000.00', 'GBP', { beneficiary_name: 'Binance' });
const usdt = transfer(5, '2026-03-15T10:00:00Z', '5000', 'USDT');
const early = transfer(7, '2026-03-01T08:00:00Z', '250.00', 'GBP');

describe('hop links: paid with money from', () => {
  it('shows a transfer as T-number, day and amount', () => {
    expect(sourceName(deposit, 'Europe/London')).toBe('T-2 · 14 Mar 2026 · 4,000.00 GBP');
  });

  it("finds transfers by T-number, amount or name, earliest first, never the one being changed", () => {
    const all = [usdt, deposit, early];
    expect(findSources(all, 'UTC', '', null).shown.map((t) => t.id)).toEqual([7, 2, 5]);
    expect(findSources(all, 'UTC', '', 5).shown.map((t) => t.id)).toEqual([7, 2]);
    expect(findSources(all, 'UTC', 't-2', null).shown.map((t) => t.id)).toEqual([2]);
    expect(findSources(all, 'UTC', 'binance', null).shown.map((t) => t.id)).toEqual([2]);
    expect(findSources(all, 'UTC', '4,000', null).shown.map((t) => t.id)).toEqual([2]);
    expect(findSources(all, 'UTC', '', null, 2)).toMatchObject({ total: 3 });
  });

  it('keeps a chosen transfer no longer in the case as its T-number', () => {
    expect(chosenSources([deposit], [2, 9], 'UTC').map((c) => c.name)).toEqual(['T-2 · 14 Mar 2026 · 4,000.00 GBP', 'T-9']);
  });
});
