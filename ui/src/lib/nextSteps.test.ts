import { describe, expect, it } from 'vitest';
import { dayInWords, dayOf, daysUntil, dueState, dueTag, dueWords } from './nextSteps';

describe('next steps against today', () => {
  const today = '2026-03-20';

  it("takes today from the computer's own calendar day", () => {
    expect(dayOf(new Date(2026, 2, 20, 23, 59))).toBe('2026-03-20');
    expect(dayOf(new Date(2026, 0, 5, 0, 1))).toBe('2026-01-05');
  });

  it('counts whole days, across months', () => {
    expect(daysUntil('2026-03-27', today)).toBe(7);
    expect(daysUntil('2026-02-28', '2026-03-01')).toBe(-1);
    expect(daysUntil('soon', today)).toBeNull();
  });

  it('marks a passed date overdue, unless the step is done', () => {
    expect(dueState('2026-03-19', false, today)).toBe('overdue');
    expect(dueState('2026-03-19', true, today)).toBe('done');
    expect(dueState('2026-03-20', false, today)).toBe('today');
    expect(dueState('2026-03-24', false, today)).toBe('soon');
    expect(dueState('2026-04-30', false, today)).toBe('later');
    expect(dueState(null, false, today)).toBe('none');
  });

  it('says how soon in words', () => {
    expect(dueWords('2026-03-20', today)).toBe('due today');
    expect(dueWords('2026-03-21', today)).toBe('due tomorrow');
    expect(dueWords('2026-03-23', today)).toBe('due in 3 days');
    expect(dueWords('2026-03-19', today)).toBe('overdue since yesterday');
    expect(dueWords('2026-03-16', today)).toBe('overdue by 4 days');
    expect(dueWords('2026-04-02', today)).toBe('due on Thu 2 Apr 2026');
    expect(dueTag('2026-03-16', today)).toBe('Overdue by 4 days');
  });

  it('writes a day with its weekday, whatever the zone of the computer', () => {
    expect(dayInWords('2026-03-27')).toBe('Fri 27 Mar 2026');
    expect(dayInWords('not a day')).toBe('not a day');
  });
});
