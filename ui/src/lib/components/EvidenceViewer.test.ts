import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({ updateEvidence: vi.fn(), readTime: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import { ApiError } from '../api';
import EvidenceViewer from './EvidenceViewer.svelte';
import { watchQuickExit } from '../quickExit';
import { lists } from '../../test/fixtures';
import { evidence } from '../../test/evidence';

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

function openFrom(opener: HTMLElement, onClose = vi.fn()) {
  opener.focus();
  const view = render(EvidenceViewer, {
    items: [evidence(4, 'first.png'), evidence(9, 'second.png')],
    lists,
    index: 0,
    onClose,
    onSaved: vi.fn(),
  });
  return { ...view, onClose };
}

function openerButton() {
  const button = document.createElement('button');
  button.textContent = 'V-4 · first.png';
  document.body.append(button);
  return button;
}

describe('EvidenceViewer as a dialog', () => {
  it('is a labelled modal dialog and starts with focus on Close', () => {
    openFrom(openerButton());
    const dialog = screen.getByRole('dialog', { name: 'V-4 · first.png' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
  });

  it('keeps Tab and Shift+Tab inside the viewer', async () => {
    openFrom(openerButton());
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.tab();
    expect(screen.getByRole('button', { name: 'Previous item' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Save' })).toHaveFocus();
  });

  it('closes on Escape even from the caption box, and gives focus back to what opened it', async () => {
    const opener = openerButton();
    const { onClose, unmount } = openFrom(opener);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Caption: what this shows'));
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount(); // what the evidence panel does on close
    expect(opener).toHaveFocus();
  });

  it('moves to the next item with the arrow key but leaves Ctrl+= to the text size', async () => {
    openFrom(openerButton());
    const user = userEvent.setup();
    await user.keyboard('{Control>}={/Control}');
    expect(screen.getByText('100%')).toBeInTheDocument();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('dialog', { name: 'V-9 · second.png' })).toBeInTheDocument();
  });

  it('keeps a caption typed but not saved when Escape closes the viewer or another item is shown', async () => {
    const first = openFrom(openerButton());
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Caption: what this shows'), 'Anna asks for the first deposit');
    await user.click(screen.getByRole('button', { name: 'Next item' }));
    expect(screen.getByLabelText('Caption: what this shows')).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Previous item' }));
    expect(screen.getByLabelText('Caption: what this shows')).toHaveValue('Anna asks for the first deposit');
    await user.keyboard('{Escape}');
    first.unmount();
    openFrom(openerButton());
    expect(screen.getByLabelText('Caption: what this shows')).toHaveValue('Anna asks for the first deposit');
    api.updateEvidence.mockResolvedValue(evidence(4, 'first.png', { caption: 'Anna asks for the first deposit' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.updateEvidence).toHaveBeenCalledWith(4, { caption: 'Anna asks for the first deposit', captured_at: null });
  });

  it('an Escape that closed the viewer does not count toward the quick exit', async () => {
    const onExit = vi.fn();
    const stop = watchQuickExit(window, onExit);
    const { onClose, unmount } = openFrom(openerButton());
    const user = userEvent.setup();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    await user.keyboard('{Escape}{Escape}');
    expect(onExit).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(onExit).toHaveBeenCalledTimes(1);
    stop();
  });

  it('corrects the capture time as typed, saving what core read it as', async () => {
    api.readTime.mockResolvedValue({
      reading: { value: '2026-03-14 21:15', words: 'Saturday 14 March 2026, 21:15 Europe/Berlin' },
      note: null,
      choices: [],
      problem: null,
    });
    api.updateEvidence.mockResolvedValue(evidence(4, 'first.png'));
    openFrom(openerButton());
    await fireEvent.input(screen.getByLabelText('Correct the capture time (optional)'), { target: { value: '14/03/2026 9:15 pm' } });
    expect(await screen.findByText('✓ Saturday 14 March 2026, 21:15 Europe/Berlin')).toBeInTheDocument();
    expect(api.readTime).toHaveBeenLastCalledWith(1, '14/03/2026 9:15 pm', false);
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateEvidence).toHaveBeenCalledWith(4, { caption: '', captured_at: '2026-03-14 21:15' }));
  });

  it('does not save a capture time that reads two ways, and shows a refusal about it at the field', async () => {
    api.readTime.mockResolvedValue({
      reading: null,
      note: null,
      choices: [
        { value: '2026-04-03 10:00', words: 'Friday 3 April 2026, 10:00 Europe/Berlin' },
        { value: '2026-03-04 10:00', words: 'Wednesday 4 March 2026, 10:00 Europe/Berlin' },
      ],
      problem: null,
    });
    openFrom(openerButton());
    const field = screen.getByLabelText('Correct the capture time (optional)');
    await fireEvent.input(field, { target: { value: '03/04/2026 10:00' } });
    await screen.findByText('This date can be read two ways. Which do you mean?');
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(field).toHaveFocus());
    expect(api.updateEvidence).not.toHaveBeenCalled();

    api.updateEvidence.mockRejectedValue(new ApiError({ kind: 'invalid', message: 'The year 2026 is after today. Check it.', field: 'captured_at', warnings: [] }));
    await fireEvent.click(screen.getByLabelText('Wednesday 4 March 2026, 10:00 Europe/Berlin'));
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The year 2026 is after today. Check it.')).toBeInTheDocument();
    expect(api.updateEvidence).toHaveBeenCalledWith(4, { caption: '', captured_at: '2026-03-04 10:00' });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(field).toHaveFocus());
  });
});
