// Statement previews for the import's tests, typed by the generated bindings: a German
// semicolon CSV (Windows-1252, S/H indicator) whose dates and amounts Casefile must ask about,
// the same file once answered, and builders for rows.
import type { CsvProfile, CsvSniff, StatementImport, StatementPreview, StatementPreviewRow } from '../lib/api';

export const germanProfile: CsvProfile = {
  encoding: 'windows-1252',
  delimiter: ';',
  skip_top: 4,
  skip_bottom: 1,
  header_row: 5,
  date_column: 0,
  date_format: '%d.%m.%Y',
  time_column: null,
  amount: { WithIndicator: { amount: 3, indicator: 4, debit_values: ['S'], credit_values: ['H'] } },
  decimal_mark: ',',
  currency_column: null,
  counterparty_column: 1,
  counterparty_account_column: 2,
  reference_columns: [5],
  id_column: null,
  value_date_column: null,
};

export const germanSniff: CsvSniff = {
  profile: germanProfile,
  date_formats: ['%d.%m.%Y', '%m.%d.%Y'],
  decimal_mark: null,
  undecided: [
    {
      topic: 'DateFormat',
      message: 'The dates can be read day first or month first: which is right?',
      choices: [
        { value: '%d.%m.%Y', label: 'Day first (DD.MM.YYYY)', examples: ['Line 6: 03.04.2026 → 3 April 2026'] },
        { value: '%m.%d.%Y', label: 'Month first (MM.DD.YYYY)', examples: ['Line 6: 03.04.2026 → 4 March 2026'] },
      ],
    },
    {
      topic: 'DecimalMark',
      message: 'Is 14.000 fourteen or fourteen thousand?',
      choices: [
        { value: ',', label: 'Fourteen thousand (the comma is the decimal mark)', examples: ['Line 7: 14.000 → 14000'] },
        { value: '.', label: 'Fourteen (the point is the decimal mark)', examples: ['Line 7: 14.000 → 14'] },
      ],
    },
  ],
  preview: [
    ['Kontoinhaber', 'Max Mustermann'],
    ['IBAN', 'DE89370400440532013000'],
    ['Buchungstag', 'Name', 'IBAN', 'Betrag', 'S/H', 'Verwendungszweck'],
    ['03.04.2026', 'Coinbase Europe', 'IE64IRCE92050112345678', '14.000', 'S', 'Einzahlung'],
  ],
  header: ['Buchungstag', 'Name', 'IBAN', 'Betrag', 'S/H', 'Verwendungszweck'],
};

/** A row of the statement; `n` is its line. */
export function statementRow(n: number, over: Partial<StatementPreviewRow> = {}): StatementPreviewRow {
  const day = String(1 + (n % 28)).padStart(2, '0');
  return {
    row: n,
    part: 1,
    booked: `2026-03-${day}`,
    time: null,
    amount: `${100 + n}.00`,
    flow: n % 3 === 0 ? 'in' : 'out',
    currency: 'EUR',
    counterparty: n % 2 ? 'Coinbase Europe' : `Supermarkt ${n}`,
    counterparty_account: n % 2 ? 'IE64IRCE92050112345678' : '',
    reference: `Ref ${n}`,
    already_imported: null,
    counterparty_account_id: null,
    raw: `line ${n}`,
    ...over,
  };
}

/** The German file before its questions are answered: no rows yet. */
export const askingPreview: StatementPreview = {
  format: 'CSV',
  file_name: 'Umsaetze_2026.csv',
  sha256: 'ab'.repeat(32),
  size_bytes: 2048,
  csv: germanSniff,
  profile: germanProfile,
  profile_name: null,
  account: 'DE89370400440532013000',
  currency: 'EUR',
  account_id: 2,
  rows: [],
  problems: [],
  imported_before: null,
};

/** The German file read: four rows, one already in the case as T-12. */
export const readPreview: StatementPreview = {
  ...askingPreview,
  csv: { ...germanSniff, undecided: [] },
  rows: [
    statementRow(6, { counterparty: 'Coinbase Europe', counterparty_account: 'IE64IRCE92050112345678', reference: 'Einzahlung', amount: '14000.00', flow: 'out' }),
    statementRow(7, { counterparty: 'Supermarkt Lidl', counterparty_account: '', reference: 'Einkauf', flow: 'out' }),
    statementRow(8, { counterparty: 'Coinbase Europe', counterparty_account: 'IE64IRCE92050112345678', reference: 'Auszahlung', flow: 'in', booked: '2026-04-20' }),
    statementRow(9, { counterparty: 'Coinbase Europe', reference: 'Einzahlung 2', flow: 'out', already_imported: 12 }),
  ],
};

/** A camt.053 file (no reading settings) with several parts of one entry. */
export const camtPreview: StatementPreview = {
  ...askingPreview,
  format: 'ISO 20022 camt.053',
  file_name: 'camt053.xml',
  csv: null,
  profile: null,
  currency: null,
  account_id: null,
  rows: [
    statementRow(1, { part: 1, currency: null }),
    statementRow(1, { part: 2, currency: null, counterparty: 'Binance', reference: 'Deposit' }),
  ],
};

export const statementImport: StatementImport = {
  id: 5,
  case_id: 1,
  evidence_id: 31,
  file_name: 'Umsaetze_2026.csv',
  format: 'CSV',
  account_id: 2,
  profile_name: 'Sparkasse',
  rows_in_file: 230,
  transfers_added: 12,
  imported_at: '2026-04-21T10:15:00Z',
};
