import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  updateSettings: vi.fn(),
  changePassphrase: vi.fn(),
  passphraseStrength: vi.fn(),
  getFormats: vi.fn(),
  setFormats: vi.fn(),
  referenceLists: vi.fn(),
  listStatementProfiles: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import SettingsPanel from './SettingsPanel.svelte';
import { textSize } from '../textSize';
import { lists } from '../../test/fixtures';

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.passphraseStrength.mockResolvedValue({ score: 4, label: 'Very strong', hint: '', acceptable: true });
  api.getFormats.mockResolvedValue({ date_order: 'dmy', decimal_mark: 'point' });
  api.setFormats.mockImplementation(async (f: unknown) => f);
  api.referenceLists.mockResolvedValue(lists);
  api.listStatementProfiles.mockResolvedValue([]);
});
afterEach(() => {
  cleanup();
  textSize.set(100);
});

describe('SettingsPanel text size', () => {
  it('offers 100 to 200 %, applies the choice to the whole window and remembers it', async () => {
    render(SettingsPanel, { settings: { auto_lock_minutes: 10 }, onChanged: vi.fn(), onClose: vi.fn() });
    const select = screen.getByLabelText('Text size');
    expect(select).toHaveValue('100');
    expect(select).toHaveAccessibleDescription(/Ctrl and \+ makes the text larger/);
    expect([...(select as HTMLSelectElement).options].map((o) => o.value)).toEqual(['100', '110', '125', '150', '175', '200']);
    await userEvent.setup().selectOptions(select, '150');
    expect(document.documentElement.style.fontSize).toBe('150%');
    expect(localStorage.getItem('casefile.textSize')).toBe('150');
  });

  it('follows a change made with the keyboard while it is open', async () => {
    render(SettingsPanel, { settings: { auto_lock_minutes: 10 }, onChanged: vi.fn(), onClose: vi.fn() });
    textSize.apply('larger');
    await vi.waitFor(() => expect(screen.getByLabelText('Text size')).toHaveValue('110'));
  });
});

describe('SettingsPanel passphrase change', () => {
  it('sends the three boxes to core, each with its own show toggle', async () => {
    api.changePassphrase.mockResolvedValue(null);
    render(SettingsPanel, { settings: { auto_lock_minutes: 10 }, onChanged: vi.fn(), onClose: vi.fn() });
    expect(screen.getAllByRole('button', { name: 'Show passphrase' })).toHaveLength(3);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Current passphrase'), 'old words here');
    await user.type(screen.getByLabelText('New passphrase'), 'lantern orchard velvet ninety');
    await user.type(screen.getByLabelText('Type the new passphrase again'), 'lantern orchard velvet ninety');
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect(api.changePassphrase).toHaveBeenCalledWith('old words here', 'lantern orchard velvet ninety', 'lantern orchard velvet ninety');
    expect(await screen.findByRole('status')).toHaveTextContent('Your passphrase was changed');
  });
});

describe('SettingsPanel formats', () => {
  it('shows how dates and amounts are read and saves a change', async () => {
    render(SettingsPanel, { settings: { auto_lock_minutes: 10 }, onChanged: vi.fn(), onClose: vi.fn() });
    const order = await screen.findByLabelText('Dates');
    expect(order).toHaveValue('dmy');
    expect(screen.getByLabelText('Amounts')).toHaveValue('point');
    const user = userEvent.setup();
    await user.selectOptions(order, 'mdy');
    await user.selectOptions(screen.getByLabelText('Amounts'), 'comma');
    await user.click(screen.getByRole('button', { name: 'Save formats' }));
    expect(api.setFormats).toHaveBeenCalledWith({ date_order: 'mdy', decimal_mark: 'comma' });
    expect(await screen.findByText('Dates are now read as month/day/year, amounts as 1.234,56 (comma).')).toBeInTheDocument();
  });
});

describe('SettingsPanel case file', () => {
  it('says where the case file is kept, that it is encrypted and how to back it up', () => {
    render(SettingsPanel, {
      settings: { auto_lock_minutes: 10 },
      storePath: '/home/me/.local/share/Casefile/casefile.db',
      onChanged: vi.fn(),
      onClose: vi.fn(),
    });
    expect(screen.getByRole('heading', { name: 'Your case file' })).toBeInTheDocument();
    expect(document.getElementById('store-path')).toHaveTextContent(
      'Your case file is kept at /home/me/.local/share/Casefile/casefile.db.',
    );
    expect(screen.getByText(/it is encrypted/)).toHaveTextContent(/close Casefile first, then copy this file/);
    expect(screen.getByRole('button', { name: 'What does “audit log” mean?' })).toBeInTheDocument();
  });

  it('says which zone and currency new cases start in, with time zone explained', async () => {
    render(SettingsPanel, { settings: { auto_lock_minutes: 10 }, onChanged: vi.fn(), onClose: vi.fn() });
    const line = await screen.findByText(/New cases start in/);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(line).toHaveTextContent(new RegExp(`this computer's, ${zone.replace('/', '\\/')}, with totals in [A-Z]{3}\\.`));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'What does “time zone” mean?' }));
    expect(screen.getByRole('note')).toHaveTextContent('The local time of a place');
  });
});
