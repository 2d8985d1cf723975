import { afterEach, describe, expect, it, vi } from 'vitest';
import userEvent from '@testing-library/user-event';
import { focusableIn, trapFocus } from './focusTrap';

function page() {
  document.body.innerHTML = `
    <button id="opener">Open</button>
    <div id="dialog" tabindex="-1">
      <button id="one">One</button>
      <button id="off" disabled>Off</button>
      <input id="two" />
      <div hidden><button id="gone">Gone</button></div>
      <button id="close">Close</button>
    </div>
    <button id="behind">Behind</button>`;
  const byId = (id: string) => document.getElementById(id) as HTMLElement;
  byId('opener').focus();
  return byId;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('focusableIn', () => {
  it('lists what Tab reaches, skipping disabled and hidden controls', () => {
    const byId = page();
    expect(focusableIn(byId('dialog')).map((el) => el.id)).toEqual(['one', 'two', 'close']);
  });
});

describe('trapFocus', () => {
  it('moves focus in, keeps Tab and Shift+Tab inside, and gives focus back on close', async () => {
    const byId = page();
    const trap = trapFocus(byId('dialog'), { initial: '#close' });
    expect(byId('close')).toHaveFocus();
    const user = userEvent.setup();
    await user.tab();
    expect(byId('one')).toHaveFocus();
    await user.tab();
    expect(byId('two')).toHaveFocus();
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(byId('close')).toHaveFocus();
    trap?.destroy?.();
    expect(byId('opener')).toHaveFocus();
  });

  it('focuses the first control when no starting point is named', () => {
    const byId = page();
    const trap = trapFocus(byId('dialog'), {});
    expect(byId('one')).toHaveFocus();
    trap?.destroy?.();
  });

  it('pulls focus back in when it lands behind the dialog', () => {
    const byId = page();
    const trap = trapFocus(byId('dialog'), { initial: '#two' });
    byId('behind').focus();
    expect(byId('two')).toHaveFocus();
    trap?.destroy?.();
  });

  it('calls onEscape wherever focus is, and marks that Escape as used', async () => {
    const byId = page();
    const onEscape = vi.fn();
    const trap = trapFocus(byId('dialog'), { onEscape });
    byId('two').focus();
    let used = false;
    window.addEventListener('keydown', (e) => (used = e.defaultPrevented), { once: true });
    await userEvent.setup().keyboard('{Escape}');
    expect(onEscape).toHaveBeenCalledTimes(1);
    expect(used).toBe(true);
    trap?.destroy?.();
  });
});
