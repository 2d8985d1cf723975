// The contact form's fields: a new contact's defaults, a stored contact as the form edits it, and
// the keys its drafts are kept under.
import type { Contact, ContactInput } from './api';

/** Draft keys of the contact form (the same shape as formDraft's `draftKey`). */
export const contactDraftKey = {
  newContact: (caseId: number) => `case:${caseId}:contact:new`,
  contact: (id: number) => `contact:${id}`,
};

/** `now` as the case's zone writes it, `2026-03-20 14:05`; the computer's own time when the zone is unknown here. */
export function nowInZone(now: Date, zone: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
    const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  } catch {
    return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
  }
}

/** A new contact: now, with the bank, by phone. */
export function emptyContact(now: Date, zone: string): ContactInput {
  return {
    contacted_at: nowInZone(now, zone),
    party: 'bank',
    organisation: '',
    person: '',
    channel: 'phone',
    reference: '',
    summary: '',
    promised: '',
    next_step: '',
    next_step_due: null,
    next_step_done: false,
  };
}

/** A stored contact as the form (or a tick on the list) sends it back: its time as recorded, with its offset. */
export function contactToInput(c: Contact): ContactInput {
  return {
    contacted_at: c.contacted.recorded,
    party: c.party,
    organisation: c.organisation,
    person: c.person,
    channel: c.channel,
    reference: c.reference,
    summary: c.summary,
    promised: c.promised,
    next_step: c.next_step,
    next_step_due: c.next_step_due,
    next_step_done: c.next_step_done,
  };
}
