import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  chooseDossierPath: vi.fn(),
  exportDossier: vi.fn(),
  openExport: vi.fn(),
  showExportInFolder: vi.fn(),
  verifyCase: vi.fn(),
  listDrafts: vi.fn(),
  saveDraft: vi.fn(),
  stopDossierExport: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));
// The real Channel needs the Tauri runtime; this one just holds the callback.
vi.mock('@tauri-apps/api/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@tauri-apps/api/core')>()),
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import DossierPanel from './DossierPanel.svelte';
import { lists } from '../../test/fixtures';

const theCase = {
  id: 7,
  title: 'Anna / BTC-GX',
  status: 'open' as const,
  archived: false,
  created_at: '',
  updated_at: '',
  details: {
    title: 'Anna / BTC-GX', status: 'open' as const, police_report_no: '', bank_claim_no: '', complaint_id: '', victim_name: '',
    victim_contact: '', victim_address: '', victim_date_of_birth: null, reporting_currency: 'EUR', time_zone: 'UTC', notes: '', statement: '',
  },
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listDrafts.mockResolvedValue([]);
  api.saveDraft.mockImplementation(async (key: string, case_id: number | null, value: string) => ({ key, case_id, value, updated_at: '' }));
});
afterEach(() => cleanup());

describe('DossierPanel', () => {
  it('asks where to save, exports with the chosen options and progress, then offers Open and Show in folder', async () => {
    api.chooseDossierPath.mockResolvedValue('/home/me/dossier.pdf');
    api.exportDossier.mockImplementation(async (_id: number, _o: unknown, _p: string, channel: { onmessage: (m: unknown) => void }) => {
      channel.onmessage({ pages: 40, pictures_done: 3, pictures_total: 10 });
      return { pdf: '/home/me/dossier.pdf', csv: ['/home/me/dossier-transfers.csv', '/home/me/dossier-identifiers.csv'], pages: 42, size_bytes: 2_048_000 };
    });
    render(DossierPanel, { theCase, lists });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Prepared by (printed on the dossier)'), 'Victim Support');
    await user.click(screen.getByLabelText('Timeline'));
    await user.click(screen.getByLabelText('4 (fewest pages)'));
    await user.click(screen.getByRole('button', { name: 'Export dossier…' }));
    await waitFor(() => expect(screen.getByText(/Saved:/)).toBeInTheDocument());
    expect(api.chooseDossierPath.mock.calls[0][0]).toMatch(/^Casefile dossier – Anna BTC-GX – \d{4}-\d\d-\d\d\.pdf$/);
    const [id, options, path] = api.exportDossier.mock.calls[0];
    expect(id).toBe(7);
    expect(path).toBe('/home/me/dossier.pdf');
    expect(options).toEqual({
      variant: { kind: 'police' },
      prepared_by: 'Victim Support',
      csv: true,
      without_images: false,
      omit: ['timeline'],
      pictures_per_page: 'four',
    });
    expect(screen.getByText(/42 pages, 2000 KB/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show in folder' }));
    expect(api.showExportInFolder).toHaveBeenCalledWith('/home/me/dossier.pdf');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(api.openExport).toHaveBeenCalledWith('/home/me/dossier.pdf');
  });

  it('shows pages and pictures while it works, and Cancel stops it with nothing written', async () => {
    api.chooseDossierPath.mockResolvedValue('/home/me/dossier.pdf');
    let reject: (e: unknown) => void = () => {};
    let send: (m: unknown) => void = () => {};
    api.exportDossier.mockImplementation(
      (_id: number, _o: unknown, _p: string, channel: { onmessage: (m: unknown) => void }) =>
        new Promise((_resolve, r) => {
          reject = r;
          send = (m) => channel.onmessage(m);
        }),
    );
    api.stopDossierExport.mockImplementation(() => reject(new Error('The dossier was not made: it was stopped.')));
    render(DossierPanel, { theCase, lists });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Export dossier…' }));
    await waitFor(() => expect(api.exportDossier).toHaveBeenCalled());
    send({ pages: 120, pictures_done: 12, pictures_total: 60 });
    expect(await screen.findByText('120 pages laid out · preparing evidence pictures: 12 of 60')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.stopDossierExport).toHaveBeenCalled();
    expect(await screen.findByRole('alert')).toHaveTextContent('Stopped. No file was written');
    expect(screen.queryByText(/Saved:/)).not.toBeInTheDocument();
  });

  it('does nothing when the save dialog is cancelled, and asks for the institution of a bank letter', async () => {
    api.chooseDossierPath.mockResolvedValue(null);
    render(DossierPanel, { theCase, lists });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText(/Letter to one bank or exchange/));
    await user.click(screen.getByRole('button', { name: 'Export dossier…' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Type the name of the bank or exchange');
    expect(api.chooseDossierPath).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/Bank or exchange/), 'CoinHarbor');
    await user.click(screen.getByRole('button', { name: 'Export dossier…' }));
    await waitFor(() => expect(api.chooseDossierPath).toHaveBeenCalled());
    expect(api.exportDossier).not.toHaveBeenCalled();
  });

  it('titles the sections with the labels core sends, and omits by value', async () => {
    api.chooseDossierPath.mockResolvedValue('/home/me/dossier.pdf');
    api.exportDossier.mockResolvedValue({ pdf: '/home/me/dossier.pdf', csv: [], pages: 3, size_bytes: 1024 });
    const sections = [
      { value: 'evidence' as const, label: 'Evidence (as titled by core)' },
      { value: 'custody' as const, label: 'Chain of custody' },
    ];
    render(DossierPanel, { theCase, lists: { ...lists, sections } });
    expect(screen.queryByLabelText('Timeline')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Evidence (as titled by core)'));
    await user.click(screen.getByRole('button', { name: 'Export dossier…' }));
    await waitFor(() => expect(api.exportDossier).toHaveBeenCalled());
    expect(api.exportDossier.mock.calls[0][1].omit).toEqual(['evidence']);
  });

  it('shows what verify found', async () => {
    api.verifyCase.mockResolvedValue({
      ok: false,
      evidence_checked: 3,
      evidence_problems: ['V-2 "chat.png": its bytes no longer match the SHA-256 recorded when it was added.'],
      audit: { entries: 10, head_hash: 'ab', problem: null },
    });
    render(DossierPanel, { theCase, lists });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Verify integrity' }));
    await waitFor(() => expect(screen.getByText(/Something does not match/)).toBeInTheDocument());
    expect(screen.getByText(/V-2 "chat.png"/)).toBeInTheDocument();
  });

  it('remembers Prepared by and the bank in the encrypted store, and fills them in on the next export', async () => {
    api.chooseDossierPath.mockResolvedValue('/home/me/letter.pdf');
    api.exportDossier.mockResolvedValue({ pdf: '/home/me/letter.pdf', csv: [], pages: 2, size_bytes: 1024 });
    const first = render(DossierPanel, { theCase, lists });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Prepared by (printed on the dossier)'), 'Victim Support Leeds');
    await user.click(screen.getByLabelText(/Letter to one bank or exchange/));
    await user.type(screen.getByLabelText(/Bank or exchange/), 'CoinHarbor');
    await user.click(screen.getByRole('button', { name: 'Export dossier…' }));
    await waitFor(() => expect(api.exportDossier).toHaveBeenCalled());
    expect(api.saveDraft).toHaveBeenCalledTimes(1);
    const [key, caseId, value] = api.saveDraft.mock.calls[0];
    expect([key, caseId]).toEqual(['dossier:prepared-by', null]);
    expect(JSON.parse(value)).toEqual({ remembered: { prepared_by: 'Victim Support Leeds', institution: 'CoinHarbor' } });
    // Not a form's unsaved text: the drafts of forms (which need `fields`) leave it alone.
    expect(JSON.parse(value)).not.toHaveProperty('fields');
    expect(localStorage.length).toBe(0);
    first.unmount();

    // Next time (another case of the same case file), the store gives them back.
    api.listDrafts.mockResolvedValue([{ key: 'dossier:prepared-by', case_id: null, value, updated_at: '' }]);
    render(DossierPanel, { theCase: { ...theCase, id: 8, title: 'Bob' }, lists });
    await waitFor(() => expect(screen.getByLabelText('Prepared by (printed on the dossier)')).toHaveValue('Victim Support Leeds'));
    await user.click(screen.getByLabelText(/Letter to one bank or exchange/));
    expect(screen.getByLabelText(/Bank or exchange/)).toHaveValue('CoinHarbor');
    await user.click(screen.getByRole('button', { name: 'Export dossier…' }));
    await waitFor(() => expect(api.exportDossier).toHaveBeenCalledTimes(2));
    expect(api.exportDossier.mock.calls[1][1]).toMatchObject({
      variant: { kind: 'bank', institution: 'CoinHarbor' },
      prepared_by: 'Victim Support Leeds',
    });
  });

  it('explains the chain of custody and the fingerprint next to their options', async () => {
    render(DossierPanel, { theCase, lists });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'What does “chain of custody” mean?' }));
    expect(screen.getByRole('note')).toHaveTextContent('The record of when each piece of evidence was added');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'What does “SHA-256 fingerprint” mean?' }).length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Chain of custody')).toBeChecked();
  });
});
