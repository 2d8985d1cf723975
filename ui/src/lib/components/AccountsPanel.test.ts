import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';

const api = vi.hoisted(() => ({
  accountSuggestions: vi.fn(),
  addAccount: vi.fn(),
  updateAccount: vi.fn(),
  deleteAccount: vi.fn(),
  restoreDeleted: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError, type AccountInput, type AccountSuggestion } from '../api';
import AccountsPanel from './AccountsPanel.svelte';
import UndoNotice from './UndoNotice.svelte';
import { undo } from '../undo.svelte';
import { drafts } from '../drafts';
import { lists } from '../../test/fixtures';
import { account, barclays, binance, mule, scamWallet } from '../../test/money';

const suggestion: AccountSuggestion = {
  input: { owner: 'unknown', kind: 'wallet', name: 'TQ4…Vd1', institution: '', number: 'TQ4ZDyW9bMqzkFTwqKQp8DNgG1o3oUVd1', network: 'tron', is_exchange_deposit: false, notes: '' },
  transfer_ids: [4, 5],
  end: 'to',
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.accountSuggestions.mockResolvedValue([]);
  api.addAccount.mockImplementation(async (_case: number, input: AccountInput) => account(9, input));
  api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.discardDraft.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  drafts.clear();
  undo.dismiss();
});

function show(accounts = [mule, scamWallet, barclays, binance]) {
  const onChanged = vi.fn();
  render(AccountsPanel, { caseId: 3, lists, accounts, onChanged });
  return { onChanged };
}

describe('AccountsPanel', () => {
  it("lists the accounts under whose they are, with kind, number, network, deposit flag, transfers and warnings", async () => {
    show();
    expect(screen.getByText(/Money moved between the victim's own accounts is not a loss; Casefile counts it once\./)).toBeInTheDocument();
    const own = screen.getByRole('list', { name: "The victim's own" });
    expect(within(own).getAllByRole('listitem').map((li) => li.querySelector('.name')?.textContent)).toEqual(['Barclays current account', 'Binance']);
    expect(within(own).getByText('Bank account · Barclays')).toBeInTheDocument();
    expect(within(own).getByText('3 transfers')).toBeInTheDocument();

    const theirs = screen.getByRole('list', { name: "The scammers'" });
    expect(within(theirs).getByText('Crypto wallet')).toBeInTheDocument();
    expect(within(theirs).getByText('on TRON')).toBeInTheDocument();
    expect(within(theirs).getByText('Exchange deposit address')).toBeInTheDocument();
    expect(within(theirs).getByText('⚠ This wallet was also used in another case.')).toBeInTheDocument();
    const short = within(theirs).getByTitle('TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL');
    expect(short).toHaveClass('mono');
    expect(within(theirs).getByRole('button', { name: 'Copy Number of Wallet the fake app gave TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL' })).toBeInTheDocument();

    expect(screen.getByRole('list', { name: 'Not known yet' })).toHaveTextContent('Golden Harbour Trading Ltd');
  });

  it('says what to do when there are no accounts yet', () => {
    show([]);
    expect(screen.getByText(/No accounts yet\. Add the victim's bank and exchange accounts/)).toBeInTheDocument();
  });

  it('adds an account with the AccountInput core expects, the deposit tick offered only for a wallet', async () => {
    const { onChanged } = show([]);
    await fireEvent.click(screen.getByRole('button', { name: 'Add an account' }));
    const form = screen.getByRole('form', { name: 'Add an account' });
    expect(within(form).queryByLabelText(/deposit address at an exchange/)).toBeNull();

    await fireEvent.change(within(form).getByLabelText('Whose is it'), { target: { value: 'scammer' } });
    await fireEvent.change(within(form).getByLabelText('What is it'), { target: { value: 'wallet' } });
    await fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Wallet the fake app gave' } });
    await fireEvent.input(within(form).getByLabelText('Wallet address'), { target: { value: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL' } });
    await fireEvent.change(within(form).getByLabelText('Network'), { target: { value: 'tron' } });
    await fireEvent.click(within(form).getByLabelText(/deposit address at an exchange/));
    await fireEvent.click(within(form).getByRole('button', { name: 'Save account' }));

    expect(api.addAccount).toHaveBeenCalledWith(3, {
      owner: 'scammer',
      kind: 'wallet',
      name: 'Wallet the fake app gave',
      institution: '',
      number: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL',
      network: 'tron',
      is_exchange_deposit: true,
      notes: '',
    });
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(await screen.findByText('The account “Wallet the fake app gave” was added.')).toBeInTheDocument();
  });

  it("shows core's refusal beside the field it is about, marked and focused", async () => {
    api.addAccount.mockRejectedValue(
      new ApiError({ kind: 'invalid', message: 'Give the account a name people will recognise.', field: 'name', warnings: [] }),
    );
    show([]);
    await fireEvent.click(screen.getByRole('button', { name: 'Add an account' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Save account' }));
    const name = screen.getByLabelText('Name');
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription('Give the account a name people will recognise.');
    expect(document.activeElement).toBe(name);
  });

  it('accepts a suggestion with the owner the person chose', async () => {
    api.accountSuggestions.mockResolvedValue([suggestion]);
    const { onChanged } = show([barclays]);
    const box = await screen.findByRole('group', { name: 'These accounts appear in your transfers: add them?' });
    expect(within(box).getByText('Paid to in transfers T-4 and T-5')).toBeInTheDocument();
    const owner = within(box).getByLabelText('Whose is it');
    expect(owner).toHaveValue('unknown');
    await fireEvent.change(owner, { target: { value: 'scammer' } });
    await fireEvent.click(within(box).getByRole('button', { name: /^Add/ }));
    expect(api.addAccount).toHaveBeenCalledWith(3, { ...suggestion.input, owner: 'scammer' });
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('deletes only after the person confirms, and shows why core refuses while transfers use it', async () => {
    const refusal = '3 transfer(s) start or end at "Barclays current account". Choose another account for them first, or mark this one as not known yet.';
    api.deleteAccount.mockRejectedValueOnce(new ApiError({ kind: 'refused', message: refusal, field: null, warnings: [] })).mockResolvedValueOnce(null);
    const { onChanged } = show([barclays]);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete Barclays current account' }));
    expect(api.deleteAccount).not.toHaveBeenCalled();
    const question = screen.getByRole('group', { name: 'Delete the account “Barclays current account”?' });
    expect(question).toHaveTextContent('It goes to Deleted items of this case, where you can bring it back.');
    await fireEvent.click(within(question).getByRole('button', { name: 'Yes, delete' }));
    expect(await within(question).findByText(refusal)).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();

    await fireEvent.click(within(question).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.deleteAccount).toHaveBeenLastCalledWith(1);
  });

  it('offers Undo after a delete, which brings the account back through restoreDeleted', async () => {
    api.deleteAccount.mockResolvedValue(null);
    api.restoreDeleted.mockResolvedValue(null);
    render(UndoNotice);
    const { onChanged } = show([barclays]);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete Barclays current account' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(api.deleteAccount).toHaveBeenCalledWith(1);
    expect(await screen.findByText('The account “Barclays current account” was deleted.')).toBeInTheDocument();
    await waitFor(() => expect(onChanged).toHaveBeenCalled());

    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.restoreDeleted).toHaveBeenCalledWith('account', 1);
    expect(await screen.findByText('The account “Barclays current account” is back.')).toBeInTheDocument();
  });

  it('changes an account: the form opens with its values and sends them to updateAccount', async () => {
    api.updateAccount.mockImplementation(async (id: number, input: AccountInput) => account(id, input));
    show([binance]);
    await fireEvent.click(screen.getByRole('button', { name: 'Change Binance' }));
    const form = screen.getByRole('form', { name: 'Change the account “Binance”' });
    expect(within(form).getByLabelText('What is it')).toHaveValue('exchange');
    await fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Binance (Anna set it up)' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(api.updateAccount).toHaveBeenCalledWith(2, expect.objectContaining({ name: 'Binance (Anna set it up)', kind: 'exchange', owner: 'victim' }));
  });

  it('has no serious accessibility problem with accounts, suggestions and the form showing', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    api.accountSuggestions.mockResolvedValue([suggestion]);
    show();
    await screen.findByRole('group', { name: /These accounts appear/ });
    await fireEvent.click(screen.getByRole('button', { name: 'Add an account' }));
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
  });

  it('reopens a new account kept from before, with what was typed', async () => {
    drafts.put('case:3:account:new', 3, { name: 'Revolut' }, 'a new account');
    show([]);
    const form = await screen.findByRole('form', { name: 'Add an account' });
    expect(within(form).getByLabelText('Name')).toHaveValue('Revolut');
    expect(within(form).getByText('Your unsaved text was kept. Check it and save.')).toBeInTheDocument();
  });
});
