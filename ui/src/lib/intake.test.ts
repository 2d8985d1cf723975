import { describe, expect, it, vi } from 'vitest';
import { humanSize, readAsBase64, runIntake, summarizeIntake } from './intake';

const file = (name: string, text = name) => new File([text], name, { type: 'image/png' });

describe('intake', () => {
  it('reads bytes as base64 without the data URL prefix', async () => {
    await expect(readAsBase64(new Blob(['hello']))).resolves.toBe('aGVsbG8=');
  });

  it('adds files in order, reports progress, and keeps going after a failure', async () => {
    const add = vi.fn(async (f: File) => {
      if (f.name === 'bad.png') throw new Error('too large');
      return { duplicate: f.name === 'dup.png' };
    });
    const progress = vi.fn();
    const out = await runIntake([file('a.png'), file('bad.png'), file('dup.png'), file('b.png')], add, progress, () => false, (e) => (e as Error).message);
    expect(add.mock.calls.map((c) => c[0].name)).toEqual(['a.png', 'bad.png', 'dup.png', 'b.png']);
    expect(out).toEqual({ added: 2, duplicates: 1, failed: [{ name: 'bad.png', message: 'too large' }], cancelled: false });
    expect(progress).toHaveBeenNthCalledWith(2, { done: 1, total: 4, current: 'bad.png' });
    expect(progress).toHaveBeenLastCalledWith({ done: 4, total: 4, current: '' });
    expect(summarizeIntake(out)).toBe('2 files added; 1 already in the case (same SHA-256), not stored twice; 1 could not be added.');
  });

  it('stops before the next file when cancelled and keeps what was added', async () => {
    let stop = false;
    const add = vi.fn(async (f: File) => {
      if (f.name === '2.png') stop = true;
      return { duplicate: false };
    });
    const out = await runIntake(['1.png', '2.png', '3.png', '4.png'].map((n) => file(n)), add, () => {}, () => stop);
    expect(add).toHaveBeenCalledTimes(2);
    expect(out.cancelled).toBe(true);
    expect(summarizeIntake(out)).toContain('everything added before that is kept');
  });

  it('formats sizes', () => {
    expect(humanSize(10)).toBe('1 KB');
    expect(humanSize(812 * 1024)).toBe('812 KB');
    expect(humanSize(3.4 * 1_048_576)).toBe('3.4 MB');
  });
});
