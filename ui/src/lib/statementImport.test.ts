import { describe, expect, it } from 'vitest';
import {
  amountKind,
  applyAnswer,
  chosenRows,
  cryptoCodes,
  columnLabel,
  dateFormatWords,
  delimiterWords,
  filterRows,
  rowDays,
  importBlocker,
  importedSummary,
  keepTicks,
  noFilter,
  openQuestions,
  pageOf,
  rowDay,
  rowKey,
  tickShown,
  tickedCount,
  toggleRow,
  topicsChanged,
  withAmountKind,
} from './statementImport';
import { askingPreview, camtPreview, germanProfile, germanSniff, readPreview, statementRow } from '../test/statementFixtures';

const many = Array.from({ length: 10_000 }, (_, i) => statementRow(i + 2));

describe('rowDays', () => {
  it('lists each day the rows were booked on once, oldest first, in words with its count of rows', () => {
    const rows = [statementRow(1, { booked: '2026-04-20' }), statementRow(2, { booked: '2026-03-14' }), statementRow(3, { booked: '2026-04-20' })];
    expect(rowDays(rows)).toEqual([
      { value: '2026-03-14', label: 'Saturday 14 March 2026 (1 row)' },
      { value: '2026-04-20', label: 'Monday 20 April 2026 (2 rows)' },
    ]);
    expect(rowDays([])).toEqual([]);
  });
});

describe('filterRows', () => {
  it('finds words in the counterparty, its account or the reference, in any case', () => {
    expect(filterRows(readPreview.rows, { ...noFilter, text: 'coinbase' }).map((r) => r.row)).toEqual([6, 8, 9]);
    expect(filterRows(readPreview.rows, { ...noFilter, text: 'EINKAUF' }).map((r) => r.row)).toEqual([7]);
    expect(filterRows(readPreview.rows, { ...noFilter, text: 'IE64IRCE' }).map((r) => r.row)).toEqual([6, 8, 9]);
  });

  it('keeps a date range with both ends included, and one direction', () => {
    const rows = [statementRow(1, { booked: '2026-03-01' }), statementRow(2, { booked: '2026-03-15' }), statementRow(4, { booked: '2026-03-31' })];
    expect(filterRows(rows, { ...noFilter, from: '2026-03-15' }).map((r) => r.row)).toEqual([2, 4]);
    expect(filterRows(rows, { ...noFilter, from: '2026-03-01', to: '2026-03-15' }).map((r) => r.row)).toEqual([1, 2]);
    expect(filterRows(readPreview.rows, { ...noFilter, flow: 'in' }).map((r) => r.row)).toEqual([8]);
  });

  it('filters 10,000 rows and ticks all shown among them', () => {
    const shown = filterRows(many, { text: 'coinbase', from: '2026-03-10', to: '2026-03-20', flow: 'out' });
    expect(shown.length).toBeGreaterThan(1000);
    expect(shown.every((r) => r.counterparty === 'Coinbase Europe' && r.flow === 'out' && r.booked >= '2026-03-10' && r.booked <= '2026-03-20')).toBe(true);
    const ticked = tickShown(new Set(), shown);
    expect(ticked.size).toBe(shown.length);
    const sent = chosenRows(many, ticked);
    expect(sent).toHaveLength(shown.length);
    expect(sent[0]).toEqual({ row: shown[0].row, part: 1 });
    expect(filterRows(many, noFilter)).toHaveLength(10_000);
  });
});

describe('ticks', () => {
  it('never ticks a row already in the case', () => {
    const all = tickShown(new Set(), readPreview.rows);
    expect([...all]).toEqual(['6.1', '7.1', '8.1']);
    expect(toggleRow(new Set(), readPreview.rows[3], true).size).toBe(0);
    expect(chosenRows(readPreview.rows, new Set(['9.1', '7.1']))).toEqual([{ row: 7, part: 1 }]);
  });

  it('keeps each part of a camt entry apart, and only ticks of rows that still exist', () => {
    expect(camtPreview.rows.map(rowKey)).toEqual(['1.1', '1.2']);
    expect(chosenRows(camtPreview.rows, new Set(['1.2']))).toEqual([{ row: 1, part: 2 }]);
    expect([...keepTicks(new Set(['1.2', '44.1']), camtPreview.rows)]).toEqual(['1.2']);
  });

  it('counts and pages in words', () => {
    expect(tickedCount(14, 230)).toBe('14 of 230 rows ticked');
    const p = pageOf(many, 99, 100);
    expect(p).toMatchObject({ page: 99, pages: 100 });
    expect(p.rows).toHaveLength(100);
    expect(pageOf(many, 500, 100).page).toBe(99);
    expect(pageOf([], 3, 100)).toEqual({ rows: [], page: 0, pages: 1 });
  });
});

describe('questions', () => {
  it('stay open until answered, and the answer sets the field', () => {
    expect(openQuestions(germanSniff, new Set()).map((q) => q.topic)).toEqual(['DateFormat', 'DecimalMark']);
    expect(openQuestions(germanSniff, new Set(['DateFormat'])).map((q) => q.topic)).toEqual(['DecimalMark']);
    expect(openQuestions(null, new Set())).toEqual([]);
    expect(applyAnswer(germanProfile, 'DateFormat', '%m.%d.%Y').date_format).toBe('%m.%d.%Y');
    expect(applyAnswer(germanProfile, 'DecimalMark', '.').decimal_mark).toBe('.');
  });

  it('a changed setting answers the question about it', () => {
    expect(topicsChanged(germanProfile, { ...germanProfile, date_column: 2 })).toEqual(['DateColumn']);
    expect(topicsChanged(germanProfile, { ...germanProfile, amount: { Signed: { col: 3 } } })).toEqual(['AmountColumns']);
    expect(topicsChanged(germanProfile, { ...germanProfile, skip_top: 2 })).toEqual([]);
  });
});

describe('importBlocker', () => {
  const base = { preview: readPreview, open: 0, ticked: 2, leaveOutProblems: false, currency: '' };
  it('blocks while rows could not be read until they are left out', () => {
    const withProblems = { ...readPreview, problems: [1, 2, 3].map((n) => ({ row: n + 10, column: 'Betrag', message: 'not an amount' })) };
    expect(importBlocker({ ...base, preview: withProblems })).toMatch('Leave out the 3 rows that could not be read');
    expect(importBlocker({ ...base, preview: withProblems, leaveOutProblems: true })).toBeNull();
  });
  it('blocks on an open question, no ticks, and a missing currency', () => {
    expect(importBlocker({ ...base, preview: askingPreview, open: 2 })).toMatch('Answer the question');
    expect(importBlocker({ ...base, ticked: 0 })).toMatch('Tick the rows');
    expect(importBlocker({ ...base, preview: camtPreview })).toMatch('currency');
    expect(importBlocker({ ...base, preview: camtPreview, currency: 'EUR' })).toBeNull();
  });
});

describe('words', () => {
  it('says settings as people write them', () => {
    expect(delimiterWords(';')).toBe('semicolon (;)');
    expect(delimiterWords('\t')).toBe('tab');
    expect(dateFormatWords('%d.%m.%Y')).toBe('DD.MM.YYYY');
    expect(dateFormatWords('%Y-%m-%d %H:%M:%S')).toBe('YYYY-MM-DD hh:mm:ss');
    expect(columnLabel(germanSniff, 3)).toBe('Column 4: Betrag');
    expect(columnLabel({ ...germanSniff, header: [] }, 3)).toBe('Column 4 (e.g. 14.000)');
    expect(importedSummary(12, 3)).toBe('12 transfers added · 3 were already in the case');
    expect(importedSummary(1, 0)).toBe('1 transfer added');
  });

  it('switches the amount layout keeping its columns', () => {
    const signed = withAmountKind(germanProfile.amount, 'Signed');
    expect(signed).toEqual({ Signed: { col: 3 } });
    expect(amountKind(signed)).toBe('Signed');
    expect(withAmountKind(germanProfile.amount, 'DebitCredit')).toEqual({ DebitCredit: { debit: 3, credit: 4 } });
  });
});

describe('cryptoCodes', () => {
  const assets = [{ code: 'USDT' }, { code: 'BTC' }];
  it('names the crypto assets among the ticked rows only, by the row, the statement or the chosen currency', () => {
    const preview = {
      ...camtPreview,
      rows: [statementRow(1, { currency: 'USDT' }), statementRow(2, { currency: null }), statementRow(3, { currency: 'GBP' })],
    };
    expect(cryptoCodes(preview, [{ row: 3, part: 1 }], '', assets)).toEqual([]);
    expect(cryptoCodes(preview, [{ row: 1, part: 1 }, { row: 3, part: 1 }], '', assets)).toEqual(['USDT']);
    expect(cryptoCodes(preview, [{ row: 2, part: 1 }], 'BTC', assets)).toEqual(['BTC']);
    expect(cryptoCodes(preview, [{ row: 2, part: 1 }], '', assets)).toEqual([]);
  });

  it('keeps the import closed until the network of crypto rows is chosen', () => {
    const state = { preview: readPreview, open: 0, ticked: 1, leaveOutProblems: false, currency: '', crypto: ['USDT'] };
    expect(importBlocker(state)).toBe('Choose the network of the USDT rows first: the statement does not say.');
    expect(importBlocker({ ...state, network: 'tron' })).toBeNull();
  });
});

describe('rowDay', () => {
  it('says the booking day in words, so 03/04 is never misread', () => {
    expect(rowDay('2026-04-03')).toBe('Fri 3 Apr 2026');
    expect(rowDay('2026-03-14')).toBe('Sat 14 Mar 2026');
    expect(rowDay('not a day')).toBe('not a day');
  });
});
