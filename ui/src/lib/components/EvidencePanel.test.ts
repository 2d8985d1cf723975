import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

const api = vi.hoisted(() => ({
  listEvidence: vi.fn(),
  addEvidence: vi.fn(),
  updateEvidence: vi.fn(),
  beginIntake: vi.fn(),
  finishIntake: vi.fn(),
  makePreviews: vi.fn(),
  shiftCaptureTimes: vi.fn(),
  setCaptureZone: vi.fn(),
  deleteEvidence: vi.fn(),
  listTransfers: vi.fn(),
  updateTransfer: vi.fn(),
  timeline: vi.fn(),
  restoreDeleted: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import EvidencePanel from './EvidencePanel.svelte';
import UndoNotice from './UndoNotice.svelte';
import { undo } from '../undo.svelte';
import { lists } from '../../test/fixtures';

const item = (id: number, name: string) => ({
  id,
  case_id: 1,
  file_name: name,
  media_type: 'image/png',
  size_bytes: 2048,
  sha256: 'ab'.repeat(32),
  captured: null,
  capture_time_source: 'unknown',
  capture_zone: null,
  capture_shift_minutes: 0,
  capture_note: 'Unknown',
  preview_pending: false,
  intake_at: '2026-11-25T10:00:00Z',
  caption: '',
  has_preview: true,
  preview_note: '',
  width: 10,
  height: 20,
});

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listEvidence.mockResolvedValue([]);
  api.addEvidence.mockImplementation(async (_case: number, name: string) => ({ evidence: item(1, name), duplicate: false }));
  api.beginIntake.mockImplementation(async (_case: number, zone: string | null) => zone ?? 'UTC');
  api.finishIntake.mockResolvedValue(null);
  api.makePreviews.mockResolvedValue(0);
  api.listTransfers.mockResolvedValue([]);
  api.timeline.mockResolvedValue({ entries: [], total: 0 });
});
afterEach(() => {
  cleanup();
  undo.dismiss();
});

describe('EvidencePanel', () => {
  it('adds files dropped onto it, in order, with their bytes and modified time', async () => {
    const onChanged = vi.fn();
    render(EvidencePanel, { caseId: 1, lists, onChanged });
    const a = new File(['first'], 'Screenshot_1.png', { type: 'image/png', lastModified: 1_700_000_000_000 });
    const b = new File(['second'], 'Screenshot_2.png', { type: 'image/png', lastModified: 1_700_000_001_000 });
    await fireEvent.drop(screen.getByRole('region', { name: 'Drop files here' }), { dataTransfer: { files: [a, b] } });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 files added.'));
    // One intake, read in the case's zone unless the person says the phone was elsewhere;
    // committed at the end, previews made afterwards.
    expect(api.beginIntake).toHaveBeenCalledWith(1, 'UTC');
    expect(screen.getByRole('status')).toHaveTextContent('Times without a zone were read in UTC.');
    expect(api.finishIntake).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(api.makePreviews).toHaveBeenCalled());
    expect(api.addEvidence.mock.calls).toEqual([
      [1, 'Screenshot_1.png', btoa('first'), 1_700_000_000_000],
      [1, 'Screenshot_2.png', btoa('second'), 1_700_000_001_000],
    ]);
    expect(onChanged).toHaveBeenCalled();
  });

  it('adds a pasted screenshot and names it when the clipboard gives no name', async () => {
    render(EvidencePanel, { caseId: 1, lists, onChanged: vi.fn() });
    const shot = new File(['pixels'], '', { type: 'image/png' });
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', { value: { files: [shot] } });
    window.dispatchEvent(paste);
    await waitFor(() => expect(api.addEvidence).toHaveBeenCalledTimes(1));
    expect(api.addEvidence.mock.calls[0][1]).toBe('pasted-screenshot.png');
  });

  it('says which files could not be added and keeps the others', async () => {
    api.addEvidence.mockImplementation(async (_c: number, name: string) => {
      if (name === 'huge.mp4') throw new Error('"huge.mp4" is 312 MB; Casefile takes files up to 200 MB.');
      return { evidence: item(2, name), duplicate: false };
    });
    render(EvidencePanel, { caseId: 1, lists, onChanged: vi.fn() });
    const files = [new File(['x'], 'huge.mp4'), new File(['y'], 'ok.png')];
    await fireEvent.drop(screen.getByRole('region', { name: 'Drop files here' }), { dataTransfer: { files } });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('huge.mp4: "huge.mp4" is 312 MB'));
    expect(screen.getByRole('status')).toHaveTextContent('1 file added; 1 could not be added.');
  });
});

describe('EvidencePanel opened from the timeline', () => {
  it('opens the viewer on the item asked for', async () => {
    api.listEvidence.mockResolvedValue([
      item(4, 'first.png'),
      {
        ...item(9, 'second.png'),
        capture_time_source: 'file_modified',
        capture_note: "File's last-modified time (may be when it was copied, not taken)",
      },
    ]);
    render(EvidencePanel, { caseId: 1, lists, onChanged: vi.fn(), focusId: 9 });
    await waitFor(() => expect(screen.getByRole('dialog')).toBeInTheDocument());
    expect(screen.getByRole('heading', { name: 'V-9 · second.png' })).toBeInTheDocument();
    // Where the capture time came from, in core's words.
    expect(screen.getByText("File's last-modified time (may be when it was copied, not taken)")).toBeInTheDocument();
  });
});

describe('EvidencePanel time corrections', () => {
  it('reads an intake in the phone zone the person chose', async () => {
    render(EvidencePanel, { caseId: 1, lists, onChanged: vi.fn(), caseZone: 'Europe/Berlin' });
    const zone = screen.getByLabelText('The phone or computer that took them was set to the time zone');
    expect(zone).toHaveValue('Europe/Berlin');
    await fireEvent.input(zone, { target: { value: 'Asia/Hong_Kong' } });
    await fireEvent.drop(screen.getByRole('region', { name: 'Drop files here' }), {
      dataTransfer: { files: [new File(['a'], 'Screenshot_20260314-093102.png')] },
    });
    await waitFor(() => expect(api.beginIntake).toHaveBeenCalledWith(1, 'Asia/Hong_Kong'));
  });

  it('moves the times of the selected items and says which were left alone', async () => {
    api.listEvidence.mockResolvedValue([item(4, 'a.png'), item(5, 'b.png'), item(6, 'c.png')]);
    api.shiftCaptureTimes.mockResolvedValue({
      changed: [item(4, 'a.png')],
      skipped: [{ id: 6, reason: 'V-6 was left as it was: it has no capture time to shift; enter its time instead.' }],
    });
    const onChanged = vi.fn();
    render(EvidencePanel, { caseId: 1, lists, onChanged });
    await waitFor(() => expect(screen.getByLabelText('Select V-4')).toBeInTheDocument());
    await fireEvent.click(screen.getByLabelText('Select V-4'));
    await fireEvent.click(screen.getByLabelText('Select V-6'));
    expect(screen.getByRole('region', { name: 'Selected items' })).toHaveTextContent('2 selected');
    await fireEvent.input(screen.getByPlaceholderText('e.g. -1'), { target: { value: '-1,5' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Move times' }));
    await waitFor(() => expect(api.shiftCaptureTimes).toHaveBeenCalledWith(1, [4, 6], -90));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 item changed. V-6 was left as it was'));
    expect(onChanged).toHaveBeenCalled();
  });

  it('asks for an amount before moving anything', async () => {
    api.listEvidence.mockResolvedValue([item(4, 'a.png')]);
    render(EvidencePanel, { caseId: 1, lists, onChanged: vi.fn() });
    await waitFor(() => expect(screen.getByLabelText('Select V-4')).toBeInTheDocument());
    await fireEvent.click(screen.getByLabelText('Select V-4'));
    await fireEvent.click(screen.getByRole('button', { name: 'Move times' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Type how many hours');
    expect(api.shiftCaptureTimes).not.toHaveBeenCalled();
  });

  it('shows pending previews as being made and makes them', async () => {
    api.listEvidence.mockResolvedValue([{ ...item(4, 'a.png'), has_preview: false, preview_pending: true }]);
    render(EvidencePanel, { caseId: 1, lists, onChanged: vi.fn() });
    await waitFor(() => expect(screen.getByText('Making the preview…')).toBeInTheDocument());
    await waitFor(() => expect(api.makePreviews).toHaveBeenCalled());
  });
});

// A caseworker's grid: pictures over two days, a PDF statement, a file without a capture time.
const at = (recorded: string, utc: string) => ({ utc, offset_minutes: 480, recorded });
const grid = () => [
  { ...item(1, 'shot_10.png'), captured: at('2026-03-14T21:00:00+08:00', '2026-03-14T13:00:00Z'), intake_at: '2026-11-25T10:00:03Z' },
  { ...item(2, 'shot_2.png'), captured: at('2026-03-14T09:30:00+08:00', '2026-03-14T01:30:00Z'), caption: 'Withdrawal refused by the app' },
  { ...item(3, 'statement.pdf'), media_type: 'application/pdf', has_preview: false, captured: at('2026-03-15T08:00:00+08:00', '2026-03-15T00:00:00Z') },
  { ...item(4, 'shot_1.png'), captured: at('2026-03-13T23:59:00+08:00', '2026-03-13T15:59:00Z') },
  { ...item(5, 'notes.txt'), media_type: 'text/plain', has_preview: false },
];
const transfer = (id: number, evidence_ids: number[]) => ({
  id, case_id: 1, occurred: at('2026-03-14T09:30:00+08:00', '2026-03-14T01:30:00Z'), direction: 'out', amount: '2500.00',
  currency: 'USDT', network: 'tron', method: 'crypto_transfer', from_account: '', beneficiary_name: '', beneficiary_bank: '',
  beneficiary_account: '', beneficiary_bic: '', beneficiary_wallet: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL',
  wallet_is_exchange_deposit: false, reference: '', exchange_rate: null, status: 'completed', notes: '', evidence_ids,
  warnings: [], created_at: '2026-03-14T08:31:00Z', updated_at: '2026-03-14T08:31:00Z',
  from_account_id: null, to_account_id: null, source_ids: [], role: 'loss', date_only: false, statement: null,
});
const eventLinking = (id: number, title: string, evidenceId: number) => ({
  source: 'event', id, kind: 'note', kind_label: 'Note', title, detail: '', at_utc: '2026-03-14T02:00:00Z',
  recorded: '2026-03-14T10:00:00+08:00', recorded_offset_minutes: 480, case_local: '2026-03-14 03:00', case_offset_minutes: 60,
  day: '2026-03-14', links: [{ kind: 'evidence', id: evidenceId }], chat_id: null, chat_day: null, chat_messages: null, day_only: false,
});

/** The V-numbers of the tiles, top to bottom. */
const tiles = () => [...document.querySelectorAll('[data-evidence-id]')].map((b) => Number(b.getAttribute('data-evidence-id')));

async function renderGrid() {
  api.listEvidence.mockResolvedValue(grid());
  const onChanged = vi.fn();
  render(EvidencePanel, { caseId: 1, lists, onChanged });
  await waitFor(() => expect(tiles()).toHaveLength(5));
  return { onChanged };
}

describe('EvidencePanel finding items', () => {
  it('shows every item by capture time, oldest first, under a heading per day in words with its count', async () => {
    await renderGrid();
    expect(tiles()).toEqual([4, 2, 1, 3, 5]);
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      'Friday 13 March 2026 · 1 item',
      'Saturday 14 March 2026 · 2 items',
      'Sunday 15 March 2026 · 1 item',
      'Time unknown · 1 item',
    ]);
    // The time as core recorded it, not converted to this computer's zone.
    expect(screen.getByRole('button', { name: /V-2 · shot_2\.png/ })).toHaveTextContent('2026-03-14 09:30');
    expect(screen.getByText('5 items')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('narrows the tiles to a search over names, captions and times, and clears it', async () => {
    await renderGrid();
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'withdrawal' } });
    expect(tiles()).toEqual([2]);
    expect(screen.getByText('Showing 1 of 5 items')).toBeInTheDocument();
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: '2026-03-15' } });
    expect(tiles()).toEqual([3]);
    await fireEvent.input(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'nothing like this' } });
    expect(tiles()).toEqual([]);
    expect(screen.getByText(/No items match the search and filters/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(tiles()).toHaveLength(5);
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  });

  it('orders newest first, by file name or by date added', async () => {
    await renderGrid();
    const order = screen.getByLabelText('Order');
    await fireEvent.change(order, { target: { value: 'newest' } });
    expect(tiles()).toEqual([3, 1, 2, 4, 5]);
    expect(screen.getAllByRole('heading', { level: 4 })[0]).toHaveTextContent('Sunday 15 March 2026 · 1 item');
    await fireEvent.change(order, { target: { value: 'name' } });
    expect(tiles()).toEqual([5, 4, 2, 1, 3]);
    // One list without day headings when not ordered by time.
    expect(screen.queryAllByRole('heading', { level: 4 })).toEqual([]);
    await fireEvent.change(order, { target: { value: 'added' } });
    expect(tiles()[0]).toBe(1);
  });

  it('filters by type and by capture day', async () => {
    await renderGrid();
    await fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'pdf' } });
    expect(tiles()).toEqual([3]);
    await fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'picture' } });
    expect(tiles()).toEqual([4, 2, 1]);
    const day = screen.getByLabelText('Capture day');
    expect([...day.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Every day',
      'Friday 13 March 2026 (1 item)',
      'Saturday 14 March 2026 (2 items)',
      'Sunday 15 March 2026 (1 item)',
      'Time unknown (1 item)',
    ]);
    await fireEvent.change(day, { target: { value: '2026-03-14' } });
    expect(tiles()).toEqual([2, 1]);
    expect(screen.getByText('Showing 2 of 5 items')).toBeInTheDocument();
  });

  it('filters by whether a transfer or an event links the item', async () => {
    api.listTransfers.mockResolvedValue([transfer(3, [2])]);
    api.timeline.mockResolvedValue({ entries: [eventLinking(8, 'Platform blocked the withdrawal', 3)], total: 1 });
    await renderGrid();
    await waitFor(() => expect(screen.getByLabelText('Linked')).toBeEnabled());
    await fireEvent.change(screen.getByLabelText('Linked'), { target: { value: 'linked' } });
    await waitFor(() => expect(tiles()).toEqual([2, 3]));
    await fireEvent.change(screen.getByLabelText('Linked'), { target: { value: 'unlinked' } });
    expect(tiles()).toEqual([4, 1, 5]);
  });
});

describe('EvidencePanel acting on several items', () => {
  it('selects all shown and gives them one caption, one update per item', async () => {
    api.updateEvidence.mockImplementation(async (id: number, update: { caption: string }) => ({ ...item(id, 'x.png'), caption: update.caption }));
    const { onChanged } = await renderGrid();
    await fireEvent.change(screen.getByLabelText('Capture day'), { target: { value: '2026-03-14' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Select all shown (2)' }));
    const selection = screen.getByRole('region', { name: 'Selected items' });
    expect(selection).toHaveTextContent('2 selected');
    // V-2 already has a caption: say it will be replaced.
    expect(selection).toHaveTextContent('1 of them already has another caption; it will be replaced.');
    await fireEvent.input(screen.getByLabelText('One caption for all 2'), { target: { value: 'Chat with “Anna” on 14 March' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Set caption' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Caption set on 2 items.'));
    expect(api.updateEvidence.mock.calls).toEqual([
      [2, { caption: 'Chat with “Anna” on 14 March', captured_at: null }],
      [1, { caption: 'Chat with “Anna” on 14 March', captured_at: null }],
    ]);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('says how many selected items the filters hide, and Clear empties the selection', async () => {
    await renderGrid();
    await fireEvent.click(screen.getByLabelText('Select V-3'));
    await fireEvent.click(screen.getByLabelText('Select V-4'));
    await fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'picture' } });
    expect(screen.getByRole('region', { name: 'Selected items' })).toHaveTextContent('(1 of them hidden by the search or filters)');
    await fireEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByRole('region', { name: 'Selected items' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Select V-4')).not.toBeChecked();
  });

  it('deletes only after a confirmation naming every item and what links to it', async () => {
    api.listTransfers.mockResolvedValue([transfer(3, [2])]);
    api.deleteEvidence.mockResolvedValue(null);
    const { onChanged } = await renderGrid();
    await waitFor(() => expect(screen.getByLabelText('Linked')).toBeEnabled());
    await fireEvent.click(screen.getByLabelText('Select V-2'));
    await fireEvent.click(screen.getByLabelText('Select V-4'));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete 2 items…' }));
    const question = screen.getByRole('group', { name: 'Delete 2 items: shot_2.png and shot_1.png?' });
    await waitFor(() => expect(question.querySelector('#delete-question')).toHaveFocus());
    expect(question).toHaveTextContent('V-2 shot_2.png is linked to transfer T-3; it stays but will no longer show it.');
    expect(question).toHaveTextContent(
      'They go to Deleted items of this case, where you can bring them back until the deleted items are emptied. Their names and SHA-256 fingerprints stay in the case\'s audit log either way.',
    );
    expect(question).not.toHaveTextContent(/cannot be brought back/);
    expect(api.deleteEvidence).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole('button', { name: 'Keep them' }));
    expect(api.deleteEvidence).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Delete 2 items…' })).toHaveFocus());
    await fireEvent.click(screen.getByRole('button', { name: 'Delete 2 items…' }));
    api.listEvidence.mockResolvedValue(grid().filter((e) => e.id !== 2 && e.id !== 4));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, delete 2 items' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 items deleted.'));
    expect(api.deleteEvidence.mock.calls).toEqual([[2], [4]]);
    await waitFor(() => expect(tiles()).toEqual([1, 3, 5]));
    expect(screen.queryByRole('region', { name: 'Selected items' })).not.toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('offers to undo the whole delete: Undo brings back every deleted item and the grid reloads', async () => {
    api.deleteEvidence.mockResolvedValue(null);
    api.restoreDeleted.mockResolvedValue(null);
    render(UndoNotice);
    await renderGrid();
    await fireEvent.click(screen.getByLabelText('Select V-2'));
    await fireEvent.click(screen.getByLabelText('Select V-4'));
    await fireEvent.click(screen.getByLabelText('Select V-5'));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete 3 items…' }));
    api.listEvidence.mockResolvedValue(grid().filter((e) => ![2, 4, 5].includes(e.id)));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, delete 3 items' }));
    expect(await screen.findByText('3 evidence items were deleted.')).toBeInTheDocument();
    await waitFor(() => expect(tiles()).toEqual([1, 3]));

    api.listEvidence.mockResolvedValue(grid());
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(api.restoreDeleted).toHaveBeenCalledTimes(3));
    expect(api.restoreDeleted.mock.calls.map((c) => c[1]).sort()).toEqual([2, 4, 5]);
    expect(api.restoreDeleted.mock.calls.every((c) => c[0] === 'evidence')).toBe(true);
    expect(await screen.findByText('3 evidence items are back.')).toBeInTheDocument();
    await waitFor(() => expect([...tiles()].sort()).toEqual([1, 2, 3, 4, 5]));
  });

  it('names the items core refused to delete and keeps them selected', async () => {
    api.deleteEvidence.mockImplementation(async (id: number) => {
      if (id === 5) throw new Error('V-5 is the export file chat C-1 was imported from; it proves the messages.');
      return null;
    });
    await renderGrid();
    await fireEvent.click(screen.getByLabelText('Select V-1'));
    await fireEvent.click(screen.getByLabelText('Select V-5'));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete 2 items…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, delete 2 items' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('V-5: V-5 is the export file chat C-1'));
    expect(screen.getByRole('status')).toHaveTextContent('1 item deleted.');
    expect(screen.getByRole('region', { name: 'Selected items' })).toHaveTextContent('1 selected');
  });

  it('links the selected items to a transfer, keeping the evidence it already has', async () => {
    api.listTransfers.mockResolvedValue([transfer(3, [2])]);
    api.updateTransfer.mockImplementation(async (id: number) => transfer(id, [1, 2, 4]));
    await renderGrid();
    await fireEvent.click(screen.getByLabelText('Select V-4'));
    await fireEvent.click(screen.getByLabelText('Select V-1'));
    await waitFor(() => expect(screen.getByLabelText('Link them to the transfer')).toBeInTheDocument());
    await fireEvent.change(screen.getByLabelText('Link them to the transfer'), { target: { value: '3' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Link' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 items linked to transfer T-3.'));
    expect(api.updateTransfer).toHaveBeenCalledWith(3, expect.objectContaining({ evidence_ids: [2, 4, 1], amount: '2500.00' }));
  });
});
