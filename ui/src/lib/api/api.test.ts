import { describe, expect, it } from 'vitest';
import { ApiError, messageOf, unwrap } from './index';

describe('unwrap', () => {
  it('returns the data of an ok result', async () => {
    await expect(unwrap(Promise.resolve({ status: 'ok' as const, data: 42 }))).resolves.toBe(42);
  });

  it('throws an ApiError carrying kind and message of an error result', async () => {
    const failing = unwrap(
      Promise.resolve({
        status: 'error' as const,
        error: { kind: 'wrong_passphrase', message: "That passphrase doesn't open this case file." },
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
