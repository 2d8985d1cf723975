import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';

const api = vi.hoisted(() => ({
  deletedItems: vi.fn(),
  restoreDeleted: vi.fn(),
  purgeDeletedEvidence: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import type { DeletedItem } from '../api';
import DeletedItems from './DeletedItems.svelte';
import { undo } from '../undo.svelte';

const transfer: DeletedItem = { kind: 'transfer', id: 3, label: 'T-3 · Paid out 5,000.00 EUR to Golden Harbour', deleted_at: '2026-03-14T09:00:00Z', blocked: null };
const anna: DeletedItem = { kind: 'subject', id: 2, label: 'S-2 · Anna and 2 identifiers', deleted_at: '2026-03-15T10:30:00Z', blocked: null };
const shot: DeletedItem = {
  kind: 'evidence', id: 4, label: 'V-4 · IMG_2044.png', deleted_at: '2026-03-13T08:00:00Z',
  blocked: 'The same file is in the case again as V-9: delete V-9 first if you want this one back.',
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.deletedItems.mockResolvedValue([transfer, anna, shot]);
  api.restoreDeleted.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  undo.dismiss();
});

const rows = () => within(screen.getByRole('list', { name: 'Deleted items, newest first' })).getAllByRole('listitem');

describe('Deleted items', () => {
  it('lists what was deleted, newest first, with when in words', async () => {
    render(DeletedItems, { caseId: 1, caseZone: 'UTC' });
    await screen.findByRole('list', { name: 'Deleted items, newest first' });
    expect(rows().map((r) => r.querySelector('.label')?.textContent)).toEqual([anna.label, transfer.label, shot.label]);
    expect(rows()[0]).toHaveTextContent('Deleted 15 Mar 2026, 10:30');
    expect(api.deletedItems).toHaveBeenCalledWith(1);
  });

  it('brings an item back, says so, and the list and panels reload', async () => {
    const reload = vi.fn();
    const stop = undo.onRestored(reload);
    undo.offered({ kind: 'transfer', id: 3, label: 'Transfer T-3', caseId: 1 });
    render(DeletedItems, { caseId: 1, caseZone: 'UTC' });
    await screen.findByRole('list', { name: 'Deleted items, newest first' });
    api.deletedItems.mockResolvedValue([anna, shot]);
    await userEvent.setup().click(screen.getByRole('button', { name: `Bring back ${transfer.label}` }));
    expect(api.restoreDeleted).toHaveBeenCalledWith('transfer', 3);
    expect(await screen.findByText(`${transfer.label} is back.`)).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(reload).toHaveBeenCalledTimes(1);
    // The Undo offer for the same transfer is gone: it is back already.
    expect(undo.offer).toBeNull();
    stop();
  });

  it('lists a deleted account with its label from core, and brings it back as an account', async () => {
    const barclays: DeletedItem = { kind: 'account', id: 3, label: 'A-3 · Barclays current account', deleted_at: '2026-03-16T12:00:00Z', blocked: null };
    api.deletedItems.mockResolvedValue([transfer, barclays]);
    render(DeletedItems, { caseId: 1, caseZone: 'UTC' });
    await screen.findByRole('list', { name: 'Deleted items, newest first' });
    expect(rows()[0]).toHaveTextContent('A-3 · Barclays current account');
    api.deletedItems.mockResolvedValue([transfer]);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Bring back A-3 · Barclays current account' }));
    // Same id as the deleted transfer T-3: the kind tells them apart.
    expect(api.restoreDeleted).toHaveBeenCalledWith('account', 3);
    expect(await screen.findByText('A-3 · Barclays current account is back.')).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(1));
  });

  it('shows why a blocked item cannot come back, with its button disabled', async () => {
    render(DeletedItems, { caseId: 1, caseZone: 'UTC' });
    const button = await screen.findByRole('button', { name: `Bring back ${shot.label}` });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(shot.blocked!);
    expect(screen.getByRole('button', { name: `Bring back ${anna.label}` })).toBeEnabled();
  });

  it('says what core refused when bringing back fails', async () => {
    api.restoreDeleted.mockRejectedValue(new Error('T-3 cannot be brought back: the case is archived.'));
    render(DeletedItems, { caseId: 1, caseZone: 'UTC' });
    await userEvent.setup().click(await screen.findByRole('button', { name: `Bring back ${transfer.label}` }));
    expect(await screen.findByRole('alert')).toHaveTextContent('T-3 cannot be brought back: the case is archived.');
  });

  it('empties the deleted evidence only after a question saying the files are destroyed', async () => {
    api.purgeDeletedEvidence.mockResolvedValue(1);
    render(DeletedItems, { caseId: 1, caseZone: 'UTC' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Empty deleted evidence for good…' }));
    const question = screen.getByRole('group', { name: 'Destroy the files of the deleted evidence item for good?' });
    expect(question).toHaveTextContent("The files' bytes are destroyed and cannot be brought back");
    expect(question).toHaveTextContent("names and SHA-256 fingerprints stay in the case's audit log");
    await user.click(within(question).getByRole('button', { name: 'Keep them' }));
    expect(api.purgeDeletedEvidence).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Empty deleted evidence for good…' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Empty deleted evidence for good…' }));
    api.deletedItems.mockResolvedValue([transfer, anna]);
    await user.click(screen.getByRole('button', { name: 'Yes, destroy the files' }));
    expect(api.purgeDeletedEvidence).toHaveBeenCalledWith(1);
    expect(await screen.findByText('The file of 1 deleted evidence item was destroyed for good.')).toBeInTheDocument();
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.queryByRole('button', { name: 'Empty deleted evidence for good…' })).not.toBeInTheDocument();
  });

  it('says when nothing is deleted', async () => {
    api.deletedItems.mockResolvedValue([]);
    render(DeletedItems, { caseId: 1, caseZone: 'UTC' });
    expect(await screen.findByText(/Nothing is deleted in this case/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Empty deleted evidence/ })).not.toBeInTheDocument();
  });

  it('has no serious accessibility problem, the question to empty open', async () => {
    const { container } = render(DeletedItems, { caseId: 1, caseZone: 'UTC' });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Empty deleted evidence for good…' }));
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
