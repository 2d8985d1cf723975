import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';

const api = vi.hoisted(() => ({ search: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError, type SearchHit } from '../api';
import SearchPage from './SearchPage.svelte';
import { lists } from '../../test/fixtures';

const hit = (over: Partial<SearchHit>): SearchHit => ({
  case_id: 7, case_title: 'Anna – crypto investment', kind: 'transfer', id: 3, chat_id: null,
  label: 'T-3 · Paid out 5000 USDT', snippet: '…to the wallet TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t of Anna…', ...over,
});
const hits = [
  hit({}),
  hit({ kind: 'chat_message', id: 41, chat_id: 2, label: 'Message of 2026-03-14 09:31 from Anna', snippet: '…the wallet TR7NHq… is hers' }),
  hit({ case_id: 9, case_title: 'Exchange case', kind: 'identifier', id: 5, label: 'Crypto wallet', snippet: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' }),
];

function open(text: string) {
  const onOpen = vi.fn();
  const onBack = vi.fn();
  const view = render(SearchPage, { text, lists, onOpen, onBack, delay: 0 });
  return { ...view, onOpen, onBack };
}

beforeEach(() => {
  api.search.mockReset();
});
afterEach(() => cleanup());

describe('SearchPage', () => {
  it('groups the hits under their case, says what each is and marks the words searched for', async () => {
    api.search.mockResolvedValue({ hits, total: 3 });
    const { onOpen } = open('tr7nhq  ');
    const anna = await screen.findByRole('region', { name: 'Anna – crypto investment' });
    expect(api.search).toHaveBeenCalledWith('tr7nhq', 100);
    const annaHits = within(anna).getAllByRole('button');
    expect(annaHits.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Transfer T-3 · Paid out 5000 USDT …to the wallet TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t of Anna…',
      'Chat message Message of 2026-03-14 09:31 from Anna …the wallet TR7NHq… is hers',
    ]);
    expect([...anna.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['TR7NHq', 'TR7NHq']);
    const exchange = screen.getByRole('region', { name: 'Exchange case' });
    expect(within(exchange).getByText('Phone, account, wallet or handle')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('3 matches in 2 cases.');

    await userEvent.click(annaHits[1]);
    expect(onOpen).toHaveBeenCalledWith(hits[1]);
  });

  it('says when more were found than shown', async () => {
    api.search.mockResolvedValue({ hits, total: 240 });
    open('anna');
    expect(await screen.findByText('Showing 3 of 240 — add words to narrow it.')).toBeInTheDocument();
  });

  it('shows core’s words for text too short to search, not as a failure', async () => {
    const words = 'Type at least 3 letters or digits to search, for example part of a name, a wallet or a phone number.';
    api.search.mockRejectedValue(new ApiError({ kind: 'invalid', message: words, field: 'text', warnings: [] }));
    open('an');
    expect(await screen.findByText(words)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says plainly when nothing was found, and Back goes back', async () => {
    api.search.mockResolvedValue({ hits: [], total: 0 });
    const { onBack } = open('Zebulon');
    expect(await screen.findByText('Nothing found for “Zebulon” in any case.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Back to the case' }));
    expect(onBack).toHaveBeenCalled();
  });

  it('shows only the last text’s results when typing goes on', async () => {
    api.search.mockImplementation(async (text: string) => ({ hits: [hit({ label: `Found ${text}` })], total: 1 }));
    const view = render(SearchPage, { text: 'ann', lists, onOpen: vi.fn(), onBack: vi.fn(), delay: 30 });
    await view.rerender({ text: 'anna' });
    expect(await screen.findByText('Found')).toBeInTheDocument();
    expect(api.search).toHaveBeenCalledTimes(1);
    expect(api.search).toHaveBeenCalledWith('anna', 100);
  });

  it('has no serious accessibility problem (axe-core)', async () => {
    api.search.mockResolvedValue({ hits, total: 240 });
    const { container } = open('tr7nhq');
    await screen.findByRole('region', { name: 'Exchange case' });
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(serious).toEqual([]);
  });
});
