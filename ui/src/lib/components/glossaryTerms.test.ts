// The technical words on the case screens carry their glossary "?" (see Term.svelte): each
// screen is rendered with the words showing and its "?" buttons are looked for by name.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';

const api = vi.hoisted(() => ({
  listEvidence: vi.fn(),
  listTransfers: vi.fn(),
  getCase: vi.fn(),
  timeline: vi.fn(),
  listChats: vi.fn(),
  listSubjects: vi.fn(),
  chatMessages: vi.fn(),
  chooseChatExport: vi.fn(),
  previewChat: vi.fn(),
  undoChatImport: vi.fn(),
  readTime: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));
vi.mock('@tauri-apps/api/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@tauri-apps/api/core')>()),
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import type { Case, ChatPreview, Transfer } from '../api';
import { GLOSSARY, type GlossaryKey } from '../glossary';
import { emptyTransfer } from '../transferForm';
import { lists } from '../../test/fixtures';
import { evidence } from '../../test/evidence';
import CaseEditor from './CaseEditor.svelte';
import ChatImport from './ChatImport.svelte';
import ChatsPanel from './ChatsPanel.svelte';
import EvidencePanel from './EvidencePanel.svelte';
import EvidenceViewer from './EvidenceViewer.svelte';
import IdentifierForm from './IdentifierForm.svelte';
import TimelineView from './TimelineView.svelte';
import TransferDetails from './TransferDetails.svelte';
import TransferForm from './TransferForm.svelte';
import TypedTime from './TypedTime.svelte';

/** The "?" of each word, found by its accessible name. */
function expectTerms(where: HTMLElement, ...names: GlossaryKey[]) {
  for (const name of names) {
    expect(within(where).getAllByRole('button', { name: `What does “${GLOSSARY[name].term}” mean?` }).length, name).toBeGreaterThan(0);
  }
}

const theCase: Case = {
  id: 3, title: 'Romance scam – Anna', status: 'open', archived: false, created_at: '2026-11-25T10:00:00Z', updated_at: '2026-11-25T10:00:00Z',
  details: {
    title: 'Romance scam – Anna', status: 'open', police_report_no: '', bank_claim_no: '', complaint_id: '', victim_name: '',
    victim_contact: '', victim_address: '', victim_date_of_birth: null, reporting_currency: 'EUR', time_zone: 'Europe/Berlin', notes: '', statement: '',
  },
};
const transfer: Transfer = {
  id: 2, case_id: 3, occurred: { utc: '2026-04-02T06:05:00Z', offset_minutes: 120, recorded: '2026-04-02T08:05:00+02:00' },
  direction: 'out', amount: '2500.00', currency: 'USDT', network: 'tron', method: 'crypto_transfer', from_account: '',
  beneficiary_name: '', beneficiary_bank: '', beneficiary_account: 'GB29NWBK60161331926819', beneficiary_bic: '',
  beneficiary_wallet: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', wallet_is_exchange_deposit: true, reference: 'ab'.repeat(32), exchange_rate: null,
  status: 'completed', notes: '', evidence_ids: [], warnings: [], created_at: '2026-04-02T06:06:00Z', updated_at: '2026-04-02T06:06:00Z',
  from_account_id: null, to_account_id: null, source_ids: [], role: 'loss', date_only: false, statement: null,
};
const preview = {
  format: 'whatsapp', export_name: 'WhatsApp Chat with Anna.txt', export_sha256: 'cd'.repeat(32), export_size: 100,
  chat_file: 'WhatsApp Chat with Anna.txt', title: 'Anna', chats: [], participants: ['Anna', 'David'], message_count: 2,
  first: [], last: [], date_order: 'dmy', date_order_question: [], date_order_candidates: [], device_zone: 'Europe/London',
  attachments_included: 0, attachments_missing: 0, already_imported: 0, notes: [],
} as unknown as ChatPreview;

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listEvidence.mockResolvedValue([]);
  api.listTransfers.mockResolvedValue([]);
  api.getCase.mockResolvedValue(structuredClone(theCase));
  api.timeline.mockResolvedValue({ entries: [], total: 0 });
  api.listChats.mockResolvedValue([]);
  api.listSubjects.mockResolvedValue([]);
  api.chooseChatExport.mockResolvedValue('/home/me/WhatsApp Chat with Anna.txt');
  api.previewChat.mockResolvedValue(preview);
  api.readTime.mockResolvedValue({ reading: { value: '2026-03-14 09:30', words: 'Saturday 14 March 2026, 09:30 Europe/Berlin' }, choices: [], problem: null, note: null });
});
afterEach(() => cleanup());

describe('Glossary terms on the case screens', () => {
  it('the evidence viewer explains the fingerprint, UTC and the time zone of the capture time', () => {
    const taken = { utc: '2026-03-14T08:30:00Z', offset_minutes: 60, recorded: '2026-03-14T09:30:00+01:00' };
    const { container } = render(EvidenceViewer, { items: [evidence(4, 'first.png', { captured: taken })], lists, index: 0, onClose: vi.fn(), onSaved: vi.fn() });
    expectTerms(container, 'sha256', 'utc', 'timeZone');
  });

  it('adding evidence explains the fingerprint and the time zone', async () => {
    const { container } = render(EvidencePanel, { caseId: 1, lists, onChanged: vi.fn() });
    expectTerms(container, 'sha256', 'timeZone');
  });

  it('the transfer form explains IBAN, wallet and deposit addresses and transaction hashes, and the zone of the date read back', async () => {
    const { container } = render(TransferForm, { caseId: 3, lists, evidence: [], initial: emptyTransfer('EUR'), editingId: null, onSaved: vi.fn(), onCancel: vi.fn() });
    expectTerms(container, 'iban', 'wallet', 'depositAddress', 'txHash');
    // The labels themselves stay as they were.
    expect(screen.getByLabelText('IBAN or account number')).toBeInTheDocument();
    expect(screen.getByLabelText('Bank reference or transaction hash')).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText('Date and time'), { target: { value: '14/03/2026 9:30' } });
    expect(await screen.findByText('✓ Saturday 14 March 2026, 09:30 Europe/Berlin')).toBeInTheDocument();
    expectTerms(container, 'timeZone');
  });

  it('a transfer’s details explain the same words and the case’s time zone', () => {
    const { container } = render(TransferDetails, {
      transfer, lists, caseZone: 'Europe/Berlin', reportingCurrency: 'EUR', evidence: [], onEdit: vi.fn(), onDelete: vi.fn(async () => {}), onClose: vi.fn(),
    });
    expectTerms(container, 'timeZone', 'iban', 'wallet', 'depositAddress', 'txHash');
  });

  it('the case details explain the time zone, with the label unchanged', async () => {
    const { container } = render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    expect(await screen.findByLabelText('Time zone')).toBeInTheDocument();
    expectTerms(container, 'timeZone');
  });

  it('a wallet of a scammer explains the exchange deposit address', () => {
    const wallet = {
      id: 5, case_id: 3, subject_id: 2, kind: 'crypto_wallet' as const, value: transfer.beneficiary_wallet, display: transfer.beneficiary_wallet,
      match_key: '', network: 'tron' as const, bank_name: '', is_exchange_deposit: false, warnings: [], notes: '', other_cases: [],
    };
    const { container } = render(IdentifierForm, { caseId: 3, subjectId: 2, lists, editing: wallet, onSaved: vi.fn(), onCancel: vi.fn() });
    expectTerms(container, 'depositAddress');
    expect(screen.getByLabelText(/Deposit address at an exchange/)).not.toBeChecked();
  });

  it('the timeline of a case not in UTC explains UTC once', async () => {
    const { container } = render(TimelineView, { caseId: 3, timeZone: 'Europe/Berlin', lists, onChanged: vi.fn(), onOpen: vi.fn(), onOpenRecord: vi.fn() });
    expectTerms(container, 'utc');
  });

  it('chats explain the wallet address, and importing one explains the fingerprint and the time zone', async () => {
    const { container } = render(ChatsPanel, { caseId: 1, caseZone: 'UTC', lists, onChanged: vi.fn() });
    await screen.findByText(/No chats yet/);
    expectTerms(container, 'wallet');
    cleanup();
    const imp = render(ChatImport, { caseId: 1, caseZone: 'UTC', lists, onImported: vi.fn(), onCancel: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'Choose the export…' }));
    await screen.findByLabelText(/It was set to the time zone/);
    expectTerms(imp.container, 'sha256', 'timeZone');
  });

  it('an open chat explains the fingerprint of its export, and undoing an import the audit log', async () => {
    const chat = {
      id: 3, case_id: 1, format: 'whatsapp' as const, title: 'Anna', participants: ['Anna', 'David'], device_zone: null, date_order: 'dmy' as const,
      message_count: 0, key_count: 0, first_at: null, last_at: null,
      imports: [{
        id: 9, evidence_id: 12, export_name: 'WhatsApp Chat with Anna.zip', export_sha256: 'ab'.repeat(32), export_size: 2048,
        chat_file: '_chat.txt', messages_added: 2, attachments_added: 0, imported_at: '2026-11-26T00:00:00Z', undone: false,
      }],
    };
    api.listChats.mockResolvedValue([chat]);
    api.chatMessages.mockResolvedValue({ messages: [], total: 0, offset: 0 });
    api.undoChatImport.mockResolvedValue(null);
    const { container } = render(ChatsPanel, { caseId: 1, caseZone: 'UTC', lists, onChanged: vi.fn() });
    await fireEvent.click(await screen.findByRole('button', { name: /Anna/ }));
    expectTerms(container, 'sha256');
    await fireEvent.click(screen.getByRole('button', { name: 'Undo this import' }));
    const note = await screen.findByText(/the audit log keeps a note/);
    expectTerms(note, 'audit');
  });

  it('a date field’s hint explains “time zone” in its words', () => {
    const { container } = render(TypedTime, { id: 'when', label: 'When', caseId: 3, hint: "In the case's time zone, or with an offset." });
    expect(document.getElementById('when-hint')).toHaveTextContent("In the case's time zone?, or with an offset.");
    expectTerms(container, 'timeZone');
  });
});
