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
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import type { Case } from '../api';
import CaseView from './CaseView.svelte';
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
  api.listTransfers.mockResolvedValue([]);
  api.lossSummary.mockResolvedValue({ transfers: 0 });
  api.listEvidence.mockResolvedValue([]);
  api.checkTransfer.mockResolvedValue([]);
  api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.discardDraft.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  drafts.clear();
});

describe('CaseView drafts', () => {
  it('a new transfer closed by switching tabs is offered again and reopens with its text', async () => {
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
    await user.click(screen.getByRole('tab', { name: 'Money' }));
    expect(screen.queryByLabelText('Amount')).not.toBeInTheDocument();
    expect(await screen.findByText(/You have an unsaved new transfer/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue it' }));
    expect(screen.getByLabelText('Amount')).toHaveValue('1500.00');
    expect(screen.getByLabelText('Notes')).toHaveValue('first payment');
    expect(screen.getByText('Your unsaved text was kept. Check it and save.')).toBeInTheDocument();
    expect(screen.queryByText(/You have an unsaved new transfer/)).not.toBeInTheDocument();
    await waitFor(() =>
      expect(api.saveDraft).toHaveBeenCalledWith('case:3:transfer:new', 3, expect.stringContaining('"amount":"1500.00"')),
    );

    // The same after leaving the case altogether and coming back.
    view.unmount();
    render(CaseView, { caseId: 3, lists, onChanged: vi.fn() });
    await user.click(await screen.findByRole('tab', { name: 'Money' }));
    await user.click(await screen.findByRole('button', { name: 'Continue it' }));
    expect(screen.getByLabelText('Amount')).toHaveValue('1500.00');
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
