import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';

const api = vi.hoisted(() => ({
  listChats: vi.fn(),
  chooseChatExport: vi.fn(),
  previewChat: vi.fn(),
  importChat: vi.fn(),
  stopChatImport: vi.fn(),
  chatMessages: vi.fn(),
  setKeyMessages: vi.fn(),
  undoChatImport: vi.fn(),
  chatSuggestions: vi.fn(),
  acceptChatSuggestions: vi.fn(),
  listSubjects: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));
vi.mock('@tauri-apps/api/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@tauri-apps/api/core')>()),
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import ChatsPanel from './ChatsPanel.svelte';
import { lists } from '../../test/fixtures';

const chat = {
  id: 3,
  case_id: 1,
  format: 'whatsapp' as const,
  title: 'Anna',
  participants: ['Anna', 'David'],
  device_zone: 'Asia/Bangkok',
  date_order: 'dmy' as const,
  message_count: 2,
  key_count: 0,
  first_at: { utc: '2026-03-07T03:00:00Z', offset_minutes: 420, recorded: '2026-03-07T10:00:00+07:00' },
  last_at: { utc: '2026-03-07T03:01:00Z', offset_minutes: 420, recorded: '2026-03-07T10:01:00+07:00' },
  imports: [
    {
      id: 9,
      evidence_id: 12,
      export_name: 'WhatsApp Chat with Anna.zip',
      export_sha256: 'ab'.repeat(32),
      export_size: 2048,
      chat_file: '_chat.txt',
      messages_added: 2,
      attachments_added: 0,
      imported_at: '2026-11-26T00:00:00Z',
      undone: false,
    },
  ],
};

const message = (id: number, sender: string, text: string, is_key = false) => ({
  id,
  chat_id: 3,
  seq: id,
  source_file: '_chat.txt',
  source_line: id,
  local_time: '2026-03-07 10:00:00',
  sent: { utc: '2026-03-07T03:00:00Z', offset_minutes: 420, recorded: '2026-03-07T10:00:00+07:00' },
  sender,
  text,
  kind: 'text' as const,
  edited: false,
  attachment_name: null,
  attachment_missing: null,
  evidence_id: null,
  forwarded_from: null,
  reply_to: null,
  is_key,
});

const ambiguous = {
  format: 'whatsapp',
  export_name: 'WhatsApp Chat with Anna.txt',
  export_sha256: 'cd'.repeat(32),
  export_size: 100,
  chat_file: 'WhatsApp Chat with Anna.txt',
  title: 'Anna',
  chats: [],
  participants: [],
  message_count: 0,
  first: [],
  last: [],
  date_order: null,
  date_order_question: [
    { line: 1, line_text: '07/03/2026, 10:00 - Anna: Hello', readings: [['dmy', 'Saturday 7 March 2026'], ['mdy', 'Friday 3 July 2026']] },
  ],
  date_order_candidates: ['dmy', 'mdy'],
  device_zone: null,
  attachments_included: 0,
  attachments_missing: 0,
  already_imported: 0,
  notes: [],
};

const answered = {
  ...ambiguous,
  date_order_question: [],
  date_order_candidates: [],
  date_order: 'dmy',
  participants: ['Anna', 'David'],
  message_count: 2,
  device_zone: 'Europe/London',
  first: [{ line: 1, local_time: '2026-03-07 10:00:00', recorded: '2026-03-07T10:00:00+00:00', sender: 'Anna', text: 'Hello' }],
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listChats.mockResolvedValue([]);
  api.chatMessages.mockResolvedValue({ messages: [message(1, 'Anna', 'Hello'), message(2, 'David', 'Hi')], total: 2, offset: 0 });
  api.listSubjects.mockResolvedValue([]);
});
afterEach(() => cleanup());

describe('ChatsPanel', () => {
  it('asks the date order with lines read both ways, then imports and offers undo', async () => {
    api.chooseChatExport.mockResolvedValue('/home/me/WhatsApp Chat with Anna.txt');
    api.previewChat.mockImplementation(async (_c: number, _s: unknown, o: { date_order: string | null }) => (o.date_order ? answered : ambiguous));
    api.importChat.mockResolvedValue({
      chat,
      import_id: 9,
      messages_added: 2,
      messages_already_there: 0,
      attachments_added: 0,
      attachments_missing: 0,
      notes: [],
    });
    api.listChats.mockResolvedValueOnce([]).mockResolvedValue([chat]);
    render(ChatsPanel, { caseId: 1, caseZone: 'Europe/London', lists, onChanged: vi.fn(), startImport: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Choose the export…' }));
    const question = await screen.findByRole('group', { name: 'Which way does this phone write dates?' });
    expect(question).toHaveTextContent('07/03/2026, 10:00 - Anna: Hello');
    expect(question).toHaveTextContent('day/month/year — Saturday 7 March 2026');
    expect(api.importChat).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByLabelText(/day\/month\/year/));
    await waitFor(() => expect(api.previewChat).toHaveBeenLastCalledWith(1, { from: 'path', path: '/home/me/WhatsApp Chat with Anna.txt' }, { date_order: 'dmy', device_zone: null, chat_index: 0 }));
    expect(await screen.findByText('2026-03-07T10:00:00+00:00')).toBeInTheDocument();
    expect(screen.getByLabelText(/It was set to the time zone/)).toHaveValue('Europe/London');
    await fireEvent.click(screen.getByRole('button', { name: 'Import 2 messages' }));
    await waitFor(() => expect(screen.getByText(/2 messages imported/)).toBeInTheDocument());
    expect(api.importChat.mock.calls[0][2]).toEqual({ date_order: 'dmy', device_zone: null, chat_index: 0 });
    api.undoChatImport.mockResolvedValue(null);
    await fireEvent.click(screen.getAllByRole('button', { name: 'Undo this import' })[0]);
    await waitFor(() => expect(api.undoChatImport).toHaveBeenCalledWith(9));
  });

  it('shows a chat like a messenger and marks a key message', async () => {
    api.listChats.mockResolvedValue([chat]);
    api.setKeyMessages.mockResolvedValue(null);
    render(ChatsPanel, { caseId: 1, caseZone: 'UTC', lists, onChanged: vi.fn() });
    expect(await screen.findByText('Hello')).toBeInTheDocument();
    expect(screen.getByText('Messages 1–2 of 2')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Mark M-1 as a key message' }));
    await waitFor(() => expect(api.setKeyMessages).toHaveBeenCalledWith(3, [1], true));
    expect(screen.getByRole('button', { name: 'M-1 is a key message; unmark it' })).toHaveAttribute('aria-pressed', 'true');
    // Jumping to a date needs a date Casefile can read without guessing.
    await fireEvent.input(screen.getByPlaceholderText('2026-03-14'), { target: { value: '14/03' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(screen.getByRole('alert')).toHaveTextContent('year-month-day');
  });

  it('adds only the suggestions the person ticks', async () => {
    api.listChats.mockResolvedValue([chat]);
    api.chatSuggestions.mockResolvedValue([
      {
        message_id: 2,
        mentions: 2,
        sender: 'Anna',
        local_time: '2026-03-07 10:01:00',
        source_file: '_chat.txt',
        source_line: 2,
        message_text: 'send 5000 USDT to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
        value: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
        label: 'TRON wallet',
        detail: 'TRON address',
        identifier_kind: 'crypto_wallet',
        network: 'tron',
        payment: null,
        already_in_case: false,
      },
    ]);
    api.acceptChatSuggestions.mockResolvedValue({ identifier_ids: [5], event_ids: [], skipped: [] });
    render(ChatsPanel, { caseId: 1, caseZone: 'UTC', lists, onChanged: vi.fn() });
    await fireEvent.click(await screen.findByRole('button', { name: 'Find wallets, accounts and phone numbers in this chat' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Add selected' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick the suggestions');
    expect(api.acceptChatSuggestions).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Tick all' }));
    expect(screen.getByRole('checkbox', { name: /TRON wallet/ })).toBeChecked();
    await fireEvent.click(screen.getByRole('button', { name: 'Add selected' }));
    await waitFor(() =>
      expect(api.acceptChatSuggestions).toHaveBeenCalledWith(3, [{ message_id: 2, value: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' }], null),
    );
    expect(await screen.findByText(/1 identifiers and 0 requests for money added/)).toBeInTheDocument();
  });

  it('sends a file over 200 MB to the system dialog instead of reading it into the window', async () => {
    render(ChatsPanel, { caseId: 1, caseZone: 'UTC', lists, onChanged: vi.fn(), startImport: true });
    const big = new File(['x'], 'WhatsApp Chat with Anna.zip');
    Object.defineProperty(big, 'size', { value: 900 * 1024 * 1024 });
    await fireEvent.change(screen.getByLabelText('or pick a file here'), { target: { files: [big] } });
    expect(await screen.findByRole('alert')).toHaveTextContent('larger than 200 MB: use the “Choose the export…” button');
    expect(api.previewChat).not.toHaveBeenCalled();
  });
});
