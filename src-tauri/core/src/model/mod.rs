//! Plain data types shared by the store, the app and the CLI.
//!
//! Ids are `i32` in the API types: they cross into JavaScript, where only 53-bit integers are
//! exact, and no single case file comes near 2^31 rows. Times are RFC 3339 strings in UTC
//! (`...Z`); where a time was recorded with an offset, the offset is stored beside it.

use serde::{Deserialize, Serialize};
use specta::Type;

mod json;
mod records;
pub use json::{from_json_slice, from_json_value};
pub use records::*;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Evidence is still being gathered.
    Open,
    /// Reported to police, bank or exchange; waiting for an answer.
    Reported,
    /// Money is being recovered (recall, freeze, claim in progress).
    InRecovery,
    /// Nothing more to do.
    Closed,
}

impl CaseStatus {
    /// Every status, in the order the UI lists them.
    pub const ALL: [CaseStatus; 4] = [
        CaseStatus::Open,
        CaseStatus::Reported,
        CaseStatus::InRecovery,
        CaseStatus::Closed,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Reported => "reported",
            CaseStatus::InRecovery => "in_recovery",
            CaseStatus::Closed => "closed",
        }
    }

    /// Name for people, in the app and in the dossier.
    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::Open => "Gathering evidence",
            CaseStatus::Reported => "Reported",
            CaseStatus::InRecovery => "Recovery in progress",
            CaseStatus::Closed => "Closed",
        }
    }

    /// Parses the stored value; unknown values read as `Open` so an old row never breaks a list.
    pub fn from_db(s: &str) -> CaseStatus {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .unwrap_or(CaseStatus::Open)
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
