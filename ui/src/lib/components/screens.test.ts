import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  appStatus: vi.fn(),
  passphraseStrength: vi.fn(),
  createStore: vi.fn(),
  unlock: vi.fn(),
  lock: vi.fn(),
  listCases: vi.fn(),
  createCase: vi.fn(),
  deletedCases: vi.fn(),
  restoreCase: vi.fn(),
}));

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>();
  return { ...real, api };
});

import { ApiError } from '../api';
import WelcomeScreen from './WelcomeScreen.svelte';
import UnlockScreen from './UnlockScreen.svelte';
import CaseList from './CaseList.svelte';
import { lists } from '../../test/fixtures';
import { systemDefaults } from '../systemDefaults';

const status = { store_path: '/home/me/.local/share/Casefile/casefile.db', store_exists: true, unlocked: true, settings: { auto_lock_minutes: 10 } };

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.passphraseStrength.mockResolvedValue({ score: 4, label: 'Very strong', hint: '', acceptable: true });
  api.deletedCases.mockResolvedValue([]);
});
afterEach(() => cleanup());

describe('WelcomeScreen', () => {
  it('explains the app and refuses different passphrases without creating anything', async () => {
    const onCreated = vi.fn();
    render(WelcomeScreen, { onCreated });
    expect(screen.getByText(/Everything stays on this computer, encrypted/)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/casefile\.db|will be saved at/);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Passphrase'), 'lantern orchard velvet ninety');
    await user.type(screen.getByLabelText('Type it again'), 'lantern orchard velvet');
    await user.click(screen.getByRole('button', { name: 'Create my case file' }));
    expect(screen.getByRole('alert')).toHaveTextContent('not the same');
    expect(api.createStore).not.toHaveBeenCalled();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('shows the strength from core and creates the store', async () => {
    api.createStore.mockResolvedValue(status);
    const onCreated = vi.fn();
    render(WelcomeScreen, { onCreated });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Passphrase'), 'lantern orchard velvet ninety');
    await waitFor(() => expect(screen.getByTestId('strength')).toHaveTextContent('Very strong'));
    expect(api.passphraseStrength).toHaveBeenLastCalledWith('lantern orchard velvet ninety');
    await user.type(screen.getByLabelText('Type it again'), 'lantern orchard velvet ninety');
    await user.click(screen.getByRole('button', { name: 'Create my case file' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(status));
  });

  it('shows a refusal from core in plain words', async () => {
    api.createStore.mockRejectedValue(new ApiError({ kind: 'weak_passphrase', message: 'This passphrase is too easy to guess.', field: null, warnings: [] }));
    render(WelcomeScreen, { onCreated: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Passphrase'), 'password');
    await user.type(screen.getByLabelText('Type it again'), 'password');
    await user.click(screen.getByRole('button', { name: 'Create my case file' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('too easy to guess'));
  });
});

describe('UnlockScreen', () => {
  it('shows the wrong-passphrase message and then unlocks', async () => {
    api.unlock
      .mockRejectedValueOnce(new ApiError({ kind: 'wrong_passphrase', message: "That passphrase doesn't open this case file.", field: null, warnings: [] }))
      .mockResolvedValueOnce(status);
    const onUnlocked = vi.fn();
    render(UnlockScreen, { notice: 'Casefile locked itself.', onUnlocked });
    expect(screen.getByRole('status')).toHaveTextContent('locked itself');
    // Whoever sees the locked window learns nothing about where the case file is.
    expect(document.body).not.toHaveTextContent(/casefile\.db|Case file:/);
    const input = screen.getByLabelText('Your passphrase');
    expect(input).toHaveFocus();
    const user = userEvent.setup();
    await user.type(input, 'wrong one{Enter}');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent("doesn't open"));
    expect(onUnlocked).not.toHaveBeenCalled();
    await user.clear(input);
    await user.type(input, 'right one{Enter}');
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(status));
    expect(api.unlock).toHaveBeenLastCalledWith('right one');
  });
});

describe('CaseList', () => {
  const cases = [
    { id: 1, title: 'Romance scam – Anna', status: 'open', archived: false, updated_at: '2026-11-25T10:00:00Z', item_count: 0 },
    { id: 2, title: 'Fake exchange BTC-GX Pro', status: 'reported', archived: false, updated_at: '2026-11-24T10:00:00Z', item_count: 3 },
  ];

  it('lists cases, searches through core, and says plainly when nothing matches', async () => {
    api.listCases.mockImplementation(async (f: { query: string }) =>
      cases.filter((c) => c.title.toLowerCase().includes(f.query.toLowerCase())),
    );
    const onSelect = vi.fn();
    render(CaseList, { selectedId: null, lists, onSelect });
    await waitFor(() => expect(screen.getByText('Fake exchange BTC-GX Pro')).toBeInTheDocument());
    expect(screen.getByText(/Reported · 3 items/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Find a case'), 'zzz');
    await waitFor(() => expect(screen.getByText(/No case title contains “zzz”/)).toBeInTheDocument());
    expect(api.listCases).toHaveBeenLastCalledWith({ query: 'zzz', include_archived: false });
    await user.clear(screen.getByLabelText('Find a case'));
    await user.click(await screen.findByText('Romance scam – Anna'));
    expect(onSelect).toHaveBeenCalledWith(1);
  });

  it('creates a case and selects it; a refused title shows the reason', async () => {
    api.listCases.mockResolvedValue([]);
    api.createCase
      .mockRejectedValueOnce(new ApiError({ kind: 'invalid', message: 'The case needs a title.', field: null, warnings: [] }))
      .mockResolvedValueOnce({ ...cases[0], id: 7 });
    const onSelect = vi.fn();
    render(CaseList, { selectedId: null, lists, onSelect });
    await waitFor(() => expect(screen.getByText(/No cases yet/)).toBeInTheDocument());
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('needs a title'));
    await user.type(screen.getByLabelText('New case title'), 'Romance scam – Anna');
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    await waitFor(() => expect(onSelect).toHaveBeenCalledWith(7));
  });

  it('starts a new case in this computer’s time zone and currency', async () => {
    api.listCases.mockResolvedValue([]);
    api.createCase.mockResolvedValue({ ...cases[0], id: 8 });
    const onSelect = vi.fn();
    render(CaseList, { selectedId: null, lists, onSelect });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New case title'), 'Anna – crypto investment');
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    await waitFor(() => expect(onSelect).toHaveBeenCalledWith(8));
    const start = systemDefaults();
    expect(start.time_zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(api.createCase).toHaveBeenCalledWith('Anna – crypto investment', start);
  });

  it('when core does not know the system’s zone, makes the case with core’s own start', async () => {
    api.listCases.mockResolvedValue([]);
    api.createCase
      .mockRejectedValueOnce(new ApiError({ kind: 'invalid', message: 'Unknown time zone.', field: 'time_zone', warnings: [] }))
      .mockResolvedValueOnce({ ...cases[0], id: 9 });
    const onSelect = vi.fn();
    render(CaseList, { selectedId: null, lists, onSelect });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New case title'), 'Anna');
    await user.click(screen.getByRole('button', { name: 'Create case' }));
    await waitFor(() => expect(onSelect).toHaveBeenCalledWith(9));
    expect(api.createCase).toHaveBeenLastCalledWith('Anna', null);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('lists the deleted cases under the list and brings one back, then reads both lists again', async () => {
    const deletedAt = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
    api.listCases.mockResolvedValue([cases[1]]);
    api.deletedCases.mockResolvedValueOnce([{ id: 1, title: 'Romance scam – Anna', deleted_at: deletedAt }]).mockResolvedValue([]);
    api.restoreCase.mockResolvedValue({ ...cases[0] });
    const onSelect = vi.fn();
    const view = render(CaseList, { selectedId: null, lists, onSelect, refreshKey: 0 });
    const summary = await screen.findByText('Deleted cases (1)');
    const user = userEvent.setup();
    await user.click(summary);
    const list = screen.getByRole('list', { name: 'Deleted cases' });
    expect(list).toHaveTextContent('Romance scam – Anna');
    expect(list).toHaveTextContent('deleted yesterday');
    api.listCases.mockResolvedValue(cases);
    await user.click(screen.getByRole('button', { name: 'Bring back “Romance scam – Anna”' }));
    expect(api.restoreCase).toHaveBeenCalledWith(1);
    await waitFor(() => expect(onSelect).toHaveBeenCalledWith(1));
    expect(screen.getByRole('status')).toHaveTextContent('“Romance scam – Anna” is back in the list');
    expect(screen.queryByText(/Deleted cases \(/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Romance scam – Anna/ })).toBeInTheDocument();

    // A change elsewhere (a case deleted in its view) reads the deleted cases again.
    const calls = api.deletedCases.mock.calls.length;
    await view.rerender({ selectedId: null, lists, onSelect, refreshKey: 1 });
    await waitFor(() => expect(api.deletedCases.mock.calls.length).toBe(calls + 1));
  });
});
