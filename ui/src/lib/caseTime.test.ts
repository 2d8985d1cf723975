import { describe, expect, it } from 'vitest';
import { inCaseZone, readableRecorded } from './caseTime';

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
