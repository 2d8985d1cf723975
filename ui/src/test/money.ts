// Small builders for the Money tab's tests: accounts, a money trail and its loss summary,
// typed by the generated bindings.
import type { Account, CurrencyTotal, LossSummary, MoneyTrail, TrailEdge, TrailNode, TrailPicture } from '../lib/api';

export const account = (id: number, over: Partial<Account> = {}): Account => ({
  id,
  case_id: 3,
  owner: 'victim',
  kind: 'bank',
  name: `Account ${id}`,
  institution: '',
  number: '',
  network: null,
  is_exchange_deposit: false,
  notes: '',
  transfers: 0,
  warnings: [],
  created_at: '2026-03-14T08:31:00Z',
  updated_at: '2026-03-14T08:31:00Z',
  ...over,
});

export const barclays = account(1, { name: 'Barclays current account', institution: 'Barclays', number: 'GB29 NWBK 6016 1331 9268 19', transfers: 3 });
export const binance = account(2, { kind: 'exchange', name: 'Binance', institution: 'Binance', number: '38291746', transfers: 4 });
export const scamWallet = account(3, {
  owner: 'scammer',
  kind: 'wallet',
  name: 'Wallet the fake app gave',
  number: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL',
  network: 'tron',
  is_exchange_deposit: true,
  transfers: 2,
  warnings: ['This wallet was also used in another case.'],
});
export const mule = account(4, { owner: 'unknown', name: 'Golden Harbour Trading Ltd', number: 'DE44500105175407324931', transfers: 1 });

export const total = (over: Partial<CurrencyTotal> = {}): CurrencyTotal => ({
  currency: 'GBP',
  network: null,
  paid_out: '0',
  received: '0',
  recovered: '0',
  net_loss: '0',
  transfers: 1,
  exact: true,
  ...over,
});

export const loss = (over: Partial<LossSummary> = {}): LossSummary => ({
  per_currency: [],
  reporting_currency: 'GBP',
  in_reporting_currency: total(),
  transfers_without_rate: 0,
  missing_rates: [],
  hops: 0,
  traced: 0,
  unplaced: [],
  first_transfer_at: null,
  last_transfer_at: null,
  transfers: 0,
  ...over,
});

export const node = (label: string, over: Partial<TrailNode> = {}): TrailNode => ({
  account_id: null,
  whose: over.owner === 'scammer' ? "Scammers'" : over.owner === 'unknown' ? 'Not known' : "Victim's own",
  label,
  detail: '',
  owner: 'victim',
  kind: 'bank',
  exchange_deposit: false,
  layer: 0,
  x: 0,
  y: 0,
  width: 160,
  height: 48,
  ...over,
});

export const edge = (from: number, to: number, over: Partial<TrailEdge> = {}): TrailEdge => ({
  from,
  to,
  transfer_ids: [1],
  role: 'loss',
  direction: 'out',
  lines: [],
  points: [
    [160, 24],
    [240, 24],
  ],
  label_x: 170,
  label_y: 30,
  label_width: 60,
  label_height: 14,
  ...over,
});

/** Bank → own exchange account (3 hops) → the scammers' deposit wallet (2 losses). */
export const wholeTrail: TrailPicture = {
  title: 'The whole trail',
  width: 1400,
  height: 220,
  nodes: [
    node('Barclays current account', { account_id: 1, detail: 'Barclays · GB29 NWBK … 9268 19', x: 20, y: 40, width: 180, height: 48 }),
    node('Binance', { account_id: 2, kind: 'exchange', detail: 'Binance · 38291746', layer: 1, x: 600, y: 40, width: 150, height: 48 }),
    node('Wallet the fake app gave', {
      account_id: 3,
      owner: 'scammer',
      whose: "Scammers' · exchange deposit",
      kind: 'wallet',
      detail: 'TNPeea … NYqeL',
      exchange_deposit: true,
      layer: 2,
      x: 1180,
      y: 120,
      width: 200,
      height: 60,
    }),
  ],
  edges: [
    edge(0, 1, {
      transfer_ids: [1, 2, 3],
      role: 'hop',
      lines: ['14 Mar 2026 · 4,000.00 GBP', '15 Mar 2026 · 4,000.00 GBP', '16 Mar 2026 · 4,000.00 GBP'],
      points: [
        [200, 64],
        [600, 64],
      ],
      label_x: 330,
      label_y: 20,
      label_width: 140,
      label_height: 36,
    }),
    edge(1, 2, {
      transfer_ids: [4, 5],
      lines: ['17 Mar 2026 · 7,500 USDT', '18 Mar 2026 · 7,500 USDT'],
      points: [
        [750, 64],
        [960, 64],
        [960, 150],
        [1180, 150],
      ],
      label_x: 980,
      label_y: 90,
      label_width: 130,
      label_height: 25,
    }),
  ],
};

export const marchOnly: TrailPicture = {
  title: 'March 2026',
  width: 400,
  height: 120,
  nodes: [node('Monzo', { x: 10, y: 10 }), node('Kraken', { owner: 'unknown', kind: 'exchange', x: 220, y: 10 })],
  edges: [edge(0, 1, { transfer_ids: [9], lines: ['2 Mar 2026 · 100.00 GBP'] })],
};

export const trail = (over: Partial<MoneyTrail> = {}): MoneyTrail => ({
  pictures: [wholeTrail],
  hops: [
    { transfer_id: 1, occurred: '2026-03-14T09:30:00+00:00', date_only: false, amount: '4000.00', currency: 'GBP', from_account: 'Barclays current account', to_account: 'Binance', funded: [4, 5] },
  ],
  loss: loss({
    per_currency: [total({ currency: 'USDT', network: 'tron', paid_out: '15000', net_loss: '15000', transfers: 2 })],
    missing_rates: [{ currency: 'USDT', network: 'tron', transfer_ids: [4, 5] }],
    transfers_without_rate: 2,
    hops: 3,
    transfers: 5,
  }),
  ...over,
});
