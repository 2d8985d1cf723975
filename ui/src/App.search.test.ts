// The search box in the top bar: it searches every case, and a hit opens its case at the record.
// CaseView is a stand-in that shows where it was asked to open and which record to show.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  appStatus: vi.fn(),
  referenceLists: vi.fn(),
  listDrafts: vi.fn(),
  listCases: vi.fn(),
  deletedCases: vi.fn(),
  getCase: vi.fn(),
  lock: vi.fn(),
  search: vi.fn(),
  dashboard: vi.fn(),
}));
vi.mock('./lib/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./lib/api')>()), api }));
vi.mock('./lib/components/CaseView.svelte', async () => ({ default: (await import('./test/CaseViewFocusStub.svelte')).default }));

import { ApiError, type SearchHit } from './lib/api';
import App from './App.svelte';
import { lists } from './test/fixtures';

const unlocked = { store_path: '/tmp/casefile.db', store_exists: true, unlocked: true, settings: { auto_lock_minutes: 10 } };
const hit = (over: Partial<SearchHit>): SearchHit => ({
  case_id: 7, case_title: 'Anna – crypto investment', kind: 'transfer', id: 3, chat_id: null,
  label: 'T-3 · Paid out 5000 USDT', snippet: '…to the wallet TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t…', ...over,
});
const hits = [
  hit({}),
  hit({ kind: 'chat_message', id: 41, chat_id: 2, label: 'Message of 2026-03-14 09:31 from Anna', snippet: '…the wallet TR7NHq… is hers' }),
  hit({ case_id: 9, case_title: 'Exchange case', kind: 'identifier', id: 5, label: 'Crypto wallet', snippet: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' }),
];

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.appStatus.mockResolvedValue(unlocked);
  api.referenceLists.mockResolvedValue(lists);
  api.listDrafts.mockResolvedValue([]);
  api.listCases.mockResolvedValue([]);
  api.dashboard.mockResolvedValue([]);
  api.deletedCases.mockResolvedValue([]);
  api.getCase.mockImplementation(async (id: number) => ({ id, title: id === 7 ? 'Anna – crypto investment' : 'Exchange case' }));
  api.search.mockResolvedValue({ hits, total: 3 });
});
afterEach(() => cleanup());

async function search(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.type(await screen.findByLabelText('Search all cases'), text);
}

describe('Search all cases', () => {
  it('shows what typing in the top bar finds, grouped by case, with the words marked', async () => {
    render(App);
    const user = userEvent.setup();
    await search(user, 'tr7nhq');
    const anna = await screen.findByRole('region', { name: 'Anna – crypto investment' });
    expect(api.search).toHaveBeenLastCalledWith('tr7nhq', 100);
    expect(within(anna).getAllByRole('button')).toHaveLength(2);
    expect(within(anna).getAllByText('TR7NHq', { selector: 'mark' })).toHaveLength(2);
    expect(screen.getByRole('region', { name: 'Exchange case' })).toHaveTextContent('Phone, account, wallet or handle');
    // Typing goes on and is searched once it stops, not at every letter.
    expect(api.search.mock.calls.length).toBeLessThan(3);
  });

  it('shows core’s words when the text is too short', async () => {
    const words = 'Type at least 3 letters or digits to search, for example part of a name, a wallet or a phone number.';
    api.search.mockRejectedValue(new ApiError({ kind: 'invalid', message: words, field: 'text', warnings: [] }));
    render(App);
    await search(userEvent.setup(), 'an');
    expect(await screen.findByText(words)).toBeInTheDocument();
  });

  it('a transfer hit opens its case at the transfers with the transfer to show', async () => {
    render(App);
    const user = userEvent.setup();
    await search(user, 'tr7nhq');
    await user.click(await screen.findByRole('button', { name: /T-3 · Paid out 5000 USDT/ }));
    expect(screen.getByTestId('case-view')).toHaveTextContent('Case 7, open at transfers, showing transfer 3');
    expect(screen.queryByRole('heading', { name: 'Search all cases' })).not.toBeInTheDocument();
    // The words stay in the box; Enter shows the results again.
    const box = screen.getByLabelText('Search all cases');
    expect(box).toHaveValue('tr7nhq');
    await user.click(box);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Search all cases' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back to the case' }));
    expect(screen.getByTestId('case-view')).toHaveTextContent('Case 7, open at transfers');
  });

  it('a chat message hit opens the case’s chats with the message and its chat', async () => {
    render(App);
    const user = userEvent.setup();
    await search(user, 'tr7nhq');
    await user.click(await screen.findByRole('button', { name: /Message of 2026-03-14 09:31 from Anna/ }));
    expect(screen.getByTestId('case-view')).toHaveTextContent('Case 7, open at chats, showing chat_message 41 in chat 2');
  });

  it('an identifier hit opens the other case at its scammers', async () => {
    render(App);
    const user = userEvent.setup();
    await search(user, 'tr7nhq');
    await user.click(await screen.findByRole('button', { name: /Crypto wallet/ }));
    expect(screen.getByTestId('case-view')).toHaveTextContent('Case 9, open at people, showing identifier 5');
  });

  it('Ctrl+K and Ctrl+F bring the keyboard to the box; Escape empties it and leaves the results', async () => {
    render(App);
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Search all cases');
    expect(box).not.toHaveFocus();
    await user.keyboard('{Control>}k{/Control}');
    expect(box).toHaveFocus();
    await user.keyboard('anna');
    expect(await screen.findByRole('heading', { name: 'Search all cases' })).toBeInTheDocument();
    await user.click(document.body);
    await user.keyboard('{Control>}f{/Control}');
    expect(box).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(box).toHaveValue('');
    expect(screen.queryByRole('heading', { name: 'Search all cases' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Start with a case' })).toBeInTheDocument();
    // The Escape that emptied the box does not count toward the quick exit (three Escapes).
    await user.keyboard('{Escape}{Escape}');
    expect(api.lock).not.toHaveBeenCalled();
  });

  it('Ctrl+K does nothing while a dialog is open', async () => {
    render(App);
    const box = await screen.findByLabelText('Search all cases');
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    document.body.append(dialog);
    await userEvent.setup().keyboard('{Control>}k{/Control}');
    expect(box).not.toHaveFocus();
    dialog.remove();
  });
});

describe('All cases', () => {
  it('shows the dashboard, and pressing it again goes back', async () => {
    render(App);
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'All cases' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await user.click(button);
    expect(await screen.findByRole('heading', { name: 'Cases and next steps' })).toBeInTheDocument();
    expect(api.dashboard).toHaveBeenCalledWith(false);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    await user.click(button);
    expect(screen.queryByRole('heading', { name: 'Cases and next steps' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Start with a case' })).toBeInTheDocument());
  });
});
