import { describe, expect, it } from 'vitest';
import { currencyValue, emptyTransfer, isCrypto, placeWarnings, splitCurrency, transferToInput, warningPlace } from './transferForm';
import { lists } from '../test/fixtures';

describe('transfer form helpers', () => {
  it('round-trips currency and network through the select value', () => {
    expect(currencyValue('USDT', 'tron')).toBe('USDT|tron');
    expect(splitCurrency('USDT|tron')).toEqual({ currency: 'USDT', network: 'tron' });
    expect(splitCurrency('EUR')).toEqual({ currency: 'EUR', network: null });
    expect(currencyValue('EUR', null)).toBe('EUR');
  });

  it('starts a new transfer in the reporting currency, paid out by bank', () => {
    const t = emptyTransfer('GBP');
    expect(t.currency).toBe('GBP');
    expect(t.direction).toBe('out');
    expect(t.accept_warnings).toBe(false);
    expect([t.from_account_id, t.to_account_id, t.source_ids]).toEqual([null, null, []]);
  });

  it('edits a stored transfer at the time it was recorded, with its offset', () => {
    const input = transferToInput({
      ...emptyTransfer('EUR'),
      id: 4,
      case_id: 1,
      occurred: { utc: '2026-03-14T01:30:00Z', offset_minutes: 480, recorded: '2026-03-14T09:30:00+08:00' },
      amount: '2500.50',
      currency: 'USDT',
      network: 'tron',
      exchange_rate: '0.92',
      evidence_ids: [3],
      warnings: ['x'],
      created_at: '',
      updated_at: '',
      from_account_id: 2,
      to_account_id: 5,
      source_ids: [1],
      role: 'loss',
      date_only: false,
      statement: null,
    });
    expect(input.occurred_at).toBe('2026-03-14T09:30:00+08:00');
    expect(input.network).toBe('tron');
    expect(input.evidence_ids).toEqual([3]);
    expect(input.accept_warnings).toBe(false);
    expect([input.from_account_id, input.to_account_id, input.source_ids]).toEqual([2, 5, [1]]);
  });

  it('knows crypto assets', () => {
    expect(isCrypto('USDT', lists.crypto_assets)).toBe(true);
    expect(isCrypto('EUR', lists.crypto_assets)).toBe(false);
  });
});

describe('placing warnings beside their field', () => {
  it("places core's warnings by the field they are about", () => {
    expect(warningPlace('Beneficiary wallet: This looks like an Ethereum address, but the network chosen is TRON. Check the network.')).toBe('wallet');
    expect(warningPlace('Beneficiary wallet: choose the network of this wallet so its address can be checked.')).toBe('wallet');
    expect(warningPlace('Beneficiary account: This IBAN fails its check digits (mod-97): a digit was probably mistyped.')).toBe('account');
    expect(warningPlace('BIC: This is not a valid BIC/SWIFT code: it has 8 or 11 characters.')).toBe('bic');
    expect(warningPlace('Transaction hash: This should be 64 characters 0–9 and a–f.')).toBe('reference');
    expect(warningPlace('Date: 2027-03-14 09:30 is in the future. Check the year and the day.')).toBe('date');
    expect(warningPlace('The amount is much larger than the other transfers.')).toBe('amount');
  });

  it('reads the whole text when there is no field name first, and keeps the rest at the top', () => {
    expect(warningPlace('This address was already used in transfer T-3.')).toBe('wallet');
    expect(warningPlace('This IBAN is the one of your own bank account.')).toBe('account');
    expect(warningPlace('The same transfer seems to be recorded twice.')).toBe('top');
  });

  it('keeps the order core gave within each place', () => {
    const placed = placeWarnings(['Beneficiary wallet: one', 'Something else', 'Beneficiary wallet: two']);
    expect(placed.wallet).toEqual(['Beneficiary wallet: one', 'Beneficiary wallet: two']);
    expect(placed.top).toEqual(['Something else']);
    expect(placed.amount).toEqual([]);
  });
});
