//! The case interchange format: a whole case as versioned JSON, evidence included as base64
//! with its SHA-256, for handing a case to another caseworker or another Casefile.
//!
//! Records refer to each other by `ref` numbers local to the file (1, 2, 3 … per kind, in
//! order), so exporting an imported case gives the same file again. Import checks every
//! evidence hash first and writes the whole case in one transaction, or nothing.
//!
//! Version 2 added chats (`chats`), version 3 the contact log (`contacts`), version 4 the
//! accounts money passed through (`accounts`), each transfer's accounts at both ends and its hop
//! links (`from_account_ref`, `to_account_ref`, `source_refs`) and whether only its day is
//! known (`date_only`), and where statement-made transfers came from: the statement imports
//! (`statement_imports`, each naming its statement file among the evidence) and per transfer
//! its import, row, part, raw row and row key (`statement_import_ref`, `statement_row`,
//! `statement_part`, `statement_raw`, `row_key`), so the imported case still recognises rows
//! it already has; older files, which have none, still import. Saved CSV profiles are not part
//! of a case and stay out.

mod chats;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::evidence::sha256_hex;
use crate::model::*;
use crate::statement::csv::CsvProfile;
use crate::time::{checked_moment, checked_utc, Moment};
use crate::validate::crypto::Network;
use crate::validate::identifier::IdentifierKind;
use crate::{CoreError, Result, Store};

/// `format` of a case export.
pub const FORMAT: &str = "casefile-case";
/// Version of the format this build writes; it reads this one and every earlier one.
pub const VERSION: u32 = 4;

pub use chats::{
    ExportedChat, ExportedChatImport, ExportedChatMessage, MAX_DEDUPE_KEY_CHARS, MAX_SEQ,
};

/// A whole case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseExport {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub case: ExportedCase,
    pub subjects: Vec<ExportedSubject>,
    pub identifiers: Vec<ExportedIdentifier>,
    pub evidence: Vec<ExportedEvidence>,
    pub transfers: Vec<ExportedTransfer>,
    pub events: Vec<ExportedEvent>,
    /// Chats with their imports and messages (version 2; absent in version 1 files).
    #[serde(default)]
    pub chats: Vec<ExportedChat>,
    /// The contact log (version 3; absent in older files).
    #[serde(default)]
    pub contacts: Vec<ContactInput>,
    /// The accounts money passed through (version 4; absent in older files).
    #[serde(default)]
    pub accounts: Vec<ExportedAccount>,
    /// The statement imports that were not undone (version 4; absent in older files).
    #[serde(default)]
    pub statement_imports: Vec<ExportedStatementImport>,
}

/// A bank or exchange statement imported into the case and not undone (version 4). Its file is
/// one of the case's evidence items; the transfers made from its rows name it by
/// `statement_import_ref`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedStatementImport {
    #[serde(rename = "ref")]
    pub reference: u32,
    /// The statement file, as an evidence item of this file.
    pub evidence_ref: u32,
    /// The account the statement is of, when one was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_ref: Option<u32>,
    /// `csv`, `ofx` or `camt053`.
    pub format: String,
    pub file_name: String,
    /// SHA-256 of the statement file (the same as its evidence item's).
    pub sha256: String,
    /// The CSV profile the rows were read with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<CsvProfile>,
    /// The saved profile's name, when a saved one was used or the profile was saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_name: Option<String>,
    /// Rows in the file (read or not).
    pub rows_in_file: u32,
    /// RFC 3339 UTC.
    pub imported_at: String,
}

/// A live statement import as the case interchange format reads and writes it (ids are this
/// store's; when written, `evidence_id` and `account_id` are already the new case's).
#[derive(Debug, Clone)]
pub(crate) struct StatementImportRow {
    pub id: i32,
    pub evidence_id: i32,
    pub account_id: Option<i32>,
    /// As stored: `csv`, `ofx` or `camt053`.
    pub format: String,
    pub file_name: String,
    pub sha256: String,
    /// The CSV profile's JSON, as stored.
    pub profile: Option<String>,
    pub profile_name: Option<String>,
    pub rows_in_file: u32,
    pub imported_at: String,
}

/// A transfer's statement columns as stored (all `None` for a transfer typed by hand).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TransferStatementColumns {
    pub import_id: Option<i32>,
    pub row: Option<u32>,
    pub part: Option<u32>,
    pub raw: Option<String>,
    pub row_key: Option<String>,
}

/// An account of the case (version 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedAccount {
    #[serde(rename = "ref")]
    pub reference: u32,
    pub owner: AccountOwner,
    pub kind: AccountKind,
    pub name: String,
    pub institution: String,
    pub number: String,
    pub network: Option<Network>,
    pub is_exchange_deposit: bool,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedCase {
    pub details: CaseDetails,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedSubject {
    #[serde(rename = "ref")]
    pub reference: u32,
    pub kind: SubjectKind,
    pub name: String,
    pub description: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedIdentifier {
    #[serde(rename = "ref")]
    pub reference: u32,
    pub subject_ref: Option<u32>,
    pub kind: IdentifierKind,
    pub value: String,
    pub network: Option<Network>,
    pub bank_name: String,
    pub is_exchange_deposit: bool,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedEvidence {
    #[serde(rename = "ref")]
    pub reference: u32,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: u64,
    pub sha256: String,
    pub captured: Option<Moment>,
    pub capture_time_source: CaptureTimeSource,
    /// The zone a zone-less capture time was read in (absent in files before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_zone: Option<String>,
    /// A hand shift already applied to `captured`, in minutes.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub capture_shift_minutes: i32,
    pub intake_at: String,
    pub caption: String,
    pub content_base64: String,
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedTransfer {
    #[serde(rename = "ref")]
    pub reference: u32,
    /// RFC 3339 with the offset it was recorded in.
    pub occurred_at: String,
    pub direction: Direction,
    pub amount: String,
    pub currency: String,
    pub network: Option<Network>,
    pub method: TransferMethod,
    pub from_account: String,
    pub beneficiary_name: String,
    pub beneficiary_bank: String,
    pub beneficiary_account: String,
    pub beneficiary_bic: String,
    pub beneficiary_wallet: String,
    pub wallet_is_exchange_deposit: bool,
    pub reference_or_tx_hash: String,
    pub exchange_rate: Option<String>,
    pub status: TransferStatus,
    pub notes: String,
    pub warnings: Vec<String>,
    pub evidence_refs: Vec<u32>,
    /// The account the money left (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_account_ref: Option<u32>,
    /// The account the money went to (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_account_ref: Option<u32>,
    /// Hop links: the transfers whose money paid for this one (version 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_refs: Vec<u32>,
    /// Only the day is known (version 4; a statement gave no time).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_only: bool,
    /// The statement import the transfer was made from (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_import_ref: Option<u32>,
    /// Its row in the statement file, 1-based (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_row: Option<u32>,
    /// Its part of that row (a camt entry's transaction), 1-based (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_part: Option<u32>,
    /// The row exactly as the statement file has it (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_raw: Option<String>,
    /// The key that recognises the row in a later, overlapping statement (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedLink {
    pub kind: LinkKind,
    #[serde(rename = "ref")]
    pub reference: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedEvent {
    pub occurred_at: String,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub links: Vec<ExportedLink>,
}

/// What `import_case_file` made, and the fingerprint of the file it came from.
#[derive(Debug, Clone)]
pub struct ImportedFile {
    pub case: Case,
    /// Evidence items in the file (each checked against its SHA-256).
    pub evidence_items: usize,
    /// SHA-256 of the file's bytes, as recorded in the audit log.
    pub file_sha256: String,
    /// Chats in the file.
    pub chats: usize,
    /// Messages of those chats, in all.
    pub chat_messages: usize,
}

/// Maps store ids to file refs (1-based positions).
fn refs(ids: impl IntoIterator<Item = i32>) -> std::collections::HashMap<i32, u32> {
    ids.into_iter().zip(1u32..).collect()
}

impl Store {
    /// The whole case as an export, evidence bytes included.
    pub fn export_case(&self, case_id: i32) -> Result<CaseExport> {
        let case = self.get_case(case_id)?;
        let subjects = self.list_subjects(case_id)?;
        let identifiers = self.list_identifiers(case_id)?;
        let evidence = self.list_evidence(case_id)?;
        let transfers = self.list_transfers(case_id)?;
        let events = self.list_events(case_id)?;
        let mut contacts = self.list_contacts(case_id)?;
        contacts.reverse();
        let chat_rows = self.chats_for_export(case_id)?;
        let subject_refs = refs(subjects.iter().map(|s| s.id));
        let identifier_refs = refs(identifiers.iter().map(|i| i.id));
        let evidence_refs = refs(evidence.iter().map(|e| e.id));
        let transfer_refs = refs(transfers.iter().map(|t| t.id));
        let accounts = self.list_accounts(case_id)?;
        let account_refs = refs(accounts.iter().map(|a| a.id));
        let statement_rows = self.statement_imports_for_export(case_id)?;
        let statement_refs = refs(statement_rows.iter().map(|i| i.id));
        let statement_columns = self.transfer_statement_columns(case_id)?;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut exported_evidence = Vec::with_capacity(evidence.len());
        for (e, reference) in evidence.iter().zip(1u32..) {
            let (_, bytes) = self.evidence_original(e.id)?;
            exported_evidence.push(ExportedEvidence {
                reference,
                file_name: e.file_name.clone(),
                media_type: e.media_type.clone(),
                size_bytes: bytes.len() as u64,
                sha256: e.sha256.clone(),
                captured: e.captured.clone(),
                capture_time_source: e.capture_time_source,
                capture_zone: e.capture_zone.clone(),
                capture_shift_minutes: e.capture_shift_minutes,
                intake_at: e.intake_at.clone(),
                caption: e.caption.clone(),
                content_base64: b64.encode(&bytes),
            });
        }
        let link_ref = |l: &Link| {
            let map = match l.kind {
                LinkKind::Subject => &subject_refs,
                LinkKind::Identifier => &identifier_refs,
                LinkKind::Transfer => &transfer_refs,
                LinkKind::Evidence => &evidence_refs,
            };
            map.get(&l.id).map(|r| ExportedLink {
                kind: l.kind,
                reference: *r,
            })
        };
        let chats = chats::exported_chats(chat_rows, &evidence_refs)?;
        let mut statement_imports = Vec::with_capacity(statement_rows.len());
        for (i, reference) in statement_rows.iter().zip(1u32..) {
            // A statement file cannot be deleted while its import stands; should one be
            // missing all the same, the export says so rather than drop where rows came from.
            let Some(evidence_ref) = evidence_refs.get(&i.evidence_id).copied() else {
                return Err(CoreError::Refused(format!(
                    "Statement import {} ({}) names statement file V-{}, which is not among the case's evidence. Undo that import (Money tab), or bring the file back from the deleted items, then export again. Nothing was exported.",
                    i.id, i.file_name, i.evidence_id
                )));
            };
            let profile = i
                .profile
                .as_deref()
                .map(serde_json::from_str::<CsvProfile>)
                .transpose()
                .map_err(|e| {
                    CoreError::Refused(format!(
                        "The CSV profile kept with statement import {} ({}) could not be read ({e}). Nothing was exported; contact support.",
                        i.id, i.file_name
                    ))
                })?;
            statement_imports.push(ExportedStatementImport {
                reference,
                evidence_ref,
                account_ref: i.account_id.and_then(|id| account_refs.get(&id).copied()),
                format: i.format.clone(),
                file_name: i.file_name.clone(),
                sha256: i.sha256.clone(),
                profile,
                profile_name: i.profile_name.clone(),
                rows_in_file: i.rows_in_file,
                imported_at: i.imported_at.clone(),
            });
        }
        let no_statement = TransferStatementColumns::default();
        Ok(CaseExport {
            format: FORMAT.into(),
            version: VERSION,
            exported_at: crate::time::now_utc(),
            case: ExportedCase {
                details: case.details.clone(),
                archived: case.archived,
            },
            subjects: subjects
                .iter()
                .zip(1u32..)
                .map(|(s, reference)| ExportedSubject {
                    reference,
                    kind: s.kind,
                    name: s.name.clone(),
                    description: s.description.clone(),
                    notes: s.notes.clone(),
                })
                .collect(),
            identifiers: identifiers
                .iter()
                .zip(1u32..)
                .map(|(i, reference)| ExportedIdentifier {
                    reference,
                    subject_ref: i.subject_id.and_then(|s| subject_refs.get(&s).copied()),
                    kind: i.kind,
                    value: i.value.clone(),
                    network: i.network,
                    bank_name: i.bank_name.clone(),
                    is_exchange_deposit: i.is_exchange_deposit,
                    notes: i.notes.clone(),
                })
                .collect(),
            evidence: exported_evidence,
            transfers: transfers
                .iter()
                .zip(1u32..)
                .map(|(t, reference)| {
                    let st = statement_columns.get(&t.id).unwrap_or(&no_statement);
                    ExportedTransfer {
                        reference,
                        occurred_at: t.occurred.recorded.clone(),
                        direction: t.direction,
                        amount: t.amount.clone(),
                        currency: t.currency.clone(),
                        network: t.network,
                        method: t.method,
                        from_account: t.from_account.clone(),
                        beneficiary_name: t.beneficiary_name.clone(),
                        beneficiary_bank: t.beneficiary_bank.clone(),
                        beneficiary_account: t.beneficiary_account.clone(),
                        beneficiary_bic: t.beneficiary_bic.clone(),
                        beneficiary_wallet: t.beneficiary_wallet.clone(),
                        wallet_is_exchange_deposit: t.wallet_is_exchange_deposit,
                        reference_or_tx_hash: t.reference.clone(),
                        exchange_rate: t.exchange_rate.clone(),
                        status: t.status,
                        notes: t.notes.clone(),
                        warnings: t.warnings.clone(),
                        evidence_refs: t
                            .evidence_ids
                            .iter()
                            .filter_map(|id| evidence_refs.get(id).copied())
                            .collect(),
                        from_account_ref: t
                            .from_account_id
                            .and_then(|id| account_refs.get(&id).copied()),
                        to_account_ref: t
                            .to_account_id
                            .and_then(|id| account_refs.get(&id).copied()),
                        source_refs: t
                            .source_ids
                            .iter()
                            .filter_map(|id| transfer_refs.get(id).copied())
                            .collect(),
                        date_only: t.date_only,
                        statement_import_ref: st
                            .import_id
                            .and_then(|id| statement_refs.get(&id).copied()),
                        statement_row: st.row,
                        statement_part: st.part,
                        statement_raw: st.raw.clone(),
                        row_key: st.row_key.clone(),
                    }
                })
                .collect(),
            events: events
                .iter()
                .map(|e| ExportedEvent {
                    occurred_at: e.occurred.recorded.clone(),
                    kind: e.kind,
                    title: e.title.clone(),
                    description: e.description.clone(),
                    links: e.links.iter().filter_map(link_ref).collect(),
                })
                .collect(),
            chats,
            contacts: contacts
                .into_iter()
                .map(|c| ContactInput {
                    contacted_at: c.contacted.recorded,
                    party: c.party,
                    organisation: c.organisation,
                    person: c.person,
                    channel: c.channel,
                    reference: c.reference,
                    summary: c.summary,
                    promised: c.promised,
                    next_step: c.next_step,
                    next_step_due: c.next_step_due,
                    next_step_done: c.next_step_done,
                })
                .collect(),
            accounts: accounts
                .iter()
                .zip(1u32..)
                .map(|(a, reference)| ExportedAccount {
                    reference,
                    owner: a.owner,
                    kind: a.kind,
                    name: a.name.clone(),
                    institution: a.institution.clone(),
                    number: a.number.clone(),
                    network: a.network,
                    is_exchange_deposit: a.is_exchange_deposit,
                    notes: a.notes.clone(),
                })
                .collect(),
            statement_imports,
        })
    }

    /// Imports a case export file (its bytes as read) as a new case. The file's SHA-256 is
    /// recorded with the import in the audit log, so the dossier's chain of custody names the
    /// exact file the case came from.
    pub fn import_case_file(&mut self, bytes: &[u8]) -> Result<ImportedFile> {
        let export: CaseExport = crate::model::from_json_slice("case export", bytes)?;
        let file_sha256 = sha256_hex(bytes);
        let case = self.import_case_from(&export, Some(&file_sha256))?;
        Ok(ImportedFile {
            case,
            evidence_items: export.evidence.len(),
            file_sha256,
            chats: export.chats.len(),
            chat_messages: export.chats.iter().map(|c| c.messages.len()).sum(),
        })
    }

    /// Imports a case export as a new case. Every evidence item's bytes are checked against its
    /// SHA-256 first; a changed file is refused and nothing is written.
    pub fn import_case(&mut self, export: &CaseExport) -> Result<Case> {
        self.import_case_from(export, None)
    }

    fn import_case_from(
        &mut self,
        export: &CaseExport,
        source_sha256: Option<&str>,
    ) -> Result<Case> {
        if export.format != FORMAT {
            return Err(CoreError::Refused("This file is not a Casefile case export. Choose a file made with \"casefile case export\" or \"Export case\".".into()));
        }
        if export.version > VERSION {
            return Err(CoreError::Refused(format!(
                "This case export is format version {}; this Casefile reads versions 1 to {VERSION}. Update Casefile to import it. Nothing was imported.",
                export.version
            )));
        }
        if export.version == 0 {
            return Err(CoreError::Refused("This case export says it is format version 0, which no Casefile writes: the file is damaged. Nothing was imported; ask for a fresh export.".into()));
        }
        let has_money_links = export.transfers.iter().any(|t| {
            t.from_account_ref.is_some()
                || t.to_account_ref.is_some()
                || !t.source_refs.is_empty()
                || t.date_only
                || t.statement_import_ref.is_some()
                || t.statement_row.is_some()
                || t.statement_part.is_some()
                || t.statement_raw.is_some()
                || t.row_key.is_some()
        });
        if export.version < 4
            && (!export.accounts.is_empty()
                || !export.statement_imports.is_empty()
                || has_money_links)
        {
            return Err(CoreError::Refused(format!("This case export says it is format version {}, which cannot hold accounts, statement imports or links between transfers, yet it has some: the file is damaged. Nothing was imported; ask for a fresh export.", export.version)));
        }
        if export.version < 3 && !export.contacts.is_empty() {
            return Err(CoreError::Refused(format!("This case export says it is format version {}, which cannot hold a contact log, yet it has one: the file is damaged. Nothing was imported; ask for a fresh export.", export.version)));
        }
        if export.version < 2 && !export.chats.is_empty() {
            return Err(CoreError::Refused("This case export says it is format version 1, which cannot hold chats, yet it has some: the file is damaged. Nothing was imported; ask for a fresh export.".into()));
        }
        check_refs(export)?;
        let checked_chats = chats::checked_chats(
            &export.chats,
            &export.evidence.iter().map(|e| e.reference).collect(),
        )?;
        let exported_at = checked_utc(&export.exported_at, "exported_at")?;
        let checked_statements = checked_statement_imports(export)?;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut contents = Vec::with_capacity(export.evidence.len());
        for e in &export.evidence {
            let bytes = b64.decode(e.content_base64.as_bytes()).map_err(|_| {
                CoreError::Refused(format!("Evidence item {} (\"{}\") in this file is damaged: its content is not valid base64. Nothing was imported.", e.reference, e.file_name))
            })?;
            if sha256_hex(&bytes) != e.sha256.to_ascii_lowercase()
                || bytes.len() as u64 != e.size_bytes
            {
                return Err(CoreError::Refused(format!(
                    "Evidence item {} (\"{}\") does not match its SHA-256: the file was changed after it was exported. Nothing was imported; ask for a fresh export.",
                    e.reference, e.file_name
                )));
            }
            let item = |err: CoreError| {
                CoreError::Refused(format!(
                    "Evidence item {} (\"{}\") in this file: {err} Nothing was imported.",
                    e.reference, e.file_name
                ))
            };
            let checked = ExportedEvidence {
                captured: e
                    .captured
                    .as_ref()
                    .map(|m| checked_moment(m, "captured"))
                    .transpose()
                    .map_err(item)?,
                intake_at: checked_utc(&e.intake_at, "intake_at").map_err(item)?,
                capture_zone: e
                    .capture_zone
                    .as_deref()
                    .map(crate::validate::time_zone)
                    .transpose()
                    .map_err(item)?,
                capture_shift_minutes: if e.capture_shift_minutes.abs() <= 366 * 24 * 60 {
                    e.capture_shift_minutes
                } else {
                    return Err(item(CoreError::invalid(
                        "capture_shift_minutes",
                        "Its capture-time shift is more than a year.",
                    )));
                },
                caption: crate::validate::caption(&e.caption).map_err(item)?,
                file_name: crate::validate::line("file_name", "The file name", &e.file_name)
                    .map_err(item)?,
                content_base64: String::new(),
                ..e.clone()
            };
            contents.push((checked, bytes));
        }
        self.in_transaction(|store| {
            let case = store.create_case(&export.case.details.title)?;
            let case_id = case.id;
            store.update_case(case_id, &export.case.details)?;
            let mut subject_ids = std::collections::HashMap::new();
            for s in &export.subjects {
                let made = store.add_subject(case_id, &SubjectInput {
                    kind: s.kind,
                    name: s.name.clone(),
                    description: s.description.clone(),
                    notes: s.notes.clone(),
                })?;
                subject_ids.insert(s.reference, made.id);
            }
            let mut identifier_ids = std::collections::HashMap::new();
            for i in &export.identifiers {
                let made = store.add_identifier(case_id, &IdentifierInput {
                    subject_id: i.subject_ref.and_then(|r| subject_ids.get(&r).copied()),
                    kind: i.kind,
                    value: i.value.clone(),
                    network: i.network,
                    bank_name: i.bank_name.clone(),
                    is_exchange_deposit: i.is_exchange_deposit,
                    notes: i.notes.clone(),
                    accept_warnings: true,
                })?;
                identifier_ids.insert(i.reference, made.id);
            }
            let mut evidence_ids = std::collections::HashMap::new();
            let mut by_hash = std::collections::HashMap::new();
            for (e, bytes) in &contents {
                // The same bytes twice in one file are one evidence item, as at intake.
                let id = match by_hash.get(&e.sha256.to_ascii_lowercase()) {
                    Some(id) => *id,
                    None => store.import_evidence(case_id, e, bytes)?,
                };
                by_hash.insert(e.sha256.to_ascii_lowercase(), id);
                evidence_ids.insert(e.reference, id);
            }
            let mut account_ids = std::collections::HashMap::new();
            for a in &export.accounts {
                let made = store
                    .add_account(case_id, &AccountInput {
                        owner: a.owner,
                        kind: a.kind,
                        name: a.name.clone(),
                        institution: a.institution.clone(),
                        number: a.number.clone(),
                        network: a.network,
                        is_exchange_deposit: a.is_exchange_deposit,
                        notes: a.notes.clone(),
                    })
                    .map_err(|e| CoreError::Refused(format!("Account {} (\"{}\") in this file: {e} Nothing was imported.", a.reference, a.name)))?;
                account_ids.insert(a.reference, made.id);
            }
            let mut statement_ids = std::collections::HashMap::new();
            for i in &checked_statements {
                // Refs were checked above; a missing one here would be a bug, said plainly.
                let evidence_id = evidence_ids.get(&i.evidence_ref).copied().ok_or_else(|| {
                    CoreError::Refused(format!("This case export is damaged: statement import {} links to evidence item {}, which is not in the file. Nothing was imported; ask for a fresh export.", i.reference, i.evidence_ref))
                })?;
                let profile = i
                    .profile
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(|e| CoreError::Refused(format!("The CSV profile of statement import {} in this file could not be kept ({e}). Nothing was imported.", i.reference)))?;
                let id = store.insert_imported_statement_import(case_id, &StatementImportRow {
                    id: 0,
                    evidence_id,
                    account_id: i.account_ref.and_then(|r| account_ids.get(&r).copied()),
                    format: i.format.clone(),
                    file_name: i.file_name.clone(),
                    sha256: i.sha256.clone(),
                    profile,
                    profile_name: i.profile_name.clone(),
                    rows_in_file: i.rows_in_file,
                    imported_at: i.imported_at.clone(),
                })?;
                statement_ids.insert(i.reference, id);
            }
            let mut transfer_ids = std::collections::HashMap::new();
            for t in &export.transfers {
                let made = store.add_transfer(case_id, &TransferInput {
                    occurred_at: t.occurred_at.clone(),
                    direction: t.direction,
                    amount: t.amount.clone(),
                    currency: t.currency.clone(),
                    network: t.network,
                    method: t.method,
                    from_account: t.from_account.clone(),
                    beneficiary_name: t.beneficiary_name.clone(),
                    beneficiary_bank: t.beneficiary_bank.clone(),
                    beneficiary_account: t.beneficiary_account.clone(),
                    beneficiary_bic: t.beneficiary_bic.clone(),
                    beneficiary_wallet: t.beneficiary_wallet.clone(),
                    wallet_is_exchange_deposit: t.wallet_is_exchange_deposit,
                    reference: t.reference_or_tx_hash.clone(),
                    exchange_rate: t.exchange_rate.clone(),
                    status: t.status,
                    notes: t.notes.clone(),
                    evidence_ids: t.evidence_refs.iter().filter_map(|r| evidence_ids.get(r).copied()).collect(),
                    accept_warnings: true,
                    from_account_id: None,
                    to_account_id: None,
                    source_ids: Vec::new(),
                })?;
                // The ends exactly as exported (adding matches numbers, which could choose an
                // account the person had chosen otherwise).
                store.set_imported_transfer_ends(
                    made.id,
                    t.from_account_ref.and_then(|r| account_ids.get(&r).copied()),
                    t.to_account_ref.and_then(|r| account_ids.get(&r).copied()),
                    t.date_only,
                )?;
                let statement = TransferStatementColumns {
                    import_id: t.statement_import_ref.and_then(|r| statement_ids.get(&r).copied()),
                    row: t.statement_row,
                    part: t.statement_part,
                    raw: t.statement_raw.clone(),
                    row_key: t.row_key.clone(),
                };
                if statement != TransferStatementColumns::default() {
                    store.set_imported_transfer_statement(made.id, &statement)?;
                }
                transfer_ids.insert(t.reference, made.id);
            }
            for t in &export.transfers {
                for source in &t.source_refs {
                    if let (Some(id), Some(source)) = (transfer_ids.get(&t.reference), transfer_ids.get(source)) {
                        store.add_imported_source(*id, *source)?;
                    }
                }
            }
            for e in &export.events {
                let links = e
                    .links
                    .iter()
                    .filter_map(|l| {
                        let map = match l.kind {
                            LinkKind::Subject => &subject_ids,
                            LinkKind::Identifier => &identifier_ids,
                            LinkKind::Transfer => &transfer_ids,
                            LinkKind::Evidence => &evidence_ids,
                        };
                        map.get(&l.reference).map(|id| Link { kind: l.kind, id: *id })
                    })
                    .collect();
                store.add_event(case_id, &EventInput {
                    occurred_at: e.occurred_at.clone(),
                    kind: e.kind,
                    title: e.title.clone(),
                    description: e.description.clone(),
                    links,
                })?;
            }
            for c in &checked_chats {
                store.insert_chat_rows(case_id, &chats::chat_rows(c, &evidence_ids)?)?;
            }
            for c in &export.contacts {
                store.add_contact(case_id, c)?;
            }
            if export.case.archived {
                store.set_case_archived(case_id, true)?;
            }
            store.audit(Action::Import, Entity::Case, Some(case_id.into()), Some(case_id.into()), &format!(
                    "Case imported from an export made {exported_at}{} ({} evidence items, hashes checked; {} accounts, {} transfers, {} statement imports, {} events; {} chats, {} messages)",
                    source_sha256.map(|h| format!(", file SHA-256 {h}")).unwrap_or_default(),
                    export.evidence.len(),
                    export.accounts.len(),
                    export.transfers.len(),
                    checked_statements.len(),
                    export.events.len(),
                    checked_chats.len(),
                    checked_chats.iter().map(|c| c.messages.len()).sum::<usize>()
                ))?;
            store.get_case(case_id)
        })
    }
}

/// The statement imports of a file, checked and written the way the store keeps them: each
/// names a statement file that is an evidence item of the file with the same SHA-256.
fn checked_statement_imports(export: &CaseExport) -> Result<Vec<ExportedStatementImport>> {
    let damaged = |i: &ExportedStatementImport, what: String| {
        CoreError::Refused(format!(
            "This case export is damaged: statement import {} ({}) {what}. Nothing was imported; ask for a fresh export.",
            i.reference, i.file_name
        ))
    };
    let mut checked = Vec::with_capacity(export.statement_imports.len());
    for i in &export.statement_imports {
        if !matches!(i.format.as_str(), "csv" | "ofx" | "camt053") {
            return Err(damaged(
                i,
                format!(
                    "says its format is \"{}\", which is not CSV, OFX or camt.053",
                    i.format
                ),
            ));
        }
        let sha256 = i.sha256.to_ascii_lowercase();
        match export
            .evidence
            .iter()
            .find(|e| e.reference == i.evidence_ref)
        {
            Some(e) if e.sha256.to_ascii_lowercase() == sha256 => {}
            Some(e) => {
                return Err(damaged(
                    i,
                    format!(
                    "does not have the SHA-256 of its statement file, evidence item {} (\"{}\")",
                    e.reference, e.file_name
                ),
                ))
            }
            None => {
                return Err(damaged(
                    i,
                    format!(
                        "links to evidence item {}, which is not in the file",
                        i.evidence_ref
                    ),
                ))
            }
        }
        let item = |err: CoreError| {
            CoreError::Refused(format!(
                "Statement import {} (\"{}\") in this file: {err} Nothing was imported.",
                i.reference, i.file_name
            ))
        };
        checked.push(ExportedStatementImport {
            file_name: crate::validate::line("file_name", "The file name", &i.file_name)
                .map_err(item)?,
            sha256,
            profile_name: i
                .profile_name
                .as_deref()
                .map(|n| crate::validate::line("profile_name", "The profile's name", n))
                .transpose()
                .map_err(item)?,
            imported_at: checked_utc(&i.imported_at, "imported_at").map_err(item)?,
            ..i.clone()
        });
    }
    Ok(checked)
}

/// Refuses a file whose records name the same `ref` twice, or link to a `ref` that is not in it:
/// a link must never be dropped or land on another record without a word.
fn check_refs(export: &CaseExport) -> Result<()> {
    use std::collections::HashSet;
    fn unique(kind: &str, refs: impl Iterator<Item = u32>) -> Result<HashSet<u32>> {
        let mut seen = HashSet::new();
        for r in refs {
            if !seen.insert(r) {
                return Err(CoreError::Refused(format!(
                    "This case export is damaged: two {kind} have the number (ref) {r}. Nothing was imported; ask for a fresh export."
                )));
            }
        }
        Ok(seen)
    }
    let subjects = unique("subjects", export.subjects.iter().map(|s| s.reference))?;
    let identifiers = unique(
        "identifiers",
        export.identifiers.iter().map(|i| i.reference),
    )?;
    let evidence = unique(
        "evidence items",
        export.evidence.iter().map(|e| e.reference),
    )?;
    let transfers = unique("transfers", export.transfers.iter().map(|t| t.reference))?;
    let accounts = unique("accounts", export.accounts.iter().map(|a| a.reference))?;
    let statement_imports = unique(
        "statement imports",
        export.statement_imports.iter().map(|i| i.reference),
    )?;
    let dangling = |what: &str, kind: &str, r: u32| {
        CoreError::Refused(format!(
            "This case export is damaged: {what} links to {kind} {r}, which is not in the file. Nothing was imported; ask for a fresh export."
        ))
    };
    for i in &export.identifiers {
        if let Some(r) = i.subject_ref.filter(|r| !subjects.contains(r)) {
            return Err(dangling(
                &format!("identifier {}", i.reference),
                "subject",
                r,
            ));
        }
    }
    for t in &export.transfers {
        if let Some(r) = t.evidence_refs.iter().find(|r| !evidence.contains(r)) {
            return Err(dangling(
                &format!("transfer {}", t.reference),
                "evidence item",
                *r,
            ));
        }
        for r in [t.from_account_ref, t.to_account_ref].into_iter().flatten() {
            if !accounts.contains(&r) {
                return Err(dangling(&format!("transfer {}", t.reference), "account", r));
            }
        }
        if let Some(r) = t.source_refs.iter().find(|r| !transfers.contains(r)) {
            return Err(dangling(
                &format!("transfer {}", t.reference),
                "transfer",
                *r,
            ));
        }
        match t.statement_import_ref {
            Some(r) if !statement_imports.contains(&r) => {
                return Err(dangling(
                    &format!("transfer {}", t.reference),
                    "statement import",
                    r,
                ));
            }
            Some(r) if t.statement_row.is_none() => {
                return Err(CoreError::Refused(format!(
                    "This case export is damaged: transfer {} says it was made from statement import {r} but not from which row. Nothing was imported; ask for a fresh export.",
                    t.reference
                )));
            }
            None if t.statement_row.is_some()
                || t.statement_part.is_some()
                || t.statement_raw.is_some() =>
            {
                return Err(CoreError::Refused(format!(
                    "This case export is damaged: transfer {} has a statement row but no statement import it came from. Nothing was imported; ask for a fresh export.",
                    t.reference
                )));
            }
            _ => {}
        }
        if t.statement_row == Some(0) || t.statement_part == Some(0) {
            return Err(CoreError::Refused(format!(
                "This case export is damaged: transfer {} names statement row or part 0; they are counted from 1. Nothing was imported; ask for a fresh export.",
                t.reference
            )));
        }
        if t.source_refs.contains(&t.reference) {
            return Err(CoreError::Refused(format!(
                "This case export is damaged: transfer {} says it was paid with its own money. Nothing was imported; ask for a fresh export.",
                t.reference
            )));
        }
    }
    for i in &export.statement_imports {
        if let Some(r) = i.account_ref.filter(|r| !accounts.contains(r)) {
            return Err(dangling(
                &format!("statement import {}", i.reference),
                "account",
                r,
            ));
        }
    }
    for (n, e) in export.events.iter().enumerate() {
        for l in &e.links {
            let (set, kind) = match l.kind {
                LinkKind::Subject => (&subjects, "subject"),
                LinkKind::Identifier => (&identifiers, "identifier"),
                LinkKind::Transfer => (&transfers, "transfer"),
                LinkKind::Evidence => (&evidence, "evidence item"),
            };
            if !set.contains(&l.reference) {
                return Err(dangling(
                    &format!("event {} (\"{}\")", n + 1, e.title),
                    kind,
                    l.reference,
                ));
            }
        }
    }
    Ok(())
}
