import { describe, expect, it } from 'vitest';
import { ApiError, messageOf, unwrap, warningsOf } from './index';

describe('unwrap', () => {
  it('returns the data of an ok result', async () => {
    await expect(unwrap(Promise.resolve({ status: 'ok' as const, data: 42 }))).resolves.toBe(42);
  });

  it('throws an ApiError carrying kind and message of an error result', async () => {
    const failing = unwrap(
      Promise.resolve({
        status: 'error' as const,
        error: { kind: 'wrong_passphrase' as const, message: "That passphrase doesn't open this case file.", field: null, warnings: [] },
      }),
    );
    await expect(failing).rejects.toBeInstanceOf(ApiError);
    await expect(failing).rejects.toMatchObject({ kind: 'wrong_passphrase' });
    await failing.catch((e) => expect(messageOf(e)).toBe("That passphrase doesn't open this case file."));
  });

  it('turns an IPC failure into a plain message that says nothing was changed', async () => {
    const failing = unwrap(Promise.reject(new Error('ipc down')));
    await failing.catch((e) => {
      expect(e).toBeInstanceOf(ApiError);
      expect(e.kind).toBe('internal');
      expect(e.message).toContain('Nothing was changed');
    });
    expect.assertions(3);
  });
});

describe('warningsOf', () => {
  it('gives the warnings as the list core sent, even when one has several sentences', () => {
    const warnings = ['Beneficiary wallet: the checksum does not match. Check every character.', 'BIC: 7 characters.'];
    const e = new ApiError({ kind: 'needs_confirmation', message: 'Please check before saving: …', field: null, warnings });
    expect(warningsOf(e)).toEqual(warnings);
    expect(warningsOf(new ApiError({ kind: 'invalid', message: 'x', field: 'amount', warnings: [] }))).toBeNull();
  });
});
