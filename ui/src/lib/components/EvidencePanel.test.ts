import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

const api = vi.hoisted(() => ({ listEvidence: vi.fn(), addEvidence: vi.fn(), updateEvidence: vi.fn() }));
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
    api.listEvidence.mockResolvedValue([item(4, 'first.png'), { ...item(9, 'second.png'), capture_time_source: 'file_modified' }]);
    render(EvidencePanel, { caseId: 1, lists, onChanged: vi.fn(), focusId: 9 });
    await waitFor(() => expect(screen.getByRole('dialog')).toBeInTheDocument());
    expect(screen.getByRole('heading', { name: 'V-9 · second.png' })).toBeInTheDocument();
    // Where the capture time came from, in core's words.
    expect(screen.getByText("File's last-modified time (may be when it was copied, not taken)")).toBeInTheDocument();
  });
});
