import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Term from './Term.svelte';
import { GLOSSARY } from '../glossary';

afterEach(() => cleanup());

describe('Term', () => {
  it('shows the word with a "?" that opens its plain sentence, and Escape closes it', async () => {
    render(Term, { name: 'sha256' });
    expect(screen.getByText('SHA-256 fingerprint')).toBeInTheDocument();
    const ask = screen.getByRole('button', { name: 'What does “SHA-256 fingerprint” mean?' });
    expect(ask).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.tab();
    expect(ask).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(ask).toHaveAttribute('aria-expanded', 'true');
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('if the file changed by one dot, the code would be different');
    expect(ask).toHaveAttribute('aria-controls', note.id);

    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    ask.dispatchEvent(escape);
    await Promise.resolve();
    expect(escape.defaultPrevented).toBe(true); // used, so it does not count toward the quick exit
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(ask).toHaveAttribute('aria-expanded', 'false');
    expect(ask).toHaveFocus();
  });

  it('closes when pressed again or when clicking elsewhere', async () => {
    render(Term, { name: 'custody' });
    const user = userEvent.setup();
    const ask = screen.getByRole('button', { name: /chain of custody/ });
    await user.click(ask);
    expect(screen.getByRole('note')).toHaveTextContent(GLOSSARY.custody.plain);
    await user.click(ask);
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    await user.click(ask);
    await user.click(document.body);
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('every glossary entry is one plain sentence', () => {
    for (const { term, plain } of Object.values(GLOSSARY)) {
      expect(term.length).toBeGreaterThan(0);
      expect(plain).toMatch(/^[A-Z].*\.\)?$/);
    }
  });
});
