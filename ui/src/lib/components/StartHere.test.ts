import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';

const api = vi.hoisted(() => ({ createCase: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError } from '../api';
import StartHere from './StartHere.svelte';
import { systemDefaults } from '../systemDefaults';

const made = { id: 7, title: 'Anna – crypto investment' };

beforeEach(() => api.createCase.mockReset());
afterEach(() => cleanup());

describe('StartHere', () => {
  it('says what to gather and what to do today, in plain words', () => {
    render(StartHere, { caseTitle: null, onCreated: vi.fn(), onGo: vi.fn(), onClose: vi.fn() });
    expect(screen.getByRole('heading', { name: 'Start here' })).toBeInTheDocument();
    expect(screen.getByText(/it is not your fault/)).toBeInTheDocument();
    expect(screen.getByText(/screenshots of the chats with the scammer/)).toBeInTheDocument();
    expect(screen.getByText(/Export chat history/)).toBeInTheDocument();
    expect(screen.getByText(/within 13 months of the last payment. Check with your bank./)).toBeInTheDocument();
    expect(screen.getByText(/national fraud reporting line/)).toBeInTheDocument();
    expect(screen.getByText(/Do not pay anyone who promises to get your money back/)).toBeInTheDocument();
  });

  it('makes the first case with this computer’s zone and currency, and says what is next', async () => {
    api.createCase
      .mockRejectedValueOnce(new ApiError({ kind: 'invalid', message: 'The case needs a title.', field: 'title', warnings: [] }))
      .mockResolvedValueOnce(made);
    const onCreated = vi.fn();
    const view = render(StartHere, { caseTitle: null, onCreated, onGo: vi.fn(), onClose: vi.fn() });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Create the case' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('needs a title');
    await user.type(screen.getByLabelText(/Give your case a name, e.g. “Anna – crypto investment”/), 'Anna – crypto investment{Enter}');
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(made));
    expect(api.createCase).toHaveBeenLastCalledWith('Anna – crypto investment', systemDefaults());
    await view.rerender({ caseTitle: made.title, onCreated, onGo: vi.fn(), onClose: vi.fn() });
    expect(screen.getByRole('status')).toHaveTextContent('Your case “Anna – crypto investment” is made. Now add what you have');
  });

  it('before there is a case, a step asks for the case’s name first and goes nowhere', async () => {
    const onGo = vi.fn();
    render(StartHere, { caseTitle: null, onCreated: vi.fn(), onGo, onClose: vi.fn() });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add screenshots and statements' }));
    expect(onGo).not.toHaveBeenCalled();
    expect(screen.getByText(/First give your case a name here/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Give your case a name/)).toHaveFocus();
  });

  it('each step leads to its part of the chosen case', async () => {
    const onGo = vi.fn();
    const onClose = vi.fn();
    render(StartHere, { caseTitle: 'Anna – crypto investment', onCreated: vi.fn(), onGo, onClose });
    expect(screen.getByRole('status')).toHaveTextContent('You are working on “Anna – crypto investment”.');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add screenshots and statements' }));
    await user.click(screen.getByRole('button', { name: 'Write down the money you sent' }));
    await user.click(screen.getByRole('button', { name: 'Import a chat…' }));
    await user.click(screen.getByRole('button', { name: 'Make the dossier' }));
    expect(onGo.mock.calls.map((c) => c[0])).toEqual(['evidence', 'transfers', 'chats-import', 'dossier']);
    await user.click(screen.getByRole('button', { name: 'Go to my cases' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('can start another case while one is chosen', async () => {
    api.createCase.mockResolvedValue({ id: 8, title: 'Bob' });
    const onCreated = vi.fn();
    render(StartHere, { caseTitle: 'Anna – crypto investment', onCreated, onGo: vi.fn(), onClose: vi.fn() });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Start another case' }));
    const title = screen.getByLabelText(/Give your case a name/);
    expect(title).toHaveFocus();
    await user.type(title, 'Bob{Enter}');
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith({ id: 8, title: 'Bob' }));
  });

  it('has no serious accessibility problem (axe-core), with a glossary hint open', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const { container } = render(StartHere, { caseTitle: null, onCreated: vi.fn(), onGo: vi.fn(), onClose: vi.fn() });
    await userEvent.setup().click(screen.getByRole('button', { name: 'What does “evidence” mean?' }));
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(serious).toEqual([]);
  });
});
