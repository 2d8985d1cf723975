import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';

const api = vi.hoisted(() => ({
  listContacts: vi.fn(),
  addContact: vi.fn(),
  updateContact: vi.fn(),
  deleteContact: vi.fn(),
  readTime: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError, type Contact, type TimeReading } from '../api';
import ContactLog from './ContactLog.svelte';
import { drafts } from '../drafts';
import { undo } from '../undo.svelte';
import { lists } from '../../test/fixtures';

const none: TimeReading = { reading: null, note: null, choices: [], problem: null };
/** 20 March 2026, 14:05 in Berlin: "today" for every test here. */
const now = () => new Date('2026-03-20T13:05:00Z');

const contact = (id: number, over: Partial<Contact> = {}): Contact => ({
  id, case_id: 3, contacted: { utc: '2026-03-18T09:00:00Z', offset_minutes: 60, recorded: '2026-03-18T10:00:00+01:00' },
  party: 'bank', organisation: 'Sparkasse fraud team', person: 'Mr Vogel', channel: 'phone', reference: 'SK-2026-00417',
  summary: 'Reported the transfers; they opened a claim.', promised: 'A letter within 10 working days',
  next_step: 'Call back if no letter', next_step_due: '2026-03-18', next_step_done: false, updated_at: '2026-03-18T09:00:00Z', ...over,
});

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.readTime.mockImplementation(async (_case: number | null, text: string, dateOnly: boolean) => {
    if (dateOnly && text === '27/03/2026') return { ...none, reading: { value: '2026-03-27', words: 'Friday 27 March 2026' } };
    if (!dateOnly && /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(text)) return { ...none, reading: { value: text, words: `${text} Europe/Berlin` } };
    return { ...none, problem: `Casefile cannot read "${text}" as a date.` };
  });
  api.listContacts.mockResolvedValue([]);
  api.addContact.mockImplementation(async () => contact(9));
  api.updateContact.mockImplementation(async (id: number) => contact(id));
  api.deleteContact.mockResolvedValue(null);
  api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.discardDraft.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  drafts.clear();
  undo.dismiss();
});

function show() {
  const onChanged = vi.fn();
  const view = render(ContactLog, { caseId: 3, caseZone: 'Europe/Berlin', lists, onChanged, now });
  return { onChanged, view };
}
const type = (label: string, text: string) => fireEvent.input(screen.getByLabelText(label), { target: { value: text } });

describe('ContactLog', () => {
  it('says what the log is for while it is empty', async () => {
    show();
    expect(await screen.findByText(/Write down every call or letter about this case: who you spoke to at the bank/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Contacts, newest first' })).not.toBeInTheDocument();
  });

  it('adds a contact starting now, with the bank, by phone, saving the time and due date as read', async () => {
    const { onChanged } = show();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a contact' }));
    expect(screen.getByLabelText('When')).toHaveValue('2026-03-20 14:05');
    expect(screen.getByLabelText('When')).toHaveFocus();
    expect(screen.getByLabelText('Who')).toHaveValue('bank');
    expect(screen.getByLabelText('How')).toHaveValue('phone');
    await type('When', '2026-03-20 11:30');
    await user.selectOptions(screen.getByLabelText('Who'), 'police');
    await type('Organisation', 'Berlin LKA');
    await type('Their reference number', 'LKA-4471/26');
    await type('What was said or done', 'Filed the report');
    await type('Next step', 'Send the bank statements');
    await type('Next step by', '27/03/2026');
    expect(await screen.findByText('✓ Friday 27 March 2026')).toBeInTheDocument();
    expect(drafts.get('case:3:contact:new')).toMatchObject({ organisation: 'Berlin LKA', next_step_due: '27/03/2026' });
    api.listContacts.mockResolvedValue([contact(9)]);
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.addContact).toHaveBeenCalledWith(3, {
      contacted_at: '2026-03-20 11:30', party: 'police', organisation: 'Berlin LKA', person: '', channel: 'phone', reference: 'LKA-4471/26',
      summary: 'Filed the report', promised: '', next_step: 'Send the bank statements', next_step_due: '2026-03-27', next_step_done: false,
    });
    expect(drafts.get('case:3:contact:new')).toBeUndefined();
    expect(await screen.findByRole('heading', { name: 'Bank · Sparkasse fraud team' })).toBeInTheDocument();
  });

  it('shows a date that cannot be read at its field, and core’s refusal under the field it names', async () => {
    api.addContact.mockRejectedValue(new ApiError({ kind: 'invalid', message: 'Say what the next step is, or leave its date empty.', field: 'next_step', warnings: [] }));
    show();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a contact' }));
    await type('Next step by', 'next friday');
    expect(await screen.findByText('Casefile cannot read "next friday" as a date.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(screen.getByLabelText('Next step by')).toHaveFocus());
    expect(api.addContact).not.toHaveBeenCalled();

    await type('Next step by', '27/03/2026');
    await screen.findByText('✓ Friday 27 March 2026');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    const step = screen.getByLabelText('Next step');
    await waitFor(() => expect(step).toHaveFocus());
    expect(step).toHaveAttribute('aria-invalid', 'true');
    expect(within(step.closest('.field') as HTMLElement).getByText('Say what the next step is, or leave its date empty.')).toBeInTheDocument();
  });

  it('marks a passed next step overdue in words, by the clock it is given; a done one is ticked', async () => {
    api.listContacts.mockResolvedValue([
      contact(1, { next_step_due: '2026-03-18' }),
      contact(2, { next_step: 'Ask for the claim number', next_step_due: '2026-03-23' }),
      contact(3, { next_step: 'Send the screenshots', next_step_due: '2026-03-10', next_step_done: true }),
    ]);
    show();
    const [late, soon, done] = await screen.findAllByRole('article');
    expect(within(late).getByText('Overdue by 2 days')).toBeInTheDocument();
    expect(within(soon).queryByText(/overdue/i)).not.toBeInTheDocument();
    expect(within(soon).getByText('(due in 3 days)')).toBeInTheDocument();
    expect(within(done).getByText('✓ Done:')).toBeInTheDocument();
    expect(within(done).queryByText(/overdue/i)).not.toBeInTheDocument();
    expect(screen.getByText('2 next steps are open, 1 overdue.')).toBeInTheDocument();
    // Who, when, how, their reference and what was said.
    expect(within(late).getByText(/18 Mar 2026, 10:00/)).toBeInTheDocument();
    expect(within(late).getByText('(2 days ago)')).toBeInTheDocument();
    expect(within(late).getByText(/Phone call · spoke to Mr Vogel/)).toBeInTheDocument();
    expect(within(late).getByText('A letter within 10 working days')).toBeInTheDocument();
    expect(within(late).getByRole('button', { name: /Copy/ })).toBeInTheDocument();
  });

  it('ticks a next step done from the list, sending every other field unchanged', async () => {
    api.listContacts.mockResolvedValue([contact(1)]);
    const { onChanged } = show();
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Mark as done' });
    api.listContacts.mockResolvedValue([contact(1, { next_step_done: true })]);
    await user.click(button);
    expect(api.updateContact).toHaveBeenCalledWith(1, {
      contacted_at: '2026-03-18T10:00:00+01:00', party: 'bank', organisation: 'Sparkasse fraud team', person: 'Mr Vogel', channel: 'phone',
      reference: 'SK-2026-00417', summary: 'Reported the transfers; they opened a claim.', promised: 'A letter within 10 working days',
      next_step: 'Call back if no letter', next_step_due: '2026-03-18', next_step_done: true,
    });
    expect(await screen.findByText('✓ Done:')).toBeInTheDocument();
    expect(screen.getByText('Done: Call back if no letter')).toHaveAttribute('role', 'status');
    expect(onChanged).toHaveBeenCalled();
  });

  it('asks before deleting, then offers Undo', async () => {
    api.listContacts.mockResolvedValue([contact(1)]);
    const { onChanged } = show();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByText('Delete the contact with Bank · Sparkasse fraud team on 18 Mar 2026, 10:00?').closest('p')).toHaveFocus());
    expect(api.deleteContact).not.toHaveBeenCalled();
    api.listContacts.mockResolvedValue([]);
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(api.deleteContact).toHaveBeenCalledWith(1);
    await waitFor(() => expect(undo.offer).toMatchObject({ kind: 'contact', id: 1, caseId: 3, label: 'The contact with Bank · Sparkasse fraud team (18 Mar 2026, 10:00)' }));
    expect(onChanged).toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add a contact' })).toHaveFocus());
  });

  it('changes a contact in place, starting from what was saved', async () => {
    api.listContacts.mockResolvedValue([contact(1)]);
    show();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Change' }));
    expect(screen.getByLabelText('When')).toHaveValue('2026-03-18T10:00:00+01:00');
    expect(screen.getByLabelText('Next step by')).toHaveValue('2026-03-18');
    expect(screen.getByLabelText('The next step is done')).not.toBeChecked();
  });

  it('has no serious accessibility problem, with contacts and with the form open', async () => {
    api.listContacts.mockResolvedValue([contact(1), contact(2, { next_step_done: true, reference: '' })]);
    const { view } = show();
    await screen.findAllByRole('article');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Add a contact' }));
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, serious.join('\n')).toEqual([]);
  });
});
