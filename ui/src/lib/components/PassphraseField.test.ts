import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({ unlock: vi.fn(), createStore: vi.fn(), passphraseStrength: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import UnlockScreen from './UnlockScreen.svelte';
import WelcomeScreen from './WelcomeScreen.svelte';

const storePath = '/home/me/.local/share/Casefile/casefile.db';

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.passphraseStrength.mockResolvedValue({ score: 4, label: 'Very strong', hint: '', acceptable: true });
});
afterEach(() => cleanup());

describe('Show passphrase', () => {
  it('shows and hides what was typed on the unlock screen, keeping it, and unlocks with it', async () => {
    api.unlock.mockResolvedValue({ store_path: storePath, store_exists: true, unlocked: true, settings: null });
    const onUnlocked = vi.fn();
    render(UnlockScreen, { onUnlocked });
    const input = screen.getByLabelText('Your passphrase');
    expect(input).toHaveFocus();
    const user = userEvent.setup();
    await user.type(input, 'lantern orchard');
    const toggle = screen.getByRole('button', { name: 'Show passphrase' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(input).toHaveAttribute('type', 'password');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(input).toHaveAttribute('type', 'text');
    expect(input).toHaveValue('lantern orchard');
    await user.type(input, ' velvet');
    await user.click(toggle);
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveValue('lantern orchard velvet');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(api.unlock).toHaveBeenCalledWith('lantern orchard velvet'));
  });

  it('has its own toggle for each box on the welcome screen, and starts in the first box', async () => {
    render(WelcomeScreen, { onCreated: vi.fn() });
    const first = screen.getByLabelText('Passphrase');
    const again = screen.getByLabelText('Type it again');
    expect(first).toHaveFocus();
    const toggles = screen.getAllByRole('button', { name: 'Show passphrase' });
    expect(toggles).toHaveLength(2);
    await userEvent.setup().click(toggles[1]);
    expect(again).toHaveAttribute('type', 'text');
    expect(first).toHaveAttribute('type', 'password');
  });
});

describe('Caps Lock hint', () => {
  it('says Caps Lock is on while it is, and is tied to the box for screen readers', async () => {
    render(UnlockScreen, { onUnlocked: vi.fn() });
    const input = screen.getByLabelText('Your passphrase');
    const user = userEvent.setup();
    await user.keyboard('{CapsLock}a');
    expect(screen.getByText('Caps Lock is on.')).toBeInTheDocument();
    expect(input).toHaveAccessibleDescription('Caps Lock is on.');
    await user.keyboard('{CapsLock}b');
    expect(screen.queryByText('Caps Lock is on.')).not.toBeInTheDocument();
  });
});
