// Every screen that renders with the test fixtures, checked by axe-core: no serious or critical
// accessibility problem (missing labels, names, roles, duplicate ids, broken ARIA…).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import axe from 'axe-core';

const api = vi.hoisted(() => ({
  appStatus: vi.fn(),
  referenceLists: vi.fn(),
  passphraseStrength: vi.fn(),
  listCases: vi.fn(),
  getCase: vi.fn(),
  listEvidence: vi.fn(),
  listTransfers: vi.fn(),
  listAccounts: vi.fn(),
  accountSuggestions: vi.fn(),
  moneyTrail: vi.fn(),
  lossSummary: vi.fn(),
  listSubjects: vi.fn(),
  listIdentifiers: vi.fn(),
  listChats: vi.fn(),
  timeline: vi.fn(),
  getFormats: vi.fn(),
  setFormats: vi.fn(),
  listStatementProfiles: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));
vi.mock('@tauri-apps/api/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@tauri-apps/api/core')>()),
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import type { Case, CurrencyTotal, Transfer } from '../api';
import { lists } from '../../test/fixtures';
import { evidence } from '../../test/evidence';
import WelcomeScreen from './WelcomeScreen.svelte';
import UnlockScreen from './UnlockScreen.svelte';
import SettingsPanel from './SettingsPanel.svelte';
import EvidenceViewer from './EvidenceViewer.svelte';
import CaseList from './CaseList.svelte';
import CaseEditor from './CaseEditor.svelte';
import CaseView from './CaseView.svelte';
import EvidencePanel from './EvidencePanel.svelte';
import TransfersPanel from './TransfersPanel.svelte';
import SubjectsPanel from './SubjectsPanel.svelte';
import ChatsPanel from './ChatsPanel.svelte';
import DossierPanel from './DossierPanel.svelte';
import TimelineView from './TimelineView.svelte';
import App from '../../App.svelte';

/** Runs axe on what is rendered and fails on any serious or critical finding, naming each. */
async function expectNoSeriousViolations(container: Element) {
  const results = await axe.run(container, {
    rules: {
      // jsdom draws nothing: there are no computed colours or layout to measure contrast on.
      'color-contrast': { enabled: false },
    },
  });
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(serious, serious.join('\n')).toEqual([]);
}

const storePath = '/home/me/.local/share/Casefile/casefile.db';
const theCase: Case = {
  id: 3,
  title: 'Romance scam – Anna',
  status: 'open',
  archived: false,
  created_at: '2026-11-25T10:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
  details: {
    title: 'Romance scam – Anna', status: 'open', police_report_no: 'CR-2026-1144', bank_claim_no: '', complaint_id: '',
    victim_name: 'Maria Keller', victim_contact: '', victim_address: '', victim_date_of_birth: null, reporting_currency: 'EUR',
    time_zone: 'Europe/Berlin', notes: '', statement: 'She wrote to me first on Instagram.',
  },
};
const transfer: Transfer = {
  id: 1, case_id: 3, occurred: { utc: '2026-03-14T08:30:00Z', offset_minutes: 60, recorded: '2026-03-14T09:30:00+01:00' },
  direction: 'out', amount: '2500.00', currency: 'USDT', network: 'tron', method: 'crypto_transfer', from_account: '',
  beneficiary_name: '', beneficiary_bank: '', beneficiary_account: '', beneficiary_bic: '',
  beneficiary_wallet: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', wallet_is_exchange_deposit: false, reference: '', exchange_rate: null,
  status: 'completed', notes: '', evidence_ids: [], warnings: [], created_at: '2026-03-14T08:31:00Z', updated_at: '2026-03-14T08:31:00Z',
  from_account_id: null, to_account_id: null, source_ids: [], role: 'loss', date_only: false, statement: null,
};
const total = (over: Partial<CurrencyTotal>): CurrencyTotal => ({
  currency: 'EUR', network: null, paid_out: '0', received: '0', recovered: '0', net_loss: '0', transfers: 1, exact: true, ...over,
});
const phone = {
  id: 5, case_id: 3, subject_id: 2, kind: 'phone' as const, value: '+44 7911 123456', display: '+44 7911 123456',
  match_key: 'phone:+447911123456', network: null, bank_name: '', is_exchange_deposit: false, warnings: [], notes: '', other_cases: [],
};
const anna = { id: 2, case_id: 3, kind: 'persona' as const, name: 'Anna', description: 'Wine trader', notes: '', identifiers: [phone] };

// jsdom has no canvas (axe uses one to spot icon fonts) and no ResizeObserver (the timeline
// measures its height); quiet stand-ins, so the output shows only what axe finds.
vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.passphraseStrength.mockResolvedValue({ score: 4, label: 'Very strong', hint: '', acceptable: true });
  api.getFormats.mockResolvedValue({ date_order: 'dmy', decimal_mark: 'point' });
  api.listCases.mockResolvedValue([
    { id: 3, title: 'Romance scam – Anna', status: 'open', archived: false, updated_at: '2026-11-25T10:00:00Z', item_count: 2 },
  ]);
  api.getCase.mockResolvedValue(theCase);
  api.listEvidence.mockResolvedValue([evidence(4, 'IMG_2044.png'), evidence(9, 'bank-statement.pdf', { media_type: 'application/pdf', has_preview: false })]);
  api.listTransfers.mockResolvedValue([transfer]);
  api.listAccounts.mockResolvedValue([]);
  api.accountSuggestions.mockResolvedValue([]);
  api.moneyTrail.mockResolvedValue({ pictures: [], hops: [], loss: { per_currency: [], reporting_currency: 'EUR', in_reporting_currency: total({}), transfers_without_rate: 0, missing_rates: [], hops: 0, traced: 0, unplaced: [], first_transfer_at: null, last_transfer_at: null, transfers: 0 } });
  api.lossSummary.mockResolvedValue({
    per_currency: [total({ currency: 'USDT', network: 'tron', paid_out: '2500', net_loss: '2500' })],
    reporting_currency: 'EUR', in_reporting_currency: total({ paid_out: '2300.00', net_loss: '2300.00' }),
    transfers_without_rate: 0, missing_rates: [], hops: 0, traced: 0, unplaced: [], first_transfer_at: null, last_transfer_at: null, transfers: 1,
  });
  api.listSubjects.mockResolvedValue([anna]);
  api.listIdentifiers.mockResolvedValue([phone]);
  api.listChats.mockResolvedValue([]);
  api.timeline.mockResolvedValue({
    entries: [
      {
        source: 'transfer', id: 1, kind: 'out', kind_label: 'Transfer: paid out', title: '2500.00 USDT (TRON)', detail: '',
        at_utc: '2026-03-14T08:30:00Z', recorded: '2026-03-14T09:30:00+01:00', recorded_offset_minutes: 60,
        case_local: '2026-03-14 09:30', case_offset_minutes: 60, day: '2026-03-14', links: [], chat_id: null,
      },
    ],
    total: 1,
  });
});
afterEach(() => cleanup());

describe('accessibility (axe-core): no serious or critical problems', () => {
  it('the check itself catches a box without a label and a button without a name', async () => {
    const page = document.createElement('main');
    page.innerHTML = '<input type="text"><button type="button"></button>';
    document.body.append(page);
    const failure = await expectNoSeriousViolations(page).catch((e: Error) => e.message);
    expect(failure).toMatch(/label \(critical\)/);
    expect(failure).toMatch(/button-name \(critical\)/);
    page.remove();
  });

  it('WelcomeScreen', async () => {
    const { container } = render(WelcomeScreen, { onCreated: vi.fn() });
    await expectNoSeriousViolations(container);
  });

  it('UnlockScreen, with a notice', async () => {
    const { container } = render(UnlockScreen, { notice: 'Casefile is locked. Your cases are safe.', onUnlocked: vi.fn() });
    await expectNoSeriousViolations(container);
  });

  it('SettingsPanel', async () => {
    api.referenceLists.mockResolvedValue(lists);
    api.listStatementProfiles.mockResolvedValue([
      {
        name: 'Sparkasse',
        header_key: 'buchungstag|betrag',
        updated_at: '2026-03-02T10:00:00Z',
        profile: {
          encoding: 'UTF-8', delimiter: ';', skip_top: 0, skip_bottom: 0, header_row: 1, date_column: 0, date_format: '%d.%m.%Y',
          time_column: null, amount: { Signed: { col: 1 } }, decimal_mark: ',', currency_column: null, counterparty_column: null,
          counterparty_account_column: null, reference_columns: [], id_column: null, value_date_column: null,
        },
      },
    ]);
    const { container } = render(SettingsPanel, { settings: { auto_lock_minutes: 10 }, onChanged: vi.fn(), onClose: vi.fn() });
    await screen.findByLabelText('Dates');
    await screen.findByRole('button', { name: 'Forget Sparkasse' });
    await expectNoSeriousViolations(container);
  });

  it('EvidenceViewer, open', async () => {
    const { container } = render(EvidenceViewer, {
      items: [evidence(4, 'IMG_2044.png'), evidence(9, 'bank-statement.pdf', { has_preview: false })],
      lists,
      index: 0,
      onClose: vi.fn(),
      onSaved: vi.fn(),
    });
    await expectNoSeriousViolations(container);
  });

  it('CaseList', async () => {
    const { container } = render(CaseList, { selectedId: 3, lists, onSelect: vi.fn() });
    await screen.findByText('Romance scam – Anna');
    await expectNoSeriousViolations(container);
  });

  it('CaseView with its case details', async () => {
    const { container } = render(CaseView, { caseId: 3, lists, onChanged: vi.fn() });
    await waitFor(() => expect(screen.getAllByText(/Romance scam – Anna/).length).toBeGreaterThan(0));
    await expectNoSeriousViolations(container);
  });

  it('CaseEditor', async () => {
    const { container } = render(CaseEditor, { caseId: 3, lists, onSaved: vi.fn() });
    await screen.findByDisplayValue('Maria Keller');
    await expectNoSeriousViolations(container);
  });

  it('EvidencePanel', async () => {
    const { container } = render(EvidencePanel, { caseId: 3, lists, onChanged: vi.fn() });
    await screen.findByText(/IMG_2044.png/);
    await expectNoSeriousViolations(container);
  });

  it('TransfersPanel', async () => {
    const { container } = render(TransfersPanel, { theCase, lists, onChanged: vi.fn() });
    await screen.findByText(/Total in EUR/);
    await expectNoSeriousViolations(container);
  });

  it('SubjectsPanel', async () => {
    const { container } = render(SubjectsPanel, { caseId: 3, lists, onChanged: vi.fn() });
    await screen.findByText(/Wine trader/);
    await expectNoSeriousViolations(container);
  });

  it('ChatsPanel', async () => {
    const { container } = render(ChatsPanel, { caseId: 3, caseZone: 'Europe/Berlin', lists, onChanged: vi.fn() });
    await waitFor(() => expect(api.listChats).toHaveBeenCalled());
    await expectNoSeriousViolations(container);
  });

  it('DossierPanel', async () => {
    const { container } = render(DossierPanel, { theCase, lists });
    await expectNoSeriousViolations(container);
  });

  it('the app unlocked: top bar with Hide, the case list and the first hint', async () => {
    api.appStatus.mockResolvedValue({ store_path: storePath, store_exists: true, unlocked: true, settings: { auto_lock_minutes: 10 } });
    api.referenceLists.mockResolvedValue(lists);
    const { container } = render(App);
    await screen.findByText('Romance scam – Anna');
    expect(screen.getByRole('button', { name: 'Hide' })).toBeInTheDocument();
    await expectNoSeriousViolations(container);
  });

  it('TimelineView', async () => {
    const { container } = render(TimelineView, { caseId: 3, timeZone: 'Europe/Berlin', lists, onChanged: vi.fn() });
    await screen.findByText(/2500.00 USDT \(TRON\)/);
    await expectNoSeriousViolations(container);
  });
});
