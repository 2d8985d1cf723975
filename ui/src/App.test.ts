import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  appStatus: vi.fn(),
  referenceLists: vi.fn(),
  listCases: vi.fn(),
  lock: vi.fn(),
}));
vi.mock('./lib/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./lib/api')>()), api }));
const minimize = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/window', () => ({ getCurrentWindow: () => ({ minimize }) }));

import App from './App.svelte';
import { textSize } from './lib/textSize';
import { lists } from './test/fixtures';

const storePath = '/home/me/.local/share/Casefile/casefile.db';
const unlocked = { store_path: storePath, store_exists: true, unlocked: true, settings: { auto_lock_minutes: 10 } };
const locked = { ...unlocked, unlocked: false, settings: null };

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  minimize.mockReset();
  api.appStatus.mockResolvedValue(unlocked);
  api.referenceLists.mockResolvedValue(lists);
  api.listCases.mockResolvedValue([]);
  api.lock.mockResolvedValue(locked);
  (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
});
afterEach(() => {
  cleanup();
  textSize.set(100);
  delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
});

describe('Quick exit', () => {
  it('Hide locks at once and minimises, and the unlock screen says nothing alarming', async () => {
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Hide' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Casefile is locked' })).toBeInTheDocument());
    expect(api.lock).toHaveBeenCalledTimes(1);
    expect(minimize).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Your passphrase')).toHaveFocus();
  });

  it('Escape three times does the same; two do nothing', async () => {
    render(App);
    await screen.findByRole('button', { name: 'Hide' });
    const user = userEvent.setup();
    await user.keyboard('{Escape}{Escape}');
    expect(api.lock).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Casefile is locked' })).toBeInTheDocument());
    expect(api.lock).toHaveBeenCalledTimes(1);
    expect(minimize).toHaveBeenCalledTimes(1);
  });
});

describe('Text size keys', () => {
  it('Ctrl+= enlarges in steps, Ctrl+− shrinks, Ctrl+0 resets, and the choice is remembered', async () => {
    render(App);
    await screen.findByRole('button', { name: 'Hide' });
    const root = document.documentElement;
    const user = userEvent.setup();
    await user.keyboard('{Control>}=={/Control}');
    expect(root.style.fontSize).toBe('125%');
    expect(localStorage.getItem('casefile.textSize')).toBe('125');
    await user.keyboard('{Control>}-{/Control}');
    expect(root.style.fontSize).toBe('110%');
    await user.keyboard('{Control>}0{/Control}');
    expect(root.style.fontSize).toBe('100%');
    await user.keyboard('=');
    expect(root.style.fontSize).toBe('100%');
  });
});
