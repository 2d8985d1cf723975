import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('./api', () => ({
  api: { getFormats: vi.fn(), setFormats: vi.fn(async (f: unknown) => f) },
}));

import { api } from './api';
import { ensureFormats, systemFormats } from './formats';

describe('formats', () => {
  beforeEach(() => vi.clearAllMocks());

  it('reads the date order and decimal mark of the system language', () => {
    expect(systemFormats('en-GB')).toEqual({ date_order: 'dmy', decimal_mark: 'point' });
    expect(systemFormats('en-US')).toEqual({ date_order: 'mdy', decimal_mark: 'point' });
    expect(systemFormats('de-DE')).toEqual({ date_order: 'dmy', decimal_mark: 'comma' });
    expect(systemFormats('ja-JP')).toEqual({ date_order: 'ymd', decimal_mark: 'point' });
    expect(systemFormats('not a locale !')).toEqual({ date_order: 'dmy', decimal_mark: 'point' });
  });

  it('saves the system formats the first time only', async () => {
    vi.mocked(api.getFormats).mockResolvedValueOnce(null);
    expect(await ensureFormats('de-DE')).toEqual({ date_order: 'dmy', decimal_mark: 'comma' });
    expect(api.setFormats).toHaveBeenCalledWith({ date_order: 'dmy', decimal_mark: 'comma' });
    vi.mocked(api.getFormats).mockResolvedValueOnce({ date_order: 'mdy', decimal_mark: 'point' });
    expect(await ensureFormats('de-DE')).toEqual({ date_order: 'mdy', decimal_mark: 'point' });
    expect(api.setFormats).toHaveBeenCalledTimes(1);
  });
});
