import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';

const api = vi.hoisted(() => ({
  readTime: vi.fn(),
  listSubjects: vi.fn(),
  listTransfers: vi.fn(),
  listEvidence: vi.fn(),
  addEvent: vi.fn(),
  updateEvent: vi.fn(),
  deleteEvent: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError, type EventInput, type TimeReading } from '../api';
import EventForm from './EventForm.svelte';
import { drafts } from '../drafts';
import { lists } from '../../test/fixtures';
import { evidence } from '../../test/evidence';

const none: TimeReading = { reading: null, note: null, choices: [], problem: null };
const empty: EventInput = { occurred_at: '', kind: 'message', title: '', description: '', links: [] };

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.readTime.mockImplementation(async (_case: number | null, text: string) =>
    text === '14/03/2026 21:15'
      ? { ...none, reading: { value: '2026-03-14 21:15', words: 'Saturday 14 March 2026, 21:15 Europe/Berlin' } }
      : { ...none, problem: `Casefile cannot read "${text}" as a date and time.` },
  );
  api.listSubjects.mockResolvedValue([]);
  api.listTransfers.mockResolvedValue([]);
  api.listEvidence.mockResolvedValue(Array.from({ length: 68 }, (_, i) => evidence(i + 1, `IMG_${3000 + i}.png`, { caption: i === 40 ? 'Anna asks for the tax' : '' })));
  api.addEvent.mockResolvedValue({ id: 5 });
  api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.discardDraft.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  drafts.clear();
});

function open(initial: EventInput = empty) {
  const onDone = vi.fn();
  render(EventForm, { caseId: 3, lists, initial, editingId: null, onDone });
  return { onDone };
}
const type = (label: string, text: string) => fireEvent.input(screen.getByLabelText(label), { target: { value: text } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

describe('EventForm', () => {
  it('saves the date as core read what was typed, with the evidence chosen in the picker', async () => {
    const { onDone } = open();
    await type('Date and time', '14/03/2026 21:15');
    await type('Short title', 'Asked for a 20% tax before withdrawal');
    expect(await screen.findByText('✓ Saturday 14 March 2026, 21:15 Europe/Berlin')).toBeInTheDocument();
    expect(drafts.get('case:3:event:new')).toMatchObject({ form: { occurred_at: '14/03/2026 21:15' } });
    await screen.findByText('Showing 20 of 68: type to narrow.');
    await type('Find evidence by file name, caption or V-number', 'tax');
    await fireEvent.click(screen.getByRole('checkbox', { name: /V-41 · IMG_3040.png/ }));
    await save();
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true));
    expect(api.addEvent).toHaveBeenCalledWith(3, {
      occurred_at: '2026-03-14 21:15',
      kind: 'message',
      title: 'Asked for a 20% tax before withdrawal',
      description: '',
      links: [{ kind: 'evidence', id: 41 }],
    });
  });

  it('shows a date that cannot be read and a missing title at once, focused on the date', async () => {
    open();
    await type('Date and time', 'last tuesday');
    await save();
    await waitFor(() => expect(screen.getByLabelText('Date and time')).toHaveFocus());
    expect(api.addEvent).not.toHaveBeenCalled();
    expect(screen.getByText('Casefile cannot read "last tuesday" as a date and time.')).toBeInTheDocument();
    const title = screen.getByLabelText('Short title');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById(title.getAttribute('aria-describedby')!)).toHaveTextContent('Give it a short title');
  });

  it("puts core's refusal under the field it names", async () => {
    api.addEvent.mockRejectedValue(new ApiError({ kind: 'invalid', message: 'The description is too long for one field.', field: 'description', warnings: [] }));
    open();
    await type('Date and time', '14/03/2026 21:15');
    await type('Short title', 'Call');
    await type('Details', 'x'.repeat(50));
    await save();
    const details = screen.getByLabelText('Details');
    await waitFor(() => expect(details).toHaveFocus());
    expect(details).toHaveAttribute('aria-invalid', 'true');
    expect(within(details.closest('.field') as HTMLElement).getByText('The description is too long for one field.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
