import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';

const api = vi.hoisted(() => ({
  listTransfers: vi.fn(),
  lossSummary: vi.fn(),
  listEvidence: vi.fn(),
  deleteTransfer: vi.fn(),
  checkTransfer: vi.fn(),
  restoreDeleted: vi.fn(),
  listAccounts: vi.fn(),
  accountSuggestions: vi.fn(),
  moneyTrail: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import type { CurrencyTotal, Evidence, LossSummary, Transfer } from '../api';
import TransfersPanel from './TransfersPanel.svelte';
import UndoNotice from './UndoNotice.svelte';
import { undo } from '../undo.svelte';
import { lists } from '../../test/fixtures';
import { barclays, binance, scamWallet, trail } from '../../test/money';
import axe from 'axe-core';

const theCase = {
  id: 3,
  title: 'Anna / BTC-GX',
  status: 'open' as const,
  archived: false,
  created_at: '',
  updated_at: '',
  details: {
    title: 'Anna / BTC-GX', status: 'open' as const, police_report_no: '', bank_claim_no: '', complaint_id: '', victim_name: '',
    victim_contact: '', victim_address: '', victim_date_of_birth: null, reporting_currency: 'EUR', time_zone: 'Asia/Hong_Kong', notes: '', statement: '',
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
  wallet_is_exchange_deposit: true,
  reference: '',
  exchange_rate: null,
  status: 'completed',
  notes: '',
  evidence_ids: [],
  warnings: [],
  created_at: '2026-03-14T08:31:00Z',
  updated_at: '2026-03-14T08:31:00Z',
  from_account_id: null,
  to_account_id: null,
  source_ids: [],
  role: 'loss',
  date_only: false,
  statement: null,
};

const IBAN = 'DE44500105175407324931';
const TX_HASH = '0x5b0e9a3c1f7d2e48a6b9c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5';

const bankTransfer: Transfer = {
  ...transfer,
  id: 2,
  occurred: { utc: '2026-04-02T06:05:00Z', offset_minutes: 120, recorded: '2026-04-02T08:05:00+02:00' },
  amount: '12500.50',
  currency: 'GBP',
  network: null,
  method: 'bank_transfer',
  from_account: 'Monzo current account 12-34-56 87654321',
  beneficiary_name: 'Golden Harbour Trading Ltd',
  beneficiary_bank: 'Commerzbank',
  beneficiary_account: IBAN,
  beneficiary_bic: 'COBADEFFXXX',
  beneficiary_wallet: '',
  wallet_is_exchange_deposit: false,
  reference: TX_HASH,
  exchange_rate: '1.17',
  status: 'pending',
  notes: 'Anna said it was the "release fee".',
  evidence_ids: [4],
  warnings: ['The amount is much larger than the other transfers.'],
};

const screenshot = { id: 4, file_name: 'bank-confirmation.png' } as Evidence;

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

const summary = (reporting: CurrencyTotal, perCurrency: CurrencyTotal[], over: Partial<LossSummary> = {}): LossSummary => ({
  per_currency: perCurrency,
  reporting_currency: 'EUR',
  in_reporting_currency: reporting,
  transfers_without_rate: 0,
  missing_rates: [],
  hops: 0,
  traced: 0,
  unplaced: [],
  first_transfer_at: null,
  last_transfer_at: null,
  transfers: 1,
  ...over,
});

const writeText = vi.fn();

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listTransfers.mockResolvedValue([transfer, bankTransfer]);
  api.listEvidence.mockResolvedValue([screenshot]);
  api.lossSummary.mockResolvedValue(summary(total({}), []));
  api.checkTransfer.mockResolvedValue([]);
  api.deleteTransfer.mockResolvedValue(null);
  api.listAccounts.mockResolvedValue([]);
  api.accountSuggestions.mockResolvedValue([]);
  api.moneyTrail.mockResolvedValue({ pictures: [], hops: [], loss: summary(total({}), [], { transfers: 0 }) });
  writeText.mockReset().mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => {
  cleanup();
  undo.dismiss();
});

const rowOf = (id: number) => document.getElementById(`transfer-row-${id}`)!.closest('li')!;

describe('TransfersPanel list', () => {
  it("shows each transfer as a row: time in the case's zone, direction in words, grouped amount, recipient and badges", async () => {
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await screen.findByRole('list', { name: 'Transfers' });
    expect(screen.getByText(/Times in Asia\/Hong_Kong/)).toBeInTheDocument();

    const crypto = within(rowOf(1));
    expect(crypto.getByText(/14 Mar 2026, 16:30/)).toBeInTheDocument();
    expect(crypto.getByText('Paid out')).toBeInTheDocument();
    expect(crypto.getByText('2,500.00 USDT')).toBeInTheDocument();
    expect(crypto.getByText('on TRON')).toBeInTheDocument();
    expect(crypto.getByText('Exchange deposit address')).toBeInTheDocument();

    const bank = within(rowOf(2));
    expect(bank.getByText(/2 Apr 2026, 14:05/)).toBeInTheDocument();
    expect(bank.getByText('12,500.50 GBP')).toBeInTheDocument();
    expect(bank.getByText('To Golden Harbour Trading Ltd · Commerzbank')).toBeInTheDocument();
    expect(bank.getByText('Pending')).toBeInTheDocument();
    expect(bank.getByText('⚠ The amount is much larger than the other transfers.')).toBeInTheDocument();
  });

  it('shortens a long IBAN in the middle, keeps the whole value for title and screen readers, and copies the whole value', async () => {
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await screen.findByRole('list', { name: 'Transfers' });
    const bank = within(rowOf(2));

    const short = bank.getByText('DE44500105…407324931');
    expect(short).toHaveAttribute('title', IBAN);
    expect(short).toHaveClass('mono');
    expect(bank.getByText(`IBAN or account number of T-2: ${IBAN}`)).toBeInTheDocument();

    const copy = bank.getByRole('button', { name: `Copy IBAN or account number of T-2 ${IBAN}` });
    await fireEvent.click(copy);
    expect(writeText).toHaveBeenCalledWith(IBAN);
    await waitFor(() => expect(bank.getAllByRole('status').some((s) => s.textContent === 'Copied')).toBe(true));
    // Copying does not open the details.
    expect(document.getElementById('transfer-details')).toBeNull();
  });

  it('says what to do when copying is not possible, and shows the whole value to select', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await screen.findByRole('list', { name: 'Transfers' });
    await fireEvent.click(within(rowOf(2)).getByRole('button', { name: /^Copy IBAN/ }));
    expect(await within(rowOf(2)).findByText(/select the text and copy it/)).toBeInTheDocument();
    expect(within(rowOf(2)).getByText(IBAN)).toBeInTheDocument();
  });

  it('keeps the empty state that says what to do next', async () => {
    api.listTransfers.mockResolvedValue([]);
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    expect(await screen.findByText(/No transfers yet. Add each payment/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a transfer' })).toBeInTheDocument();
  });
});

describe('TransfersPanel details', () => {
  it('opens the whole record with focus in it, and Escape closes it with focus back on the row', async () => {
    const onOpenEvidence = vi.fn();
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn(), onOpenEvidence });
    const row = await screen.findByRole('button', { name: /^T-2 / });
    await fireEvent.click(row);

    const panel = await screen.findByRole('region', { name: 'Transfer T-2' });
    await waitFor(() => expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Transfer T-2' })));
    expect(row).toHaveAttribute('aria-expanded', 'true');

    const field = (name: string) => within(panel).getByText(name, { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(field('When (case time, Asia/Hong_Kong)')).toHaveTextContent('2 Apr 2026, 14:05');
    expect(field('As recorded')).toHaveTextContent('2026-04-02 08:05:00 +02:00');
    expect(field('Direction')).toHaveTextContent('Paid out');
    expect(field('Amount')).toHaveTextContent('12,500.50 GBP');
    expect(field('Network')).toHaveTextContent('Not a crypto transfer');
    expect(field('Exchange rate to EUR')).toHaveTextContent('1 GBP = 1.17 EUR');
    expect(field('How it was paid')).toHaveTextContent('Bank transfer');
    expect(field('Status')).toHaveTextContent('Pending');
    expect(within(field('Paid from (as typed)')).getByTitle('Monzo current account 12-34-56 87654321')).toBeInTheDocument();
    expect(field('Beneficiary name')).toHaveTextContent('Golden Harbour Trading Ltd');
    expect(field('Bank')).toHaveTextContent('Commerzbank');
    expect(within(field('IBAN or account number')).getByText(IBAN)).toBeInTheDocument();
    expect(field('BIC / SWIFT')).toHaveTextContent('COBADEFFXXX');
    expect(field('Wallet address')).toHaveTextContent('Not recorded');
    const hash = within(field('Bank reference or transaction hash')).getByTitle(TX_HASH);
    expect(hash).toHaveTextContent('0x5b0e9a3c1f7d2e4…4e5f60718293a4b5');
    expect(field('Notes')).toHaveTextContent('Anna said it was the "release fee".');
    expect(field('Saved with these warnings')).toHaveTextContent('The amount is much larger than the other transfers.');
    expect(field('Evidence')).toHaveTextContent('bank-confirmation.png');

    // A long value can be shown whole, and the evidence code opens the evidence.
    await fireEvent.click(within(field('Bank reference or transaction hash')).getByRole('button', { name: /Show all/ }));
    expect(within(panel).getByText(TX_HASH)).toBeInTheDocument();
    await fireEvent.click(within(panel).getByRole('button', { name: /V-4/ }));
    expect(onOpenEvidence).toHaveBeenCalledWith(4);

    await fireEvent.keyDown(within(panel).getByRole('button', { name: /^Close/ }), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Transfer T-2' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(row));
    expect(row).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows the exchange deposit wallet and closes with the Close button', async () => {
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    const row = await screen.findByRole('button', { name: /^T-1 / });
    await fireEvent.click(row);
    const panel = await screen.findByRole('region', { name: 'Transfer T-1' });
    expect(within(panel).getByText('TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL')).toBeInTheDocument();
    expect(within(panel).getByText(/may be able to freeze the money/)).toBeInTheDocument();
    expect(within(panel).getByText(/Not recorded, so this transfer is not in the total in EUR/)).toBeInTheDocument();
    expect(within(panel).getByText('None linked. Choose Change to link screenshots or statements.')).toBeInTheDocument();
    await fireEvent.click(within(panel).getByRole('button', { name: /^Close/ }));
    expect(screen.queryByRole('region', { name: 'Transfer T-1' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(row));
  });

  it('changes a transfer from its details: the form opens with its values', async () => {
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await fireEvent.click(await screen.findByRole('button', { name: /^T-2 / }));
    const panel = await screen.findByRole('region', { name: 'Transfer T-2' });
    await fireEvent.click(within(panel).getByRole('button', { name: 'Change' }));
    expect(await screen.findByRole('heading', { name: 'Change transfer T-2' })).toBeInTheDocument();
    expect(screen.getByLabelText('IBAN or account number')).toHaveValue(IBAN);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Date and time')));
    expect(screen.queryByRole('region', { name: 'Transfer T-2' })).toBeNull();
  });

  it('deletes only after the person confirms, then reloads the list and the totals', async () => {
    const onChanged = vi.fn();
    render(TransfersPanel, { theCase, lists, onChanged });
    await fireEvent.click(await screen.findByRole('button', { name: /^T-2 / }));
    const panel = await screen.findByRole('region', { name: 'Transfer T-2' });
    await fireEvent.click(within(panel).getByRole('button', { name: 'Delete' }));
    expect(api.deleteTransfer).not.toHaveBeenCalled();
    expect(within(panel).getByText(/Delete transfer T-2: Paid out 12,500\.50 GBP\?/)).toBeInTheDocument();
    expect(panel).toHaveTextContent(/It goes to Deleted items of this case, where you can bring it back./);
    await fireEvent.click(within(panel).getByRole('button', { name: 'Keep' }));
    expect(api.deleteTransfer).not.toHaveBeenCalled();

    await fireEvent.click(within(panel).getByRole('button', { name: 'Delete' }));
    api.listTransfers.mockResolvedValue([transfer]);
    await fireEvent.click(within(panel).getByRole('button', { name: 'Yes, delete' }));
    expect(api.deleteTransfer).toHaveBeenCalledWith(2);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.lossSummary).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(document.getElementById('transfer-row-2')).toBeNull());
    expect(screen.queryByRole('region', { name: 'Transfer T-2' })).toBeNull();
  });

  it('offers Undo after a delete, which brings the transfer back and reloads the list', async () => {
    api.restoreDeleted.mockResolvedValue(null);
    render(UndoNotice);
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await fireEvent.click(await screen.findByRole('button', { name: /^T-2 / }));
    const panel = await screen.findByRole('region', { name: 'Transfer T-2' });
    await fireEvent.click(within(panel).getByRole('button', { name: 'Delete' }));
    api.listTransfers.mockResolvedValue([transfer]);
    await fireEvent.click(within(panel).getByRole('button', { name: 'Yes, delete' }));
    expect(await screen.findByText('Transfer T-2 (12,500.50 GBP) was deleted.')).toBeInTheDocument();
    await waitFor(() => expect(document.getElementById('transfer-row-2')).toBeNull());

    api.listTransfers.mockResolvedValue([transfer, bankTransfer]);
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.restoreDeleted).toHaveBeenCalledWith('transfer', 2);
    expect(await screen.findByText('Transfer T-2 (12,500.50 GBP) is back.')).toBeInTheDocument();
    await waitFor(() => expect(document.getElementById('transfer-row-2')).not.toBeNull());
  });

  it('opens the transfer the timeline asked for', async () => {
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn(), focusId: 2 });
    expect(await screen.findByRole('region', { name: 'Transfer T-2' })).toBeInTheDocument();
  });
});

describe('TransfersPanel loss headline', () => {
  const headline = () => document.querySelector('#loss-summary .headline')?.textContent?.replace(/\s+/g, ' ').trim();
  const boldTexts = () => Array.from(document.querySelectorAll('#loss-summary strong, #loss-summary .part')).map((e) => e.textContent?.trim());

  it('(a) one currency: the loss in that currency, no separate total', async () => {
    api.lossSummary.mockResolvedValue(
      summary(total({ paid_out: '2350.00', net_loss: '2350.00' }), [total({ paid_out: '2350.00', net_loss: '2350.00' })]),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() => expect(headline()).toBe('Lost: 2,350.00 EUR'));
    expect(document.getElementById('loss-total')).toBeNull();
    expect(document.getElementById('loss-missing-rate')).toBeNull();
  });

  it('(b) two currencies, one without a rate: each loss, no bold 0, and why there is no total', async () => {
    api.lossSummary.mockResolvedValue(
      summary(
        total({}),
        [
          total({ currency: 'USDT', network: 'tron', paid_out: '15000', net_loss: '15000', transfers: 3 }),
          total({ currency: 'GBP', paid_out: '2350.00', net_loss: '2350.00' }),
        ],
        { transfers_without_rate: 3, transfers: 4 },
      ),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() => expect(headline()).toBe('Lost: 15,000 USDT on TRON · 2,350.00 GBP'));
    expect(screen.getByText(/3 transfers have no exchange rate to EUR, so no single total\s+is shown/)).toBeInTheDocument();
    expect(document.getElementById('loss-total')).toBeNull();
    expect(boldTexts()).not.toContain('0');
    expect(boldTexts().some((t) => /^0(\.0+)?( |$)/.test(t ?? ''))).toBe(false);
  });

  it('(c) every rate known: the losses per currency, then the total in the reporting currency', async () => {
    api.lossSummary.mockResolvedValue(
      summary(
        total({ paid_out: '16105.50', received: '100.00', net_loss: '16005.50', transfers: 4 }),
        [
          total({ currency: 'USDT', network: 'tron', paid_out: '15000', net_loss: '15000', transfers: 3 }),
          total({ currency: 'GBP', paid_out: '2350.00', net_loss: '2350.00' }),
        ],
        { transfers: 4, first_transfer_at: '2026-03-14T08:30:00Z', last_transfer_at: '2026-04-02T06:05:00Z' },
      ),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() => expect(headline()).toBe('Lost: 15,000 USDT on TRON · 2,350.00 GBP'));
    const totalLine = document.getElementById('loss-total')!;
    expect(totalLine).toHaveTextContent('Total in EUR, using the rates you entered: net loss 16,005.50 EUR (paid out 16,105.50, received 100.00, recovered 0).');
    expect(document.getElementById('loss-missing-rate')).toBeNull();
    expect(screen.getByText(/Over 4 transfers, 14 Mar 2026, 16:30 to 2 Apr 2026, 14:05/)).toBeInTheDocument();
    expect(screen.getByText(/USDT on TRON: paid out 15,000, received 0, recovered 0 — net\s+15,000/)).toBeInTheDocument();
  });

  it('says in words when nothing is lost, never a bold zero', async () => {
    api.lossSummary.mockResolvedValue(
      summary(total({ paid_out: '500', recovered: '500', net_loss: '0' }), [total({ paid_out: '500', recovered: '500', net_loss: '0.00' })]),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() => expect(headline()).toMatch(/^No loss so far\./));
    expect(boldTexts()).not.toContain('0');
  });

  it('says the transfers are between the victim\'s own accounts when only hops exist, not that everything came back', async () => {
    api.lossSummary.mockResolvedValue(summary(total({}), [], { transfers: 2, hops: 2 }));
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() =>
      expect(headline()).toBe(
        "Nothing counted as lost. No money has left the victim's control in these transfers: they are between the victim's own accounts.",
      ),
    );
    const text = document.getElementById('loss-summary')?.textContent ?? '';
    expect(text).not.toMatch(/received back or recovered/);
    expect(document.getElementById('loss-total')).toBeNull();
    expect(boldTexts().some((t) => /^0(\.0+)?( |$)/.test(t ?? ''))).toBe(false);
  });

  it('says nothing is counted yet when only traced and not-yet-placed transfers exist, and why', async () => {
    api.lossSummary.mockResolvedValue(summary(total({}), [], { transfers: 3, traced: 1, unplaced: [8, 9] }));
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() => expect(headline()).toMatch(/^Nothing counted as lost yet\./));
    const text = document.getElementById('loss-summary')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).not.toMatch(/received back or recovered/);
    expect(text).toMatch(/1 transfer traced between other people's accounts is shown in the trail but not counted\./);
    expect(text).toMatch(/2 transfers \(T-8 and T-9\) came into the victim's own accounts from an account not chosen yet, so they are not counted/);
    expect(boldTexts().some((t) => /^0(\.0+)?( |$)/.test(t ?? ''))).toBe(false);
  });

  it('says plainly when a total is too large to compute exactly, never showing a number for it', async () => {
    const words = 'too large to total exactly';
    api.lossSummary.mockResolvedValue(
      summary(total({ paid_out: words, received: words, recovered: words, net_loss: words, exact: false }), [
        total({ currency: 'USDT', network: 'tron', paid_out: words, received: words, recovered: words, net_loss: words, exact: false }),
      ]),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() => expect(headline()).toBe('Lost: USDT on TRON: too large to total exactly'));
    const text = document.getElementById('loss-summary')?.textContent ?? '';
    expect(text).toMatch(/Total in EUR: too large to total exactly/);
    expect(text).toMatch(/USDT on TRON:\s+too large to total exactly/);
    expect(text).not.toMatch(/paid out too large/);
    expect(text).not.toMatch(/Net loss: 0/);
  });
});

describe('TransfersPanel accounts, roles and the trail', () => {
  const hop: Transfer = { ...bankTransfer, id: 5, from_account_id: 1, to_account_id: 2, role: 'hop', beneficiary_name: '', beneficiary_bank: '', beneficiary_account: '', warnings: [] };
  const onward: Transfer = { ...transfer, id: 6, from_account_id: 2, to_account_id: 3, source_ids: [5], role: 'loss' };

  beforeEach(() => {
    api.listTransfers.mockResolvedValue([hop, onward]);
    api.listAccounts.mockResolvedValue([barclays, binance, scamWallet]);
  });

  it('shows each transfer from → to with its role in words, a hop marked as not a loss', async () => {
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await screen.findByRole('list', { name: 'Transfers' });
    await waitFor(() => expect(within(rowOf(5)).getByText('Barclays current account → Binance')).toBeInTheDocument());
    expect(within(rowOf(5)).getByText("Between the victim's own accounts: not a loss")).toBeInTheDocument();
    expect(within(rowOf(6)).getByText('Binance → Wallet the fake app gave')).toBeInTheDocument();
    expect(within(rowOf(6)).getByText("Left the victim's control")).toBeInTheDocument();
  });

  it('names both accounts and the transfer it was paid with in the details', async () => {
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await fireEvent.click(await screen.findByRole('button', { name: /^T-6 / }));
    const panel = await screen.findByRole('region', { name: 'Transfer T-6' });
    const field = (name: string) => within(panel).getByText(name, { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(field('From account')).toHaveTextContent("Binance — The victim's own");
    expect(field('To account')).toHaveTextContent("Wallet the fake app gave — The scammers'");
    expect(field('Paid with money from')).toHaveTextContent('T-5 · 2 Apr 2026 · 12,500.50 GBP');
    expect(field('What it is in the loss')).toHaveTextContent("Left the victim's control");
  });

  it('offers the accounts and the other transfers in the form', async () => {
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await screen.findByRole('list', { name: 'Transfers' });
    await fireEvent.click(screen.getByRole('button', { name: 'Add a transfer' }));
    await waitFor(() => expect(within(screen.getByLabelText('To account')).getAllByRole('option')).toHaveLength(4));
    expect(screen.getByRole('list', { name: /Matching transfers/ })).toHaveTextContent('T-5');
  });

  it('opens the transfer whose rate is missing from the headline', async () => {
    api.lossSummary.mockResolvedValue(
      summary(total({}), [total({ currency: 'USDT', network: 'tron', paid_out: '2500.00', net_loss: '2500.00' })], {
        transfers: 2,
        transfers_without_rate: 1,
        missing_rates: [{ currency: 'USDT', network: 'tron', transfer_ids: [6] }],
        hops: 1,
      }),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    const missing = await screen.findByText(/No total in EUR yet: the rate is missing for USDT on TRON \(T-6\)\./);
    expect(screen.getByText("1 transfer between the victim's own accounts is not counted as loss.")).toBeInTheDocument();
    await fireEvent.click(within(missing.closest('#loss-missing-rate') as HTMLElement).getByRole('button', { name: 'Open T-6' }));
    expect(await screen.findByRole('region', { name: 'Transfer T-6' })).toBeInTheDocument();
  });

  it('names the transfers that came in from an account not chosen yet, with their role and a button to open each', async () => {
    const cameIn: Transfer = { ...bankTransfer, id: 7, direction: 'in', from_account_id: null, to_account_id: 1, role: 'unplaced', warnings: [] };
    api.listTransfers.mockResolvedValue([hop, onward, cameIn]);
    api.lossSummary.mockResolvedValue(
      summary(total({ paid_out: '2500', net_loss: '2500' }), [total({ paid_out: '2500', net_loss: '2500' })], { transfers: 3, hops: 1, unplaced: [7] }),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    const unplaced = await screen.findByText(
      /1 transfer \(T-7\) came into the victim's own account from an account not chosen yet, so it is not counted: choose where the money came from\./,
    );
    await waitFor(() => expect(within(rowOf(7)).getByText("Came into the victim's account from an account not chosen yet")).toBeInTheDocument());
    await fireEvent.click(within(unplaced.closest('#loss-unplaced') as HTMLElement).getByRole('button', { name: 'Open T-7' }));
    expect(await screen.findByRole('region', { name: 'Transfer T-7' })).toBeInTheDocument();
    const results = await axe.run(document.getElementById('loss-summary')!, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('has no serious accessibility problem on the Money tab with accounts and a trail', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    api.moneyTrail.mockResolvedValue(trail());
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await screen.findByRole('list', { name: "The victim's own" });
    await waitFor(() => expect(document.querySelector('svg.trail-picture')).not.toBeNull());
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
  });
});

describe('TransfersPanel loss headline: missing rates and hops', () => {
  const headline = () => document.querySelector('#loss-summary .headline')?.textContent?.replace(/\s+/g, ' ').trim();
  const boldTexts = () => Array.from(document.querySelectorAll('#loss-summary strong, #loss-summary .part')).map((e) => e.textContent?.trim());

  it('names the currency and the transfers whose rate is missing, shows no total and never a bold 0', async () => {
    api.lossSummary.mockResolvedValue(
      summary(
        total({ paid_out: '2350.00', net_loss: '2350.00' }),
        [
          total({ currency: 'USDT', network: 'tron', paid_out: '15000', net_loss: '15000', transfers: 2 }),
          total({ paid_out: '2350.00', net_loss: '2350.00' }),
        ],
        { transfers_without_rate: 2, missing_rates: [{ currency: 'USDT', network: 'tron', transfer_ids: [4, 5] }], hops: 3, transfers: 6 },
      ),
    );
    render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await waitFor(() => expect(headline()).toBe('Lost: 15,000 USDT on TRON · 2,350.00 EUR'));
    const missing = document.getElementById('loss-missing-rate')!;
    expect(missing).toHaveTextContent('No total in EUR yet: the rate is missing for USDT on TRON (T-4 and T-5).');
    expect(within(missing).getAllByRole('button').map((b) => b.textContent)).toEqual(['Open T-4', 'Open T-5']);
    expect(screen.getByText("3 transfers between the victim's own accounts are not counted as loss.")).toBeInTheDocument();
    expect(document.getElementById('loss-total')).toBeNull();
    expect(boldTexts().some((t) => /^0(\.0+)?( |$)/.test(t ?? ''))).toBe(false);
  });
});
