import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Case } from '../api';

const api = vi.hoisted(() => ({
  getCase: vi.fn(),
  updateCase: vi.fn(),
  setCaseArchived: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError } from '../api';
import CaseEditor from './CaseEditor.svelte';
import { drafts } from '../drafts';
import { lists } from '../../test/fixtures';

const base: Case = {
  id: 3,
  title: 'Romance scam – Anna',
  status: 'open',
  archived: false,
  created_at: '2026-11-25T10:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
  details: {
    title: 'Romance scam – Anna',
    status: 'open',
    police_report_no: '',
    bank_claim_no: '',
    complaint_id: '',
    victim_name: '',
    victim_contact: '',
    victim_address: '',
    victim_date_of_birth: null,
    reporting_currency: 'EUR',
    time_zone: 'UTC',
    notes: '',
    statement: '',
  },
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.getCase.mockResolvedValue(structuredClone(base));
  api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.discardDraft.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  drafts.clear();
});

describe('CaseEditor', () => {
  it('saves edited details through core and reports it', async () => {
    api.updateCase.mockImplementation(async (_id: number, details: Case['details']) => ({ ...base, details }));
    const onSaved = vi.fn();
    render(CaseEditor, { caseId: 3, lists, onSaved });
    const police = await screen.findByLabelText('Police report number');
    expect(screen.getByRole('button', { name: 'All changes saved' })).toBeDisabled();
    const user = userEvent.setup();
    await user.type(police, 'PR-2026-118734');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.updateCase).toHaveBeenCalledWith(3, expect.objectContaining({ police_report_no: 'PR-2026-118734' }));
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
  });

  it('keeps the form as typed when core refuses, and shows why', async () => {
    api.updateCase.mockRejectedValue(new ApiError({ kind: 'invalid', message: '"Europe/Nowhere" is not a time zone Casefile knows.', field: null, warnings: [] }));
    render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    const zone = await screen.findByLabelText('Time zone');
    const user = userEvent.setup();
    await user.clear(zone);
    await user.type(zone, 'Europe/Nowhere');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('not a time zone'));
    expect(zone).toHaveValue('Europe/Nowhere');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
  });

  it('opens with the draft kept from before, and Discard goes back to what is saved', async () => {
    drafts.put('case:3:details', 3, { ...base.details, statement: 'I met Anna in March.' }, 'the details of “Romance scam – Anna”');
    render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    const statement = await screen.findByLabelText(/Statement/);
    expect(statement).toHaveValue('I met Anna in March.');
    expect(screen.getByRole('status')).toHaveTextContent('Your unsaved text was kept. Check it and save.');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(statement).toHaveValue('');
    expect(screen.queryByText(/unsaved text was kept/)).not.toBeInTheDocument();
    expect(drafts.get('case:3:details')).toBeUndefined();
    await waitFor(() => expect(api.discardDraft).toHaveBeenCalledWith('case:3:details'));
  });

  it('keeps typed text as a draft, and throws it away once saved', async () => {
    api.updateCase.mockImplementation(async (_id: number, details: Case['details']) => ({ ...base, details }));
    render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Bank claim number'), 'BC-7');
    expect(drafts.get('case:3:details')).toMatchObject({ bank_claim_no: 'BC-7' });
    await waitFor(() => expect(api.saveDraft).toHaveBeenCalledWith('case:3:details', 3, expect.stringContaining('"bank_claim_no":"BC-7"')));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved.'));
    expect(drafts.unsaved()).toEqual([]);
    await waitFor(() => expect(api.discardDraft).toHaveBeenCalledWith('case:3:details'));
  });

  it('typing back what is saved keeps no draft', async () => {
    render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    const user = userEvent.setup();
    const police = await screen.findByLabelText('Police report number');
    await user.type(police, 'P');
    expect(drafts.unsaved()).toEqual(['the details of “Romance scam – Anna”']);
    await user.clear(police);
    expect(drafts.unsaved()).toEqual([]);
  });
});
