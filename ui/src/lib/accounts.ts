// The case's accounts as the Money tab shows them: grouped by whose they are, offered in the
// transfer form's pickers, and turned into the input core expects. Whose an account is decides
// what a transfer is (core's rule); here it is only shown and chosen.
import type { Account, AccountInput, AccountOwner, ReferenceLists } from './api';
import { labelOf } from './format';

/** The key each account form keeps its draft under (stable across a case switch, a lock, a restart). */
export const accountDraftKey = {
  newAccount: (caseId: number) => `case:${caseId}:account:new`,
  account: (id: number) => `account:${id}`,
};

/** One owner's accounts, under the owner's label from core. */
export type OwnerGroup = { owner: AccountOwner; label: string; accounts: Account[] };

/** The accounts grouped by owner in the order core lists the owners; owners without accounts left out. */
export function groupByOwner(accounts: readonly Account[], lists: ReferenceLists): OwnerGroup[] {
  return lists.account_owners
    .map((o) => ({ owner: o.value, label: o.label, accounts: accounts.filter((a) => a.owner === o.value) }))
    .filter((g) => g.accounts.length > 0);
}

/** An empty form: an account whose owner is not known yet. */
export function emptyAccount(): AccountInput {
  return { owner: 'unknown', kind: 'bank', name: '', institution: '', number: '', network: null, is_exchange_deposit: false, notes: '' };
}

/** The form for changing a stored account. */
export function accountToInput(a: Account): AccountInput {
  return {
    owner: a.owner,
    kind: a.kind,
    name: a.name,
    institution: a.institution,
    number: a.number,
    network: a.network,
    is_exchange_deposit: a.is_exchange_deposit,
    notes: a.notes,
  };
}

/** What the form sends: a network and the deposit tick only for a wallet (core refuses the tick otherwise). */
export function accountToSend(input: AccountInput): AccountInput {
  const wallet = input.kind === 'wallet';
  return { ...input, network: wallet ? input.network : null, is_exchange_deposit: wallet && input.is_exchange_deposit };
}

/** "Barclays current account — The victim's own", as the transfer form's pickers list an account. */
export function accountChoice(a: Account, lists: ReferenceLists): string {
  return `${a.name} — ${labelOf(lists.account_owners, a.owner)}`;
}

/** "the victim's own", for use inside a sentence. */
export function ownerWords(owner: AccountOwner, lists: ReferenceLists): string {
  const label = labelOf(lists.account_owners, owner);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** The account's name by id, or '' when the id is null or not an account of the case. */
export function accountName(accounts: readonly Account[], id: number | null): string {
  if (id === null) return '';
  return accounts.find((a) => a.id === id)?.name ?? '';
}

/** "T-1, T-3 and T-4". */
export function transferCodes(ids: readonly number[]): string {
  const codes = ids.map((id) => `T-${id}`);
  if (codes.length <= 1) return codes.join('');
  return `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
}
