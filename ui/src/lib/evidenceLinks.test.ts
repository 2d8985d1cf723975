import { beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({ timeline: vi.fn(), updateTransfer: vi.fn() }));
vi.mock('./api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./api')>()), api }));

import { ApiError, type TimelineEntry, type Transfer } from './api';
import { lists } from '../test/fixtures';
import { linkToTransfer, linksByEvidence, loadEventEntries, transferChoice } from './evidenceLinks';

const transfer = (id: number, extra: Partial<Transfer> = {}): Transfer => ({
  id, case_id: 1, occurred: { utc: '2026-03-14T01:30:00Z', offset_minutes: 480, recorded: '2026-03-14T09:30:00+08:00' },
  direction: 'out', amount: '2500.00', currency: 'USDT', network: 'tron', method: 'crypto_transfer', from_account: '',
  beneficiary_name: '', beneficiary_bank: '', beneficiary_account: '', beneficiary_bic: '',
  beneficiary_wallet: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', wallet_is_exchange_deposit: false, reference: '', exchange_rate: null,
  status: 'completed', notes: '', evidence_ids: [], warnings: [], created_at: '2026-03-14T08:31:00Z', updated_at: '2026-03-14T08:31:00Z',
  from_account_id: null, to_account_id: null, source_ids: [], role: 'loss', date_only: false, statement: null,
  ...extra,
});

const event = (id: number, title: string, evidenceIds: number[]): TimelineEntry => ({
  source: 'event', id, kind: 'first_contact', kind_label: 'First contact', title, detail: '',
  at_utc: '2026-03-10T10:00:00Z', recorded: '2026-03-10T18:00:00+08:00', recorded_offset_minutes: 480,
  case_local: '2026-03-10 11:00', case_offset_minutes: 60, day: '2026-03-10',
  links: [{ kind: 'subject', id: 1 }, ...evidenceIds.map((id) => ({ kind: 'evidence' as const, id }))],
  chat_id: null, chat_day: null, chat_messages: null, day_only: false,
});

beforeEach(() => {
  api.timeline.mockReset();
  api.updateTransfer.mockReset();
});

describe('linksByEvidence', () => {
  it('names every transfer and event that links an item', () => {
    const links = linksByEvidence([transfer(3, { evidence_ids: [4, 5] })], [event(7, 'She wrote first', [5])]);
    expect(links.get(4)).toEqual(['transfer T-3']);
    expect(links.get(5)).toEqual(['transfer T-3', 'event “She wrote first”']);
    expect(links.has(1)).toBe(false);
  });
});

describe('loadEventEntries', () => {
  it('asks for the event kinds only, page after page until all are there', async () => {
    const first = Array.from({ length: 1000 }, (_, i) => event(i + 1, `E${i}`, []));
    api.timeline
      .mockResolvedValueOnce({ entries: first, total: 1001 })
      .mockResolvedValueOnce({ entries: [event(1001, 'last', [9])], total: 1001 });
    const entries = await loadEventEntries(1, lists);
    expect(entries).toHaveLength(1001);
    expect(api.timeline.mock.calls).toEqual([
      [1, { kinds: ['first_contact', 'message', 'note'], text: '', offset: 0, limit: 1000 }],
      [1, { kinds: ['first_contact', 'message', 'note'], text: '', offset: 1000, limit: 1000 }],
    ]);
  });
});

describe('transferChoice', () => {
  it('shows the number, time as recorded, direction, amount and where it went', () => {
    expect(transferChoice(transfer(3), lists)).toBe('T-3 · 2026-03-14 09:30 · Paid out 2500.00 USDT · TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL');
  });
});

describe('linkToTransfer', () => {
  it('adds the items to the evidence the transfer already has, keeping its other fields', async () => {
    api.updateTransfer.mockImplementation(async (id: number) => transfer(id));
    await linkToTransfer(transfer(3, { evidence_ids: [2, 4] }), [4, 6]);
    const [id, input] = api.updateTransfer.mock.calls[0];
    expect(id).toBe(3);
    expect(input).toMatchObject({ evidence_ids: [2, 4, 6], occurred_at: '2026-03-14T09:30:00+08:00', amount: '2500.00', accept_warnings: false });
  });

  it('saves again with the warnings the person already accepted for that transfer', async () => {
    const warned = transfer(3, { warnings: ['The amount is unusually large.'] });
    api.updateTransfer
      .mockRejectedValueOnce(new ApiError({ kind: 'needs_confirmation', message: 'Check', field: null, warnings: ['The amount is unusually large.'] }))
      .mockResolvedValueOnce(warned);
    await linkToTransfer(warned, [6]);
    expect(api.updateTransfer).toHaveBeenCalledTimes(2);
    expect(api.updateTransfer.mock.calls[1][1]).toMatchObject({ evidence_ids: [6], accept_warnings: true });
  });

  it('never accepts a new warning on the person’s behalf', async () => {
    const refusal = new ApiError({ kind: 'needs_confirmation', message: 'Check', field: null, warnings: ['New rule.'] });
    api.updateTransfer.mockRejectedValueOnce(refusal);
    await expect(linkToTransfer(transfer(3), [6])).rejects.toBe(refusal);
    expect(api.updateTransfer).toHaveBeenCalledTimes(1);
  });
});
