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
    expect(progressText({ pages: 0, pictures_done: 0, pictures_total: 0 })).toBe('Laying out the pages…');
    expect(progressText({ pages: 212, pictures_done: 3, pictures_total: 200 })).toBe(
      '212 pages laid out · preparing evidence pictures: 3 of 200',
    );
    expect(progressText({ pages: 212, pictures_done: 200, pictures_total: 200 })).toBe('212 pages laid out · writing the PDF…');
    expect(progressText({ pages: 1, pictures_done: 0, pictures_total: 0 })).toBe('1 page laid out · writing the PDF…');
  });
});
