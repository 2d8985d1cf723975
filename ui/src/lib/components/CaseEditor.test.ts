import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Case } from '../api';

const api = vi.hoisted(() => ({
  getCase: vi.fn(),
  updateCase: vi.fn(),
  setCaseArchived: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
  readTime: vi.fn(),
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

  it('saves a date of birth typed 14/03/1957 as 14 March 1957 when the setting is month first', async () => {
    // With the US date order, core reads 14/03/1957 day first (14 cannot be a month) and says so.
    api.readTime.mockResolvedValue({
      reading: { value: '1957-03-14', words: 'Thursday 14 March 1957' },
      note: 'Read as day/month/year: 14 cannot be a month.',
      choices: [],
      problem: null,
    });
    api.updateCase.mockImplementation(async (_id: number, details: Case['details']) => ({ ...base, details }));
    render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    const dob = await screen.findByLabelText('Date of birth (optional)');
    expect(dob).toHaveAttribute('type', 'text');
    expect(document.querySelector('input[type="date"], input[type="datetime-local"]')).toBeNull();
    await fireEvent.input(dob, { target: { value: '14/03/1957' } });
    expect(await screen.findByText('✓ Thursday 14 March 1957')).toBeInTheDocument();
    expect(screen.getByText('Read as day/month/year: 14 cannot be a month.')).toBeInTheDocument();
    expect(api.readTime).toHaveBeenLastCalledWith(null, '14/03/1957', true);
    expect(drafts.get('case:3:details')).toMatchObject({ victim_date_of_birth: '14/03/1957' });
    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateCase).toHaveBeenCalledWith(3, expect.objectContaining({ victim_date_of_birth: '1957-03-14' })));
  });

  it('does not save a date of birth that reads two ways until one is chosen', async () => {
    api.readTime.mockResolvedValue({
      reading: null,
      note: null,
      choices: [
        { value: '1957-04-03', words: 'Wednesday 3 April 1957' },
        { value: '1957-03-04', words: 'Monday 4 March 1957' },
      ],
      problem: null,
    });
    api.updateCase.mockImplementation(async (_id: number, details: Case['details']) => ({ ...base, details }));
    render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    const dob = await screen.findByLabelText('Date of birth (optional)');
    await fireEvent.input(dob, { target: { value: '03/04/1957' } });
    await screen.findByText('This date can be read two ways. Which do you mean?');
    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(dob).toHaveFocus());
    expect(api.updateCase).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByLabelText('Monday 4 March 1957'));
    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateCase).toHaveBeenCalledWith(3, expect.objectContaining({ victim_date_of_birth: '1957-03-04' })));
  });

  it("shows core's refusal under the field it names, marked and focused", async () => {
    api.updateCase.mockRejectedValue(new ApiError({ kind: 'invalid', message: 'Give the case a title.', field: 'title', warnings: [] }));
    render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    const title = await screen.findByLabelText('Title');
    await fireEvent.input(title, { target: { value: ' ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(title).toHaveFocus());
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById(title.getAttribute('aria-describedby')!)).toHaveTextContent('Give the case a title.');
    expect(within(title.closest('fieldset')!).getByText('Give the case a title.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
