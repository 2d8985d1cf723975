import { describe, expect, it } from 'vitest';
import { edgePath, edgeWords, fitScale, leftOutWords, lossStep, missingRateWords, unplacedWords } from './trail';
import { lists } from '../test/fixtures';
import { edge, wholeTrail } from '../test/money';

describe('money-trail picture helpers', () => {
  it("draws an arrow through core's points, in order", () => {
    expect(edgePath(wholeTrail.edges[1])).toBe('M 750 64 L 960 64 L 960 150 L 1180 150');
    expect(edgePath(edge(0, 1, { points: [[1, null], [3, 4]] }))).toBe('M 1 0 L 3 4');
  });

  it("says an arrow in words: both ends with their owners, the transfers, and what they are", () => {
    expect(edgeWords(wholeTrail, wholeTrail.edges[0], lists)).toBe(
      "Barclays current account (the victim's own) → Binance (the victim's own): 3 transfers (T-1, T-2 and T-3): " +
        "14 Mar 2026 · 4,000.00 GBP; 15 Mar 2026 · 4,000.00 GBP; 16 Mar 2026 · 4,000.00 GBP — between the victim's own accounts, not a loss",
    );
    expect(edgeWords(wholeTrail, wholeTrail.edges[1], lists)).toMatch(
      /^Binance \(the victim's own\) → Wallet the fake app gave \(the scammers', exchange deposit address\): 2 transfers \(T-4 and T-5\): .* — left the victim's control$/,
    );
  });

  it('fits a wide picture to its box, never enlarging a small one', () => {
    expect(fitScale(1400, 700)).toBe(0.5);
    expect(fitScale(400, 700)).toBe(1);
    expect(fitScale(null, 700)).toBe(1);
  });

  it('names a missing rate with its transfers, and what the loss leaves out', () => {
    expect(missingRateWords({ currency: 'USDT', network: 'tron', transfer_ids: [4, 5] }, lists)).toBe('USDT on TRON (T-4 and T-5)');
    expect(leftOutWords({ hops: 3, traced: 1, unplaced: [7, 8] })).toEqual([
      "3 transfers between the victim's own accounts are not counted as loss.",
      "1 transfer traced between other people's accounts is shown in the trail but not counted.",
      "2 transfers (T-7 and T-8) came into the victim's own accounts from an account not chosen yet, so they are not counted: choose where the money came from.",
    ]);
    expect(leftOutWords({ hops: 0, traced: 0, unplaced: [] })).toEqual([]);
    expect(unplacedWords([4])).toBe(
      "1 transfer (T-4) came into the victim's own account from an account not chosen yet, so it is not counted: choose where the money came from.",
    );
    expect(lossStep('15000', '100', '0', '14900')).toBe('paid out 15,000 − received 100 − recovered 0 = 14,900');
  });
});
