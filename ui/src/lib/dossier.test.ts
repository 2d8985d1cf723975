import { describe, expect, it } from 'vitest';
import { progressText, suggestedFileName } from './dossier';

describe('dossier helpers', () => {
  const day = new Date('2026-11-25T10:00:00Z');
  it('suggests a safe file name', () => {
    expect(suggestedFileName('Anna / BTC-GX: "Pro"', 'police', '', day)).toBe('Casefile dossier – Anna BTC-GX Pro – 2026-11-25.pdf');
    expect(suggestedFileName('Case', 'bank', ' CoinHarbor ', day)).toBe('Letter to CoinHarbor – Case – 2026-11-25.pdf');
    expect(suggestedFileName('x'.repeat(300), 'police', '', day).length).toBeLessThan(140);
  });
  it('says what the export is doing', () => {
    expect(progressText(3, 200)).toBe('Preparing evidence pictures: 3 of 200');
    expect(progressText(200, 200)).toBe('Writing the PDF…');
    expect(progressText(0, 0)).toBe('Writing the PDF…');
  });
});
