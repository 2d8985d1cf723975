import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  listSubjects: vi.fn(),
  listIdentifiers: vi.fn(),
  addSubject: vi.fn(),
  addIdentifier: vi.fn(),
  updateIdentifier: vi.fn(),
  deleteIdentifier: vi.fn(),
  deleteSubject: vi.fn(),
  restoreDeleted: vi.fn(),
  checkIdentifier: vi.fn(),
  updateSubject: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError } from '../api';
import SubjectsPanel from './SubjectsPanel.svelte';
import UndoNotice from './UndoNotice.svelte';
import { undo } from '../undo.svelte';
import { drafts } from '../drafts';
import { lists } from '../../test/fixtures';

const phone = {
  id: 5, case_id: 1, subject_id: 2, kind: 'phone' as const, value: '07911 123456', display: '07911 123456', match_key: 'phone:+7911123456',
  network: null, bank_name: '', is_exchange_deposit: false, warnings: ['Add the country code.'], notes: '',
  other_cases: [{ id: 9, title: 'Client 9 – same scammer' }],
};
const wallet = {
  ...phone, id: 6, kind: 'crypto_wallet' as const, value: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', display: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL',
  match_key: 'wallet:tron:TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', network: 'tron' as const, warnings: [], other_cases: [],
};
const anna = { id: 2, case_id: 1, kind: 'persona' as const, name: 'Anna', description: 'Wine trader', notes: '', identifiers: [phone] };

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listSubjects.mockResolvedValue([anna]);
  api.listIdentifiers.mockResolvedValue([phone]);
  api.checkIdentifier.mockResolvedValue([]);
  api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.discardDraft.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  drafts.clear();
  undo.dismiss();
});

describe('SubjectsPanel', () => {
  it('shows identifiers with their warnings and matches in other cases', async () => {
    render(SubjectsPanel, { caseId: 1, lists, onChanged: vi.fn() });
    await waitFor(() => expect(screen.getByText('07911 123456')).toBeInTheDocument());
    expect(screen.getByText('Also in case 9: Client 9 – same scammer')).toBeInTheDocument();
    expect(screen.getByText(/Add the country code/)).toBeInTheDocument();
  });

  it('changes an identifier through core, confirming a warning when asked', async () => {
    api.updateIdentifier
      .mockRejectedValueOnce(new ApiError({ kind: 'needs_confirmation', message: 'Please check before saving: This does not look like a number in use in that country.', field: null, warnings: ['This does not look like a number in use in that country.'] }))
      .mockResolvedValueOnce({ ...phone, value: '+44 7911 123456' });
    const onChanged = vi.fn();
    render(SubjectsPanel, { caseId: 1, lists, onChanged });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Change 07911 123456' }));
    const value = screen.getByLabelText('Number, name, address or link');
    expect(value).toHaveValue('07911 123456');
    await user.clear(value);
    await user.type(value, '+44 7911 123456');
    await user.click(screen.getByRole('button', { name: 'Save identifier' }));
    await user.click(await screen.findByLabelText(/save it anyway/));
    await user.click(screen.getByRole('button', { name: 'Save identifier' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.updateIdentifier).toHaveBeenLastCalledWith(5, expect.objectContaining({ value: '+44 7911 123456', subject_id: 2, accept_warnings: true }));
  });

  it('a new person and a new phone number typed before leaving are open again with their text', async () => {
    const first = render(SubjectsPanel, { caseId: 1, lists, onChanged: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a person, platform or intermediary' }));
    await user.type(screen.getByLabelText('Name (as they called themselves)'), 'Mr Lee');
    await user.click(screen.getByRole('button', { name: 'Add phone, handle, wallet…' }));
    await user.type(screen.getByLabelText('Number, name, address or link'), '+852 5555 0101');
    expect(drafts.unsaved()).toEqual(['a new person, platform or intermediary', 'a new phone, handle or wallet for “Anna”']);
    first.unmount();

    render(SubjectsPanel, { caseId: 1, lists, onChanged: vi.fn() });
    expect(await screen.findByLabelText('Name (as they called themselves)')).toHaveValue('Mr Lee');
    expect(screen.getByLabelText('Number, name, address or link')).toHaveValue('+852 5555 0101');
    expect(screen.getAllByText('Your unsaved text was kept. Check it and save.')).toHaveLength(2);
    // Cancel closes the form and throws its text away.
    await user.click(screen.getAllByRole('button', { name: 'Cancel' })[0]);
    expect(screen.queryByLabelText('Number, name, address or link')).not.toBeInTheDocument();
    expect(drafts.unsaved()).toEqual(['a new person, platform or intermediary']);
  });

  it('changes a person, keeping the change as a draft until saved', async () => {
    api.updateSubject.mockResolvedValue({ ...anna, name: 'Anna Lin' });
    render(SubjectsPanel, { caseId: 1, lists, onChanged: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Change Anna' }));
    const name = screen.getByLabelText('Name (as they called themselves)');
    await user.type(name, ' Lin');
    expect(drafts.get('subject:2')).toMatchObject({ name: 'Anna Lin' });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSubject).toHaveBeenCalledWith(2, expect.objectContaining({ name: 'Anna Lin' })));
    expect(drafts.get('subject:2')).toBeUndefined();
  });

  it('deletes an identifier only after a question naming it, then offers Undo, which brings it back', async () => {
    api.deleteIdentifier.mockResolvedValue(null);
    api.restoreDeleted.mockResolvedValue(null);
    const onChanged = vi.fn();
    render(UndoNotice);
    render(SubjectsPanel, { caseId: 1, lists, onChanged });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete 07911 123456' }));
    expect(api.deleteIdentifier).not.toHaveBeenCalled();
    const question = screen.getByRole('group', { name: 'Delete Phone number 07911 123456 of “Anna”?' });
    expect(question).toHaveTextContent('It goes to Deleted items of this case, where you can bring it back.');
    await user.click(screen.getByRole('button', { name: 'Keep' }));
    expect(screen.queryByRole('group', { name: /Delete Phone number/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete 07911 123456' })).toHaveFocus();
    expect(api.deleteIdentifier).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete 07911 123456' }));
    api.listSubjects.mockResolvedValue([{ ...anna, identifiers: [] }]);
    api.listIdentifiers.mockResolvedValue([]);
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(api.deleteIdentifier).toHaveBeenCalledWith(5);
    expect(await screen.findByText('Phone number 07911 123456 was deleted.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('07911 123456')).not.toBeInTheDocument());
    expect(onChanged).toHaveBeenCalled();

    api.listSubjects.mockResolvedValue([anna]);
    api.listIdentifiers.mockResolvedValue([phone]);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.restoreDeleted).toHaveBeenCalledWith('identifier', 5);
    expect(await screen.findByText('07911 123456')).toBeInTheDocument();
  });

  it('deleting a person names the identifiers that go with them, and Undo brings all back', async () => {
    api.listSubjects.mockResolvedValue([{ ...anna, identifiers: [phone, wallet] }]);
    api.listIdentifiers.mockResolvedValue([phone, wallet]);
    api.deleteSubject.mockResolvedValue(null);
    api.restoreDeleted.mockResolvedValue(null);
    render(UndoNotice);
    render(SubjectsPanel, { caseId: 1, lists, onChanged: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete Anna' }));
    const question = screen.getByRole('group', { name: 'Delete “Anna” and the 2 identifiers listed under them?' });
    expect(question).toHaveTextContent('Phone number 07911 123456');
    expect(question).toHaveTextContent('Crypto wallet TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL');
    expect(question).toHaveTextContent(/Bringing “Anna” back there, or with Undo, brings these identifiers back too/);
    await waitFor(() => expect(question.querySelector('p')).toHaveFocus());

    api.listSubjects.mockResolvedValue([]);
    api.listIdentifiers.mockResolvedValue([]);
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(api.deleteSubject).toHaveBeenCalledWith(2);
    expect(await screen.findByText('“Anna” and 2 identifiers were deleted.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: /Anna/ })).not.toBeInTheDocument());

    api.listSubjects.mockResolvedValue([{ ...anna, identifiers: [phone, wallet] }]);
    api.listIdentifiers.mockResolvedValue([phone, wallet]);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.restoreDeleted).toHaveBeenCalledWith('subject', 2);
    expect(await screen.findByText('“Anna” and 2 identifiers are back.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: /Anna/ })).toBeInTheDocument();
  });

  it('shows the identifier the timeline asked for, or says it is no longer in the case', async () => {
    const view = render(SubjectsPanel, { caseId: 1, lists, onChanged: vi.fn(), focus: { kind: 'identifier', id: 5 } });
    await waitFor(() => expect(document.getElementById('identifier-5')).toHaveFocus());
    expect(document.getElementById('identifier-5')).toHaveClass('shown');
    await view.rerender({ focus: { kind: 'subject', id: 44 } });
    expect(await screen.findByText(/Scammer S-44 is not in this case any more/)).toBeInTheDocument();
  });
});
