import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';

const api = vi.hoisted(() => ({ dashboard: vi.fn() }));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import type { DashboardRow } from '../api';
import Dashboard from './Dashboard.svelte';
import { lists } from '../../test/fixtures';

/** 20 March 2026, midday: "today" for every test here. */
const now = () => new Date(2026, 2, 20, 12, 0);

const row = (id: number, over: Partial<DashboardRow> = {}): DashboardRow => ({
  id, title: `Case ${id}`, status: 'open', archived: false, victim_name: '', losses: [], last_activity: '2026-03-19T10:00:00Z',
  next_step: null, next_step_due: null, open_steps: 0, ...over,
});
const rows: DashboardRow[] = [
  row(1, { title: 'Bruno – fake exchange', victim_name: 'Bruno Weiss', status: 'reported', next_step: 'Ask the bank for the claim letter', next_step_due: '2026-03-27', open_steps: 1, last_activity: '2026-03-18T09:00:00Z', losses: [{ currency: 'EUR', network: null, net_loss: '900.00' }] }),
  row(2, { title: 'Anna – romance', victim_name: 'Anna Berg', status: 'closed', last_activity: '2026-03-20T08:00:00Z' }),
  row(3, { title: 'Carla – trading app', victim_name: 'Carla Ruiz', next_step: 'Chase the police for the crime number', next_step_due: '2026-03-18', open_steps: 3, last_activity: '2026-02-01T09:00:00Z', losses: [{ currency: 'EUR', network: null, net_loss: '15000.00' }, { currency: 'USDT', network: 'tron', net_loss: '2500' }] }),
];

beforeEach(() => {
  api.dashboard.mockReset();
  api.dashboard.mockResolvedValue(rows);
});
afterEach(cleanup);

function show() {
  const onOpen = vi.fn();
  const view = render(Dashboard, { lists, onOpen, now });
  return { onOpen, view };
}
/** The case titles, top to bottom. */
const order = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('button')[0].textContent);
const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });

describe('Dashboard', () => {
  it('opens with the nearest deadline first, cases without one last', async () => {
    show();
    await screen.findByRole('table');
    expect(api.dashboard).toHaveBeenCalledWith(false);
    expect(order()).toEqual(['Carla – trading app', 'Bruno – fake exchange', 'Anna – romance']);
    expect(header('Next step')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('Case')).not.toHaveAttribute('aria-sort');
  });

  it('sorts by each column from its header, and turns round when chosen again', async () => {
    show();
    await screen.findByRole('table');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Case' }));
    expect(order()).toEqual(['Anna – romance', 'Bruno – fake exchange', 'Carla – trading app']);
    expect(header('Case')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('Next step')).not.toHaveAttribute('aria-sort');
    await user.click(screen.getByRole('button', { name: 'Case' }));
    expect(order()).toEqual(['Carla – trading app', 'Bruno – fake exchange', 'Anna – romance']);
    expect(header('Case')).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('button', { name: 'Status' }));
    expect(order()).toEqual(['Carla – trading app', 'Bruno – fake exchange', 'Anna – romance']);
    await user.click(screen.getByRole('button', { name: 'Loss' }));
    expect(order()).toEqual(['Carla – trading app', 'Bruno – fake exchange', 'Anna – romance']);
    expect(header('Loss')).toHaveAttribute('aria-sort', 'descending');
    await user.click(screen.getByRole('button', { name: 'Loss' }));
    // Ascending: the smaller loss first; no loss stays last.
    expect(order()).toEqual(['Bruno – fake exchange', 'Carla – trading app', 'Anna – romance']);
    await user.click(screen.getByRole('button', { name: 'Last activity' }));
    expect(order()).toEqual(['Anna – romance', 'Bruno – fake exchange', 'Carla – trading app']);
    await user.click(screen.getByRole('button', { name: 'Open steps' }));
    expect(order()).toEqual(['Carla – trading app', 'Bruno – fake exchange', 'Anna – romance']);
    expect(header('Open steps')).toHaveAttribute('aria-sort', 'descending');
    await user.click(screen.getByRole('button', { name: 'Next step' }));
    expect(order()).toEqual(['Carla – trading app', 'Bruno – fake exchange', 'Anna – romance']);
  });

  it('shows each loss per currency with grouped digits, and says when there is none', async () => {
    show();
    await screen.findByRole('table');
    const [, carla, bruno, anna] = screen.getAllByRole('row');
    expect(within(carla).getByText('15,000.00 EUR')).toBeInTheDocument();
    expect(within(carla).getByText('2,500 USDT on TRON')).toBeInTheDocument();
    expect(within(bruno).getByText('900.00 EUR')).toBeInTheDocument();
    expect(within(anna).getByText('No loss recorded')).toBeInTheDocument();
    expect(within(anna).getByText('No loss recorded').closest('td')).not.toHaveTextContent(/\d/);
    expect(within(anna).getByText('Closed')).toBeInTheDocument();
    expect(within(anna).getByText('today')).toBeInTheDocument();
    expect(within(carla).getByText('on 1 Feb 2026')).toBeInTheDocument();
  });

  it('marks an overdue next step in words, by the clock it is given', async () => {
    show();
    await screen.findByRole('table');
    const [, carla, bruno, anna] = screen.getAllByRole('row');
    expect(within(carla).getByText('Overdue by 2 days')).toBeInTheDocument();
    expect(within(bruno).queryByText(/overdue/i)).not.toBeInTheDocument();
    expect(within(bruno).getByText('(due on Fri 27 Mar 2026)')).toBeInTheDocument();
    expect(within(anna).getByText('No next step with a date')).toBeInTheDocument();
    expect(screen.getByText('1 with an overdue step')).toBeInTheDocument();
  });

  it('opens a case from its row, and its contact log from its next step', async () => {
    const { onOpen } = show();
    await screen.findByRole('table');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Bruno – fake exchange' }));
    expect(onOpen).toHaveBeenLastCalledWith(1);
    await user.click(screen.getByText('Anna Berg'));
    expect(onOpen).toHaveBeenLastCalledWith(2);
    await user.click(screen.getByRole('button', { name: 'Chase the police for the crime number' }));
    expect(onOpen).toHaveBeenLastCalledWith(3, 'contacts');
    expect(onOpen).toHaveBeenCalledTimes(3);
  });

  it('shows archived cases when asked', async () => {
    show();
    await screen.findByRole('table');
    api.dashboard.mockResolvedValue([...rows, row(4, { title: 'Old case', archived: true })]);
    await userEvent.setup().click(screen.getByLabelText('Show archived cases'));
    expect(api.dashboard).toHaveBeenLastCalledWith(true);
    expect(await screen.findByRole('button', { name: 'Old case' })).toBeInTheDocument();
    expect(screen.getByText('Archived')).toBeInTheDocument();
  });

  it('says what it is for when there are no cases', async () => {
    api.dashboard.mockResolvedValue([]);
    show();
    expect(await screen.findByText(/There are no open cases\. Create a case from the list of cases/)).toBeInTheDocument();
  });

  it('has no serious accessibility problem', async () => {
    const { view } = show();
    await screen.findByRole('table');
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, serious.join('\n')).toEqual([]);
  });
});
