//! Dates and amounts as people type them (`14/03/2026 9:30`, `1.234,56`), read by the person's
//! formats and shown back in words before anything is saved.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::DateOrder;

stored_enum!(
    /// The character a person writes between whole units and cents.
    DecimalMark {
        Point => "point", "1,234.56 (point)";
        Comma => "comma", "1.234,56 (comma)";
    }
);

/// How a person writes dates and amounts: taken from the system at first start, changed in
/// Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    pub date_order: DateOrder,
    pub decimal_mark: DecimalMark,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            date_order: DateOrder::Dmy,
            decimal_mark: DecimalMark::Point,
        }
    }
}

/// One way to read a typed date: what is saved and what it means in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TimeChoice {
    /// What the forms send to be saved: `2026-03-14 09:30`, `2026-03-14`, or RFC 3339 as typed.
    pub value: String,
    /// "Saturday 14 March 2026, 09:30 Europe/London".
    pub words: String,
}

/// A typed date (and time) as Casefile reads it. Exactly one of: `reading` (read one way),
/// two `choices` (the date can be read both ways: the person picks), or a `problem`; an empty
/// text has none of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TimeReading {
    pub reading: Option<TimeChoice>,
    /// Why it was read another way than the person's date order ("14 cannot be a month").
    pub note: Option<String>,
    pub choices: Vec<TimeChoice>,
    pub problem: Option<String>,
}

/// A typed amount as Casefile reads it: either `value` with `words`, or a `problem` (an empty
/// text has neither).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AmountReading {
    /// The exact amount to save, with a point and no grouping: `1234.56`.
    pub value: Option<String>,
    /// Shown back: "1,234.56 — one thousand two hundred thirty-four point five six".
    pub words: String,
    /// Why it was read with the other decimal mark than the person's setting.
    pub note: Option<String>,
    pub problem: Option<String>,
}
