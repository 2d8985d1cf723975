import { describe, expect, it } from 'vitest';
import { currencyValue, emptyTransfer, isCrypto, splitCurrency, transferToInput } from './transferForm';
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
    });
    expect(input.occurred_at).toBe('2026-03-14T09:30:00+08:00');
    expect(input.network).toBe('tron');
    expect(input.evidence_ids).toEqual([3]);
    expect(input.accept_warnings).toBe(false);
  });

  it('knows crypto assets', () => {
    expect(isCrypto('USDT', lists.crypto_assets)).toBe(true);
    expect(isCrypto('EUR', lists.crypto_assets)).toBe(false);
  });
});
