//! What the dossier says, section by section, laid out into pages. One file per section, in
//! the order the dossier prints them: cover, summary, statement, timeline, transfers, money
//! trail, chats, subjects, evidence, custody; and the bank letter.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::fonts::Fonts;
use super::render::{Frame, Meta};
use super::{DossierOptions, PicturesPerPage, Section, Variant};
use crate::dossier::layout::{
    Cell, Color, Column, Flow, Page, Row, Style, BODY, BOTTOM, CONTENT_W, H1, H2, LABEL, MARGIN_X,
    MONO, PAGE_H, SMALL, TOP,
};
use crate::model::*;
use crate::time::in_zone;
use crate::validate::identifier::IdentifierKind;
use crate::{CoreError, Result, Store};

mod chats;
mod cover;
mod custody;
mod evidence;
mod letter;
mod money_trail;
mod statement;
mod subjects;
mod summary;
mod timeline;
mod transfers;

use chats::chats;
pub use chats::ChatRecord;
use cover::cover;
use custody::custody;
use evidence::evidence;
use letter::letter;
use money_trail::money_trail;
use statement::statement;
use subjects::subjects;
use summary::summary;
use timeline::timeline;
use transfers::transfers;

/// Block-explorer links for transfers.
pub struct Lists;

impl Lists {
    /// The explorer page of a transfer's transaction hash, for crypto transfers with a hash.
    pub fn explorer_tx(&self, t: &Transfer) -> Option<String> {
        let net = t.network?;
        (!t.reference.trim().is_empty() && t.method == TransferMethod::CryptoTransfer)
            .then(|| net.explorer_tx_url(t.reference.trim()))
    }
}

/// Everything read from the store for one dossier.
pub struct Data {
    pub case: Case,
    pub transfers: Vec<Transfer>,
    /// Every account of the case (transfers' ends are named from them).
    pub accounts: Vec<Account>,
    /// The money trail (police dossier only).
    pub trail: Option<MoneyTrail>,
    pub subjects: Vec<Subject>,
    pub loose_identifiers: Vec<Identifier>,
    pub evidence: Vec<Evidence>,
    pub timeline: Vec<TimelineEntry>,
    /// The chats with their key messages (none in a bank letter).
    pub chats: Vec<ChatRecord>,
    pub summary: LossSummary,
    pub audit: Vec<AuditEntry>,
    pub audit_report: AuditReport,
    pub generated_at: DateTime<Utc>,
    pub lists: Lists,
}

impl Data {
    pub fn gather(
        store: &Store,
        case_id: i32,
        options: &DossierOptions,
        generated_at: DateTime<Utc>,
    ) -> Result<Data> {
        let case = store.get_case(case_id)?;
        let mut transfers = store.list_transfers(case_id)?;
        let mut evidence = store.list_evidence(case_id)?;
        if let Variant::Bank { institution } = &options.variant {
            let name = institution.trim().to_lowercase();
            if name.is_empty() {
                return Err(CoreError::invalid(
                    "institution",
                    "Type the name of the bank or exchange the letter is for.",
                ));
            }
            // The institution as written in the transfer, or as the name or institution of the
            // account at either end (imported and newly typed transfers name their accounts
            // that way, not in the free-text fields).
            let accounts = store.list_accounts(case_id)?;
            let account_names = |id: Option<i32>| -> Vec<String> {
                id.and_then(|id| accounts.iter().find(|a| a.id == id))
                    .map(|a| vec![a.name.to_lowercase(), a.institution.to_lowercase()])
                    .unwrap_or_default()
            };
            transfers.retain(|t| {
                [
                    &t.beneficiary_bank,
                    &t.from_account,
                    &t.beneficiary_name,
                    &t.notes,
                    &t.reference,
                ]
                .iter()
                .any(|f| f.to_lowercase().contains(&name))
                    || account_names(t.from_account_id)
                        .iter()
                        .chain(account_names(t.to_account_id).iter())
                        .any(|f| !f.is_empty() && f.contains(&name))
            });
            if transfers.is_empty() {
                return Err(CoreError::invalid(
                    "institution",
                    format!("No transfer in this case names \"{}\" as its bank, account or beneficiary. Check the spelling as it is written in the transfers, or make the police dossier instead.", institution.trim()),
                ));
            }
            let linked: BTreeSet<i32> = transfers
                .iter()
                .flat_map(|t| t.evidence_ids.iter().copied())
                .collect();
            evidence.retain(|e| linked.contains(&e.id));
        }
        let summary = crate::store::summarize(&transfers, &case.details.reporting_currency);
        let mut timeline = Vec::new();
        let mut query = TimelineQuery {
            kinds: vec![],
            text: String::new(),
            offset: 0,
            limit: 1000,
        };
        loop {
            let page = store.timeline(case_id, &query)?;
            let n = page.entries.len() as u32;
            timeline.extend(page.entries);
            query.offset += n;
            if n == 0 || query.offset >= page.total {
                break;
            }
        }
        let chats = match options.variant {
            Variant::Police => chats::gather(store, case_id)?,
            Variant::Bank { .. } => Vec::new(),
        };
        let accounts = store.list_accounts(case_id)?;
        let trail = match options.variant {
            Variant::Police => Some(store.money_trail(case_id)?),
            Variant::Bank { .. } => None,
        };
        let subjects = store.list_subjects(case_id)?;
        let loose_identifiers = store
            .list_identifiers(case_id)?
            .into_iter()
            .filter(|i| i.subject_id.is_none())
            .collect();
        Ok(Data {
            audit: store.audit_log(Some(case_id))?,
            audit_report: store.verify_audit_chain()?,
            case,
            transfers,
            accounts,
            trail,
            subjects,
            loose_identifiers,
            evidence,
            timeline,
            chats,
            summary,
            generated_at,
            lists: Lists,
        })
    }

    /// The name of an account, or "—".
    fn account_name(&self, id: Option<i32>) -> String {
        id.and_then(|id| self.accounts.iter().find(|a| a.id == id))
            .map_or_else(|| "—".to_string(), |a| a.name.clone())
    }

    fn zone(&self) -> &str {
        &self.case.details.time_zone
    }

    /// A UTC time in the case's zone with its offset: "2026-03-14 09:30 (UTC+08:00)".
    fn local(&self, utc: &str) -> String {
        let (local, offset, _) = in_zone(utc, self.zone());
        format!("{local} (UTC{})", offset_label(offset))
    }
}

fn offset_label(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The laid-out dossier, before drawing.
pub struct Built {
    pub pages: Vec<Page>,
    /// (evidence id, printed width, printed height) of each image, by image index.
    pub images: Vec<(i32, f32, f32)>,
    pub frame: Frame,
    pub meta: Meta,
}

const SECTIONS: [&str; 9] = [
    "Summary",
    Section::Statement.label(),
    Section::Timeline.label(),
    "Transfers",
    Section::MoneyTrail.label(),
    Section::Chats.label(),
    Section::Subjects.label(),
    Section::Evidence.label(),
    Section::Custody.label(),
];

fn kv(label: &str, value: impl Into<String>) -> (String, Cell, Style) {
    (label.to_string(), Cell::from(value.into()), BODY)
}

fn kv_mono(label: &str, value: impl Into<String>) -> (String, Cell, Style) {
    (label.to_string(), Cell::from(value.into()), MONO)
}

/// An exact amount written for reading: thousands grouped, at least two decimals, every
/// decimal kept ("2500" → "2,500.00", "0.123456" → "0.123456"). Text that is no number (a
/// total too large to compute) is kept as it is.
fn money(amount: &str) -> String {
    let Ok(d) = amount.trim().parse::<rust_decimal::Decimal>() else {
        return amount.to_string();
    };
    let d = d.normalize();
    let plain = format!("{:.*}", d.scale().max(2) as usize, d);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// "USDT on TRON", "GBP".
fn currency_name(currency: &str, network: Option<Network>) -> String {
    match network {
        Some(n) => format!("{currency} on {}", n.label()),
        None => currency.to_string(),
    }
}

/// "T-4, T-5".
fn transfer_refs(ids: &[i32]) -> String {
    ids.iter()
        .map(|i| format!("T-{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the summary says of the missing rates: "the exchange rate to EUR is missing for USDT
/// on TRON (T-4, T-5) and BTC on Bitcoin (T-9)".
fn missing_rates_text(s: &LossSummary) -> String {
    let list: Vec<String> = s
        .missing_rates
        .iter()
        .map(|m| {
            format!(
                "{} ({})",
                currency_name(&m.currency, m.network),
                transfer_refs(&m.transfer_ids)
            )
        })
        .collect();
    let joined = match list.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => list.join(""),
    };
    format!(
        "the exchange rate to {} is missing for {joined}",
        s.reporting_currency
    )
}

/// The headline of the losses: one total in the case's currency only when every rate is
/// known; else each currency's net loss. Never a bare 0 while losses exist.
fn loss_headline(s: &LossSummary) -> String {
    if s.per_currency.is_empty() {
        return if s.transfers == 0 {
            "No transfers recorded yet.".into()
        } else {
            "No loss recorded: no transfer in this case left the victim's control.".into()
        };
    }
    if s.missing_rates.is_empty() {
        let r = &s.in_reporting_currency;
        return format!(
            "Net loss: {} {}  (paid out {}, received back {}, recovered {}).",
            money(&r.net_loss),
            s.reporting_currency,
            money(&r.paid_out),
            money(&r.received),
            money(&r.recovered)
        );
    }
    let each: Vec<String> = s
        .per_currency
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                money(&c.net_loss),
                currency_name(&c.currency, c.network)
            )
        })
        .collect();
    format!("Net loss in each currency: {}.", each.join("; "))
}

fn or_none(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.trim().to_string()
    }
}

/// Lays the whole dossier out. The page count printed on the cover needs the layout itself, so
/// the layout runs twice; it is deterministic, so the second run has the same pages.
pub fn build(
    fonts: &Fonts,
    data: &Data,
    options: &DossierOptions,
    csv_hashes: Option<&[(&str, String)]>,
) -> Built {
    let first = lay_out(fonts, data, options, csv_hashes, None);
    let missing = missing_chars(fonts, &first.0);
    let (pages, images) = lay_out(
        fonts,
        data,
        options,
        csv_hashes,
        Some((first.0.len(), missing)),
    );
    let d = &data.case.details;
    let reference = [
        ("Police ref.", &d.police_report_no),
        ("Bank claim", &d.bank_claim_no),
        ("Complaint", &d.complaint_id),
    ]
    .iter()
    .find(|(_, v)| !v.trim().is_empty())
    .map(|(l, v)| format!("{l} {}", v.trim()))
    .unwrap_or_else(|| format!("Casefile case {}", data.case.id));
    let kind = match &options.variant {
        Variant::Police => "Fraud case dossier".to_string(),
        Variant::Bank { institution } => format!("Letter to {}", institution.trim()),
    };
    Built {
        pages,
        images,
        frame: Frame {
            header_left: format!("{kind} · {}", data.case.title),
            header_right: reference,
            footer_left: format!("Generated {} by Casefile · Confidential: personal data", data.local(&data.generated_at.to_rfc3339())),
        },
        meta: Meta {
            title: format!("{kind}: {}", data.case.title),
            author: if options.prepared_by.trim().is_empty() { "Casefile".into() } else { options.prepared_by.trim().to_string() },
            subject: "Online fraud: transfers, identifiers of the suspects, evidence with SHA-256, chain of custody".into(),
            created_unix: data.generated_at.timestamp(),
        },
    }
}

fn missing_chars(fonts: &Fonts, pages: &[Page]) -> BTreeSet<char> {
    let mut missing = BTreeSet::new();
    for item in pages.iter().flat_map(|p| p.items.iter()) {
        if let crate::dossier::layout::Item::Text { style, text, .. } = item {
            fonts.runs(style.face, text, &mut missing);
        }
    }
    missing
}

type Pass = (Vec<Page>, Vec<(i32, f32, f32)>);

fn lay_out(
    fonts: &Fonts,
    data: &Data,
    options: &DossierOptions,
    csv_hashes: Option<&[(&str, String)]>,
    total: Option<(usize, BTreeSet<char>)>,
) -> Pass {
    let mut flow = Flow::new(fonts);
    let mut images = Vec::new();
    match &options.variant {
        Variant::Police => {
            let has = |s: Section| !options.omit.contains(&s);
            cover(&mut flow, data, options, total.as_ref());
            summary(&mut flow, data);
            if has(Section::Statement) {
                statement(&mut flow, data);
            }
            if has(Section::Timeline) {
                timeline(&mut flow, data);
            }
            flow.section(SECTIONS[3]);
            transfers(&mut flow, data);
            if let Some(trail) = data.trail.as_ref() {
                if has(Section::MoneyTrail) && !data.transfers.is_empty() {
                    money_trail(&mut flow, data, trail);
                }
            }
            if has(Section::Chats) && !data.chats.is_empty() {
                chats(&mut flow, data);
            }
            if has(Section::Subjects) {
                subjects(&mut flow, data);
            }
            if has(Section::Evidence) {
                evidence(&mut flow, data, options, &mut images);
            }
            if has(Section::Custody) {
                custody(&mut flow, data, csv_hashes);
            }
        }
        Variant::Bank { institution } => {
            letter(&mut flow, data, options, institution.trim(), csv_hashes);
        }
    }
    (flow.pages, images)
}
