import { describe, expect, it } from 'vitest';
import { hopWhen, inCaseZone, readableRecorded, transferWhen } from './caseTime';

describe('caseTime', () => {
  it("shows a time in the case's zone, or the recorded time when the zone is unknown", () => {
    expect(inCaseZone('2026-03-14T08:30:00Z', 'Asia/Hong_Kong')).toBe('14 Mar 2026, 16:30');
    expect(inCaseZone('2026-03-14T08:30:00Z', 'Not/AZone', '2026-03-14T09:30:00+01:00')).toBe('2026-03-14T09:30:00+01:00');
  });

  it('spaces out the recorded time and its offset', () => {
    expect(readableRecorded('2026-03-14T09:30:00+01:00')).toBe('2026-03-14 09:30:00 +01:00');
    expect(readableRecorded('2026-03-14T08:30:00Z')).toBe('2026-03-14 08:30:00 UTC');
  });
});

describe('transferWhen and hopWhen', () => {
  it('show a day a statement gave without a time as that day, never an invented midnight', () => {
    const t = { occurred: { utc: '2026-03-03T00:00:00Z', recorded: '2026-03-03T00:00:00+00:00' }, date_only: true };
    expect(transferWhen(t, 'America/New_York')).toBe('3 Mar 2026 (day only)');
    expect(transferWhen({ ...t, date_only: false }, 'Europe/London')).toBe('3 Mar 2026, 00:00');
    expect(hopWhen({ occurred: '2026-03-03T00:00:00-05:00', date_only: true }, 'Europe/London')).toBe('3 Mar 2026 (day only)');
    expect(hopWhen({ occurred: '2026-03-03T09:30:00+00:00', date_only: false }, 'Europe/London')).toBe('3 Mar 2026, 09:30');
  });
});
