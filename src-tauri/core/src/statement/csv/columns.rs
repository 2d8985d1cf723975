//! What a column holds, from the words of its header in English, German, French, Spanish, Dutch
//! and Italian, and the values that say money out or money in.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Balance,
    ValueDate,
    Id,
    Account,
    Indicator,
    Debit,
    Credit,
    Amount,
    Currency,
    Date,
    Time,
    Counterparty,
    Reference,
}

/// Header words (accents folded, lower case) for each role, tried in this order: the first role
/// with a phrase among a header's words wins (so "Value date" is not the date, "Counterparty
/// IBAN" is the account, "Debit/Credit" is the indicator).
const ROLE_WORDS: &[(Role, &[&str])] = &[
    (
        Role::Balance,
        &[
            "balance",
            "saldo",
            "kontostand",
            "solde",
            "running balance",
            "saldo contabile",
        ],
    ),
    (
        Role::ValueDate,
        &[
            "valutadatum",
            "valuta datum",
            "value date",
            "wertstellung",
            "date de valeur",
            "date valeur",
            "fecha valor",
            "data valuta",
            "rentedatum",
        ],
    ),
    (
        Role::Id,
        &[
            "transaction id",
            "transaktions id",
            "transaktionsid",
            "txid",
            "tx id",
            "txhash",
            "transaction hash",
            "order id",
            "trade id",
            "reference id",
            "id transaction",
            "transactie id",
            "id operazione",
            "id transaccion",
        ],
    ),
    (
        Role::Account,
        &[
            "iban",
            "kontonummer",
            "kontonr",
            "gegenkonto",
            "tegenrekening",
            "counterparty account",
            "beneficiary account",
            "payee account",
            "account number",
            "numero de compte",
            "numero de cuenta",
            "cuenta",
            "conto",
            "wallet address",
            "address",
        ],
    ),
    (
        Role::Indicator,
        &[
            "indicator",
            "dr cr",
            "cr dr",
            "debit credit",
            "credit debit",
            "d c",
            "s h",
            "soll haben",
            "af bij",
            "debet credit",
            "sign",
            "direction",
        ],
    ),
    (
        Role::Debit,
        &[
            "debit",
            "soll",
            "debet",
            "cargo",
            "cargos",
            "addebiti",
            "addebito",
            "uscite",
            "money out",
            "paid out",
            "withdrawal",
            "withdrawals",
            "ausgang",
            "ausgaben",
        ],
    ),
    (
        Role::Credit,
        &[
            "credit",
            "haben",
            "credito",
            "abono",
            "abonos",
            "accrediti",
            "accredito",
            "entrate",
            "money in",
            "paid in",
            "deposit",
            "deposits",
            "eingang",
            "einnahmen",
        ],
    ),
    (
        Role::Amount,
        &[
            "amount",
            "betrag",
            "montant",
            "importe",
            "bedrag",
            "importo",
            "umsatz",
            "change",
            "transaction amount",
            "net amount",
        ],
    ),
    (
        Role::Currency,
        &[
            "currency", "wahrung", "waehrung", "devise", "moneda", "divisa", "munt", "ccy",
            "asset", "coin",
        ],
    ),
    (
        Role::Date,
        &[
            "date",
            "datum",
            "buchungstag",
            "buchungsdatum",
            "fecha",
            "data",
            "boekdatum",
            "transaction date",
            "booking date",
            "posting date",
            "posted",
            "date time",
            "utc time",
        ],
    ),
    (
        Role::Time,
        &["time", "uhrzeit", "zeit", "heure", "hora", "tijd", "ora"],
    ),
    (
        Role::Counterparty,
        &[
            "name",
            "naam",
            "nom",
            "empfanger",
            "empfaenger",
            "auftraggeber",
            "beneficiary",
            "payee",
            "payer",
            "counterparty",
            "beguenstigter",
            "begunstigter",
            "zahlungspflichtiger",
            "beneficiaire",
            "contrepartie",
            "tiers",
            "beneficiario",
            "ordenante",
            "tegenpartij",
            "controparte",
            "merchant",
            "recipient",
        ],
    ),
    (
        Role::Reference,
        &[
            "reference",
            "referenz",
            "verwendungszweck",
            "description",
            "libelle",
            "concepto",
            "omschrijving",
            "mededelingen",
            "memo",
            "details",
            "narrative",
            "buchungstext",
            "causale",
            "descrizione",
            "descripcion",
            "purpose",
            "particulars",
            "note",
            "notes",
            "remark",
            "communication",
            "motif",
            "label",
            "type",
        ],
    ),
];

/// Pairs of indicator values (money out, money in), compared in upper case.
const INDICATOR_PAIRS: &[(&str, &str)] = &[
    ("D", "C"),
    ("DR", "CR"),
    ("S", "H"),
    ("DEBIT", "CREDIT"),
    ("SOLL", "HABEN"),
    ("-", "+"),
    ("AF", "BIJ"),
    ("DBIT", "CRDT"),
    ("OUT", "IN"),
];

/// A header cell folded to lower-case ASCII-ish words: "Auftraggeber/Empfänger" →
/// ["auftraggeber", "empfanger"].
fn words(cell: &str) -> Vec<String> {
    let folded: String = cell
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' => 'a',
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' => 'o',
            'ü' | 'ù' | 'ú' | 'û' => 'u',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ç' => 'c',
            'ñ' => 'n',
            'ß' => 's',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().map(str::to_owned).collect()
}

/// The role a header cell names, if any.
pub(super) fn role_of(header: &str) -> Option<Role> {
    let w = words(header);
    ROLE_WORDS.iter().find_map(|(role, phrases)| {
        phrases
            .iter()
            .any(|p| {
                let p: Vec<&str> = p.split(' ').collect();
                w.windows(p.len())
                    .any(|win| win.iter().zip(&p).all(|(a, b)| a == b))
            })
            .then_some(*role)
    })
}

/// The indicator pair all `values` belong to (at least one value).
pub(super) fn indicator_pair(values: &[&str]) -> Option<(&'static str, &'static str)> {
    if values.is_empty() {
        return None;
    }
    INDICATOR_PAIRS.iter().copied().find(|(out, inn)| {
        values.iter().all(|v| {
            let v = v.to_uppercase();
            v == *out || v == *inn
        })
    })
}
