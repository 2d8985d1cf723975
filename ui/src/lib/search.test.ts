import { describe, expect, it } from 'vitest';
import type { SearchHit } from './api';
import { groupByCase, KIND_TAB, markWords } from './search';

const marked = (text: string, query: string) =>
  markWords(text, query)
    .map((p) => (p.marked ? `[${p.text}]` : p.text))
    .join('');

describe('markWords', () => {
  it('marks every typed word wherever it appears, in any case', () => {
    expect(marked('…the wallet TR7NHq… is hers, Anna said', 'anna tr7nhq')).toBe('…the wallet [TR7NHq]… is hers, [Anna] said');
    expect(marked('Paid to Anna and anna', 'ANNA')).toBe('Paid to [Anna] and [anna]');
  });

  it('marks a number typed with spaces where it is written together, and the other way round', () => {
    expect(marked('IBAN GB29NWBK60161331926819', 'GB29 NWBK 6016')).toBe('IBAN [GB29NWBK6016]1331926819');
    expect(marked('call +44 7911 123456 today', '447911123456')).toBe('call +[44 7911 123456] today');
  });

  it('leaves one-letter words and text with nothing typed unmarked, and treats typed symbols as text', () => {
    expect(marked('a cat and a hat', 'a cat')).toBe('a [cat] and a hat');
    expect(marked('Anna', '')).toBe('Anna');
    expect(marked('cost (x+1) more', '(x+1)')).toBe('cost [(x+1)] more');
    expect(markWords('', 'anna')).toEqual([]);
  });
});

describe('groupByCase', () => {
  const hit = (case_id: number, id: number): SearchHit => ({
    case_id, case_title: `Case ${case_id}`, kind: 'transfer', id, chat_id: null, label: `T-${id}`, snippet: '',
  });

  it('keeps the order of the cases and of the hits in each', () => {
    const groups = groupByCase([hit(4, 1), hit(4, 2), hit(2, 3), hit(4, 5)]);
    expect(groups.map((g) => [g.title, g.hits.map((h) => h.id)])).toEqual([
      ['Case 4', [1, 2, 5]],
      ['Case 2', [3]],
    ]);
  });
});

describe('KIND_TAB', () => {
  it('opens each kind of hit where that record is shown', () => {
    expect(KIND_TAB).toEqual({
      case: 'details', subject: 'people', identifier: 'people', transfer: 'transfers', event: 'timeline',
      evidence: 'evidence', chat_message: 'chats', contact: 'contacts',
    });
  });
});
