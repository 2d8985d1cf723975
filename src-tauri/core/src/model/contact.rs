//! The contact log of a case: who was contacted about it (bank, police, exchange, the victim),
//! when, how, their reference, what was promised, and the next step with its date.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::time::Moment;

stored_enum!(
    /// Who was contacted.
    ContactParty {
        Bank => "bank", "Bank";
        Police => "police", "Police";
        Exchange => "exchange", "Crypto exchange";
        Victim => "victim", "The victim";
        Adviser => "adviser", "Lawyer or adviser";
        Other => "other", "Someone else";
    }
);

stored_enum!(
    /// How they were contacted.
    ContactChannel {
        Phone => "phone", "Phone call";
        Email => "email", "E-mail";
        InPerson => "in_person", "In person";
        Letter => "letter", "Letter";
        OnlineForm => "online_form", "Online form";
        Chat => "chat", "Chat or message";
        Other => "other", "Other";
    }
);

/// A contact as entered in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    /// When (`2026-03-20 14:00`, read in the case's zone, or RFC 3339).
    pub contacted_at: String,
    pub party: ContactParty,
    /// The bank, police force, exchange … ("Barclays fraud team").
    pub organisation: String,
    /// The person spoken to, if known.
    pub person: String,
    pub channel: ContactChannel,
    /// Their reference number for the matter (crime reference, claim number, ticket).
    pub reference: String,
    /// What was said or done.
    pub summary: String,
    /// What they promised.
    pub promised: String,
    /// The next step ("Call back if no letter by Friday").
    pub next_step: String,
    /// When the next step is due (`2026-03-27`), if it has a date.
    pub next_step_due: Option<String>,
    pub next_step_done: bool,
}

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Contact {
    pub id: i32,
    pub case_id: i32,
    pub contacted: Moment,
    pub party: ContactParty,
    pub organisation: String,
    pub person: String,
    pub channel: ContactChannel,
    pub reference: String,
    pub summary: String,
    pub promised: String,
    pub next_step: String,
    pub next_step_due: Option<String>,
    pub next_step_done: bool,
    pub updated_at: String,
}

/// A currency's loss in a case (paid out minus what came back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CurrencyLoss {
    pub currency: String,
    /// The chain, for a crypto asset on more than one (USDT on TRON and on Ethereum).
    pub network: Option<crate::validate::crypto::Network>,
    pub net_loss: String,
}

/// One case on the caseworker's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DashboardRow {
    pub id: i32,
    pub title: String,
    pub status: super::CaseStatus,
    pub archived: bool,
    pub victim_name: String,
    /// Loss per currency (only those with a loss), in the order of the case's loss summary.
    pub losses: Vec<CurrencyLoss>,
    /// When anything in the case last changed (UTC).
    pub last_activity: String,
    /// The earliest open next step with a date, and its date.
    pub next_step: Option<String>,
    pub next_step_due: Option<String>,
    /// Open next steps (not done), with or without a date.
    pub open_steps: u32,
}
