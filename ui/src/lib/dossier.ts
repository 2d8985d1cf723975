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

/** "42 pages laid out · preparing evidence pictures: 12 of 200" or "… writing the PDF…". */
export function progressText(p: { pages: number; pictures_done: number; pictures_total: number }): string {
  const pages = p.pages === 0 ? 'Laying out the pages…' : `${p.pages} page${p.pages === 1 ? '' : 's'} laid out`;
  if (p.pages === 0) return pages;
  if (p.pictures_total === 0 || p.pictures_done >= p.pictures_total) return `${pages} · writing the PDF…`;
  return `${pages} · preparing evidence pictures: ${p.pictures_done} of ${p.pictures_total}`;
}
