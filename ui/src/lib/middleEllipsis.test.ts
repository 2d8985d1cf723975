import { describe, expect, it } from 'vitest';
import { isTooLong, middleEllipsis } from './middleEllipsis';

describe('middleEllipsis', () => {
  it('keeps the start and the end of a long wallet address, one more character at the start', () => {
    expect(middleEllipsis('TRX9aQ4mZ7LpW2vB8cN1xYdF6hJ3kf3Qk', 10)).toBe('TRX9a…f3Qk');
    expect(middleEllipsis('TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', 18)).toBe('TNPeeaaFB…8G1NYqeL');
    expect(Array.from(middleEllipsis('DE89 3704 0044 0532 0130 00', 20))).toHaveLength(20);
  });

  it('leaves a value that fits unchanged, including one exactly as long as the limit', () => {
    expect(middleEllipsis('GB82WEST', 10)).toBe('GB82WEST');
    expect(middleEllipsis('0123456789', 10)).toBe('0123456789');
    expect(middleEllipsis('', 10)).toBe('');
    expect(isTooLong('0123456789', 10)).toBe(false);
    expect(isTooLong('0123456789a', 10)).toBe(true);
  });

  it('counts characters, never splitting a surrogate pair at either cut', () => {
    // Each 😀 and 𠮷 is two UTF-16 code units; a cut by code units would leave a lone surrogate.
    const value = '😀😀😀😀😀𠮷𠮷𠮷𠮷𠮷';
    const short = middleEllipsis(value, 5);
    expect(short).toBe('😀😀…𠮷𠮷');
    expect(short).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(middleEllipsis('ab😀cdef😀gh', 100)).toBe('ab😀cdef😀gh');
  });

  it('always keeps at least one character at each end', () => {
    expect(middleEllipsis('abcdefgh', 1)).toBe('a…h');
    expect(middleEllipsis('abcdefgh', 4)).toBe('ab…h');
  });
});
