// Small helpers for the dossier export screen.

/** A file name for the dossier: "Casefile dossier – <title> – 2026-11-25.pdf", safe on every system. */
export function suggestedFileName(title: string, variant: 'police' | 'bank', institution: string, today: Date): string {
  const date = today.toISOString().slice(0, 10);
  const what = variant === 'bank' ? `Letter to ${institution.trim() || 'bank'}` : 'Casefile dossier';
  const safe = `${what} – ${title}`
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${safe} – ${date}.pdf`;
}

/** "Preparing pictures: 12 of 200" or "Writing the PDF…". */
export function progressText(done: number, total: number): string {
  if (total === 0 || done >= total) return 'Writing the PDF…';
  return `Preparing evidence pictures: ${done} of ${total}`;
}
