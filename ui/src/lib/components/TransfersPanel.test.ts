import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ listTransfers: vi.fn(), lossSummary: vi.fn(), listEvidence: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import type { CurrencyTotal, LossSummary, Transfer } from '../api';
import TransfersPanel from './TransfersPanel.svelte';
import { lists } from '../../test/fixtures';

const theCase = {
  id: 3,
  title: 'Anna / BTC-GX',
  status: 'open' as const,
  archived: false,
  created_at: '',
  updated_at: '',
  details: {
    title: 'Anna / BTC-GX', status: 'open' as const, police_report_no: '', bank_claim_no: '', complaint_id: '', victim_name: '',
    victim_contact: '', victim_address: '', victim_date_of_birth: null, reporting_currency: 'EUR', time_zone: 'UTC', notes: '', statement: '',
  },
};

const transfer: Transfer = {
  id: 1,
  case_id: 3,
  occurred: { utc: '2026-03-14T08:30:00Z', offset_minutes: 60, recorded: '2026-03-14T09:30:00+01:00' },
  direction: 'out',
  amount: '2500.00',
  currency: 'USDT',
  network: 'tron',
  method: 'crypto_transfer',
  from_account: '',
  beneficiary_name: '',
  beneficiary_bank: '',
  beneficiary_account: '',
  beneficiary_bic: '',
  beneficiary_wallet: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL',
  wallet_is_exchange_deposit: false,
  reference: '',
  exchange_rate: null,
  status: 'completed',
  notes: '',
  evidence_ids: [],
  warnings: [],
  created_at: '2026-03-14T08:31:00Z',
  updated_at: '2026-03-14T08:31:00Z',
};

const total = (over: Partial<CurrencyTotal>): CurrencyTotal => ({
  currency: 'EUR',
  network: null,
  paid_out: '0',
  received: '0',
  recovered: '0',
  net_loss: '0',
  transfers: 1,
  exact: true,
  ...over,
});

const summary = (reporting: CurrencyTotal, perCurrency: CurrencyTotal[]): LossSummary => ({
  per_currency: perCurrency,
  reporting_currency: 'EUR',
  in_reporting_currency: reporting,
  transfers_without_rate: 0,
  first_transfer_at: null,
  last_transfer_at: null,
  transfers: 1,
});

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listTransfers.mockResolvedValue([transfer]);
  api.listEvidence.mockResolvedValue([]);
});
afterEach(() => cleanup());

describe('TransfersPanel', () => {
  it('shows the totals and the labels core sends for directions and networks', async () => {
    api.lossSummary.mockResolvedValue(
      summary(total({ paid_out: '2300.00', net_loss: '2300.00' }), [
        total({ currency: 'USDT', network: 'tron', paid_out: '2500', net_loss: '2500' }),
      ]),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() => expect(screen.getByText(/Net loss: 2300.00 EUR/)).toBeInTheDocument());
    expect(screen.getByText(/USDT on TRON: paid out 2500/)).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Paid out' })).toBeInTheDocument();
    expect(screen.getByText(/2500.00 USDT \(TRON\)/)).toBeInTheDocument();
  });

  it('says plainly when a total is too large to compute exactly, never showing a number for it', async () => {
    const words = 'too large to total exactly';
    api.lossSummary.mockResolvedValue(
      summary(total({ paid_out: words, received: words, recovered: words, net_loss: words, exact: false }), [
        total({ currency: 'USDT', network: 'tron', paid_out: words, received: words, recovered: words, net_loss: words, exact: false }),
      ]),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    const box = await screen.findByText(/Net loss in EUR: too large to total exactly/);
    expect(box).toBeInTheDocument();
    const text = document.getElementById('loss-summary')?.textContent ?? '';
    expect(text).toMatch(/USDT on TRON:\s+too large to total exactly/);
    expect(text).not.toMatch(/paid out too large/);
    expect(text).not.toMatch(/Net loss: 0/);
  });
});
