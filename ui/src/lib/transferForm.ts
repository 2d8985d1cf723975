// Turning the transfer form's fields into the input core expects, and back.
import type { CryptoAsset, Network, Transfer, TransferInput } from './api';

/** The currency select's value: "EUR" for money, "USDT|tron" for a crypto asset on a network. */
export function currencyValue(currency: string, network: Network | null): string {
  return network ? `${currency}|${network}` : currency;
}

/** Splits the currency select's value back into code and network. */
export function splitCurrency(value: string): { currency: string; network: Network | null } {
  const [currency, network] = value.split('|');
  return { currency, network: (network as Network | undefined) ?? null };
}

/** An empty form for a new transfer, defaulting to money paid out by bank transfer. */
export function emptyTransfer(reportingCurrency: string): TransferInput {
  return {
    occurred_at: '',
    direction: 'out',
    amount: '',
    currency: reportingCurrency,
    network: null,
    method: 'bank_transfer',
    from_account: '',
    beneficiary_name: '',
    beneficiary_bank: '',
    beneficiary_account: '',
    beneficiary_bic: '',
    beneficiary_wallet: '',
    wallet_is_exchange_deposit: false,
    reference: '',
    exchange_rate: null,
    status: 'completed',
    notes: '',
    evidence_ids: [],
    accept_warnings: false,
    from_account_id: null,
    to_account_id: null,
    source_ids: [],
  };
}

/** The form for editing a stored transfer (its time as recorded, with its offset, its accounts and hop links). */
export function transferToInput(t: Transfer): TransferInput {
  return {
    occurred_at: t.occurred.recorded,
    direction: t.direction,
    amount: t.amount,
    currency: t.currency,
    network: t.network,
    method: t.method,
    from_account: t.from_account,
    beneficiary_name: t.beneficiary_name,
    beneficiary_bank: t.beneficiary_bank,
    beneficiary_account: t.beneficiary_account,
    beneficiary_bic: t.beneficiary_bic,
    beneficiary_wallet: t.beneficiary_wallet,
    wallet_is_exchange_deposit: t.wallet_is_exchange_deposit,
    reference: t.reference,
    exchange_rate: t.exchange_rate,
    status: t.status,
    notes: t.notes,
    evidence_ids: [...t.evidence_ids],
    accept_warnings: false,
    from_account_id: t.from_account_id,
    to_account_id: t.to_account_id,
    source_ids: [...t.source_ids],
  };
}

/** Whether the chosen currency is a crypto asset (so the wallet fields matter). */
export function isCrypto(currency: string, assets: CryptoAsset[]): boolean {
  return assets.some((a) => a.code === currency);
}

/** The field a warning from core is shown beside; `top` for a warning about no one field. */
export type WarningPlace = 'date' | 'amount' | 'account' | 'bic' | 'wallet' | 'reference' | 'top';

// Most specific first: "Beneficiary wallet: … the network chosen …" is about the wallet.
const PLACES: [WarningPlace, RegExp][] = [
  ['date', /\bdate\b|\bfuture\b|\bin the past\b/i],
  ['reference', /transaction hash|\bhash\b|\breference\b/i],
  ['bic', /\bBIC\b|\bSWIFT\b/i],
  ['account', /\bIBAN\b|\baccount\b|\bsort code\b/i],
  ['wallet', /\bwallet\b|\baddress\b|\bnetwork\b/i],
  ['amount', /\bamount\b/i],
];

/**
 * Which field a warning is about, by what it talks about. Core starts most warnings with the
 * field's name ("Beneficiary wallet: …", "Date: …"), so that part decides first; the whole text
 * decides otherwise.
 */
export function warningPlace(warning: string): WarningPlace {
  const colon = warning.indexOf(':');
  const head = colon > 0 && colon <= 40 ? warning.slice(0, colon) : '';
  for (const text of [head, warning]) {
    if (!text) continue;
    const found = PLACES.find(([, re]) => re.test(text));
    if (found) return found[0];
  }
  return 'top';
}

/** Every warning beside its field, in the order core gave them. */
export function placeWarnings(warnings: readonly string[]): Record<WarningPlace, string[]> {
  const placed: Record<WarningPlace, string[]> = { date: [], amount: [], account: [], bic: [], wallet: [], reference: [], top: [] };
  for (const w of warnings) placed[warningPlace(w)].push(w);
  return placed;
}
