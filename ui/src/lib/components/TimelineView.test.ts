import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';

const api = vi.hoisted(() => ({
  timeline: vi.fn(),
  chatMessages: vi.fn(),
  getEvent: vi.fn(),
  saveDraft: vi.fn(),
  discardDraft: vi.fn(),
  listSubjects: vi.fn(),
  listTransfers: vi.fn(),
  listEvidence: vi.fn(),
  readTime: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));

import type { ChatMessage, TimelineEntry, TimelineQuery } from '../api';
import TimelineView from './TimelineView.svelte';
import { drafts } from '../drafts';
import { lists } from '../../test/fixtures';

/** Entry `i` of a long timeline: ten entries a day from Tuesday 10 March 2026 on. */
function entry(i: number, over: Partial<TimelineEntry> = {}): TimelineEntry {
  const day = new Date(Date.UTC(2026, 2, 10 + Math.floor(i / 10))).toISOString().slice(0, 10);
  const clock = `${String(8 + (i % 10)).padStart(2, '0')}:15`;
  return {
    source: 'event', id: 1000 + i, kind: 'message', kind_label: 'Message', title: `Entry number ${i}`, detail: '',
    at_utc: `${day}T${clock}:00Z`, recorded: `${day}T${clock}:00+00:00`, recorded_offset_minutes: 0,
    case_local: `${day} ${clock}`, case_offset_minutes: 0, day, links: [], chat_id: null, chat_day: null, chat_messages: null, day_only: false,
    ...over,
  };
}

/** Answers `api.timeline` from a list, a page at a time, like core. */
function serve(entries: TimelineEntry[]) {
  api.timeline.mockImplementation(async (_caseId: number, q: TimelineQuery) => ({
    entries: entries.slice(q.offset, q.offset + q.limit),
    total: entries.length,
  }));
}

const chatDay = (over: Partial<TimelineEntry> = {}) =>
  entry(0, {
    source: 'chat', id: 901, kind: 'chat', kind_label: 'Chat', title: '42 messages with Anna (WhatsApp)',
    detail: 'Good morning! Did you look at the platform?', day: '2026-03-14', case_local: '2026-03-14 09:31',
    chat_id: 7, chat_day: '2026-03-14', chat_messages: 42, ...over,
  });

const message = (id: number, sender: string, text: string, time: string, is_key = false): ChatMessage => ({
  id, chat_id: 7, seq: id, source_file: '_chat.txt', source_line: id, local_time: `2026-03-14 ${time}`,
  sent: null, sender, text, kind: 'text', edited: false, attachment_name: null, attachment_missing: null,
  evidence_id: null, forwarded_from: null, reply_to: null, is_key,
});

// jsdom lays nothing out: a stand-in ResizeObserver lets a test say how tall each row is.
const observers: FakeResizeObserver[] = [];
class FakeResizeObserver {
  elements = new Set<Element>();
  constructor(public callback: ResizeObserverCallback) {
    observers.push(this);
  }
  observe(el: Element) {
    this.elements.add(el);
  }
  unobserve(el: Element) {
    this.elements.delete(el);
  }
  disconnect() {
    this.elements.clear();
  }
}

/** Reports every observed row at the height `heightOf` gives it. */
function layOut(heightOf: (row: HTMLElement) => number) {
  for (const o of observers) {
    const entries = [...o.elements].map(
      (target) => ({ target, borderBoxSize: [{ blockSize: heightOf(target as HTMLElement), inlineSize: 600 }] }) as unknown as ResizeObserverEntry,
    );
    o.callback(entries, o as unknown as ResizeObserver);
  }
}

const list = () => document.getElementById('timeline-list') as HTMLElement;
const spacerHeight = () => (list().firstElementChild as HTMLElement).style.height;
const dayBar = () => document.getElementById('timeline-day')?.textContent;

function show(props: Record<string, unknown> = {}) {
  const onOpen = vi.fn();
  const onOpenRecord = vi.fn();
  render(TimelineView, { caseId: 3, timeZone: 'UTC', lists, onChanged: vi.fn(), onOpen, onOpenRecord, ...props });
  return { onOpen, onOpenRecord };
}

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  observers.length = 0;
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  drafts.clear();
});

describe('TimelineView', () => {
  it('opens a kept new event by itself, with its text', async () => {
    api.saveDraft.mockImplementation(async (key: string, case_id: number, value: string) => ({ key, case_id, value, updated_at: '' }));
    api.discardDraft.mockResolvedValue(null);
    for (const list of [api.listSubjects, api.listTransfers, api.listEvidence]) list.mockResolvedValue([]);
    api.readTime.mockRejectedValue(new Error('not typed'));
    serve([]);
    drafts.put('case:3:event:new', 3, { form: { occurred_at: '', kind: 'message', title: 'She asked for the release fee', description: '', links: [] }, chosen: [] }, 'a new timeline event');
    show();
    expect(await screen.findByRole('form', { name: 'Add to the timeline' })).toBeInTheDocument();
    expect(screen.getByDisplayValue('She asked for the release fee')).toBeInTheDocument();
  });

  it('keeps the day of the top row above the list while scrolling, with rows of measured height', async () => {
    serve(Array.from({ length: 250 }, (_, i) => entry(i)));
    show();
    await screen.findByText('Entry number 0');
    expect(dayBar()).toBe('Tuesday 10 March 2026');
    // The first row of each day says its day in words; the rows after it do not.
    expect(within(list()).getByText('Tuesday 10 March 2026')).toBeInTheDocument();

    // The rendered rows turn out 50 px tall: the list is 250 × 50 px (unmeasured rows at the mean).
    layOut(() => 50);
    await waitFor(() => expect(spacerHeight()).toBe('12500px'));

    list().scrollTop = 30 * 50 + 10;
    await fireEvent.scroll(list());
    await screen.findByText('Entry number 30');
    await waitFor(() => expect(dayBar()).toBe('Friday 13 March 2026'));
    expect(screen.queryByText('Entry number 0')).not.toBeInTheDocument(); // only the rows in view are drawn

    // Row 30 grows (it wrapped): the rows below move down, the view stays on row 30.
    layOut((row) => (row.dataset.index === '30' ? 200 : 50));
    await waitFor(() => expect(spacerHeight()).toBe('12650px'));
    expect(list().scrollTop).toBe(1510);

    // Far down, the next page is fetched and its day shown.
    list().scrollTop = 12650 - 50 * 100 + 5;
    await fireEvent.scroll(list());
    await waitFor(() => expect(api.timeline).toHaveBeenCalledWith(3, expect.objectContaining({ offset: 100, limit: 100 })));
    await screen.findByText('Entry number 153');
    await waitFor(() => expect(dayBar()).toBe('Wednesday 25 March 2026'));
  });

  it('keeps a row while a long title and detail wrap, the whole text in its name', async () => {
    const detail = 'She asked for another 4,000 USDT to unlock the withdrawal, '.repeat(8).trim();
    serve([entry(0, { title: 'Withdrawal blocked by the platform “TrustVault Pro” until a tax is paid', detail })]);
    show();
    const body = await screen.findByRole('button', { name: /Withdrawal blocked by the platform.*tax is paid/ });
    expect(body).toHaveAccessibleName(expect.stringContaining(detail));
    expect(within(body).getByText(detail)).toHaveAttribute('title', detail);
  });

  it('shows a transfer a statement gave only the day of without an invented time', async () => {
    serve([
      entry(0, {
        source: 'transfer', id: 12, kind: 'out', kind_label: 'Paid out', title: 'Paid out 2500.00 GBP',
        case_local: '2026-03-10 00:00', at_utc: '2026-03-10T00:00:00Z', day_only: true, case_offset_minutes: 60,
      }),
    ]);
    show();
    await screen.findByText('Paid out 2500.00 GBP');
    expect(screen.getByText('day only')).toHaveAttribute('title', 'The statement gives only the day');
    expect(screen.queryByText('00:00')).not.toBeInTheDocument();
    expect(screen.queryByText(/UTC 00:00/)).not.toBeInTheDocument();
  });

  it('opens a chat day inside its row with that day’s messages, and closes it', async () => {
    serve([chatDay()]);
    api.chatMessages.mockResolvedValue({
      messages: [
        message(901, 'Anna', 'Good morning! Did you look at the platform?', '09:31:02', true),
        message(902, 'David', 'Not yet, tonight', '09:40:10'),
        message(950, 'Anna', 'A message of the next day', '00:10:00'),
      ].map((m, i) => (i === 2 ? { ...m, local_time: '2026-03-15 00:10:00' } : m)),
      total: 42,
      offset: 0,
    });
    const { onOpen } = show();
    const toggle = await screen.findByRole('button', { name: '42 messages of this day' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await userEvent.click(toggle);
    expect(api.chatMessages).toHaveBeenCalledWith(7, {
      text: '', key_only: false, from_day: '2026-03-14', around_message: null, offset: 0, limit: 42,
    });
    const messages = await screen.findByRole('list', { name: 'Messages of this day' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const items = within(messages).getAllByRole('listitem');
    expect(items).toHaveLength(2); // the next day's message is not this day's
    expect(items[0]).toHaveTextContent('09:31');
    expect(items[0]).toHaveTextContent('Key message.');
    expect(items[0]).toHaveTextContent('Anna:');
    expect(items[1]).toHaveTextContent(/09:40\s*David:\s*Not yet, tonight/);
    expect(items[1]).not.toHaveTextContent('Key message');

    await userEvent.click(screen.getByRole('button', { name: 'Open in Chats' }));
    expect(onOpen).toHaveBeenCalledWith('chat', 901, 7);

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('list', { name: 'Messages of this day' })).not.toBeInTheDocument();
  });

  it('shows the first 200 messages of a long chat day found by a search, and says so', async () => {
    serve([chatDay({ chat_messages: 250 })]);
    api.chatMessages.mockResolvedValue({
      messages: Array.from({ length: 200 }, (_, i) => message(901 + i, 'Anna', `USDT note ${i}`, '10:00:00')),
      total: 250,
      offset: 0,
    });
    show();
    await userEvent.type(await screen.findByLabelText('Search the timeline'), 'USDT');
    await waitFor(() => expect(api.timeline).toHaveBeenLastCalledWith(3, expect.objectContaining({ text: 'USDT', offset: 0 })));
    await userEvent.click(await screen.findByRole('button', { name: '250 matching messages of this day' }));
    expect(api.chatMessages).toHaveBeenCalledWith(7, expect.objectContaining({ text: 'USDT', from_day: '2026-03-14', limit: 200 }));
    expect(await screen.findByText('Showing the first 200 of 250 matching messages.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open in Chats' })).toBeInTheDocument();
  });

  it('opens the record behind each code of a row', async () => {
    serve([
      entry(0, {
        title: 'Paid the “tax” to unlock the withdrawal',
        links: [
          { kind: 'transfer', id: 3 },
          { kind: 'evidence', id: 12 },
          { kind: 'subject', id: 2 },
          { kind: 'identifier', id: 4 },
        ],
      }),
    ]);
    const { onOpen, onOpenRecord } = show();
    const transfer = await screen.findByRole('button', { name: 'Transfer T-3' });
    expect(transfer).toHaveTextContent('T-3');
    await userEvent.click(transfer);
    expect(onOpen).toHaveBeenLastCalledWith('transfer', 3, null);
    await userEvent.click(screen.getByRole('button', { name: 'Evidence V-12' }));
    expect(onOpen).toHaveBeenLastCalledWith('evidence', 12, null);
    await userEvent.click(screen.getByRole('button', { name: 'Scammer S-2' }));
    expect(onOpenRecord).toHaveBeenLastCalledWith('subject', 2);
    await userEvent.click(screen.getByRole('button', { name: 'Identifier I-4' }));
    expect(onOpenRecord).toHaveBeenLastCalledWith('identifier', 4);
    expect(api.getEvent).not.toHaveBeenCalled(); // a code opens its record, not the event
  });

  it('sends the kinds ticked under Show only…, and shows everything again', async () => {
    serve([entry(0)]);
    show();
    await screen.findByText('Entry number 0');
    const showOnly = screen.getByRole('button', { name: /Show only/ });
    expect(showOnly).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('checkbox', { name: 'Evidence' })).not.toBeInTheDocument(); // closed

    await userEvent.click(showOnly);
    expect(showOnly).toHaveAttribute('aria-expanded', 'true');
    const group = screen.getByRole('group', { name: /Show only these kinds/ });
    await userEvent.click(within(group).getByRole('checkbox', { name: 'Evidence' }));
    await userEvent.click(within(group).getByRole('checkbox', { name: 'Transfer: paid out' }));
    await waitFor(() => expect(api.timeline).toHaveBeenLastCalledWith(3, expect.objectContaining({ kinds: ['out', 'evidence'], offset: 0 })));
    expect(showOnly).toHaveTextContent('Show only… (2 chosen)');

    await userEvent.click(within(group).getByRole('button', { name: 'Show everything again' }));
    await waitFor(() => expect(api.timeline).toHaveBeenLastCalledWith(3, expect.objectContaining({ kinds: [] })));

    // Escape closes the panel and puts the keyboard back on its button.
    within(group).getByRole('checkbox', { name: 'Note' }).focus();
    await userEvent.keyboard('{Escape}');
    expect(showOnly).toHaveAttribute('aria-expanded', 'false');
    expect(showOnly).toHaveFocus();
  });
});
