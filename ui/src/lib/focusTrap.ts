// Keeps keyboard focus inside a modal dialog while it is open (`use:trapFocus`): focus moves in
// on open, Tab and Shift+Tab go round inside it, Escape closes it, and focus goes back to what
// opened it when it closes.
import type { Action } from 'svelte/action';

export interface TrapFocusOptions {
  /** Selector of the element to focus first; the first control when absent or not found. */
  initial?: string;
  /** Called on Escape, wherever focus is; the Escape is then marked as used. */
  onEscape?: () => void;
}

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  'iframe',
  '[contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** The elements inside `root` that Tab can reach, in document order. */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && !el.closest('[hidden], [inert]'),
  );
}

export const trapFocus: Action<HTMLElement, TrapFocusOptions | undefined> = (node, options = {}) => {
  let opts = options;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  const first = () => {
    const wanted = opts.initial ? node.querySelector<HTMLElement>(opts.initial) : null;
    return wanted ?? focusableIn(node)[0] ?? node;
  };
  first().focus();

  function onKey(event: KeyboardEvent) {
    if (event.defaultPrevented) return;
    if (event.key === 'Escape' && opts.onEscape) {
      event.preventDefault();
      opts.onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusableIn(node);
    if (items.length === 0) {
      event.preventDefault();
      node.focus();
      return;
    }
    const active = document.activeElement;
    const at = active instanceof HTMLElement ? items.indexOf(active) : -1;
    const outside = !node.contains(active) || active === node;
    if (event.shiftKey && (at === 0 || outside)) {
      event.preventDefault();
      items[items.length - 1].focus();
    } else if (!event.shiftKey && (at === items.length - 1 || outside)) {
      event.preventDefault();
      items[0].focus();
    }
  }

  // Focus that lands outside (a click on the page behind) comes back in.
  function onFocusIn(event: FocusEvent) {
    if (event.target instanceof Node && !node.contains(event.target)) first().focus();
  }

  document.addEventListener('keydown', onKey);
  document.addEventListener('focusin', onFocusIn);
  return {
    update(next = {}) {
      opts = next;
    },
    destroy() {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      if (opener?.isConnected) opener.focus();
    },
  };
};
