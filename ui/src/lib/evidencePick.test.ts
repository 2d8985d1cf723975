import { describe, expect, it } from 'vitest';
import { chosenItems, evidenceName, findEvidence, matchesEvidence, toggled } from './evidencePick';
import { evidence } from '../test/evidence';

const items = Array.from({ length: 70 }, (_, i) => evidence(i + 1, `IMG_${2000 + i}.png`, { caption: i === 11 ? 'Anna asks for the release fee' : '' }));

describe('finding evidence to link', () => {
  it('lists at most 20 of many items, and says how many there are', () => {
    const all = findEvidence(items, '');
    expect(all.shown).toHaveLength(20);
    expect(all.total).toBe(70);
  });

  it('finds by V-number exactly, by file name and by caption, every word counting', () => {
    expect(findEvidence(items, 'V-12').shown.map((e) => e.id)).toEqual([12]);
    expect(findEvidence(items, 'v12').shown.map((e) => e.id)).toEqual([12]);
    expect(findEvidence(items, 'IMG_2069').shown.map((e) => e.id)).toEqual([70]);
    expect(findEvidence(items, 'release fee').shown.map((e) => e.id)).toEqual([12]);
    expect(findEvidence(items, 'release img_2011').total).toBe(1);
    expect(findEvidence(items, 'release img_2012').total).toBe(0);
    expect(matchesEvidence(evidence(3, 'Scan.PDF'), 'scan.pdf')).toBe(true);
  });

  it('names items as the chips show them, and keeps chosen ids of items no longer listed', () => {
    expect(evidenceName(evidence(12, 'IMG_2044.png'))).toBe('V-12 · IMG_2044.png');
    expect(evidenceName(evidence(5, 'a\u202egnp.exe'))).toBe('V-5 · a\\u{202e}gnp.exe');
    expect(chosenItems(items, [70, 99, 3])).toEqual([
      { id: 3, name: 'V-3 · IMG_2002.png' },
      { id: 70, name: 'V-70 · IMG_2069.png' },
      { id: 99, name: 'V-99' },
    ]);
  });

  it('adds and takes out ids without duplicates', () => {
    expect(toggled([1, 2], 3, true)).toEqual([1, 2, 3]);
    expect(toggled([1, 2], 2, true)).toEqual([1, 2]);
    expect(toggled([1, 2], 1, false)).toEqual([2]);
  });
});
