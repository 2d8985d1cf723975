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
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import EvidencePanel from './EvidencePanel.svelte';
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
});
afterEach(() => cleanup());

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
    const group = screen.getByRole('group', { name: 'Correct the times of the selected items' });
    expect(group).toHaveTextContent('2 selected');
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
