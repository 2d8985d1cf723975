import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';

const api = vi.hoisted(() => ({
  readTime: vi.fn(),
  readAmount: vi.fn(),
  checkTransfer: vi.fn(),
  addTransfer: vi.fn(),
  updateTransfer: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError, type Account, type TimeReading, type Transfer, type TransferInput } from '../api';
import { barclays, binance, scamWallet } from '../../test/money';
import TransferForm from './TransferForm.svelte';
import { drafts } from '../drafts';
import { emptyTransfer } from '../transferForm';
import { lists } from '../../test/fixtures';
import { evidence } from '../../test/evidence';

const none: TimeReading = { reading: null, note: null, choices: [], problem: null };
const times: Record<string, TimeReading> = {
  '14/03/2026 9:30': { ...none, reading: { value: '2026-03-14 09:30', words: 'Saturday 14 March 2026, 09:30 Asia/Hong_Kong' } },
  '03/04/2026 10:00': {
    ...none,
    choices: [
      { value: '2026-04-03 10:00', words: 'Friday 3 April 2026, 10:00 Asia/Hong_Kong' },
      { value: '2026-03-04 10:00', words: 'Wednesday 4 March 2026, 10:00 Asia/Hong_Kong' },
    ],
  },
  '2026-03-14T09:30:00+08:00': { ...none, reading: { value: '2026-03-14T09:30:00+08:00', words: 'Saturday 14 March 2026, 09:30 (UTC+08:00)' } },
  'yesterday-ish': { ...none, problem: 'Casefile cannot read "yesterday-ish" as a date and time. Write it like 14/03/2026 09:30.' },
};
const amounts: Record<string, string> = { '1.234,56': '1234.56', '1,234.56': '1234.56', '2500.50': '2500.50', '2500': '2500' };

const stored = (input: TransferInput): Transfer => ({
  ...input,
  id: 7,
  case_id: 3,
  occurred: { utc: '', offset_minutes: 480, recorded: input.occurred_at },
  warnings: [],
  created_at: '',
  updated_at: '',
  from_account_id: input.from_account_id ?? null,
  to_account_id: input.to_account_id ?? null,
  source_ids: input.source_ids ?? [],
  role: 'loss',
  date_only: false,
  statement: null,
});

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.readTime.mockImplementation(async (_case: number | null, text: string) => times[text] ?? none);
  api.readAmount.mockImplementation(async (text: string) =>
    amounts[text]
      ? { value: amounts[text], words: `${amounts[text]} in words`, note: null, problem: null }
      : { value: null, words: '', note: null, problem: `Casefile cannot read "${text}" as an amount.` },
  );
  api.checkTransfer.mockResolvedValue([]);
  api.addTransfer.mockImplementation(async (_case: number, input: TransferInput) => stored(input));
  api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.discardDraft.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  drafts.clear();
});

function open(
  over: { evidence?: ReturnType<typeof evidence>[]; initial?: TransferInput; editingId?: number; accounts?: Account[]; transfers?: Transfer[] } = {},
) {
  const onSaved = vi.fn();
  render(TransferForm, {
    caseId: 3,
    lists,
    evidence: over.evidence ?? [],
    accounts: over.accounts ?? [],
    transfers: over.transfers ?? [],
    caseZone: 'Europe/London',
    initial: over.initial ?? emptyTransfer('EUR'),
    editingId: over.editingId ?? null,
    onSaved,
    onCancel: vi.fn(),
  });
  return { onSaved };
}

const type = (label: string, text: string) => fireEvent.input(screen.getByLabelText(label), { target: { value: text } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save transfer' }));
const fieldOf = (id: string) => document.getElementById(id)!.closest('.field') as HTMLElement;

describe('TransferForm: dates and amounts as people type them', () => {
  it('saves 14/03/2026 9:30 and 1.234,56 as core read them, and keeps the typed text as the draft', async () => {
    const { onSaved } = open();
    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '1.234,56');
    expect(await screen.findByText('✓ Saturday 14 March 2026, 09:30 Asia/Hong_Kong')).toBeInTheDocument();
    expect(await screen.findByText('✓ 1234.56 in words')).toBeInTheDocument();
    expect(api.readTime).toHaveBeenLastCalledWith(3, '14/03/2026 9:30', false);
    expect(drafts.get('case:3:transfer:new')).toMatchObject({ occurred_at: '14/03/2026 9:30', amount: '1.234,56' });

    await save();
    await waitFor(() => expect(api.addTransfer).toHaveBeenCalledTimes(1));
    expect(api.addTransfer).toHaveBeenCalledWith(3, expect.objectContaining({ occurred_at: '2026-03-14 09:30', amount: '1234.56', exchange_rate: null }));
    expect(onSaved).toHaveBeenCalled();
    expect(drafts.get('case:3:transfer:new')).toBeUndefined();
  });

  it('waits for a reading still under way when saved straight after typing', async () => {
    open();
    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '1,234.56');
    await save();
    await waitFor(() => expect(api.addTransfer).toHaveBeenCalledTimes(1));
    expect(api.addTransfer).toHaveBeenCalledWith(3, expect.objectContaining({ occurred_at: '2026-03-14 09:30', amount: '1234.56' }));
  });

  it('a date that reads two ways stops saving until one is chosen, with focus on the date', async () => {
    open();
    await type('Date and time', '03/04/2026 10:00');
    await type('Amount', '2500');
    await screen.findByText('This date can be read two ways. Which do you mean?');
    screen.getByLabelText('Notes').focus();
    await save();
    await waitFor(() => expect(screen.getByLabelText('Date and time')).toHaveFocus());
    expect(api.addTransfer).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Date and time')).toHaveAttribute('aria-invalid', 'true');

    await fireEvent.click(screen.getByLabelText('Wednesday 4 March 2026, 10:00 Asia/Hong_Kong'));
    await save();
    await waitFor(() => expect(api.addTransfer).toHaveBeenCalledWith(3, expect.objectContaining({ occurred_at: '2026-03-04 10:00', amount: '2500' })));
  });

  it('shows every problem found before saving at once, each at its field, and focuses the first', async () => {
    open();
    await type('Date and time', 'yesterday-ish');
    await type('Exchange rate', 'about one');
    await save();
    await waitFor(() => expect(screen.getByLabelText('Date and time')).toHaveFocus());
    expect(api.addTransfer).not.toHaveBeenCalled();
    // The date says why it cannot be read; the empty amount asks for it; the rate says why.
    expect(within(fieldOf('t-when')).getByText(/cannot read "yesterday-ish"/)).toBeInTheDocument();
    expect(within(fieldOf('t-amount')).getByText('Enter the amount that was sent or received.')).toBeInTheDocument();
    expect(screen.getByLabelText('Amount')).toHaveAttribute('aria-invalid', 'true');
    expect(within(fieldOf('t-rate')).getByText('Casefile cannot read "about one" as an amount.')).toBeInTheDocument();
    expect(screen.getByLabelText('Exchange rate')).toHaveAttribute('aria-invalid', 'true');
  });

  it("puts core's refusal about the amount under the amount field, marked and focused", async () => {
    api.addTransfer.mockRejectedValue(
      new ApiError({ kind: 'invalid', message: 'The amount must be more than zero.', field: 'amount', warnings: [] }),
    );
    amounts['0'] = '0';
    open();
    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '0');
    await screen.findByText('✓ 0 in words');
    await save();
    const amount = screen.getByLabelText('Amount');
    await waitFor(() => expect(amount).toHaveFocus());
    expect(within(fieldOf('t-amount')).getByText('The amount must be more than zero.')).toBeInTheDocument();
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(amount.getAttribute('aria-describedby')).toContain('t-amount-reading');
    expect(screen.queryByRole('alert')).toBeNull();
    // Typing again takes the message away.
    await type('Amount', '2500');
    expect(within(fieldOf('t-amount')).queryByText('The amount must be more than zero.')).toBeNull();
  });

  it("puts core's refusal about the wallet under the wallet field", async () => {
    api.addTransfer.mockRejectedValue(
      new ApiError({ kind: 'invalid', message: 'Enter the beneficiary wallet address before marking it as an exchange deposit address.', field: 'wallet_is_exchange_deposit', warnings: [] }),
    );
    open();
    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '2500');
    await fireEvent.click(screen.getByLabelText(/deposit address at an exchange/));
    await save();
    const box = screen.getByLabelText(/deposit address at an exchange/);
    await waitFor(() => expect(box).toHaveFocus());
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById(box.getAttribute('aria-describedby')!)).toHaveTextContent(/Enter the beneficiary wallet address/);
  });

  it('places a wallet warning beside the wallet field and keeps the confirmation to save anyway', async () => {
    const wallet = 'Beneficiary wallet: This looks like an Ethereum address, but the network chosen is TRON. Check the network.';
    const future = 'Date: 2027-03-14 09:30 is in the future. Check the year and the day.';
    api.checkTransfer.mockResolvedValue([wallet, future]);
    open();
    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '2500');
    await type('Wallet address (for crypto)', '0x52908400098527886E0F7030069857D2E4169EE7');
    const walletInput = screen.getByLabelText('Wallet address (for crypto)');
    expect(await within(fieldOf('t-wallet')).findByText(`⚠ ${wallet}`)).toBeInTheDocument();
    expect(walletInput.getAttribute('aria-describedby')).toBe('t-wallet-warnings');
    expect(within(fieldOf('t-when')).getByText(`⚠ ${future}`)).toBeInTheDocument();
    expect(within(fieldOf('t-amount')).queryByText(/⚠/)).toBeNull();

    api.addTransfer.mockRejectedValueOnce(new ApiError({ kind: 'needs_confirmation', message: 'Please check', field: null, warnings: [wallet, future] }));
    await save();
    const accept = await screen.findByLabelText(/I checked: the original really reads like this/);
    await waitFor(() => expect(accept).toHaveFocus());
    await fireEvent.click(screen.getByRole('button', { name: 'Wallet address (1)' }));
    expect(walletInput).toHaveFocus();
    await fireEvent.click(accept);
    await save();
    await waitFor(() => expect(api.addTransfer).toHaveBeenLastCalledWith(3, expect.objectContaining({ accept_warnings: true })));
  });

  it('a changed transfer starts from its stored values as text and sends the rate as read', async () => {
    amounts['0,92'] = '0.92';
    const initial = { ...emptyTransfer('EUR'), occurred_at: '2026-03-14T09:30:00+08:00', amount: '2500.50', currency: 'GBP' };
    api.updateTransfer.mockImplementation(async (_id: number, input: TransferInput) => stored(input));
    open({ initial, editingId: 7 });
    expect(screen.getByLabelText('Date and time')).toHaveValue('2026-03-14T09:30:00+08:00');
    expect(screen.getByLabelText('Amount')).toHaveValue('2500.50');
    await type('Exchange rate', '0,92');
    await save();
    await waitFor(() =>
      expect(api.updateTransfer).toHaveBeenCalledWith(
        7,
        expect.objectContaining({ occurred_at: '2026-03-14T09:30:00+08:00', amount: '2500.50', exchange_rate: '0.92' }),
      ),
    );
  });

  it('links evidence with the picker, however many items the case holds', async () => {
    const items = Array.from({ length: 70 }, (_, i) => evidence(i + 1, `IMG_${2000 + i}.png`));
    open({ evidence: items });
    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '2500');
    expect(screen.getAllByRole('checkbox', { name: /^V-/ })).toHaveLength(20);
    await type('Find evidence by file name, caption or V-number', 'V-12');
    await fireEvent.click(screen.getByRole('checkbox', { name: 'V-12 · IMG_2011.png' }));
    expect(screen.getByRole('button', { name: 'Remove V-12 · IMG_2011.png' })).toBeInTheDocument();
    await save();
    await waitFor(() => expect(api.addTransfer).toHaveBeenCalledWith(3, expect.objectContaining({ evidence_ids: [12] })));
  });

  it('has no serious accessibility problem with problems, warnings and chosen evidence showing', async () => {
    api.checkTransfer.mockResolvedValue(['Beneficiary wallet: This is not a valid TRON address.', 'Something about the whole transfer.']);
    const items = Array.from({ length: 30 }, (_, i) => evidence(i + 1, `IMG_${2000 + i}.png`));
    open({ evidence: items, initial: { ...emptyTransfer('EUR'), evidence_ids: [2, 5] } });
    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '2500');
    await type('Wallet address (for crypto)', 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeX');
    await within(fieldOf('t-wallet')).findByText(/not a valid TRON address/);
    await type('Exchange rate', 'about one');
    await save();
    await waitFor(() => expect(screen.getByLabelText('Exchange rate')).toHaveFocus());
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
    expect(screen.getByText('Something about the whole transfer.')).toBeInTheDocument();
  });
});

describe('TransferForm: the accounts at both ends and hop links', () => {
  const deposit = (id: number, amount: string, day: string): Transfer => ({
    ...stored({ ...emptyTransfer('GBP'), amount }),
    id,
    occurred: { utc: `2026-03-${day}T09:30:00Z`, offset_minutes: 0, recorded: `2026-03-${day}T09:30:00+00:00` },
  });

  it('sends the chosen from and to accounts and the transfers it was paid with', async () => {
    open({ accounts: [barclays, binance, scamWallet], transfers: [deposit(1, '4000.00', '14'), deposit(2, '4000.00', '15'), deposit(3, '250.00', '16')] });
    const from = screen.getByLabelText('From account');
    expect(within(from).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Not chosen',
      "Barclays current account — The victim's own",
      "Binance — The victim's own",
      "Wallet the fake app gave — The scammers'",
    ]);
    await fireEvent.change(from, { target: { value: '2' } });
    await fireEvent.change(screen.getByLabelText('To account'), { target: { value: '3' } });

    const search = screen.getByLabelText('Find a transfer by T-number, date, amount or name');
    await fireEvent.input(search, { target: { value: '4,000' } });
    const matches = screen.getByRole('list', { name: /Matching transfers/ });
    expect(within(matches).getAllByRole('checkbox').length).toBe(2);
    await fireEvent.click(within(matches).getByLabelText('T-2 · 15 Mar 2026 · 4,000.00 GBP'));
    await fireEvent.click(within(matches).getByLabelText('T-1 · 14 Mar 2026 · 4,000.00 GBP'));
    expect(within(screen.getByRole('list', { name: 'Paid with money from' })).getAllByRole('listitem').map((li) => li.textContent?.replace('✕', '').trim())).toEqual([
      'T-2 · 15 Mar 2026 · 4,000.00 GBP',
      'T-1 · 14 Mar 2026 · 4,000.00 GBP',
    ]);

    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '2500');
    await save();
    await waitFor(() => expect(api.addTransfer).toHaveBeenCalledTimes(1));
    expect(api.addTransfer).toHaveBeenCalledWith(3, expect.objectContaining({ from_account_id: 2, to_account_id: 3, source_ids: [2, 1] }));
  });

  it('opens a stored transfer with its accounts and hop links chosen, and "Not chosen" sends null', async () => {
    api.updateTransfer.mockImplementation(async (_id: number, input: TransferInput) => stored(input));
    const initial = { ...emptyTransfer('GBP'), occurred_at: '2026-03-14T09:30:00+08:00', amount: '2500', from_account_id: 1, to_account_id: 2, source_ids: [1] };
    open({ initial, editingId: 4, accounts: [barclays, binance], transfers: [deposit(1, '4000.00', '14')] });
    expect(screen.getByLabelText('From account')).toHaveValue('1');
    expect(within(screen.getByRole('list', { name: 'Paid with money from' })).getByText('T-1 · 14 Mar 2026 · 4,000.00 GBP')).toBeInTheDocument();
    // The hop links of a stored transfer show without opening anything.
    expect(document.querySelector('details.sources')).toHaveAttribute('open');
    await fireEvent.change(screen.getByLabelText('To account'), { target: { value: '' } });
    await save();
    await waitFor(() => expect(api.updateTransfer).toHaveBeenCalledTimes(1));
    expect(api.updateTransfer).toHaveBeenCalledWith(4, expect.objectContaining({ from_account_id: 1, to_account_id: null, source_ids: [1] }));
  });

  it("puts core's refusal of a hop link under the picker", async () => {
    api.addTransfer.mockRejectedValue(
      new ApiError({ kind: 'invalid', message: 'T-9 is not a transfer of this case.', field: 'source_ids', warnings: [] }),
    );
    open({ accounts: [barclays] });
    await type('Date and time', '14/03/2026 9:30');
    await type('Amount', '2500');
    await save();
    expect(await screen.findByText('T-9 is not a transfer of this case.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Find a transfer by T-number, date, amount or name')).toHaveFocus());
  });
});
