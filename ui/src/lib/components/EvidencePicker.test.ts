import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import EvidencePicker from './EvidencePicker.svelte';
import { evidence } from '../../test/evidence';

afterEach(() => cleanup());

const items = Array.from({ length: 70 }, (_, i) =>
  evidence(i + 1, `IMG_${2000 + i}.png`, { caption: i === 43 ? 'Wallet address sent by Anna' : '' }),
);

// What is chosen is read from the screen (the chips), as the person sees it; the forms' tests
// check the ids sent to core.
function open(selected: number[] = []) {
  render(EvidencePicker, { id: 'pick', legend: 'Evidence for this transfer', evidence: items, selected });
}
const chips = () => Array.from(document.querySelectorAll('#pick-chosen li span')).map((c) => c.textContent);

const search = () => screen.getByLabelText('Find evidence by file name, caption or V-number');
const boxes = () => within(screen.getByRole('list', { name: /Matching evidence/ })).getAllByRole('checkbox');

describe('EvidencePicker', () => {
  it('lists a short part of 70 items and filters them by what is typed', async () => {
    open();
    expect(boxes()).toHaveLength(20);
    expect(screen.getByText('Showing 20 of 70: type to narrow.')).toBeInTheDocument();
    await fireEvent.input(search(), { target: { value: 'img_206' } });
    expect(boxes().map((b) => b.closest('label')!.textContent!.trim())).toEqual(
      Array.from({ length: 10 }, (_, i) => `V-${61 + i} · IMG_${2060 + i}.png`),
    );
    expect(screen.getByText('10 matches.')).toBeInTheDocument();
    await fireEvent.input(search(), { target: { value: 'wallet anna' } });
    expect(boxes()).toHaveLength(1);
    expect(screen.getByText('Wallet address sent by Anna')).toBeInTheDocument();
    await fireEvent.input(search(), { target: { value: 'nothing like this' } });
    expect(screen.getByText('No evidence matches “nothing like this”.')).toBeInTheDocument();
  });

  it('adds ticked items as chips and takes them out with ✕', async () => {
    open([3]);
    expect(screen.getByRole('button', { name: 'Remove V-3 · IMG_2002.png' })).toHaveTextContent('✕');
    await fireEvent.input(search(), { target: { value: 'V-44' } });
    await fireEvent.click(screen.getByRole('checkbox', { name: /V-44 · IMG_2043.png/ }));
    expect(chips()).toEqual(['V-3 · IMG_2002.png', 'V-44 · IMG_2043.png']);
    expect(screen.getByRole('list', { name: 'Linked evidence' })).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Remove V-3 · IMG_2002.png' }));
    expect(chips()).toEqual(['V-44 · IMG_2043.png']);
    expect(screen.queryByRole('button', { name: 'Remove V-3 · IMG_2002.png' })).toBeNull();
    await fireEvent.click(screen.getByRole('checkbox', { name: /V-44/ }));
    expect(chips()).toEqual([]);
    expect(screen.getByText('None linked yet.')).toBeInTheDocument();
  });

  it('works from the keyboard: Enter ticks the only match without saving the form, arrows move through the list', async () => {
    open();
    const user = userEvent.setup();
    await user.click(search());
    await user.keyboard('V-12{Enter}');
    expect(chips()).toEqual(['V-12 · IMG_2011.png']);
    await user.clear(search());
    await user.keyboard('{ArrowDown}');
    expect(boxes()[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown} ');
    expect(boxes()[2]).toHaveFocus();
    expect(boxes()[2]).toBeChecked();
    expect(chips()).toEqual(['V-3 · IMG_2002.png', 'V-12 · IMG_2011.png']);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(search()).toHaveFocus();
  });
});
