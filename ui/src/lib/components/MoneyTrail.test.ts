import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';

const api = vi.hoisted(() => ({ moneyTrail: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import MoneyTrail from './MoneyTrail.svelte';
import { lists } from '../../test/fixtures';
import { loss, marchOnly, trail, wholeTrail } from '../../test/money';

// jsdom lays nothing out: the picture's box says it is 700 pixels wide, and the stand-in
// ResizeObserver reports it once when observed (what bind:clientWidth listens to).
globalThis.ResizeObserver = class {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    queueMicrotask(() => this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver));
  }
  unobserve() {}
  disconnect() {}
};
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('picture-box') ? 700 : 0;
  },
});

beforeEach(() => {
  api.moneyTrail.mockReset().mockResolvedValue(trail());
});
afterEach(cleanup);

const show = (onOpenTransfer = vi.fn()) => {
  render(MoneyTrail, { caseId: 3, lists, caseZone: 'Europe/London', onOpenTransfer });
  return { onOpenTransfer };
};
const svg = () => document.querySelector('svg.trail-picture') as SVGSVGElement;

describe('MoneyTrail picture', () => {
  it("draws one rounded box per node exactly at core's coordinates, with its name and detail", async () => {
    show();
    await waitFor(() => expect(svg()).not.toBeNull());
    expect(api.moneyTrail).toHaveBeenCalledWith(3);
    expect(svg()).toHaveAttribute('width', '1400');
    expect(svg()).toHaveAttribute('viewBox', '0 0 1400 220');
    const rects = Array.from(svg().querySelectorAll('g.node > rect'));
    expect(rects.map((r) => ['x', 'y', 'width', 'height'].map((a) => r.getAttribute(a)))).toEqual(
      wholeTrail.nodes.map((n) => [n.x, n.y, n.width, n.height].map(String)),
    );
    expect(rects.every((r) => r.getAttribute('rx') === '6')).toBe(true);
    const first = svg().querySelector('g[data-node="0"]')!;
    expect(first.querySelector('text.label')).toHaveTextContent('Barclays current account');
    expect(first.querySelector('text.label')).toHaveAttribute('font-size', '11');
    expect(first.querySelector('text.detail')).toHaveTextContent('Barclays · GB29 NWBK … 9268 19');
    expect(first.querySelector('text.detail')).toHaveAttribute('font-size', '9');
  });

  it('shows whose each account is in words and by a pattern, not colour alone, and highlights the exchange deposit address', async () => {
    show();
    await waitFor(() => expect(svg()).not.toBeNull());
    const own = svg().querySelector('g[data-node="0"]')!;
    const theirs = svg().querySelector('g[data-node="2"]')!;
    expect(own).toHaveClass('owner-victim');
    expect(own.querySelector('text.whose')).toHaveTextContent("Victim's own");
    expect(theirs).toHaveClass('owner-scammer');
    expect(theirs.querySelector('text.whose')).toHaveTextContent("Scammers' · exchange deposit");
    expect(theirs).toHaveClass('deposit');
    expect(own).not.toHaveClass('deposit');
    expect(svg().querySelectorAll('g.deposit').length).toBe(1);
    expect(screen.getByText(/the victim's own \(solid frame\), the scammers' \(dashed frame\)/)).toBeInTheDocument();
  });

  it('draws one path per arrow through its points, with an arrow head and its label in its box', async () => {
    show();
    await waitFor(() => expect(svg()).not.toBeNull());
    const paths = Array.from(svg().querySelectorAll('path.edge'));
    expect(paths.map((p) => p.getAttribute('d'))).toEqual(['M 200 64 L 600 64', 'M 750 64 L 960 64 L 960 150 L 1180 150']);
    const marker = svg().querySelector('marker')!;
    expect(paths.every((p) => p.getAttribute('marker-end') === `url(#${marker.id})`)).toBe(true);
    expect(paths[0]).toHaveClass('role-hop');
    const label = svg().querySelector('g[data-label="1"]')!;
    expect(['x', 'y', 'width', 'height'].map((a) => label.querySelector('rect')!.getAttribute(a))).toEqual(['980', '90', '130', '25']);
    expect(Array.from(label.querySelectorAll('text')).map((t) => t.textContent)).toEqual(['17 Mar 2026 · 7,500 USDT', '18 Mar 2026 · 7,500 USDT']);
  });

  it('says the trail in words as an accessible alternative', async () => {
    show();
    const words = await screen.findByRole('list', { name: 'The trail in words: The whole trail', hidden: true });
    const items = within(words).getAllByRole('listitem', { hidden: true }).map((li) => li.textContent);
    expect(items[0]).toBe(
      "Barclays current account (the victim's own) → Binance (the victim's own): 3 transfers (T-1, T-2 and T-3): 14 Mar 2026 · 4,000.00 GBP; " +
        "15 Mar 2026 · 4,000.00 GBP; 16 Mar 2026 · 4,000.00 GBP — between the victim's own accounts, not a loss",
    );
    expect(items[1]).toMatch(/→ Wallet the fake app gave \(the scammers', exchange deposit address\): 2 transfers/);
    expect(svg()).toHaveAttribute('role', 'img');
    expect(svg()).toHaveAccessibleName('Money trail: The whole trail. The same in words is listed below the picture.');
  });

  it('scrolls a wide picture in its own box and can zoom it to fit', async () => {
    show();
    const box = await screen.findByRole('region', { name: /Money trail picture: The whole trail/ });
    expect(box).toHaveAttribute('tabindex', '0');
    expect(svg()).toHaveAttribute('width', '1400');
    const zoom = screen.getByRole('button', { name: 'Fit to the width' });
    expect(zoom).toHaveAttribute('aria-pressed', 'false');
    await fireEvent.click(zoom);
    expect(screen.getByRole('button', { name: 'Show at full size' })).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(svg()).toHaveAttribute('width', '700'));
    expect(svg()).toHaveAttribute('height', '110');
    // The coordinates stay core's; only the drawn size changes.
    expect(svg()).toHaveAttribute('viewBox', '0 0 1400 220');
    await fireEvent.click(screen.getByRole('button', { name: 'Show at full size' }));
    expect(svg()).toHaveAttribute('width', '1400');
  });

  it('switches between the pictures of each month', async () => {
    api.moneyTrail.mockResolvedValue(trail({ pictures: [marchOnly, wholeTrail] }));
    show();
    const month = await screen.findByLabelText('Show');
    expect(within(month).getAllByRole('option').map((o) => o.textContent)).toEqual(['March 2026', 'The whole trail']);
    expect(svg().querySelectorAll('g.node').length).toBe(2);
    expect(svg()).toHaveTextContent('Monzo');
    await fireEvent.change(month, { target: { value: '1' } });
    await waitFor(() => expect(svg().querySelectorAll('g.node').length).toBe(3));
    expect(svg()).toHaveTextContent('Wallet the fake app gave');
  });

  it('has no month choice for a single picture', async () => {
    show();
    await waitFor(() => expect(svg()).not.toBeNull());
    expect(screen.queryByLabelText('Show')).toBeNull();
  });

  it('says what to do next when there is nothing to draw', async () => {
    api.moneyTrail.mockResolvedValue(trail({ pictures: [], hops: [], loss: loss() }));
    show();
    expect(await screen.findByText(/Add the accounts money passed through, or import a statement/)).toBeInTheDocument();
    expect(svg()).toBeNull();
  });
});

describe('MoneyTrail hops and the loss worked out', () => {
  it('lists each hop with what it paid for', async () => {
    show();
    const table = await screen.findByRole('table');
    const row = within(table).getAllByRole('row')[1];
    expect(Array.from(row.querySelectorAll('td')).map((td) => td.textContent)).toEqual([
      'T-1',
      '14 Mar 2026, 09:30',
      '4,000.00 GBP',
      'Barclays current account',
      'Binance',
      'T-4 and T-5',
    ]);
  });

  it('shows each step of the loss, what was left out, and which rate is missing with a way to open those transfers', async () => {
    const { onOpenTransfer } = show();
    const text = (await screen.findByText('How the loss is worked out')).nextElementSibling!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('USDT on TRON: paid out 15,000 − received 0 − recovered 0 = 15,000 USDT on TRON (2 transfers)');
    expect(text).toContain("3 transfers between the victim's own accounts are not counted as loss.");
    expect(text).toContain('No total in GBP yet: the rate is missing for USDT on TRON (T-4 and T-5).');
    await fireEvent.click(screen.getByRole('button', { name: 'Open T-5' }));
    expect(onOpenTransfer).toHaveBeenCalledWith(5);
  });

  it('names money in from an account not chosen yet in the loss steps, with a way to open each transfer', async () => {
    const whole = trail();
    api.moneyTrail.mockResolvedValue({ ...whole, loss: { ...whole.loss, unplaced: [9] } });
    const { onOpenTransfer } = show();
    const text = (await screen.findByText('How the loss is worked out')).nextElementSibling!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain(
      "1 transfer (T-9) came into the victim's own account from an account not chosen yet, so it is not counted: choose where the money came from.",
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Open T-9' }));
    expect(onOpenTransfer).toHaveBeenCalledWith(9);
  });

  it('has no serious accessibility problem with a picture, its words, hops and the loss showing', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    api.moneyTrail.mockResolvedValue(trail({ pictures: [marchOnly, wholeTrail] }));
    show();
    await screen.findByRole('table');
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
  });
});
