//! Unsaved form text kept as a draft, so nothing typed is lost across case switches, a lock or
//! a restart.

use serde::{Deserialize, Serialize};
use specta::Type;

/// What a form held when the person last typed in it, not yet saved as a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Draft {
    /// Which form it belongs to, chosen by the window: `case:12:details`,
    /// `case:12:transfer:new`, `transfer:5`.
    pub key: String,
    /// The case the form is about, when it is about one (its drafts go when the case does).
    pub case_id: Option<i32>,
    /// The form's fields as a JSON object, as the window wrote them.
    pub value: String,
    /// When it was last written (UTC, RFC 3339).
    pub updated_at: String,
}
