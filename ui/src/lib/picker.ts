// The keyboard of the searchable pickers (evidence links, "paid with" transfers): a search box,
// a short list of matches with tick boxes, and the chosen ones as removable chips.

/** After a chip is removed, focus the next chip (else the search box): the keyboard is not lost. */
export function focusAfterChip(id: string, index: number): void {
  requestAnimationFrame(() => {
    const chips = document.querySelectorAll<HTMLButtonElement>(`#${id}-chosen button`);
    (chips[Math.min(index, chips.length - 1)] ?? document.getElementById(`${id}-search`))?.focus();
  });
}

/**
 * Enter in the search box must not save the form: it ticks the only match, or moves to the
 * list; the down arrow moves to the list.
 */
export function onPickerSearchKey(
  event: KeyboardEvent,
  found: { total: number; shown: readonly { id: number }[] },
  selected: readonly number[],
  set: (id: number, on: boolean) => void,
  list: HTMLElement | null,
): void {
  if (event.key === 'Enter') {
    event.preventDefault();
    if (found.total === 1) set(found.shown[0].id, !selected.includes(found.shown[0].id));
    else list?.querySelector<HTMLInputElement>('input')?.focus();
  } else if (event.key === 'ArrowDown') {
    const first = list?.querySelector<HTMLInputElement>('input');
    if (first) {
      event.preventDefault();
      first.focus();
    }
  }
}
