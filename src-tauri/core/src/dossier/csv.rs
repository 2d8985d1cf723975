//! Machine-readable companions of the dossier: transfers.csv, identifiers.csv and accounts.csv (UTF-8,
//! RFC 4180, spreadsheet-safe — a cell that a spreadsheet would run as a formula is prefixed
//! with an apostrophe).

use crate::model::{Account, Identifier, Subject, Transfer};

use super::content::Lists;

/// One CSV field: quoted when needed, formula-looking cells neutralised.
pub fn field(value: &str) -> String {
    let mut v = value.to_string();
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        v.insert(0, '\'');
    }
    if v.contains([',', '"', '\n', '\r']) || v.starts_with(' ') || v.ends_with(' ') {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn line(fields: &[&str]) -> String {
    let mut s = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    s.push_str("\r\n");
    s
}

/// Every transfer, one row each, with every field police and banks ask for; its two ends as
/// the case's accounts (`A-3` and the name, empty when none was chosen), what it is in the
/// loss computation, and the statement row it was made from.
pub fn transfers(transfers: &[Transfer], accounts: &[Account], lists: &Lists) -> Vec<u8> {
    let account = |id: Option<i32>| -> (String, String) {
        match id.and_then(|id| accounts.iter().find(|a| a.id == id)) {
            Some(a) => (format!("A-{}", a.id), a.name.clone()),
            None => (String::new(), String::new()),
        }
    };
    let mut out = line(&[
        "id",
        "occurred_at",
        "occurred_at_utc",
        "direction",
        "amount",
        "currency",
        "network",
        "method",
        "from_account",
        "beneficiary_name",
        "beneficiary_bank",
        "beneficiary_account",
        "beneficiary_bic",
        "beneficiary_wallet",
        "wallet_is_exchange_deposit",
        "reference_or_tx_hash",
        "explorer_link",
        "exchange_rate",
        "status",
        "warnings",
        "from_account_id",
        "from_account_name",
        "to_account_id",
        "to_account_name",
        "role",
        "statement_source",
    ]);
    for t in transfers {
        let (from_id, from_name) = account(t.from_account_id);
        let (to_id, to_name) = account(t.to_account_id);
        let source = t
            .statement
            .as_ref()
            .map(|s| {
                if s.part > 1 {
                    format!("V-{} row {} part {}", s.evidence_id, s.row, s.part)
                } else {
                    format!("V-{} row {}", s.evidence_id, s.row)
                }
            })
            .unwrap_or_default();
        let network = t.network.map(|n| n.as_str()).unwrap_or("");
        let link = lists.explorer_tx(t).unwrap_or_default();
        out.push_str(&line(&[
            &format!("T-{}", t.id),
            &t.occurred.recorded,
            &t.occurred.utc,
            t.direction.as_str(),
            &t.amount,
            &t.currency,
            network,
            t.method.as_str(),
            &t.from_account,
            &t.beneficiary_name,
            &t.beneficiary_bank,
            &t.beneficiary_account,
            &t.beneficiary_bic,
            &t.beneficiary_wallet,
            if t.wallet_is_exchange_deposit {
                "yes"
            } else {
                "no"
            },
            &t.reference,
            &link,
            t.exchange_rate.as_deref().unwrap_or(""),
            t.status.as_str(),
            &t.warnings.join(" | "),
            &from_id,
            &from_name,
            &to_id,
            &to_name,
            t.role.as_str(),
            &source,
        ]));
    }
    out.into_bytes()
}

/// Every account of the case the money passed through, with whose it is.
pub fn accounts(accounts: &[Account]) -> Vec<u8> {
    let mut out = line(&[
        "id",
        "name",
        "owner",
        "kind",
        "institution",
        "number",
        "network",
        "exchange_deposit",
        "transfers",
        "notes",
    ]);
    for a in accounts {
        out.push_str(&line(&[
            &format!("A-{}", a.id),
            &a.name,
            a.owner.as_str(),
            a.kind.as_str(),
            &a.institution,
            &a.number,
            a.network.map(|n| n.as_str()).unwrap_or(""),
            if a.is_exchange_deposit { "yes" } else { "no" },
            &a.transfers.to_string(),
            &a.notes,
        ]));
    }
    out.into_bytes()
}

/// Every identifier, with the subject it belongs to.
pub fn identifiers(subjects: &[Subject], loose: &[Identifier]) -> Vec<u8> {
    let mut out = line(&[
        "id",
        "subject",
        "subject_kind",
        "kind",
        "value",
        "normalized",
        "network",
        "bank",
        "exchange_deposit",
        "warnings",
    ]);
    let rows = subjects
        .iter()
        .flat_map(|s| s.identifiers.iter().map(move |i| (Some(s), i)))
        .chain(loose.iter().map(|i| (None, i)));
    for (s, i) in rows {
        out.push_str(&line(&[
            &format!("I-{}", i.id),
            s.map(|s| s.name.as_str()).unwrap_or(""),
            s.map(|s| s.kind.as_str()).unwrap_or(""),
            i.kind.as_str(),
            &i.value,
            &i.display,
            i.network.map(|n| n.as_str()).unwrap_or(""),
            &i.bank_name,
            if i.is_exchange_deposit { "yes" } else { "no" },
            &i.warnings.join(" | "),
        ]));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_rfc4180_and_spreadsheet_safe() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+447911123456"), "'+447911123456");
        assert_eq!(field("-5"), "'-5");
        assert_eq!(field("@cmd"), "'@cmd");
    }
}
