import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  appStatus: vi.fn(),
  referenceLists: vi.fn(),
  listCases: vi.fn(),
  lock: vi.fn(),
  unlock: vi.fn(),
  getCase: vi.fn(),
  updateCase: vi.fn(),
  saveDraft: vi.fn(),
  listDrafts: vi.fn(),
  discardDraft: vi.fn(),
  deletedCases: vi.fn(),
  getFormats: vi.fn(),
  listStatementProfiles: vi.fn(),
}));
vi.mock('./lib/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./lib/api')>()), api }));
const minimize = vi.hoisted(() => vi.fn());
const destroy = vi.hoisted(() => vi.fn());
/** The close-request handler Casefile registered, as Tauri would call it. */
const closing = vi.hoisted(() => ({ handler: null as null | ((e: { preventDefault: () => void }) => Promise<void>) }));
vi.mock('@tauri-apps/api/window', () => ({
  getCurrentWindow: () => ({
    minimize,
    destroy,
    onCloseRequested: async (h: (e: { preventDefault: () => void }) => Promise<void>) => {
      closing.handler = h;
      return () => (closing.handler = null);
    },
  }),
}));

import type { Case } from './lib/api';
import App from './App.svelte';
import { drafts } from './lib/drafts';
import { textSize } from './lib/textSize';
import { lists } from './test/fixtures';

function aCase(id: number, title: string): Case {
  return {
    id,
    title,
    status: 'open',
    archived: false,
    created_at: '2026-11-25T10:00:00Z',
    updated_at: '2026-11-25T10:00:00Z',
    details: {
      title,
      status: 'open',
      police_report_no: '',
      bank_claim_no: '',
      complaint_id: '',
      victim_name: '',
      victim_contact: '',
      victim_address: '',
      victim_date_of_birth: null,
      reporting_currency: 'EUR',
      time_zone: 'UTC',
      notes: '',
      statement: '',
    },
  };
}
const cases = [aCase(1, 'Anna case'), aCase(2, 'Exchange case')];
const summaries = cases.map((c) => ({ id: c.id, title: c.title, status: c.status, archived: false, updated_at: c.updated_at, item_count: 0, shared_identifiers: 0 }));

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
  api.getCase.mockImplementation(async (id: number) => structuredClone(cases.find((c) => c.id === id)));
  api.saveDraft.mockImplementation(async (key: string, case_id: number | null, value: string) => ({ key, case_id, value, updated_at: '' }));
  api.listDrafts.mockResolvedValue([]);
  api.discardDraft.mockResolvedValue(null);
  api.deletedCases.mockResolvedValue([]);
  api.getFormats.mockResolvedValue({ date_order: 'dmy', decimal_mark: 'point' });
  api.listStatementProfiles.mockResolvedValue([]);
  destroy.mockReset();
  closing.handler = null;
  localStorage.removeItem('casefile.caseListCollapsed');
  (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
});
afterEach(() => {
  cleanup();
  drafts.clear();
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

/** Opens the case with this title from the list (its details tab shows first). */
async function openCase(user: ReturnType<typeof userEvent.setup>, title: string) {
  await user.click(await screen.findByRole('button', { name: new RegExp(title) }));
  await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue(title));
}

describe('Nothing typed is lost', () => {
  beforeEach(() => api.listCases.mockResolvedValue(summaries));

  it('a note typed in a case’s details is there again after choosing another case and coming back', async () => {
    render(App);
    const user = userEvent.setup();
    await openCase(user, 'Anna case');
    await user.type(screen.getByLabelText(/Notes/), 'Call the bank on Monday');
    await openCase(user, 'Exchange case');
    expect(screen.getByLabelText(/Notes/)).toHaveValue('');
    await openCase(user, 'Anna case');
    expect(screen.getByLabelText(/Notes/)).toHaveValue('Call the bank on Monday');
    expect(screen.getByText('Your unsaved text was kept. Check it and save.')).toBeInTheDocument();
    await waitFor(() => expect(api.saveDraft).toHaveBeenCalled(), { timeout: 2000 });
    const [key, caseId, value] = api.saveDraft.mock.calls[api.saveDraft.mock.calls.length - 1];
    expect([key, caseId]).toEqual(['case:1:details', 1]);
    expect(JSON.parse(value)).toMatchObject({ label: 'the details of “Anna case”', fields: { notes: 'Call the bank on Monday' } });
  });

  it('Lock writes unsaved text to the store before locking, then forgets it', async () => {
    const order: string[] = [];
    api.saveDraft.mockImplementation(async (key: string) => {
      order.push(`save ${key}`);
      return { key, case_id: 1, value: '{}', updated_at: '' };
    });
    api.lock.mockImplementation(async () => {
      order.push('lock');
      return locked;
    });
    render(App);
    const user = userEvent.setup();
    await openCase(user, 'Anna case');
    await user.type(screen.getByLabelText(/Notes/), 'x');
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByRole('heading', { name: 'Casefile is locked' });
    expect(order).toEqual(['save case:1:details', 'lock']);
    expect(drafts.unsaved()).toEqual([]);
  });

  it('after unlocking, text kept in the store is back in its form', async () => {
    api.appStatus.mockResolvedValue(locked);
    api.unlock.mockResolvedValue(unlocked);
    api.listDrafts.mockResolvedValue([
      { key: 'case:1:details', case_id: 1, value: JSON.stringify({ label: 'the details of “Anna case”', fields: { statement: 'We met in March.' } }), updated_at: '' },
    ]);
    render(App);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your passphrase'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: /Unlock/ }));
    await openCase(user, 'Anna case');
    expect(screen.getByLabelText(/Statement/)).toHaveValue('We met in March.');
    expect(api.listDrafts).toHaveBeenCalledTimes(1);
  });

  it('closing with unsaved text asks first, naming the forms; Stay keeps the window, Close closes it', async () => {
    render(App);
    const user = userEvent.setup();
    await openCase(user, 'Anna case');
    await waitFor(() => expect(closing.handler).not.toBeNull());
    // Nothing typed: the window closes without a question.
    const quiet = { preventDefault: vi.fn() };
    await closing.handler!(quiet);
    expect(quiet.preventDefault).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText(/Notes/), 'Call the bank');
    drafts.put('case:1:transfer:new', 1, { amount: '500' }, 'a new transfer');
    const asked = { preventDefault: vi.fn() };
    await closing.handler!(asked);
    expect(asked.preventDefault).toHaveBeenCalled();
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'You have text you have not saved in: the details of “Anna case”, a new transfer. It is kept as a draft and will be there when you open Casefile again.',
    );
    expect(api.saveDraft).toHaveBeenCalledWith('case:1:details', 1, expect.stringContaining('Call the bank'));
    expect(screen.getByRole('button', { name: 'Stay and save it' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Stay and save it' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(destroy).not.toHaveBeenCalled();

    await closing.handler!({ preventDefault: vi.fn() });
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await closing.handler!({ preventDefault: vi.fn() });
    await user.click(await screen.findByRole('button', { name: 'Close Casefile' }));
    expect(destroy).toHaveBeenCalledTimes(1);
  });
});

describe('Case list', () => {
  beforeEach(() => api.listCases.mockResolvedValue(summaries));

  it('folds to a bar with the current case’s title, and stays folded next time', async () => {
    const first = render(App);
    const user = userEvent.setup();
    await openCase(user, 'Exchange case');
    const toggle = screen.getByRole('button', { name: 'Fold list' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Show list' })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByLabelText('Find a case')).not.toBeVisible();
    expect(document.getElementById('current-case')).toHaveTextContent('Exchange case');
    expect(localStorage.getItem('casefile.caseListCollapsed')).toBe('1');
    first.unmount();
    render(App);
    const again = await screen.findByRole('button', { name: 'Show list' });
    await user.click(again);
    expect(await screen.findByLabelText('Find a case')).toBeVisible();
    expect(localStorage.getItem('casefile.caseListCollapsed')).toBe('0');
  });
});

describe('Where the case file is', () => {
  it('is not shown on the locked screen, only in Settings with how to back it up', async () => {
    api.appStatus.mockResolvedValue(locked);
    api.unlock.mockResolvedValue(unlocked);
    render(App);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your passphrase'), 'correct horse battery staple');
    expect(document.body).not.toHaveTextContent(storePath);
    await user.click(screen.getByRole('button', { name: /Unlock/ }));
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(await screen.findByText(storePath)).toBeInTheDocument();
    expect(document.getElementById('store-path')).toHaveTextContent(`Your case file is kept at ${storePath}.`);
  });
});
