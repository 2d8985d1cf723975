import { describe, expect, it } from 'vitest';
import type { Evidence } from './api';
import { evidence } from '../test/evidence';
import {
  UNKNOWN_DAY,
  arrangeEvidence,
  captureLabel,
  dayInWords,
  daysPresent,
  filterEvidence,
  groupByDay,
  isFiltered,
  kindOf,
  noFilter,
  sortEvidence,
} from './evidenceFilter';

/** A capture time as core sends it: recorded with its offset, and the same instant in UTC. */
function taken(recorded: string): Evidence['captured'] {
  const utc = new Date(recorded).toISOString().replace('.000Z', 'Z');
  const sign = recorded[recorded.length - 6] === '-' ? -1 : 1;
  const [h, m] = recorded.slice(-5).split(':').map(Number);
  return { utc, offset_minutes: recorded.endsWith('Z') ? 0 : sign * (h * 60 + m), recorded };
}

const ids = (items: Evidence[]) => items.map((e) => e.id);

const shots = [
  evidence(1, 'shot_10.png', { captured: taken('2026-03-14T21:00:00+08:00'), intake_at: '2026-11-25T10:00:02Z' }),
  evidence(2, 'shot_2.png', { captured: taken('2026-03-14T09:30:00+08:00'), caption: 'First deposit on the fake app', intake_at: '2026-11-25T10:00:01Z' }),
  evidence(3, 'statement.pdf', { media_type: 'application/pdf', captured: taken('2026-03-15T08:00:00+01:00'), intake_at: '2026-11-26T09:00:00Z' }),
  evidence(4, 'chat.txt', { media_type: 'text/plain', captured: null, intake_at: '2026-11-20T09:00:00Z' }),
  evidence(5, 'Shot_1.jpg', { media_type: 'image/jpeg', captured: taken('2026-03-13T23:59:00+08:00'), intake_at: '2026-11-25T10:00:00Z' }),
];

describe('search', () => {
  it('finds words in the file name, caption and capture time, in any case, all words needed', () => {
    expect(ids(filterEvidence(shots, { ...noFilter(), text: 'SHOT_' }, null))).toEqual([1, 2, 5]);
    expect(ids(filterEvidence(shots, { ...noFilter(), text: 'fake deposit' }, null))).toEqual([2]);
    expect(ids(filterEvidence(shots, { ...noFilter(), text: 'fake shot_10' }, null))).toEqual([]);
    expect(ids(filterEvidence(shots, { ...noFilter(), text: '2026-03-14 09:30' }, null))).toEqual([2]);
    expect(ids(filterEvidence(shots, { ...noFilter(), text: 'time unknown' }, null))).toEqual([4]);
  });

  it('finds the day in words and the V-number', () => {
    expect(ids(filterEvidence(shots, { ...noFilter(), text: 'saturday' }, null))).toEqual([1, 2]);
    expect(ids(filterEvidence(shots, { ...noFilter(), text: 'v-3' }, null))).toEqual([3]);
  });
});

describe('filters', () => {
  it('keeps pictures, PDFs or other files by media type', () => {
    expect(kindOf(shots[4])).toBe('picture');
    expect(ids(filterEvidence(shots, { ...noFilter(), kind: 'picture' }, null))).toEqual([1, 2, 5]);
    expect(ids(filterEvidence(shots, { ...noFilter(), kind: 'pdf' }, null))).toEqual([3]);
    expect(ids(filterEvidence(shots, { ...noFilter(), kind: 'other' }, null))).toEqual([4]);
  });

  it('keeps one capture day as recorded, or the items without a time', () => {
    // 23:59 in UTC+8 on the 13th is still the 13th: the day is the one the phone showed.
    expect(ids(filterEvidence(shots, { ...noFilter(), day: '2026-03-13' }, null))).toEqual([5]);
    expect(ids(filterEvidence(shots, { ...noFilter(), day: '2026-03-14' }, null))).toEqual([1, 2]);
    expect(ids(filterEvidence(shots, { ...noFilter(), day: UNKNOWN_DAY }, null))).toEqual([4]);
  });

  it('keeps linked or unlinked items, and hides nothing when links are not known', () => {
    const linked = new Set([2, 3]);
    expect(ids(filterEvidence(shots, { ...noFilter(), linked: 'linked' }, linked))).toEqual([2, 3]);
    expect(ids(filterEvidence(shots, { ...noFilter(), linked: 'unlinked' }, linked))).toEqual([1, 4, 5]);
    expect(ids(filterEvidence(shots, { ...noFilter(), linked: 'unlinked' }, null))).toEqual([1, 2, 3, 4, 5]);
  });

  it('says whether anything narrows the grid; the order alone does not', () => {
    expect(isFiltered(noFilter())).toBe(false);
    expect(isFiltered({ ...noFilter(), sort: 'name' })).toBe(false);
    expect(isFiltered({ ...noFilter(), text: '  ' })).toBe(false);
    expect(isFiltered({ ...noFilter(), day: '2026-03-14' })).toBe(true);
  });
});

describe('sort', () => {
  it('orders by capture time, oldest or newest first, unknown times last either way', () => {
    expect(ids(sortEvidence(shots, 'oldest'))).toEqual([5, 2, 1, 3, 4]);
    expect(ids(sortEvidence(shots, 'newest'))).toEqual([3, 1, 2, 5, 4]);
  });

  it('orders file names as people read numbers, ignoring case', () => {
    expect(ids(sortEvidence(shots, 'name')).map((id) => shots.find((e) => e.id === id)!.file_name)).toEqual([
      'chat.txt', 'Shot_1.jpg', 'shot_2.png', 'shot_10.png', 'statement.pdf',
    ]);
  });

  it('orders by date added, the most recent first', () => {
    expect(ids(sortEvidence(shots, 'added'))).toEqual([3, 1, 2, 5, 4]);
  });

  it('keeps a day together when its items were recorded with different offsets', () => {
    const mixed = [
      evidence(1, 'a.png', { captured: taken('2026-03-14T23:30:00+08:00') }), // 15:30 UTC
      evidence(2, 'b.png', { captured: taken('2026-03-15T00:10:00+08:00') }), // 16:10 UTC on the 14th
      evidence(3, 'c.png', { captured: taken('2026-03-14T20:00:00+01:00') }), // 19:00 UTC
    ];
    expect(ids(sortEvidence(mixed, 'oldest'))).toEqual([1, 3, 2]);
    expect(groupByDay(sortEvidence(mixed, 'oldest')).map((g) => g.day)).toEqual(['2026-03-14', '2026-03-15']);
  });

  it('does not change the list it was given', () => {
    const copy = [...shots];
    sortEvidence(shots, 'name');
    expect(shots).toEqual(copy);
  });
});

describe('days', () => {
  it('writes a day in words, from the calendar date alone', () => {
    expect(dayInWords('2026-03-14')).toBe('Saturday 14 March 2026');
    expect(dayInWords('2024-02-29')).toBe('Thursday 29 February 2024');
    expect(dayInWords('not a day')).toBe('not a day');
  });

  it('shows the time as recorded, without converting it', () => {
    expect(captureLabel(shots[1])).toBe('2026-03-14 09:30');
    expect(captureLabel(shots[3])).toBe('time unknown');
  });

  it('heads each day with its date in words and its count, unknown times last', () => {
    const { groups } = arrangeEvidence(shots, noFilter(), null);
    expect(groups.map((g) => g.heading)).toEqual([
      'Friday 13 March 2026 · 1 item',
      'Saturday 14 March 2026 · 2 items',
      'Sunday 15 March 2026 · 1 item',
      'Time unknown · 1 item',
    ]);
    expect(ids(groups[1].items)).toEqual([2, 1]);
  });

  it('shows one list without headings when ordered by name or date added', () => {
    const { shown, groups } = arrangeEvidence(shots, { ...noFilter(), sort: 'name' }, null);
    expect(groups).toEqual([{ day: null, heading: '', items: shown }]);
    expect(arrangeEvidence([], { ...noFilter(), sort: 'name' }, null).groups).toEqual([]);
  });

  it('offers the days present with their counts', () => {
    expect(daysPresent(shots)).toEqual([
      { value: '2026-03-13', label: 'Friday 13 March 2026 (1 item)', count: 1 },
      { value: '2026-03-14', label: 'Saturday 14 March 2026 (2 items)', count: 2 },
      { value: '2026-03-15', label: 'Sunday 15 March 2026 (1 item)', count: 1 },
      { value: UNKNOWN_DAY, label: 'Time unknown (1 item)', count: 1 },
    ]);
  });
});

describe('a caseworker-sized case', () => {
  it('arranges 600 items over 30 days, every item once, each day whole and in order', () => {
    const many = Array.from({ length: 600 }, (_, i) => {
      const day = String(1 + (i % 30)).padStart(2, '0');
      const minute = String(i % 60).padStart(2, '0');
      return evidence(i + 1, `Screenshot_${i + 1}.png`, { captured: taken(`2026-03-${day}T10:${minute}:00+08:00`) });
    });
    const { shown, groups } = arrangeEvidence(many, { ...noFilter(), sort: 'newest' }, null);
    expect(shown).toHaveLength(600);
    expect(groups).toHaveLength(30);
    expect(groups[0].heading).toBe('Monday 30 March 2026 · 20 items');
    expect(groups.flatMap((g) => g.items)).toEqual(shown);
    const narrowed = arrangeEvidence(many, { ...noFilter(), text: 'screenshot_59', day: '2026-03-29' }, null);
    expect(ids(narrowed.shown)).toEqual([59, 599]);
  });
});
