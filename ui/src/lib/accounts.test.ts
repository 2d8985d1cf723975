import { describe, expect, it } from 'vitest';
import { accountChoice, accountToSend, emptyAccount, groupByOwner, ownerWords, transferCodes } from './accounts';
import { lists } from '../test/fixtures';
import { barclays, binance, mule, scamWallet } from '../test/money';

describe('accounts on the Money tab', () => {
  it("groups accounts by owner in core's order, leaving out owners without accounts", () => {
    const groups = groupByOwner([mule, scamWallet, barclays, binance], lists);
    expect(groups.map((g) => [g.label, g.accounts.map((a) => a.name)])).toEqual([
      ["The victim's own", ['Barclays current account', 'Binance']],
      ["The scammers'", ['Wallet the fake app gave']],
      ['Not known yet', ['Golden Harbour Trading Ltd']],
    ]);
    expect(groupByOwner([barclays], lists).map((g) => g.owner)).toEqual(['victim']);
  });

  it('sends a network and the exchange deposit tick only for a wallet', () => {
    const bank = { ...emptyAccount(), kind: 'bank' as const, network: 'tron' as const, is_exchange_deposit: true };
    expect(accountToSend(bank)).toMatchObject({ network: null, is_exchange_deposit: false });
    const wallet = { ...bank, kind: 'wallet' as const };
    expect(accountToSend(wallet)).toMatchObject({ network: 'tron', is_exchange_deposit: true });
  });

  it("labels an account in the pickers with its owner's words from core", () => {
    expect(accountChoice(scamWallet, lists)).toBe("Wallet the fake app gave — The scammers'");
    expect(ownerWords('victim', lists)).toBe("the victim's own");
  });

  it('names transfers as T-numbers in a sentence', () => {
    expect(transferCodes([4])).toBe('T-4');
    expect(transferCodes([4, 5])).toBe('T-4 and T-5');
    expect(transferCodes([1, 2, 3])).toBe('T-1, T-2 and T-3');
  });
});
