import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Case } from '../api';

const api = vi.hoisted(() => ({ getCase: vi.fn(), updateCase: vi.fn(), setCaseArchived: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError } from '../api';
import CaseEditor from './CaseEditor.svelte';
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
});
afterEach(() => cleanup());

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

  it('restores unsaved edits kept across a lock', async () => {
    const draft = { caseId: 3, details: { ...base.details, statement: 'I met Anna in March.' } };
    render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn(), draft });
    const statement = await screen.findByLabelText(/Statement/);
    await waitFor(() => expect(statement).toHaveValue('I met Anna in March.'));
    expect(screen.getByRole('status')).toHaveTextContent('unsaved changes were kept');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
  });
});
