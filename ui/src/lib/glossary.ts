// The words Casefile cannot avoid, each explained in one plain sentence. Screens show them with
// <Term>, which adds a small "?" that opens the sentence.

export const GLOSSARY = {
  sha256: {
    term: 'SHA-256 fingerprint',
    plain:
      'A code computed from the file; if the file changed by one dot, the code would be different — it proves the file was not changed.',
  },
  custody: {
    term: 'chain of custody',
    plain:
      'The record of when each piece of evidence was added and everything done with it since, so others can trust it was not swapped or altered.',
  },
  utc: {
    term: 'UTC',
    plain:
      'The world’s reference clock (the time in London in winter); Casefile keeps every time in UTC as well, so times from different places can be put in order.',
  },
  timeZone: {
    term: 'time zone',
    plain:
      'The local time of a place (for example Europe/London or Asia/Hong_Kong); a case shows its times in the zone you choose for it.',
  },
  depositAddress: {
    term: 'exchange deposit address',
    plain:
      'A wallet address that belongs to a crypto exchange’s customer account; the exchange knows who that customer is and can freeze the money or name them.',
  },
  iban: {
    term: 'IBAN',
    plain: 'An international bank account number (it starts with two letters for the country, e.g. GB or DE).',
  },
  wallet: {
    term: 'wallet address',
    plain: 'The long string of letters and numbers that crypto is sent to, like an account number for crypto.',
  },
  txHash: {
    term: 'transaction hash',
    plain:
      'The unique reference of one crypto transfer; with it anyone can look the transfer up on the blockchain.',
  },
  audit: {
    term: 'audit log',
    plain:
      'Casefile’s own list of every change made to a case, with the time; each entry is linked to the one before, so a change made behind its back would show.',
  },
  dossier: {
    term: 'dossier',
    plain: 'The PDF that puts the whole case in order, to hand to the police, a bank or an exchange.',
  },
  evidence: {
    term: 'evidence',
    plain:
      'Anything that shows what happened: screenshots, photos, bank and exchange statements, chat exports, emails.',
  },
} as const;

/** A word the glossary explains. */
export type GlossaryKey = keyof typeof GLOSSARY;
