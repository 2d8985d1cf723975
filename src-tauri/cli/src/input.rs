//! What the person gives on the command line: JSON records, with defaults for what they leave
//! out.

use serde::Deserialize;
use serde_json::Value;

use crate::failure::Failure;

/// Fills in the fields a person may leave out of a JSON record, then reads it.
pub(crate) fn with_defaults<T: for<'de> Deserialize<'de>>(
    what: &str,
    text: &str,
    defaults: Value,
) -> Result<T, Failure> {
    let given: Value = serde_json::from_str(text)
        .map_err(|e| Failure::Message(format!("The {what} is not valid JSON ({e}). Put it in single quotes: --json '{{\"amount\": \"100\"}}'.")))?;
    let Value::Object(given) = given else {
        return Err(Failure::Message(format!(
            "The {what} must be a JSON object, like {{\"amount\": \"100\"}}."
        )));
    };
    let Value::Object(mut merged) = defaults else {
        return Err(Failure::Message(
            "internal: defaults must be an object".into(),
        ));
    };
    merged.extend(given);
    serde_json::from_value(Value::Object(merged))
        .map_err(|e| Failure::Message(format!("The {what} has a field Casefile cannot use: {e}.")))
}
