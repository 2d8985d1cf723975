// "Prepared by" and the bank or exchange last written on a dossier, remembered for the next one
// (for the whole case file, not per case). Kept in the encrypted store through the drafts table,
// never in the browser's storage. The value has no `fields`, so the drafts of forms
// (drafts.ts) ignore it: it is not unsaved text and is never asked about when closing.
import { api } from './api';

export const REMEMBERED_KEY = 'dossier:prepared-by';

export type Remembered = { prepared_by: string; institution: string };

const NOTHING: Remembered = { prepared_by: '', institution: '' };

/** What was written on the last dossier; empty when nothing was, or it cannot be read. */
export async function readRemembered(): Promise<Remembered> {
  const kept = (await api.listDrafts()).find((d) => d.key === REMEMBERED_KEY);
  if (!kept) return NOTHING;
  try {
    const value = JSON.parse(kept.value) as { remembered?: Partial<Remembered> };
    const r = value.remembered ?? {};
    return {
      prepared_by: typeof r.prepared_by === 'string' ? r.prepared_by : '',
      institution: typeof r.institution === 'string' ? r.institution : '',
    };
  } catch {
    return NOTHING;
  }
}

/** Keeps what was written on this dossier for the next one. */
export async function remember(values: Remembered): Promise<void> {
  await api.saveDraft(REMEMBERED_KEY, null, JSON.stringify({ remembered: values }));
}
