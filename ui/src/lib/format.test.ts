import { describe, expect, it } from 'vitest';
import { itemCount, labelOf, localDateTime, visible } from './format';
import { lists } from '../test/fixtures';

describe('format', () => {
  it('counts items in plain words', () => {
    expect(itemCount(0)).toBe('No items yet');
    expect(itemCount(1)).toBe('1 item');
    expect(itemCount(42)).toBe('42 items');
  });

  it('shows UTC times in a given zone and leaves bad input as it is', () => {
    expect(localDateTime('2026-11-25T14:03:00Z', 'en-GB', 'UTC')).toBe('25 Nov 2026, 14:03');
    expect(localDateTime('2026-11-25T14:03:00Z', 'en-GB', 'Asia/Singapore')).toBe('25 Nov 2026, 22:03');
    expect(localDateTime('not a time')).toBe('not a time');
  });

  it('takes labels from the reference lists core sends', () => {
    expect(labelOf(lists.statuses, 'in_recovery')).toBe('Recovery in progress');
    expect(labelOf(lists.sections, 'evidence')).toBe('Evidence');
    expect(labelOf([{ value: 'open', label: 'Still collecting' }], 'open')).toBe('Still collecting');
  });
});

describe('visible', () => {
  it('shows control and direction-reversing characters as escapes and leaves other text alone', () => {
    expect(visible('invoice\u202egnp.exe')).toBe('invoice\\u{202e}gnp.exe');
    expect(visible('a\u0000b\u001bc')).toBe('a\\u{0}b\\u{1b}c');
    expect(visible('Anna 娜娜 – Привет.png')).toBe('Anna 娜娜 – Привет.png');
  });
});
