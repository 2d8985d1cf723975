import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  getCase: vi.fn(),
  listTransfers: vi.fn(),
  lossSummary: vi.fn(),
  listEvidence: vi.fn(),
  checkTransfer: vi.fn(),
  addTransfer: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
  deletedItems: vi.fn(),
  restoreDeleted: vi.fn(),
  purgeDeletedEvidence: vi.fn(),
  deleteCase: vi.fn(),
  listSubjects: vi.fn(),
  listIdentifiers: vi.fn(),
  timeline: vi.fn(),
  readTime: vi.fn(),
  readAmount: vi.fn(),
  listContacts: vi.fn(),
  updateContact: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError, type Case, type Contact, type DeletedItem } from '../api';
import CaseView from './CaseView.svelte';
import { undo } from '../undo.svelte';
import { drafts } from '../drafts';
import { lists } from '../../test/fixtures';

const anna: Case = {
  id: 3,
  title: 'Anna case',
  status: 'open',
  archived: false,
  created_at: '',
  updated_at: '',
  details: {
    title: 'Anna case', status: 'open', police_report_no: '', bank_claim_no: '', complaint_id: '', victim_name: '',
    victim_contact: '', victim_address: '', victim_date_of_birth: null, reporting_currency: 'EUR', time_zone: 'UTC', notes: '', statement: '',
  },
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.getCase.mockResolvedValue(structuredClone(anna));
  api.readTime.mockResolvedValue({
    reading: { value: '2026-03-14 09:30', words: 'Saturday 14 March 2026, 09:30 UTC' },
    note: null,
    choices: [],
    problem: null,
  });
  api.readAmount.mockResolvedValue({ value: '1500.00', words: '1,500.00', note: null, problem: null });
  api.listTransfers.mockResolvedValue([]);
  api.lossSummary.mockResolvedValue({ transfers: 0 });
  api.listEvidence.mockResolvedValue([]);
  api.checkTransfer.mockResolvedValue([]);
  api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.discardDraft.mockResolvedValue(null);
  api.deletedItems.mockResolvedValue([]);
  api.listSubjects.mockResolvedValue([]);
  api.listIdentifiers.mockResolvedValue([]);
  api.timeline.mockResolvedValue({ entries: [], total: 0 });
  api.listContacts.mockResolvedValue([]);
});
afterEach(() => {
  cleanup();
  drafts.clear();
  undo.dismiss();
});

describe('CaseView drafts', () => {
  it('a new transfer closed by switching tabs opens again by itself with its text', async () => {
    const view = render(CaseView, { caseId: 3, lists, onChanged: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Money' }));
    await user.click(await screen.findByRole('button', { name: 'Add a transfer' }));
    // Opening an empty form keeps nothing.
    expect(drafts.unsaved()).toEqual([]);
    await user.type(screen.getByLabelText('Amount'), '1500.00');
    await user.type(screen.getByLabelText('Notes'), 'first payment');
    expect(drafts.unsaved()).toEqual(['a new transfer in “Anna case”']);

    await user.click(screen.getByRole('tab', { name: 'Details' }));
    expect(screen.queryByLabelText('Amount')).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Money' }));
    expect(await screen.findByLabelText('Amount')).toHaveValue('1500.00');
    expect(screen.getByLabelText('Notes')).toHaveValue('first payment');
    expect(screen.getByText('Your unsaved text was kept. Check it and save.')).toBeInTheDocument();
    // The form is open, so no reminder of it.
    expect(screen.queryByText(/You have an unsaved new transfer/)).not.toBeInTheDocument();
    await waitFor(() =>
      expect(api.saveDraft).toHaveBeenCalledWith('case:3:transfer:new', 3, expect.stringContaining('"amount":"1500.00"')),
    );

    // The same after leaving the case altogether and coming back.
    view.unmount();
    render(CaseView, { caseId: 3, lists, onChanged: vi.fn() });
    await user.click(await screen.findByRole('tab', { name: 'Money' }));
    expect(await screen.findByLabelText('Amount')).toHaveValue('1500.00');
  });

  it('a saved transfer leaves no draft behind', async () => {
    api.addTransfer.mockResolvedValue({ id: 9 });
    render(CaseView, { caseId: 3, lists, onChanged: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Money' }));
    await user.click(await screen.findByRole('button', { name: 'Add a transfer' }));
    await user.type(screen.getByLabelText('Date and time'), '2026-03-14 09:30');
    await user.type(screen.getByLabelText('Amount'), '1500.00');
    await user.click(screen.getByRole('button', { name: 'Save transfer' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add a transfer' })).toBeInTheDocument());
    expect(drafts.unsaved()).toEqual([]);
    expect(screen.queryByText(/You have an unsaved new transfer/)).not.toBeInTheDocument();
  });
});

const item = (over: Partial<DeletedItem>): DeletedItem => ({
  kind: 'transfer', id: 1, label: 'T-1 · Paid out 100 EUR', deleted_at: '2026-03-14T09:00:00Z', blocked: null, ...over,
});

describe('CaseView deleted items and undo', () => {
  it('counts the deleted items on their tab, and shows the Undo notice whatever the tab', async () => {
    api.deletedItems.mockResolvedValue([item({ id: 1 }), item({ id: 2 }), item({ kind: 'evidence', id: 4, label: 'V-4 · a.png' })]);
    render(CaseView, { caseId: 3, lists, onChanged: vi.fn() });
    expect(await screen.findByRole('tab', { name: 'Deleted items (3)' })).toBeInTheDocument();
    undo.offered({ kind: 'transfer', id: 7, label: 'Transfer T-7 (100 EUR)', caseId: 3 });
    expect(await screen.findByText('Transfer T-7 (100 EUR) was deleted.')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Scammers' }));
    expect(screen.getByText('Transfer T-7 (100 EUR) was deleted.')).toBeInTheDocument();
  });

  it('Undo brings the record back and the count on the tab follows', async () => {
    api.deletedItems.mockResolvedValue([item({ id: 7 })]);
    api.restoreDeleted.mockResolvedValue(null);
    const onChanged = vi.fn();
    render(CaseView, { caseId: 3, lists, onChanged });
    await screen.findByRole('tab', { name: 'Deleted items (1)' });
    undo.offered({ kind: 'transfer', id: 7, label: 'Transfer T-7', caseId: 3 });
    api.deletedItems.mockResolvedValue([]);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Undo' }));
    expect(api.restoreDeleted).toHaveBeenCalledWith('transfer', 7);
    expect(await screen.findByRole('tab', { name: 'Deleted items' })).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('an undo offer from another case is not shown in this one', async () => {
    undo.offered({ kind: 'transfer', id: 7, label: 'Transfer T-7', caseId: 99 });
    render(CaseView, { caseId: 3, lists, onChanged: vi.fn() });
    await screen.findByRole('tab', { name: 'Deleted items' });
    expect(screen.queryByText('Transfer T-7 was deleted.')).not.toBeInTheDocument();
    expect(undo.offer).toBeNull();
  });

  it('a case deleted from its Details tab tells the parent and the case list', async () => {
    api.deleteCase
      .mockRejectedValueOnce(new ApiError({ kind: 'invalid', message: 'Type the title exactly as it is: Anna case.', field: 'confirmation', warnings: [] }))
      .mockResolvedValueOnce(null);
    const onDeleted = vi.fn();
    const onChanged = vi.fn();
    render(CaseView, { caseId: 3, lists, onChanged, onDeleted });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete this case…' }));
    const field = screen.getByLabelText(/To confirm, type the case's title/);
    expect(field).toHaveFocus();
    await user.type(field, 'Anna');
    await user.click(screen.getByRole('button', { name: 'Delete the case' }));
    expect(api.deleteCase).toHaveBeenLastCalledWith(3, 'Anna');
    expect(await screen.findByText('Type the title exactly as it is: Anna case.')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(onDeleted).not.toHaveBeenCalled();

    await user.type(field, ' case');
    await user.click(screen.getByRole('button', { name: 'Delete the case' }));
    expect(api.deleteCase).toHaveBeenLastCalledWith(3, 'Anna case');
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect(onChanged).toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent(/This case was deleted\. You can bring it back whole from Deleted cases/);
  });

  it('a transfer opened from the timeline shows in the Money tab', async () => {
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
    api.timeline.mockResolvedValue({
      entries: [{
        source: 'transfer', id: 1, kind: 'transfer', kind_label: 'Transfer', title: 'Paid out 100 EUR', detail: '', links: [],
        at_utc: '2026-03-14T09:00:00Z', case_local: '2026-03-14 09:00', day: '2026-03-14', case_offset_minutes: 0,
        recorded: '2026-03-14T09:00:00Z', recorded_offset_minutes: 0, chat_id: null, chat_day: null, chat_messages: null, day_only: false,
      }],
      total: 1,
    });
    api.listTransfers.mockResolvedValue([{
      id: 1, case_id: 3, occurred: { utc: '2026-03-14T09:00:00Z', offset_minutes: 0, recorded: '2026-03-14T09:00:00Z' }, direction: 'out',
      amount: '100.00', currency: 'EUR', network: null, method: 'bank_transfer', from_account: '', beneficiary_name: '', beneficiary_bank: '',
      beneficiary_account: '', beneficiary_bic: '', beneficiary_wallet: '', wallet_is_exchange_deposit: false, reference: '', exchange_rate: null,
      status: 'completed', notes: '', evidence_ids: [], warnings: [], created_at: '2026-03-14T09:00:00Z', updated_at: '2026-03-14T09:00:00Z',
      from_account_id: null, to_account_id: null, source_ids: [], role: 'loss', date_only: false, statement: null,
    }]);
    render(CaseView, { caseId: 3, lists, onChanged: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Timeline' }));
    await user.click(await screen.findByRole('button', { name: /Paid out 100 EUR/ }));
    expect(await screen.findByRole('region', { name: 'Transfer T-1' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Money' })).toHaveAttribute('aria-selected', 'true');
    vi.unstubAllGlobals();
  });
});

const contact = (id: number, over: Partial<Contact> = {}): Contact => ({
  id, case_id: 3, contacted: { utc: '2026-03-18T09:00:00Z', offset_minutes: 0, recorded: '2026-03-18T09:00:00Z' },
  party: 'police', organisation: 'Berlin LKA', person: '', channel: 'phone', reference: '', summary: '', promised: '',
  next_step: 'Chase the crime number', next_step_due: '2026-03-27', next_step_done: false, updated_at: '', ...over,
});

describe('CaseView contacts', () => {
  it('counts the contacts on their tab and opens there when asked', async () => {
    api.listContacts.mockResolvedValue([contact(1), contact(2, { organisation: 'Sparkasse', party: 'bank' })]);
    render(CaseView, { caseId: 3, lists, onChanged: vi.fn(), initialTab: 'contacts' });
    const tab = await screen.findByRole('tab', { name: 'Contacts (2)' });
    expect(tab).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('heading', { name: 'Police · Berlin LKA' })).toBeInTheDocument();
    expect(api.listContacts).toHaveBeenCalledWith(3);
  });

  it('a next step ticked done in the log tells the case list', async () => {
    api.listContacts.mockResolvedValue([contact(1)]);
    api.updateContact.mockResolvedValue(contact(1, { next_step_done: true }));
    const onChanged = vi.fn();
    render(CaseView, { caseId: 3, lists, onChanged });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Contacts (1)' }));
    await user.click(await screen.findByRole('button', { name: 'Mark as done' }));
    expect(api.updateContact).toHaveBeenCalledWith(1, expect.objectContaining({ next_step_done: true, contacted_at: '2026-03-18T09:00:00Z' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });
});
