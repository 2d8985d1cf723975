import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({ restoreDeleted: vi.fn() }));
vi.mock('./api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./api')>()), api }));

import { undo } from './undo.svelte';
import { ApiError } from './api';
import UndoNotice from './components/UndoNotice.svelte';

afterEach(() => {
  cleanup();
  undo.dismiss();
  vi.clearAllMocks();
});

describe('undo after a delete', () => {
  it('offers to bring back what was deleted, and tells the panels to reload', async () => {
    api.restoreDeleted.mockResolvedValue(null);
    const reload = vi.fn();
    const stop = undo.onRestored(reload);
    render(UndoNotice);
    undo.offered({ kind: 'transfer', id: 3, label: 'Transfer T-3', caseId: 1 });
    expect(await screen.findByText('Transfer T-3 was deleted.')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.restoreDeleted).toHaveBeenCalledWith('transfer', 3);
    expect(await screen.findByText('Transfer T-3 is back.')).toBeInTheDocument();
    expect(reload).toHaveBeenCalledTimes(1);
    stop();
  });

  it('says why when it cannot be brought back, and keeps the offer', async () => {
    api.restoreDeleted.mockRejectedValue(
      new ApiError({ kind: 'refused', message: 'V-4 · a.png cannot be brought back: the same file is in the case again as V-9. Nothing was changed.', field: null, warnings: [] }),
    );
    render(UndoNotice);
    undo.offered({ kind: 'evidence', id: 4, label: 'Evidence V-4', caseId: 1 });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByText(/same file is in the case again/)).toBeInTheDocument();
    expect(undo.offer?.id).toBe(4);
  });

  it('brings back every item deleted together, and keeps offering the ones that could not come back', async () => {
    api.restoreDeleted.mockImplementation(async (_kind: string, id: number) => {
      if (id === 7) throw new ApiError({ kind: 'refused', message: 'V-7 · b.png cannot be brought back: the same file is in the case again as V-9.', field: null, warnings: [] });
      return null;
    });
    const reload = vi.fn();
    const stop = undo.onRestored(reload);
    render(UndoNotice);
    undo.offered({ kind: 'evidence', id: 8, others: [{ kind: 'evidence', id: 7 }, { kind: 'evidence', id: 6 }], label: '3 evidence items', caseId: 1 });
    expect(await screen.findByText('3 evidence items were deleted.')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.restoreDeleted.mock.calls).toEqual([['evidence', 8], ['evidence', 7], ['evidence', 6]]);
    expect(await screen.findByText(/2 of 3 brought back\. V-7 · b\.png cannot be brought back/)).toBeInTheDocument();
    expect(reload).toHaveBeenCalledTimes(1);
    // Undo again tries only the one left.
    api.restoreDeleted.mockClear();
    api.restoreDeleted.mockResolvedValue(null);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.restoreDeleted.mock.calls).toEqual([['evidence', 7]]);
    expect(await screen.findByText('3 evidence items are back.')).toBeInTheDocument();
    stop();
  });

  it('forgets a record brought back from the Deleted items view', () => {
    undo.offered({ kind: 'evidence', id: 8, others: [{ kind: 'evidence', id: 7 }], label: '2 evidence items', caseId: 1 });
    undo.forget({ kind: 'evidence', id: 8 });
    expect(undo.offer).toMatchObject({ kind: 'evidence', id: 7, others: [], plural: true });
    undo.forget({ kind: 'evidence', id: 7 });
    expect(undo.offer).toBeNull();
  });
});
