import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';

const api = vi.hoisted(() => ({
  listStatementImports: vi.fn(),
  listAccounts: vi.fn(),
  chooseStatementFile: vi.fn(),
  previewStatement: vi.fn(),
  importStatement: vi.fn(),
  stopStatementImport: vi.fn(),
  undoStatementImport: vi.fn(),
}));
vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), api }));
vi.mock('@tauri-apps/api/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@tauri-apps/api/core')>()),
  Channel: class {
    onmessage: (m: unknown) => void = () => {};
  },
}));

import StatementImports from './StatementImports.svelte';
import { ApiError, type Account, type CsvProfile, type StatementPreview } from '../api';
import { lists } from '../../test/fixtures';
import { askingPreview, camtPreview, germanProfile, readPreview, statementImport, statementRow } from '../../test/statementFixtures';

const account = (id: number, name: string, number: string): Account => ({
  id,
  case_id: 1,
  owner: 'victim',
  kind: 'bank',
  name,
  institution: '',
  number,
  network: null,
  is_exchange_deposit: false,
  notes: '',
  transfers: 0,
  warnings: [],
  created_at: '2026-04-01T00:00:00Z',
  updated_at: '2026-04-01T00:00:00Z',
});

const path = '/home/me/Umsaetze_2026.csv';
const source = { from: 'path', path };

/** The preview core would give: questions until a profile answers them, then the rows. */
function previewFor(answeredWith: (p: CsvProfile) => boolean, read: StatementPreview = readPreview) {
  return async (_case: number, _source: unknown, profile: CsvProfile | null) =>
    profile && answeredWith(profile) ? { ...read, profile } : askingPreview;
}

async function openPreview(preview: StatementPreview = readPreview) {
  api.chooseStatementFile.mockResolvedValue(path);
  api.previewStatement.mockResolvedValue(preview);
  render(StatementImports, { caseId: 1, lists, onChanged: vi.fn() });
  await fireEvent.click(screen.getByRole('button', { name: 'Import a statement…' }));
  await fireEvent.click(screen.getByRole('button', { name: 'Choose the statement…' }));
  await screen.findByText(preview.file_name, { exact: false });
}

const importButton = () => screen.getByRole('button', { name: /^Import \d+ ticked rows?$/ });

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.listStatementImports.mockResolvedValue([]);
  api.listAccounts.mockResolvedValue([account(2, 'Sparkasse Girokonto', 'DE89370400440532013000'), account(4, 'Coinbase', 'IE64IRCE92050112345678')]);
  api.stopStatementImport.mockResolvedValue(undefined);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('StatementImport', () => {
  it('asks what the file does not decide, shows no rows until answered, and reads it again with each answer', async () => {
    api.chooseStatementFile.mockResolvedValue(path);
    api.previewStatement.mockImplementation(previewFor((p) => p.date_format === '%m.%d.%Y' && p.decimal_mark === '.'));
    render(StatementImports, { caseId: 1, lists, onChanged: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'Import a statement…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choose the statement…' }));

    const dates = await screen.findByRole('group', { name: 'The dates can be read day first or month first: which is right?' });
    expect(api.previewStatement).toHaveBeenCalledWith(1, source, null, null);
    expect(dates).toHaveTextContent('Line 6: 03.04.2026 → 4 March 2026');
    const amounts = screen.getByRole('group', { name: 'Is 14.000 fourteen or fourteen thousand?' });
    expect(amounts).toHaveTextContent('Line 7: 14.000 → 14000');
    expect(screen.queryByRole('list', { name: 'Rows of the statement' })).not.toBeInTheDocument();
    expect(importButton()).toBeDisabled();
    expect(importButton()).toHaveAccessibleDescription(/Answer the questions above first/);

    await fireEvent.click(within(dates).getByLabelText('Month first (MM.DD.YYYY)'));
    await waitFor(() => expect(api.previewStatement).toHaveBeenLastCalledWith(1, source, { ...germanProfile, date_format: '%m.%d.%Y' }, 2));
    expect(screen.queryByRole('group', { name: /which is right/ })).not.toBeInTheDocument();
    // One question is still open: still no rows.
    expect(screen.getByRole('group', { name: 'Is 14.000 fourteen or fourteen thousand?' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Rows of the statement' })).not.toBeInTheDocument();

    await fireEvent.click(screen.getByLabelText('Fourteen (the point is the decimal mark)'));
    await waitFor(() =>
      expect(api.previewStatement).toHaveBeenLastCalledWith(1, source, { ...germanProfile, date_format: '%m.%d.%Y', decimal_mark: '.' }, 2),
    );
    expect(await screen.findByRole('list', { name: 'Rows of the statement' })).toBeInTheDocument();
    expect(screen.getByText('0 of 4 rows ticked')).toBeInTheDocument();
  });

  it('shows the reading settings in words and reads the file again after a change', async () => {
    await openPreview({ ...readPreview, profile_name: 'Sparkasse' });
    expect(screen.getByText(/Casefile recognised this layout/)).toHaveTextContent('Casefile recognised this layout: Sparkasse.');
    expect(screen.getByText(/columns separated by semicolon \(;\)/)).toBeInTheDocument();
    expect(screen.getByLabelText('Columns are separated by')).toHaveDisplayValue('semicolon (;)');
    expect(screen.getByLabelText('Dates are written')).toHaveDisplayValue('DD.MM.YYYY');
    expect(screen.getByLabelText('Amount column')).toHaveDisplayValue('Column 4: Betrag');
    expect(screen.getByLabelText('Column saying which way')).toHaveDisplayValue('Column 5: S/H');
    expect(screen.getByLabelText('Values meaning money out (separated by commas)')).toHaveValue('S');
    await fireEvent.change(screen.getByLabelText('Columns are separated by'), { target: { value: ',' } });
    await fireEvent.change(screen.getByLabelText('Lines above the table to skip'), { target: { value: '2' } });
    await waitFor(() => expect(api.previewStatement).toHaveBeenCalledTimes(2));
    expect(api.previewStatement).toHaveBeenLastCalledWith(1, source, { ...germanProfile, delimiter: ',', skip_top: 2 }, 2);
  });

  it('reads the file with the new settings when the account is chosen right after a change', async () => {
    await openPreview();
    await fireEvent.change(screen.getByLabelText('Columns are separated by'), { target: { value: ',' } });
    // Within the pause before the settings are read: the account change reads with them.
    await fireEvent.change(screen.getByLabelText('This statement is of the account'), { target: { value: '4' } });
    await waitFor(() => expect(api.previewStatement).toHaveBeenLastCalledWith(1, source, { ...germanProfile, delimiter: ',' }, 4));
  });

  it('keeps the import closed from a change of a reading setting until the rows read with it arrive', async () => {
    await openPreview();
    await fireEvent.click(screen.getByRole('checkbox', { name: /^Line 6:/ }));
    expect(importButton()).toBeEnabled();
    let arrive: (p: StatementPreview) => void = () => {};
    api.previewStatement.mockImplementation(() => new Promise((resolve) => (arrive = resolve)));
    await fireEvent.change(screen.getByLabelText('Columns are separated by'), { target: { value: ',' } });
    // At once, before the file is read again: the ticked rows were read with the old settings.
    expect(importButton()).toBeDisabled();
    expect(importButton()).toHaveAccessibleDescription('Reading the file again with the new settings…');
    await fireEvent.click(importButton());
    expect(api.importStatement).not.toHaveBeenCalled();
    // While the new reading is on its way, still closed.
    await waitFor(() => expect(api.previewStatement).toHaveBeenCalledTimes(2));
    expect(importButton()).toBeDisabled();
    arrive({ ...readPreview, profile: { ...germanProfile, delimiter: ',' } });
    await waitFor(() => expect(importButton()).toBeEnabled());
    expect(screen.queryByText('Reading the file again with the new settings…')).not.toBeInTheDocument();
  });

  it('forgets the network chosen for crypto rows when another file is chosen', async () => {
    await openPreview(camtPreview);
    await fireEvent.click(screen.getByRole('checkbox', { name: /^Line 1, part 2:/ }));
    await fireEvent.change(screen.getByLabelText('Currency of the amounts (the file does not say)'), { target: { value: 'USDT' } });
    await fireEvent.change(screen.getByLabelText('Network of the USDT rows'), { target: { value: 'tron' } });
    expect(importButton()).toBeEnabled();
    await fireEvent.click(screen.getByRole('button', { name: 'Choose another file' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choose the statement…' }));
    await fireEvent.click(await screen.findByRole('checkbox', { name: /^Line 1, part 2:/ }));
    await fireEvent.change(screen.getByLabelText('Currency of the amounts (the file does not say)'), { target: { value: 'USDT' } });
    expect(screen.getByLabelText('Network of the USDT rows')).toHaveDisplayValue('Choose…');
    expect(importButton()).toBeDisabled();
    expect(screen.getByText('Choose the network of the USDT rows first: the statement does not say.')).toBeInTheDocument();
  });

  it('filters the rows, ticks all shown, and never ticks a row already in the case', async () => {
    await openPreview();
    const list = screen.getByRole('list', { name: 'Rows of the statement' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    const already = within(list).getByText('Already in the case as T-12').closest('li')!;
    expect(within(already).queryByRole('checkbox')).not.toBeInTheDocument();

    await fireEvent.input(screen.getByLabelText('Name or reference contains'), { target: { value: 'lidl' } });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Tick all shown' }));
    expect(screen.getByText('1 of 4 rows ticked')).toBeInTheDocument();

    await fireEvent.input(screen.getByLabelText('Name or reference contains'), { target: { value: '' } });
    await fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'out' } });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    await fireEvent.click(screen.getByRole('button', { name: 'Tick all shown' }));
    expect(screen.getByText('2 of 4 rows ticked')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /^Line 6: Paid out 14000.00 EUR Coinbase Europe/ })).toBeChecked();
    expect(importButton()).toHaveAccessibleName('Import 2 ticked rows');

    // The days are chosen from those in the file, in words: no date typed as the machine's locale writes it.
    expect(document.querySelector('input[type="date"]')).toBeNull();
    const from = screen.getByRole('combobox', { name: 'From' });
    expect([...from.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'The first day',
      'Saturday 7 March 2026 (1 row)',
      'Sunday 8 March 2026 (1 row)',
      'Tuesday 10 March 2026 (1 row)',
      'Monday 20 April 2026 (1 row)',
    ]);
    expect(screen.getByRole('combobox', { name: 'To' })).toHaveDisplayValue('The last day');
    await fireEvent.change(from, { target: { value: '2026-04-20' } });
    expect(screen.getByText('No row matches the filter.')).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'all' } });
    expect(within(screen.getByRole('list', { name: 'Rows of the statement' })).getAllByRole('listitem')).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Untick all' }));
    expect(screen.getByText('0 of 4 rows ticked')).toBeInTheDocument();
  });

  it('shows a long statement a page at a time', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => statementRow(i + 2));
    await openPreview({ ...readPreview, rows });
    const list = screen.getByRole('list', { name: 'Rows of the statement' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(100);
    expect(screen.getByText('Rows 1–100 of 10000')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Tick all shown' }));
    expect(screen.getByText('10000 of 10000 rows ticked')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Next 100' }));
    expect(screen.getByText('Rows 101–200 of 10000')).toBeInTheDocument();
  });

  it('keeps the import closed while rows could not be read, until they are left out', async () => {
    const problems = [11, 12, 13].map((row) => ({ row, column: 'Betrag', message: '“1,2,3” is not an amount.' }));
    await openPreview({ ...readPreview, problems });
    expect(screen.getByRole('heading', { name: '3 rows could not be read' })).toBeInTheDocument();
    expect(screen.getByText('Line 12, column Betrag: “1,2,3” is not an amount.')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Tick all shown' }));
    expect(importButton()).toBeDisabled();
    expect(screen.getByText(/3 rows could not be read: change the reading settings/)).toBeInTheDocument();
    await fireEvent.click(screen.getByLabelText('Leave out the 3 rows that could not be read'));
    expect(importButton()).toBeEnabled();
  });

  it('reads the file again when the account changes: what is already in the case depends on it', async () => {
    await openPreview();
    expect(api.previewStatement).toHaveBeenLastCalledWith(1, source, null, null);
    api.previewStatement.mockResolvedValue({ ...readPreview, rows: readPreview.rows.map((r) => ({ ...r, already_imported: null })) });
    await fireEvent.change(screen.getByLabelText('This statement is of the account'), { target: { value: '4' } });
    await waitFor(() => expect(api.previewStatement).toHaveBeenLastCalledWith(1, source, null, 4));
    // Row 9 was imported from the other account's statement: here it is a payment of its own.
    expect(await screen.findByRole('checkbox', { name: /^Line 9:/ })).toBeEnabled();
  });

  it('imports exactly the ticked rows with the account, the profile name and progress, and says what it did', async () => {
    await openPreview();
    expect(screen.getByLabelText('This statement is of the account')).toHaveDisplayValue(/^Sparkasse Girokonto/);
    expect(screen.getByText('Money out leaves this account; money in arrives there.')).toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText('This statement is of the account'), { target: { value: '4' } });
    await fireEvent.click(screen.getByRole('checkbox', { name: /^Line 8:/ }));
    await fireEvent.click(screen.getByRole('checkbox', { name: /^Line 6:/ }));
    await fireEvent.input(screen.getByLabelText('Save this way of reading as'), { target: { value: 'Sparkasse' } });

    let finish: (v: unknown) => void = () => {};
    api.importStatement.mockImplementation(async (_c: number, _s: unknown, _o: unknown, channel: { onmessage: (p: unknown) => void }) => {
      channel.onmessage({ done: 1, total: 2 });
      return new Promise((resolve) => (finish = resolve));
    });
    api.listStatementImports.mockResolvedValue([statementImport]);
    await fireEvent.click(importButton());
    expect(api.importStatement).toHaveBeenCalledWith(
      1,
      source,
      { profile: germanProfile, save_profile_as: 'Sparkasse', rows: [{ row: 6, part: 1 }, { row: 8, part: 1 }], account_id: 4, currency: null, network: null },
      expect.anything(),
    );
    expect(await screen.findByText('Importing row 1 of 2…')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(api.stopStatementImport).toHaveBeenCalled();
    finish({ import_id: 5, evidence_id: 31, transfer_ids: [40, 41], already_imported: 1 });
    expect(await screen.findByText(/2 transfers added · 1 was already in the case/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See them in the list of transfers' })).toHaveAttribute('href', '#transfers-heading');
  });

  it('asks the currency a statement does not give, the network of crypto rows, and sends each part of an entry', async () => {
    await openPreview(camtPreview);
    expect(screen.queryByText('How Casefile reads this file', { exact: false })).not.toBeInTheDocument();
    expect(screen.getByLabelText('This statement is of the account')).toHaveDisplayValue('Not chosen');
    await fireEvent.click(screen.getByRole('checkbox', { name: /^Line 1, part 2:/ }));
    expect(importButton()).toBeDisabled();
    await fireEvent.change(screen.getByLabelText('Currency of the amounts (the file does not say)'), { target: { value: 'USDT' } });
    // USDT exists on several chains and no statement says which: asked, never guessed.
    expect(importButton()).toBeDisabled();
    expect(screen.getByText('Choose the network of the USDT rows first: the statement does not say.')).toBeInTheDocument();
    const networks = screen.getByLabelText('Network of the USDT rows');
    expect([...networks.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Choose…', 'Ethereum', 'TRON']);
    await fireEvent.change(networks, { target: { value: 'tron' } });
    expect(importButton()).toBeEnabled();
    api.importStatement.mockResolvedValue({ import_id: 6, evidence_id: 32, transfer_ids: [42], already_imported: 0 });
    await fireEvent.click(importButton());
    expect(api.importStatement.mock.calls[0][2]).toEqual({
      profile: null,
      save_profile_as: null,
      rows: [{ row: 1, part: 2 }],
      account_id: null,
      currency: 'USDT',
      network: 'tron',
    });
    expect(await screen.findByText('1 transfer added.', { exact: false })).toBeInTheDocument();
  });

  it("says core's error in its words and keeps the ticks", async () => {
    await openPreview();
    await fireEvent.click(screen.getByRole('checkbox', { name: /^Line 7:/ }));
    api.importStatement.mockRejectedValue(
      new ApiError({ kind: 'invalid', message: 'Line 7: the account DE12 is not an account of this case.', field: null, warnings: [] }),
    );
    await fireEvent.click(importButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('Line 7: the account DE12 is not an account of this case.');
    expect(screen.getByRole('checkbox', { name: /^Line 7:/ })).toBeChecked();
    expect(importButton()).toHaveAccessibleName('Import 1 ticked row');
  });

  it('undoes an import only after asking', async () => {
    const onChanged = vi.fn();
    api.listStatementImports.mockResolvedValue([statementImport]);
    api.undoStatementImport.mockResolvedValue(null);
    render(StatementImports, { caseId: 1, lists, onChanged });
    const item = (await screen.findByText('Umsaetze_2026.csv')).closest('li')!;
    expect(item).toHaveTextContent('CSV · imported 2026-04-21 · 12 transfers added');
    await fireEvent.click(within(item).getByRole('button', { name: 'Undo this import' }));
    const confirm = screen.getByRole('group', { name: 'Undo the import of Umsaetze_2026.csv?' });
    // Core removes the statement file only when this import brought it in and nothing else uses it.
    expect(confirm.textContent?.replace(/\s+/g, ' ')).toContain(
      'The 12 transfers this import added are removed. The statement file (V-31) goes too if this import brought it in and nothing else uses it',
    );
    expect(confirm).not.toHaveTextContent(/statement file kept as evidence are removed/);
    expect(api.undoStatementImport).not.toHaveBeenCalled();
    api.listStatementImports.mockResolvedValue([]);
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, undo this import' }));
    expect(api.undoStatementImport).toHaveBeenCalledWith(5);
    expect(await screen.findByText(/The import of Umsaetze_2026.csv was undone/)).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
    expect(screen.queryByText('Statements imported into this case', { exact: false })).not.toBeInTheDocument();
  });

  it('has no serious accessibility problem, the preview with its questions and rows open', async () => {
    const { container } = render(StatementImports, { caseId: 1, lists, onChanged: vi.fn() });
    api.chooseStatementFile.mockResolvedValue(path);
    api.previewStatement.mockResolvedValue({ ...readPreview, csv: askingPreview.csv });
    await fireEvent.click(screen.getByRole('button', { name: 'Import a statement…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choose the statement…' }));
    await screen.findByRole('group', { name: /which is right/ });
    let results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    api.previewStatement.mockResolvedValue({ ...readPreview, problems: [{ row: 11, column: 'Betrag', message: 'not an amount' }] });
    await fireEvent.click(screen.getByLabelText('Day first (DD.MM.YYYY)'));
    await screen.findByRole('list', { name: 'Rows of the statement' });
    (container.querySelector('details.settings') as HTMLDetailsElement).open = true;
    results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
