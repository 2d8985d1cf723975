import { describe, expect, it } from 'vitest';
import type { Contact } from './api';
import { contactDraftKey, contactToInput, emptyContact, nowInZone } from './contactForm';

describe('contact form fields', () => {
  const now = new Date('2026-03-20T13:05:00Z');

  it("starts a new contact now in the case's zone, with the bank, by phone", () => {
    expect(nowInZone(now, 'Asia/Hong_Kong')).toBe('2026-03-20 21:05');
    expect(nowInZone(now, 'UTC')).toBe('2026-03-20 13:05');
    expect(emptyContact(now, 'Europe/Berlin')).toMatchObject({ contacted_at: '2026-03-20 14:05', party: 'bank', channel: 'phone', next_step_due: null, next_step_done: false });
  });

  it('falls back to the computer clock for a zone this system does not know', () => {
    expect(nowInZone(now, 'Not/AZone')).toMatch(/^2026-03-2\d \d\d:05$/);
  });

  it('sends a stored contact back with its time as recorded', () => {
    const c: Contact = {
      id: 4, case_id: 3, contacted: { utc: '2026-03-20T13:00:00Z', offset_minutes: 60, recorded: '2026-03-20T14:00:00+01:00' },
      party: 'police', organisation: 'Berlin LKA', person: 'Officer Roth', channel: 'in_person', reference: 'CR-1144', summary: 'Filed',
      promised: 'A letter', next_step: 'Chase', next_step_due: '2026-03-27', next_step_done: false, updated_at: '',
    };
    expect(contactToInput(c)).toEqual({
      contacted_at: '2026-03-20T14:00:00+01:00', party: 'police', organisation: 'Berlin LKA', person: 'Officer Roth', channel: 'in_person',
      reference: 'CR-1144', summary: 'Filed', promised: 'A letter', next_step: 'Chase', next_step_due: '2026-03-27', next_step_done: false,
    });
    expect(contactDraftKey.newContact(3)).toBe('case:3:contact:new');
    expect(contactDraftKey.contact(4)).toBe('contact:4');
  });
});
