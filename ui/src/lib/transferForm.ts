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
  };
}

/** The form for editing a stored transfer (its time as recorded, with its offset). */
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
  };
}

/** Whether the chosen currency is a crypto asset (so the wallet fields matter). */
export function isCrypto(currency: string, assets: CryptoAsset[]): boolean {
  return assets.some((a) => a.code === currency);
}
