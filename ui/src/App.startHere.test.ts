// The first steps of a victim through the window: the passphrase, Start here, the first case and
// each step into its part of the case. CaseView is a stand-in that shows where it was asked to open.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  appStatus: vi.fn(),
  referenceLists: vi.fn(),
  passphraseStrength: vi.fn(),
  createStore: vi.fn(),
  listDrafts: vi.fn(),
  listCases: vi.fn(),
  deletedCases: vi.fn(),
  createCase: vi.fn(),
  getCase: vi.fn(),
}));
vi.mock('./lib/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./lib/api')>()), api }));
vi.mock('./lib/components/CaseView.svelte', async () => ({ default: (await import('./test/CaseViewStub.svelte')).default }));

import App from './App.svelte';
import { lists } from './test/fixtures';
import { systemDefaults } from './lib/systemDefaults';

const storePath = '/home/me/.local/share/Casefile/casefile.db';
const unlocked = { store_path: storePath, store_exists: true, unlocked: true, settings: { auto_lock_minutes: 10 } };
const anna = { id: 7, title: 'Anna – crypto investment' };

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.appStatus.mockResolvedValue({ store_path: storePath, store_exists: false, unlocked: false, settings: null });
  api.referenceLists.mockResolvedValue(lists);
  api.passphraseStrength.mockResolvedValue({ score: 4, label: 'Very strong', hint: '', acceptable: true });
  api.createStore.mockResolvedValue(unlocked);
  api.listDrafts.mockResolvedValue([]);
  api.listCases.mockResolvedValue([]);
  api.deletedCases.mockResolvedValue([]);
  api.createCase.mockResolvedValue(anna);
  api.getCase.mockResolvedValue(anna);
});
afterEach(() => cleanup());

async function choosePassphrase(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Passphrase'), 'lantern orchard velvet ninety');
  await user.type(screen.getByLabelText('Type it again'), 'lantern orchard velvet ninety');
  await user.click(screen.getByRole('button', { name: 'Create my case file' }));
}

describe('First steps', () => {
  it('after the passphrase, Start here shows; its first step makes a case in the system’s zone and currency and chooses it', async () => {
    render(App);
    const user = userEvent.setup();
    await choosePassphrase(user);
    expect(await screen.findByRole('heading', { name: 'Start here' })).toBeInTheDocument();
    expect(screen.queryByText(/New case title/)).not.toBeInTheDocument();

    await user.type(screen.getByLabelText(/Give your case a name/), 'Anna – crypto investment');
    await user.click(screen.getByRole('button', { name: 'Create the case' }));
    await waitFor(() => expect(api.createCase).toHaveBeenCalledWith('Anna – crypto investment', systemDefaults()));
    expect(systemDefaults().time_zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await screen.findByRole('status')).toHaveTextContent('Your case “Anna – crypto investment” is made.');

    await user.click(screen.getByRole('button', { name: 'Go to my cases' }));
    expect(screen.getByTestId('case-view')).toHaveTextContent('Case 7, open at details');
  });

  it.each([
    ['Add screenshots and statements', 'evidence'],
    ['Write down the money you sent', 'transfers'],
    ['Import a chat…', 'chats-import'],
    ['Make the dossier', 'dossier'],
  ])('“%s” opens the case at %s', async (button, tab) => {
    render(App);
    const user = userEvent.setup();
    await choosePassphrase(user);
    await user.type(await screen.findByLabelText(/Give your case a name/), 'Anna – crypto investment{Enter}');
    await screen.findByText(/is made/);
    await user.click(screen.getByRole('button', { name: button }));
    expect(screen.queryByRole('heading', { name: 'Start here' })).not.toBeInTheDocument();
    expect(screen.getByTestId('case-view')).toHaveTextContent(`Case 7, open at ${tab}`);
  });

  it('Start here is there later from the top bar, for the case chosen, and a case from the list opens at its details', async () => {
    api.appStatus.mockResolvedValue(unlocked);
    api.listCases.mockResolvedValue([
      { id: 7, title: anna.title, status: 'open', archived: false, updated_at: '2026-11-25T10:00:00Z', item_count: 0, shared_identifiers: 0 },
    ]);
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Anna – crypto investment/ }));
    expect(screen.getByTestId('case-view')).toHaveTextContent('Case 7, open at details');
    const open = screen.getByRole('button', { name: 'Start here' });
    await user.click(open);
    expect(open).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByText('You are working on “Anna – crypto investment”.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Write down the money you sent' }));
    expect(screen.getByTestId('case-view')).toHaveTextContent('Case 7, open at transfers');
    await user.click(await screen.findByRole('button', { name: /Anna – crypto investment/ }));
    expect(screen.getByTestId('case-view')).toHaveTextContent('Case 7, open at details');
  });
});
