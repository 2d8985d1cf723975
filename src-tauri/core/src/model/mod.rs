//! Plain data types shared by the store, the app and the CLI.
//!
//! Ids are `i32` in the API types: they cross into JavaScript, where only 53-bit integers are
//! exact, and no single case file comes near 2^31 rows. Times are RFC 3339 strings in UTC
//! (`...Z`); where a time was recorded with an offset, the offset is stored beside it.

use serde::{Deserialize, Serialize};
use specta::Type;

/// An enum stored as text, with its stored values, its labels for people and the list of all
/// values in the order forms show them — one place for each, read by the store, the dossier,
/// the CLI and (through the reference lists) the window.
macro_rules! stored_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Stored value.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $s),+ } }
            /// Name for people.
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
            /// Parses a stored value.
            pub fn parse(s: &str) -> Option<$name> { Self::ALL.iter().copied().find(|v| v.as_str() == s) }
        }
    };
}

mod chat;
mod contact;
mod draft;
mod json;
mod money;
mod records;
mod statement;
mod typed;
pub use chat::*;
pub use contact::*;
pub use draft::Draft;
pub use json::{from_json_slice, from_json_value};
pub use money::*;
pub use records::*;
pub use statement::*;
pub use typed::*;

stored_enum!(
    /// Where a case stands.
    CaseStatus {
        Open => "open", "Gathering evidence";
        Reported => "reported", "Reported";
        InRecovery => "in_recovery", "Recovery in progress";
        Closed => "closed", "Closed";
    }
);

impl CaseStatus {
    /// Parses the stored value; unknown values read as `Open` so an old row never breaks a list.
    pub fn from_db(s: &str) -> CaseStatus {
        Self::parse(s).unwrap_or(CaseStatus::Open)
    }
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct CaseSummary {
    pub id: i32,
    pub title: String,
    pub status: CaseStatus,
    pub archived: bool,
    /// When anything in the case last changed (UTC, RFC 3339).
    pub updated_at: String,
    /// Events, transfers, subjects and evidence items in the case.
    pub item_count: u32,
    /// Identifiers (phones, wallets, accounts …) of this case that also appear in another case.
    pub shared_identifiers: u32,
}

/// A whole case with every detail field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Case {
    pub id: i32,
    pub title: String,
    pub status: CaseStatus,
    pub archived: bool,
    pub details: CaseDetails,
    pub created_at: String,
    pub updated_at: String,
}

/// The editable details of a case (everything except id, archive flag and timestamps).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct CaseDetails {
    pub title: String,
    pub status: Option<CaseStatus>,
    /// Police report number.
    pub police_report_no: String,
    /// Bank fraud claim number.
    pub bank_claim_no: String,
    /// Other complaint ids, e.g. an IC3 complaint id or an Action Fraud reference.
    pub complaint_id: String,
    pub victim_name: String,
    /// Phone or e-mail of the victim.
    pub victim_contact: String,
    pub victim_address: String,
    /// `YYYY-MM-DD`, optional.
    pub victim_date_of_birth: Option<String>,
    /// ISO 4217 code, e.g. `EUR`.
    pub reporting_currency: String,
    /// IANA time zone name, e.g. `Europe/Berlin`.
    pub time_zone: String,
    pub notes: String,
    /// The victim's own account of what happened, in their words.
    pub statement: String,
}

/// What to show in the case list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaseFilter {
    /// Part of a title (case-insensitive); empty shows all.
    pub query: String,
    pub include_archived: bool,
}

/// App settings kept inside the encrypted store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Settings {
    /// Lock the case file after this many idle minutes (1–240).
    pub auto_lock_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_lock_minutes: 10,
        }
    }
}

/// One entry of the append-only audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AuditEntry {
    pub id: i32,
    pub at: String,
    /// Which program made the change (`casefile-app`, `casefile-cli`).
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i32>,
    pub case_id: Option<i32>,
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The result of walking the audit hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AuditReport {
    pub entries: u32,
    /// Hash of the newest entry (the head of the chain).
    pub head_hash: String,
    /// `None` when the chain is intact; else the first entry that fails and why.
    pub problem: Option<AuditProblem>,
}

/// The first broken link found in the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AuditProblem {
    pub entry_id: i32,
    pub reason: String,
}

/// How hard a passphrase would be to guess, with a hint for the person choosing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PassphraseStrength {
    /// 0 (very weak) to 4 (very strong).
    pub score: u8,
    /// A short label: "Very weak" … "Very strong".
    pub label: String,
    /// What would make it stronger, in plain words; empty when it is strong.
    pub hint: String,
    /// Whether Casefile accepts it for a new case file.
    pub acceptable: bool,
}
