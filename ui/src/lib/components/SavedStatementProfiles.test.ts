import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';

const api = vi.hoisted(() => ({
  listStatementProfiles: vi.fn(),
  deleteStatementProfile: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import type { CsvProfile, SavedStatementProfile } from '../api';
import SavedStatementProfiles from './SavedStatementProfiles.svelte';

const profile: CsvProfile = {
  encoding: 'windows-1252', delimiter: ';', skip_top: 4, skip_bottom: 1, header_row: 5, date_column: 0, date_format: '%d.%m.%Y',
  time_column: null, amount: { Signed: { col: 3 } }, decimal_mark: ',', currency_column: 4, counterparty_column: 2,
  counterparty_account_column: null, reference_columns: [1], id_column: null, value_date_column: null,
};
const sparkasse: SavedStatementProfile = {
  name: 'Sparkasse Girokonto', header_key: 'buchungstag|verwendungszweck|beguenstigter|betrag|waehrung', profile, updated_at: '2026-03-02T10:00:00Z',
};
const revolut: SavedStatementProfile = {
  name: 'Revolut', header_key: 'type|started date|description|amount|currency',
  profile: { ...profile, delimiter: ',', date_format: '%Y-%m-%d %H:%M:%S', decimal_mark: '.' }, updated_at: '2026-01-20T08:30:00Z',
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listStatementProfiles.mockResolvedValue([revolut, sparkasse]);
  api.deleteStatementProfile.mockResolvedValue(null);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const list = () => screen.getByRole('list', { name: 'Saved ways of reading statements' });

describe('Saved ways of reading statements', () => {
  it('lists each saved way with its name, its columns and dates in words, and when it was saved', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-10T12:00:00Z'));
    render(SavedStatementProfiles);
    await screen.findByRole('list', { name: 'Saved ways of reading statements' });
    const items = within(list()).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.name')?.textContent)).toEqual(['Revolut', 'Sparkasse Girokonto']);
    expect(items[1]).toHaveTextContent(
      'For files with the columns “buchungstag”, “verwendungszweck”, “beguenstigter”, “betrag”, “waehrung”',
    );
    expect(items[1]).toHaveTextContent('Dates as DD.MM.YYYY, values separated by semicolon (;)');
    expect(items[0]).toHaveTextContent('Dates as YYYY-MM-DD hh:mm:ss, values separated by comma (,)');
    expect(items[1]).toHaveTextContent('Saved on 2 Mar 2026');
    vi.useRealTimers();
  });

  it('forgets a way only after the person confirms, then shows the list again without it', async () => {
    render(SavedStatementProfiles);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Forget Sparkasse Girokonto' }));
    const question = screen.getByRole('group', { name: 'Forget the way of reading “Sparkasse Girokonto”?' });
    expect(question).toHaveTextContent('Statements already imported are not changed.');
    await user.click(within(question).getByRole('button', { name: 'Keep' }));
    expect(api.deleteStatementProfile).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Forget Sparkasse Girokonto' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Forget Sparkasse Girokonto' }));
    api.listStatementProfiles.mockResolvedValue([revolut]);
    await user.click(screen.getByRole('button', { name: 'Yes, forget it' }));
    expect(api.deleteStatementProfile).toHaveBeenCalledWith('Sparkasse Girokonto');
    expect(await screen.findByRole('status')).toHaveTextContent('“Sparkasse Girokonto” was forgotten.');
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(1));
    expect(api.listStatementProfiles).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Forget Revolut' })).toHaveFocus());
  });

  it('says how one is made when none is saved', async () => {
    api.listStatementProfiles.mockResolvedValue([]);
    render(SavedStatementProfiles);
    expect(await screen.findByText(/None yet\. One is made when you import a bank statement/)).toHaveTextContent(
      '“Save this way of reading as…”',
    );
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('has no serious accessibility problem, the question to forget open', async () => {
    const { container } = render(SavedStatementProfiles);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Forget Revolut' }));
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
