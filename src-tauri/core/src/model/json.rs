//! Records given as JSON (the CLI's `--json`, case exports): read strictly — a misspelled field
//! is refused and the closest known name suggested, never silently dropped.

use serde::de::DeserializeOwned;

use crate::{CoreError, Result};

/// Reads `T` from JSON text; a UTF-8 byte-order mark at the start is allowed. `what` names the
/// record in messages ("transfer", "case export").
pub fn from_json_slice<T: DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| explain(what, &e))
}

/// Reads `T` from an already parsed JSON value.
pub fn from_json_value<T: DeserializeOwned>(what: &str, value: serde_json::Value) -> Result<T> {
    serde_json::from_value(value).map_err(|e| explain(what, &e))
}

/// A plain message for a JSON error, naming the field and suggesting the known name closest to
/// a misspelled one.
fn explain(what: &str, e: &serde_json::Error) -> CoreError {
    use serde_json::error::Category;
    let text = e.to_string();
    let message = match e.classify() {
        Category::Syntax | Category::Eof => format!(
            "The {what} is not valid JSON (line {}, column {}). Check for a missing quote, comma or bracket.",
            e.line(),
            e.column()
        ),
        Category::Io => format!("The {what} could not be read ({e})."),
        Category::Data => match unknown_field(&text) {
            Some((field, known)) => {
                let closest = known
                    .iter()
                    .map(|k| (strsim::jaro_winkler(&field, k), k))
                    .filter(|(score, _)| *score > 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, k)| format!(" Did you mean \"{k}\"?"))
                    .unwrap_or_default();
                format!(
                    "The {what} has a field Casefile does not know: \"{field}\".{closest} Known fields: {}. Nothing was saved.",
                    known.join(", ")
                )
            }
            None => format!("The {what} has a value Casefile cannot use: {}.", strip_position(&text)),
        },
    };
    CoreError::invalid("json", message)
}

/// `unknown field `x`, expected one of `a`, `b`` (serde's wording) → ("x", ["a", "b"]).
fn unknown_field(text: &str) -> Option<(String, Vec<String>)> {
    let rest = text.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let known = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect();
    Some((field.to_string(), known))
}

fn strip_position(text: &str) -> &str {
    text.rsplit_once(" at line ").map_or(text, |(head, _)| head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TransferInput;

    fn transfer_json(extra: &str) -> String {
        format!(
            r#"{{"occurred_at":"2026-03-14 09:30","direction":"out","amount":"100","currency":"EUR","network":null,
            "method":"bank_transfer","from_account":"","beneficiary_name":"","beneficiary_bank":"","beneficiary_account":"",
            "beneficiary_bic":"","beneficiary_wallet":"","wallet_is_exchange_deposit":false,"reference":"",
            "exchange_rate":null,"status":"completed","notes":"","evidence_ids":[],"accept_warnings":false{extra}}}"#
        )
    }

    #[test]
    fn misspelled_fields_are_refused_with_the_closest_name() {
        let err = from_json_slice::<TransferInput>(
            "transfer",
            transfer_json(r#","benficiary_name":"X""#).as_bytes(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("\"benficiary_name\""), "{err}");
        assert!(err.contains("Did you mean \"beneficiary_name\"?"), "{err}");
        let err = from_json_slice::<TransferInput>(
            "transfer",
            transfer_json(r#","beneficiary_iban":"DE89""#).as_bytes(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("\"beneficiary_iban\""), "{err}");
        assert!(err.contains("beneficiary_account"), "{err}");
    }

    #[test]
    fn a_byte_order_mark_is_fine_and_broken_json_says_where() {
        let with_bom = format!("\u{feff}{}", transfer_json(""));
        assert!(from_json_slice::<TransferInput>("transfer", with_bom.as_bytes()).is_ok());
        let err = from_json_slice::<TransferInput>("transfer", b"{\"amount\": ").unwrap_err();
        assert!(err.to_string().contains("not valid JSON (line 1"), "{err}");
    }
}
