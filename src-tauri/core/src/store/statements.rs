//! Statement imports: a bank or exchange statement previewed row by row, the ticked rows
//! stored as transfers (each keeping its raw row and row number, linked to the statement file
//! kept as evidence with its SHA-256), overlapping statements recognised, saved CSV profiles,
//! and undo.
//!
//! A row already imported is recognised by its `row_key` (kept on the transfer): the bank's own
//! id of the movement when the file has one (OFX `FITID`, camt `AcctSvcrRef`, a CSV id column),
//! scoped by format and statement account; else the booking date, amount, direction, reference
//! and counterparty, written the same way whatever the spacing or case. Identical rows in one
//! file (two coffees on one day) are told apart by how many came before them.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::path::Path;

use chrono::{NaiveDateTime, Timelike as _};
use rusqlite::{params, OptionalExtension as _};

use super::transfers::{parse_decimal, touch_case};
use super::Store;
use crate::evidence;
use crate::interchange::{StatementImportRow, TransferStatementColumns};
use crate::model::{
    Action, Direction, Entity, IdentifierKind, SavedStatementProfile, StatementImport,
    StatementImportOptions, StatementImportProgress, StatementImportSummary, StatementPreview,
    StatementPreviewRow, StatementProblem, TransferInput, TransferMethod,
};
use crate::statement::csv::{self, CsvProfile, CsvSniff};
use crate::statement::{
    camt, ofx, Flow, ParsedStatement, StatementError, StatementFormat, StatementRow,
    MAX_STATEMENT_BYTES,
};
use crate::time::{now_utc, parse_moment};
use crate::validate::{self, bank, crypto, identifier};
use crate::{audit, CoreError, Result};

/// How often (in rows) an import reports its progress.
const PROGRESS_EVERY: usize = 100;

/// Reads a statement file chosen on disk (at most [`crate::statement::MAX_STATEMENT_BYTES`]):
/// its name and bytes.
pub fn read_statement_file(path: &Path) -> Result<(String, Vec<u8>)> {
    let file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
    let size = file.metadata().map_err(|e| CoreError::io(path, e))?.len();
    if size > MAX_STATEMENT_BYTES as u64 {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // Read one byte past the limit: a file that grew since it was measured is still refused.
    file.take(MAX_STATEMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CoreError::io(path, e))?;
    if bytes.len() > MAX_STATEMENT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "statement".into());
    Ok((name, bytes))
}

fn too_large(size: u64) -> CoreError {
    CoreError::Refused(format!(
        "This file is {} MB, far larger than any bank statement (Casefile reads up to {} MB). Download a shorter period from your bank or exchange.",
        size.div_ceil(1024 * 1024),
        MAX_STATEMENT_BYTES / (1024 * 1024)
    ))
}

fn not_a_statement() -> CoreError {
    CoreError::Refused(
        "This file is not a bank or exchange statement Casefile can read: it is not CSV, OFX or camt.053. Download the statement from your bank or exchange again as CSV, OFX (also called QFX or Quicken/Money) or camt.053 (ISO 20022 XML).".into(),
    )
}

fn statement_error(e: StatementError) -> CoreError {
    CoreError::Refused(e.to_string())
}

/// The words for a format, as shown.
fn format_label(format: StatementFormat) -> &'static str {
    match format {
        StatementFormat::Csv => "CSV",
        StatementFormat::Ofx => "OFX",
        StatementFormat::Camt053 => "ISO 20022 camt.053",
    }
}

/// The format as stored in `statement_imports.format`.
fn format_code(format: StatementFormat) -> &'static str {
    match format {
        StatementFormat::Csv => "csv",
        StatementFormat::Ofx => "ofx",
        StatementFormat::Camt053 => "camt053",
    }
}

/// The format stored as `code`.
fn format_of_code(code: &str) -> StatementFormat {
    match code {
        "ofx" => StatementFormat::Ofx,
        "camt053" => StatementFormat::Camt053,
        _ => StatementFormat::Csv,
    }
}

/// The caption of a statement file an import brings in.
fn statement_caption(file_name: &str, format: StatementFormat, rows_in_file: u32) -> String {
    format!(
        "Bank statement {file_name} ({}, {rows_in_file} rows)",
        format_label(format)
    )
}

fn direction_of(flow: Flow) -> Direction {
    match flow {
        Flow::Out => Direction::Out,
        Flow::In => Direction::In,
    }
}

/// "row 5" or "row 5 (transaction 2)" for a camt entry's parts.
fn row_words(row: u32, part: u32) -> String {
    if part > 1 {
        format!("row {row} (transaction {part})")
    } else {
        format!("row {row}")
    }
}

/// Text compared the same whatever its case and spacing.
fn loose(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What a statement file holds, read with the profile to use.
struct Reading {
    format: StatementFormat,
    /// `None` while a CSV question is open.
    parsed: Option<ParsedStatement>,
    csv: Option<CsvSniff>,
    profile: Option<CsvProfile>,
    /// The saved profile used, by name.
    profile_name: Option<String>,
}

/// The key that recognises each row in a later (overlapping) statement, in row order.
fn row_keys(format: StatementFormat, parsed: &ParsedStatement) -> Vec<String> {
    let account: String = parsed
        .account
        .as_deref()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    parsed
        .rows
        .iter()
        .map(|r| {
            let base = match r
                .bank_id
                .as_deref()
                .map(str::trim)
                .filter(|b| !b.is_empty())
            {
                Some(id) => format!("{}|{account}|id:{id}|{}", format_code(format), r.part),
                // The statement's own account and the currency are part of it: the same payment
                // from the current and the savings account (daily limits), or in a EUR and a
                // GBP statement, is two payments.
                None => format!(
                    "row|{account}|{}|{}|{}|{}|{}|{}",
                    r.booked.format("%Y-%m-%d"),
                    r.amount.normalize(),
                    r.currency
                        .as_deref()
                        .or(parsed.currency.as_deref())
                        .unwrap_or_default()
                        .to_uppercase(),
                    direction_of(r.flow).as_str(),
                    loose(&r.reference),
                    loose(&r.counterparty)
                ),
            };
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base}#{n}")
            }
        })
        .collect()
}

/// The match keys an account number may have (bank account, then wallet), as accounts keep them.
fn number_keys(number: &str, network: Option<crypto::Network>) -> Vec<String> {
    if number.trim().is_empty() {
        return Vec::new();
    }
    [IdentifierKind::BankAccount, IdentifierKind::CryptoWallet]
        .into_iter()
        .filter_map(|kind| identifier::normalize(kind, number, network).ok())
        .map(|n| n.match_key)
        .collect()
}

/// The column names on line `header_row` of a CSV file read with `profile`.
fn header_cells(bytes: &[u8], profile: &CsvProfile) -> Option<Vec<String>> {
    let line_no = profile.header_row?;
    let encoding = encoding_rs::Encoding::for_label(profile.encoding.as_bytes())?;
    let (text, _, _) = encoding.decode(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = Vec::new();
    let mut rest = text;
    while lines.len() < line_no {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                lines.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                lines.push(rest);
                rest = "";
                if lines.len() < line_no {
                    return None;
                }
            }
        }
    }
    let line = lines.get(line_no.checked_sub(1)?)?;
    if !profile.delimiter.is_ascii() {
        return None;
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(profile.delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let record = reader.records().next()?.ok()?;
    Some(record.iter().map(str::to_string).collect())
}

impl Store {
    /// The saved profile for a header, most recently saved first.
    fn profile_for_header(&self, key: &str) -> Result<Option<(String, CsvProfile)>> {
        let found: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT name, profile FROM statement_profiles WHERE header_key = ?1
                 ORDER BY updated_at DESC, id DESC LIMIT 1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(found.and_then(|(name, json)| {
            serde_json::from_str::<CsvProfile>(&json)
                .ok()
                .map(|p| (name, p))
        }))
    }

    /// Finds the file's format and reads it: OFX, camt.053, else CSV with the profile given, a
    /// saved one whose header matches, or the proposal (not read while a question is open).
    fn read_statement(&self, bytes: &[u8], profile: Option<&CsvProfile>) -> Result<Reading> {
        if bytes.len() > MAX_STATEMENT_BYTES {
            return Err(too_large(bytes.len() as u64));
        }
        if ofx::looks_like(bytes) {
            return Ok(Reading {
                format: StatementFormat::Ofx,
                parsed: Some(ofx::read(bytes).map_err(statement_error)?),
                csv: None,
                profile: None,
                profile_name: None,
            });
        }
        if camt::looks_like(bytes) {
            return Ok(Reading {
                format: StatementFormat::Camt053,
                parsed: Some(camt::read(bytes).map_err(statement_error)?),
                csv: None,
                profile: None,
                profile_name: None,
            });
        }
        let sniffed = match csv::sniff(bytes) {
            Ok(s) => Some(s),
            Err(StatementError::NotThisFormat(_)) if profile.is_none() => {
                return Err(not_a_statement())
            }
            Err(e) if profile.is_none() => return Err(statement_error(e)),
            // The person's own profile may read what the proposal could not.
            Err(_) => None,
        };
        if let Some(p) = profile {
            let parsed = csv::read(bytes, p).map_err(statement_error)?;
            let profile_name = match header_cells(bytes, p) {
                Some(h) => self
                    .profile_for_header(&csv::header_key(&h))?
                    .filter(|(_, saved)| saved == p)
                    .map(|(name, _)| name),
                None => None,
            };
            return Ok(Reading {
                format: StatementFormat::Csv,
                parsed: Some(parsed),
                csv: sniffed,
                profile: Some(p.clone()),
                profile_name,
            });
        }
        let Some(sniffed) = sniffed else {
            return Err(not_a_statement());
        };
        if !sniffed.header.is_empty() {
            if let Some((name, saved)) =
                self.profile_for_header(&csv::header_key(&sniffed.header))?
            {
                // A saved profile that no longer fits the file (the bank changed its columns)
                // is not used; the proposal is shown instead.
                if let Ok(parsed) = csv::read(bytes, &saved) {
                    return Ok(Reading {
                        format: StatementFormat::Csv,
                        parsed: Some(parsed),
                        csv: Some(sniffed),
                        profile: Some(saved),
                        profile_name: Some(name),
                    });
                }
            }
        }
        let proposal = sniffed.profile.clone();
        let parsed = if sniffed.undecided.is_empty() {
            Some(csv::read(bytes, &proposal).map_err(statement_error)?)
        } else {
            None
        };
        Ok(Reading {
            format: StatementFormat::Csv,
            parsed,
            csv: Some(sniffed),
            profile: Some(proposal),
            profile_name: None,
        })
    }

    /// Transfers of a case made from statement rows (not deleted), by row key. With the account
    /// this statement is of: rows imported from a statement of another account are other
    /// payments (the same payment, same day, from the current and the savings account), even
    /// when the files name no account.
    fn imported_row_keys(
        &self,
        case_id: i32,
        account_id: Option<i32>,
    ) -> Result<HashMap<String, i32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.row_key, t.id FROM transfers t
               LEFT JOIN statement_imports i ON i.id = t.statement_import_id
              WHERE t.case_id = ?1 AND t.row_key IS NOT NULL AND t.deleted_at IS NULL
                AND (?2 IS NULL OR i.account_id IS NULL OR i.account_id = ?2)
              ORDER BY t.id",
        )?;
        let rows = stmt
            .query_map(params![case_id, account_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut keys = HashMap::with_capacity(rows.len());
        for (key, id) in rows {
            keys.entry(key).or_insert(id);
        }
        Ok(keys)
    }

    /// The case's accounts by match key (the oldest when two share one).
    fn account_keys(&self, case_id: i32) -> Result<HashMap<String, i32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT match_key, min(id) FROM accounts
              WHERE case_id = ?1 AND deleted_at IS NULL AND match_key IS NOT NULL GROUP BY match_key",
        )?;
        let rows = stmt
            .query_map([case_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?))
            })?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        Ok(rows)
    }

    /// Every row of a statement as it would be imported, without storing anything. For a CSV
    /// file, `profile` is the one the person confirmed; without it a saved profile with the same
    /// header is used, else Casefile's proposal (rows are empty while a question is open).
    pub fn preview_statement(
        &self,
        case_id: i32,
        file_name: &str,
        bytes: &[u8],
        profile: Option<&CsvProfile>,
    ) -> Result<StatementPreview> {
        self.preview_statement_of(case_id, file_name, bytes, profile, None)
    }

    /// [`Store::preview_statement`] once the person has said which of the case's accounts the
    /// statement is of: rows imported before from another account's statement are not "already
    /// imported" (the file may name no account).
    pub fn preview_statement_of(
        &self,
        case_id: i32,
        file_name: &str,
        bytes: &[u8],
        profile: Option<&CsvProfile>,
        chosen_account: Option<i32>,
    ) -> Result<StatementPreview> {
        self.get_case(case_id)?;
        let reading = self.read_statement(bytes, profile)?;
        let sha256 = evidence::sha256_hex(bytes);
        let imported_before: Option<i32> = self
            .conn
            .query_row(
                "SELECT id FROM statement_imports WHERE case_id = ?1 AND sha256 = ?2 AND undone_at IS NULL
                 ORDER BY id DESC LIMIT 1",
                params![case_id, sha256],
                |r| r.get(0),
            )
            .optional()?;
        let accounts = self.account_keys(case_id)?;
        let find_account = |number: &str| {
            number_keys(number, None)
                .iter()
                .find_map(|k| accounts.get(k).copied())
        };
        let (mut rows, mut problems) = (Vec::new(), Vec::new());
        let (mut account, mut currency, mut account_id) = (None, None, None);
        if let Some(parsed) = &reading.parsed {
            let imported = self.imported_row_keys(case_id, chosen_account)?;
            let keys = row_keys(reading.format, parsed);
            rows = parsed
                .rows
                .iter()
                .zip(&keys)
                .map(|(r, key)| {
                    preview_row(
                        r,
                        imported.get(key).copied(),
                        find_account(&r.counterparty_account),
                    )
                })
                .collect();
            problems = parsed
                .problems
                .iter()
                .map(|p| StatementProblem {
                    row: p.row,
                    column: p.column.clone(),
                    message: p.message.clone(),
                })
                .collect();
            account = parsed.account.clone();
            currency = parsed.currency.clone();
            account_id = account.as_deref().and_then(find_account);
        }
        Ok(StatementPreview {
            format: format_label(reading.format).into(),
            file_name: file_name.into(),
            sha256,
            size_bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            csv: reading.csv,
            profile: reading.profile,
            profile_name: reading.profile_name,
            account,
            currency,
            account_id,
            rows,
            problems,
            imported_before,
        })
    }

    /// Imports the chosen rows, all or nothing; `progress` returning false stops it (then
    /// nothing is stored).
    pub fn import_statement(
        &mut self,
        case_id: i32,
        file_name: &str,
        bytes: &[u8],
        options: &StatementImportOptions,
        progress: &mut dyn FnMut(StatementImportProgress) -> bool,
    ) -> Result<StatementImportSummary> {
        let case = self.get_case(case_id)?;
        let reading = self.read_statement(bytes, options.profile.as_ref())?;
        let Some(parsed) = &reading.parsed else {
            let questions = reading
                .csv
                .as_ref()
                .map(|s| {
                    s.undecided
                        .iter()
                        .map(|q| q.message.clone())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            return Err(CoreError::Refused(format!(
                "Casefile needs to know how to read this file first: {questions} Answer in the preview, then import. Nothing was imported."
            )));
        };
        if let Some(id) = options.account_id {
            self.check_account_in_case(case_id, id)?;
        }
        let fallback_currency = match options.currency.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() => Some(statement_currency(c)?),
            _ => None,
        };
        let save_as = match options.save_profile_as.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => Some(self.profile_to_save(&reading, bytes, n)?),
            _ => None,
        };
        let chosen = chosen_rows(parsed, options, fallback_currency.as_deref())?;
        let keys = row_keys(reading.format, parsed);
        let key_of: HashMap<(u32, u32), &String> = parsed
            .rows
            .iter()
            .zip(&keys)
            .map(|(r, k)| ((r.row, r.part), k))
            .collect();
        let imported = self.imported_row_keys(case_id, options.account_id)?;
        let known: Vec<i32> = chosen
            .iter()
            .filter_map(|(r, _)| key_of.get(&(r.row, r.part)).and_then(|k| imported.get(*k)))
            .copied()
            .collect();
        if known.len() == chosen.len() {
            return Err(CoreError::Refused(format!(
                "{} chosen row(s) were imported before ({}); nothing was added.",
                known.len(),
                ids_words(&known)
            )));
        }
        let accounts = self.account_keys(case_id)?;
        let sha256 = evidence::sha256_hex(bytes);
        let zone = case.details.time_zone.clone();
        let stop =
            || CoreError::Refused("The import was stopped; nothing of it was stored.".into());
        let total = chosen.len() as u32;
        let rows_in_file = (parsed.rows.len() + parsed.problems.len()) as u32;
        let profile_json = match &reading.profile {
            Some(p) if reading.format == StatementFormat::Csv => {
                Some(serde_json::to_string(p).map_err(|e| CoreError::Refused(e.to_string()))?)
            }
            _ => None,
        };
        let profile_name = save_as
            .as_ref()
            .map(|(name, _)| name.clone())
            .or_else(|| reading.profile_name.clone());
        let file_name = super::clean_file_name(file_name);
        let format = reading.format;
        self.in_transaction(|store| {
            if !progress(StatementImportProgress { done: 0, total }) {
                return Err(stop());
            }
            let (evidence_id, evidence_created) = match store.find_evidence_by_hash(case_id, &sha256)? {
                Some(e) => (e.id, false),
                None => {
                    let caption = statement_caption(&file_name, format, rows_in_file);
                    let p = evidence::prepare(&file_name, bytes, None, &zone)?;
                    (store.insert_evidence(case_id, &file_name, &caption, bytes, &p)?, true)
                }
            };
            let imported_at = if evidence_created {
                store.conn.query_row("SELECT created_at FROM evidence WHERE id = ?1", [evidence_id], |r| r.get(0))?
            } else {
                now_utc()
            };
            store.conn.execute(
                "INSERT INTO statement_imports (case_id, evidence_id, account_id, format, file_name, sha256,
                    profile, profile_name, rows_in_file, imported_at, brought_file)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    case_id,
                    evidence_id,
                    options.account_id,
                    format_code(format),
                    file_name,
                    sha256,
                    profile_json,
                    profile_name,
                    rows_in_file,
                    imported_at,
                    evidence_created
                ],
            )?;
            let import_id = store.conn.last_insert_rowid() as i32;
            let mut transfer_ids = Vec::with_capacity(chosen.len());
            let mut skipped = 0u32;
            for (done, (r, currency)) in chosen.iter().enumerate() {
                if done > 0 && done % PROGRESS_EVERY == 0
                    && !progress(StatementImportProgress { done: done as u32, total })
                {
                    return Err(stop());
                }
                let key = key_of.get(&(r.row, r.part)).map(|k| (*k).clone());
                if key.as_ref().is_some_and(|k| imported.contains_key(k)) {
                    skipped += 1;
                    continue;
                }
                let crypto_row = crypto::is_crypto_code(currency);
                let network = if crypto_row { options.network } else { None };
                let other = number_keys(&r.counterparty_account, network)
                    .iter()
                    .find_map(|k| accounts.get(k).copied());
                let (from, to) = match r.flow {
                    Flow::Out => (options.account_id, other),
                    Flow::In => (other, options.account_id),
                };
                let (occurred_at, date_only) = occurred(r);
                let input = TransferInput {
                    direction: direction_of(r.flow),
                    network,
                    method: if crypto_row {
                        TransferMethod::CryptoTransfer
                    } else {
                        TransferMethod::BankTransfer
                    },
                    beneficiary_name: r.counterparty.clone(),
                    beneficiary_account: if crypto_row { String::new() } else { r.counterparty_account.clone() },
                    beneficiary_wallet: if crypto_row { r.counterparty_account.clone() } else { String::new() },
                    reference: r.reference.clone(),
                    evidence_ids: vec![evidence_id],
                    accept_warnings: true,
                    from_account_id: from,
                    to_account_id: to,
                    ..TransferInput::new(&occurred_at, &r.amount.to_string(), currency)
                };
                // The transfer rules checked once, where the form's are (`check_transfer`), then
                // stored with prepared statements: one audit entry for the whole import.
                let warnings = store.check_transfer(case_id, &input).map_err(|e| match e {
                    CoreError::Invalid { message, .. } | CoreError::Refused(message) => {
                        CoreError::Refused(format!(
                            "{}: {message} Leave this row out, or change how the file is read. Nothing was imported.",
                            capitalised(&row_words(r.row, r.part))
                        ))
                    }
                    other => other,
                })?;
                // One network is chosen for all crypto rows: a withdrawal address that does not
                // fit it (USDT sent on TRON and on Ethereum in one history) is not stored with
                // the wrong chain and a warning nobody saw — it is refused, named.
                let family = crypto::detect_family(&r.counterparty_account);
                if let (true, Some(family), Some(net)) = (crypto_row, family, network) {
                    if family != net.family() {
                        return Err(CoreError::Refused(format!(
                            "{}: the address {} is not an address on {}, the network chosen. Import the rows of each network separately, or leave this row out. Nothing was imported.",
                            capitalised(&row_words(r.row, r.part)),
                            r.counterparty_account,
                            net.label(),
                        )));
                    }
                }
                let id = store.insert_statement_transfer(
                    case_id,
                    &input,
                    &case.details.time_zone,
                    &warnings,
                    &StatementOrigin {
                        import_id,
                        evidence_id,
                        row: r,
                        date_only,
                        key: key.as_deref(),
                    },
                )?;
                transfer_ids.push(id);
            }
            if !progress(StatementImportProgress { done: total, total }) {
                return Err(stop());
            }
            if let Some((name, header_key)) = &save_as {
                store.save_profile(name, header_key, profile_json.as_deref().unwrap_or("{}"))?;
            }
            let saved_words = save_as
                .as_ref()
                .map(|(name, _)| format!("; profile saved as \"{name}\""))
                .unwrap_or_default();
            audit::append(
                &store.conn,
                &audit::Change {
                    actor: &store.actor,
                    action: Action::Create,
                    entity: Entity::StatementImport,
                    entity_id: Some(import_id.into()),
                    case_id: Some(case_id.into()),
                    summary: &format!(
                        "Statement {file_name} imported ({}, SHA-256 {sha256}, {} bytes, kept as V-{evidence_id}): {} transfer(s) added ({}), {skipped} row(s) already imported and skipped{saved_words} (import {import_id})",
                        format_label(format),
                        bytes.len(),
                        transfer_ids.len(),
                        ids_words(&transfer_ids)
                    ),
                },
            )?;
            touch_case(&store.conn, case_id, &now_utc())?;
            Ok(StatementImportSummary {
                import_id,
                evidence_id,
                transfer_ids,
                already_imported: skipped,
            })
        })
    }

    /// Stores one transfer made from a statement row (already checked by `check_transfer`).
    fn insert_statement_transfer(
        &self,
        case_id: i32,
        input: &TransferInput,
        zone: &str,
        warnings: &[String],
        origin: &StatementOrigin<'_>,
    ) -> Result<i32> {
        let moment = parse_moment(&input.occurred_at, zone, "occurred_at")?;
        let amount = parse_decimal(&input.amount, "amount", "amount")?;
        let account = (!input.beneficiary_account.trim().is_empty())
            .then(|| bank::check_account(&input.beneficiary_account).normalized);
        let wallet = input.beneficiary_wallet.trim();
        let wallet_key = match (wallet.is_empty(), input.network) {
            (true, _) => None,
            (false, Some(net)) => Some(format!(
                "wallet:{}",
                crypto::check_address(net, wallet).normalized
            )),
            (false, None) => Some(format!("wallet:{wallet}")),
        };
        let now = now_utc();
        let r = origin.row;
        self.conn
            .prepare_cached(
                "INSERT INTO transfers (case_id, occurred_at_utc, occurred_offset_minutes, direction, amount,
                    currency, network, method, from_account, beneficiary_name, beneficiary_bank,
                    beneficiary_account, beneficiary_bic, beneficiary_wallet, wallet_is_exchange_deposit,
                    wallet_key, account_key, reference, exchange_rate, status, notes, warnings, created_at,
                    updated_at, from_account_id, to_account_id, date_only, statement_import_id,
                    statement_row, statement_part, statement_raw, row_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', ?9, '', ?10, '', ?11, 0, ?12, ?13, ?14, NULL,
                    ?15, '', ?16, ?17, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
            )?
            .execute(params![
                case_id,
                moment.utc,
                moment.offset_minutes,
                input.direction.as_str(),
                amount.to_string(),
                input.currency.trim().to_ascii_uppercase(),
                input.network.map(crypto::Network::as_str),
                input.method.as_str(),
                input.beneficiary_name.trim(),
                account.as_deref().unwrap_or_default(),
                wallet,
                wallet_key,
                account.as_ref().map(|a| format!("account:{a}")),
                input.reference.trim(),
                input.status.as_str(),
                warnings.join("\n"),
                now,
                input.from_account_id,
                input.to_account_id,
                origin.date_only,
                origin.import_id,
                r.row,
                r.part,
                r.raw,
                origin.key,
            ])?;
        let id = self.conn.last_insert_rowid() as i32;
        self.conn
            .prepare_cached(
                "INSERT INTO transfer_evidence (transfer_id, evidence_id) VALUES (?1, ?2)",
            )?
            .execute([id, origin.evidence_id])?;
        Ok(id)
    }

    fn check_account_in_case(&self, case_id: i32, id: i32) -> Result<()> {
        let ok: Option<i32> = self
            .conn
            .query_row(
                "SELECT id FROM accounts WHERE id = ?1 AND case_id = ?2 AND deleted_at IS NULL",
                [id, case_id],
                |r| r.get(0),
            )
            .optional()?;
        match ok {
            Some(_) => Ok(()),
            None => Err(CoreError::invalid(
                "account_id",
                format!("Account A-{id} is not an account of this case. Choose the account this statement is of from the list."),
            )),
        }
    }

    /// The name and header key a profile is saved under, checked before anything is written.
    fn profile_to_save(
        &self,
        reading: &Reading,
        bytes: &[u8],
        name: &str,
    ) -> Result<(String, String)> {
        let name = validate::line("save_profile_as", "The profile's name", name)?;
        let Some(profile) = reading
            .profile
            .as_ref()
            .filter(|_| reading.format == StatementFormat::Csv)
        else {
            return Err(CoreError::invalid(
                "save_profile_as",
                "Only a CSV file is read through a profile; this statement needs none. Leave the profile name empty.",
            ));
        };
        let header =
            header_cells(bytes, profile).filter(|h| h.iter().any(|c| !c.trim().is_empty()));
        let Some(header) = header else {
            return Err(CoreError::invalid(
                "save_profile_as",
                "This file has no line of column names, so a saved profile could not be recognised next time. Leave the profile name empty.",
            ));
        };
        Ok((name, csv::header_key(&header)))
    }

    fn save_profile(&self, name: &str, header_key: &str, profile_json: &str) -> Result<()> {
        let now = now_utc();
        self.conn.execute(
            "INSERT INTO statement_profiles (name, header_key, profile, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT(name) DO UPDATE SET header_key = excluded.header_key,
                profile = excluded.profile, updated_at = excluded.updated_at",
            params![name, header_key, profile_json, now],
        )?;
        Ok(())
    }

    /// The statement imports of a case, newest first (undone ones left out).
    pub fn list_statement_imports(&self, case_id: i32) -> Result<Vec<StatementImport>> {
        self.get_case(case_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.case_id, i.evidence_id, i.file_name, i.format, i.account_id, i.profile_name,
                    i.rows_in_file,
                    (SELECT count(*) FROM transfers t WHERE t.statement_import_id = i.id),
                    i.imported_at
               FROM statement_imports i
              WHERE i.case_id = ?1 AND i.undone_at IS NULL
              ORDER BY i.imported_at DESC, i.id DESC",
        )?;
        let list = stmt
            .query_map([case_id], |r| {
                let format: String = r.get(4)?;
                Ok(StatementImport {
                    id: r.get(0)?,
                    case_id: r.get(1)?,
                    evidence_id: r.get(2)?,
                    file_name: r.get(3)?,
                    format: format_label(format_of_code(&format)).into(),
                    account_id: r.get(5)?,
                    profile_name: r.get(6)?,
                    rows_in_file: r.get(7)?,
                    transfers_added: r.get(8)?,
                    imported_at: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// Undoes an import: its transfers and (when nothing else uses it) the statement evidence.
    ///
    /// The transfers go for good (with their evidence links and hop links): they came from
    /// the file, which can be imported again; the audit log keeps what happened. Refused while
    /// another transfer is linked as paid with one of them (that link would be lost unseen).
    /// The statement file is deleted (kept among the deleted items, so nothing is lost) only
    /// when this import brought it in and nothing else links to it.
    pub fn undo_statement_import(&mut self, import_id: i32) -> Result<()> {
        let found: Option<(i32, i32, String, bool)> = self
            .conn
            .query_row(
                "SELECT case_id, evidence_id, file_name, undone_at IS NOT NULL
                   FROM statement_imports WHERE id = ?1",
                [import_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((case_id, evidence_id, file_name, undone)) = found else {
            return Err(CoreError::NotFound {
                what: "statement import",
                id: import_id.into(),
            });
        };
        if undone {
            return Err(CoreError::Refused("This import was already undone.".into()));
        }
        let links: Vec<(i32, i32)> = self
            .conn
            .prepare_cached(
                "SELECT ts.transfer_id, ts.source_id FROM transfer_sources ts
                   JOIN transfers s ON s.id = ts.source_id
                   JOIN transfers t ON t.id = ts.transfer_id
                  WHERE s.statement_import_id = ?1 AND t.deleted_at IS NULL
                    AND t.statement_import_id IS NOT ?1
                  ORDER BY ts.transfer_id, ts.source_id",
            )?
            .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if !links.is_empty() {
            let words: Vec<String> = links
                .iter()
                .map(|(t, s)| format!("T-{t} is marked as paid with T-{s}"))
                .collect();
            return Err(CoreError::Refused(format!(
                "Transfers of this import are linked to others: {}. Remove those links first (edit the transfer and clear \"paid with\"), then undo the import. Nothing was changed.",
                words.join("; ")
            )));
        }
        // What the person added to these transfers since (timeline links, evidence, notes, a
        // rate) would go with them, unseen: say so instead.
        let added: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT 'T-' || t.id || ': ' || trim(
                        CASE WHEN EXISTS (SELECT 1 FROM event_links l JOIN events e ON e.id = l.event_id
                                           WHERE l.target_kind = 'transfer' AND l.target_id = t.id
                                             AND e.deleted_at IS NULL) THEN 'linked to a timeline event; ' ELSE '' END
                     || CASE WHEN EXISTS (SELECT 1 FROM transfer_evidence te JOIN evidence v ON v.id = te.evidence_id
                                           WHERE te.transfer_id = t.id AND te.evidence_id != i.evidence_id
                                             AND v.deleted_at IS NULL) THEN 'evidence linked; ' ELSE '' END
                     || CASE WHEN EXISTS (SELECT 1 FROM transfer_sources s JOIN transfers o ON o.id = s.source_id
                                           WHERE s.transfer_id = t.id AND o.deleted_at IS NULL)
                             THEN 'marked as paid with another transfer; ' ELSE '' END
                     || CASE WHEN t.notes != '' THEN 'notes written; ' ELSE '' END
                     || CASE WHEN t.exchange_rate IS NOT NULL THEN 'an exchange rate; ' ELSE '' END, '; ')
                   FROM transfers t JOIN statement_imports i ON i.id = t.statement_import_id
                  WHERE t.statement_import_id = ?1 AND t.deleted_at IS NULL
                  ORDER BY t.id",
            )?
            .query_map([import_id], |r| r.get::<_, String>(0))?
            .filter(|w| w.as_ref().map_or(true, |w| !w.ends_with(": ")))
            .collect::<rusqlite::Result<_>>()?;
        if !added.is_empty() {
            return Err(CoreError::Refused(format!(
                "Since the import, these transfers were given more: {}. Undoing it would remove that too. Move or remove what you added first (or keep the import and delete single transfers instead). Nothing was changed.",
                added.join("; ")
            )));
        }
        let now = now_utc();
        self.in_transaction(|store| {
            let ids: Vec<i32> = store
                .conn
                .prepare_cached("SELECT id FROM transfers WHERE statement_import_id = ?1 ORDER BY id")?
                .query_map([import_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for sql in [
                "DELETE FROM transfer_sources WHERE transfer_id IN (SELECT id FROM transfers WHERE statement_import_id = ?1)
                    OR source_id IN (SELECT id FROM transfers WHERE statement_import_id = ?1)",
                "DELETE FROM transfer_evidence WHERE transfer_id IN (SELECT id FROM transfers WHERE statement_import_id = ?1)",
                "DELETE FROM event_links WHERE target_kind = 'transfer'
                    AND target_id IN (SELECT id FROM transfers WHERE statement_import_id = ?1)",
                "DELETE FROM transfers WHERE statement_import_id = ?1",
            ] {
                store.conn.execute(sql, [import_id])?;
            }
            store.conn.execute(
                "UPDATE statement_imports SET undone_at = ?2 WHERE id = ?1",
                params![import_id, now],
            )?;
            // The file goes only when this import brought it in (recorded when it did; a file
            // the person added, or a case import brought, stays) and nothing else uses it.
            let created: bool = store.conn.query_row(
                "SELECT brought_file = 1 AND EXISTS (SELECT 1 FROM evidence WHERE id = ?2 AND deleted_at IS NULL)
                   FROM statement_imports WHERE id = ?1",
                params![import_id, evidence_id],
                |r| r.get(0),
            )?;
            let linked: bool = store.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM transfer_evidence WHERE evidence_id = ?1)
                     OR EXISTS (SELECT 1 FROM event_links WHERE target_kind = 'evidence' AND target_id = ?1)
                     OR EXISTS (SELECT 1 FROM statement_imports WHERE evidence_id = ?1 AND undone_at IS NULL)
                     OR EXISTS (SELECT 1 FROM chat_imports WHERE evidence_id = ?1 AND undone_at IS NULL)
                     OR EXISTS (SELECT 1 FROM chat_messages WHERE evidence_id = ?1 AND deleted_at IS NULL)",
                [evidence_id],
                |r| r.get(0),
            )?;
            let evidence_words = if created && !linked {
                store.delete_evidence(evidence_id)?;
                format!("; the statement file V-{evidence_id} it brought in was deleted (among the deleted items)")
            } else {
                format!("; the statement file V-{evidence_id} stays in the case")
            };
            audit::append(
                &store.conn,
                &audit::Change {
                    actor: &store.actor,
                    action: Action::Delete,
                    entity: Entity::StatementImport,
                    entity_id: Some(import_id.into()),
                    case_id: Some(case_id.into()),
                    summary: &format!(
                        "Import {import_id} of statement {file_name} undone: {} transfer(s) removed ({}){evidence_words}",
                        ids.len(),
                        ids_words(&ids)
                    ),
                },
            )?;
            touch_case(&store.conn, case_id, &now)?;
            Ok(())
        })
    }

    /// Saved CSV profiles, by name.
    pub fn list_statement_profiles(&self) -> Result<Vec<SavedStatementProfile>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, header_key, profile, updated_at FROM statement_profiles ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // A profile this version cannot read (written by a newer one) is left out, not an error.
        Ok(rows
            .into_iter()
            .filter_map(|(name, header_key, json, updated_at)| {
                serde_json::from_str(&json)
                    .ok()
                    .map(|profile| SavedStatementProfile {
                        name,
                        header_key,
                        profile,
                        updated_at,
                    })
            })
            .collect())
    }

    /// Forgets a saved CSV profile.
    pub fn delete_statement_profile(&mut self, name: &str) -> Result<()> {
        let tx = super::write_tx(&mut self.conn)?;
        let n = tx.execute("DELETE FROM statement_profiles WHERE name = ?1", [name])?;
        if n == 0 {
            return Err(CoreError::Refused(format!(
                "There is no saved profile named \"{name}\". Check the name in the list of profiles."
            )));
        }
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Delete,
                entity: Entity::StatementImport,
                entity_id: None,
                case_id: None,
                summary: &format!("Statement profile \"{name}\" deleted"),
            },
        )?;
        tx.commit()
    }
}

impl Store {
    /// The case's statement imports that were not undone, oldest first (for a case export).
    pub(crate) fn statement_imports_for_export(
        &self,
        case_id: i32,
    ) -> Result<Vec<StatementImportRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, evidence_id, account_id, format, file_name, sha256, profile, profile_name,
                    rows_in_file, imported_at
               FROM statement_imports WHERE case_id = ?1 AND undone_at IS NULL ORDER BY id",
        )?;
        let rows = stmt
            .query_map([case_id], |r| {
                Ok(StatementImportRow {
                    id: r.get(0)?,
                    evidence_id: r.get(1)?,
                    account_id: r.get(2)?,
                    format: r.get(3)?,
                    file_name: r.get(4)?,
                    sha256: r.get(5)?,
                    profile: r.get(6)?,
                    profile_name: r.get(7)?,
                    rows_in_file: r.get(8)?,
                    imported_at: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The statement columns of the case's live transfers that have any, by transfer id.
    pub(crate) fn transfer_statement_columns(
        &self,
        case_id: i32,
    ) -> Result<HashMap<i32, TransferStatementColumns>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, statement_import_id, statement_row, statement_part, statement_raw, row_key
               FROM transfers
              WHERE case_id = ?1 AND deleted_at IS NULL
                AND (statement_import_id IS NOT NULL OR statement_row IS NOT NULL
                     OR statement_part IS NOT NULL OR statement_raw IS NOT NULL OR row_key IS NOT NULL)",
        )?;
        let rows = stmt
            .query_map([case_id], |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    TransferStatementColumns {
                        import_id: r.get(1)?,
                        row: r.get(2)?,
                        part: r.get(3)?,
                        raw: r.get(4)?,
                        row_key: r.get(5)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        Ok(rows)
    }

    /// Writes a statement import from a case export (inside the import's transaction; not
    /// audited on its own: the case import's entry counts it). Returns its new id.
    pub(crate) fn insert_imported_statement_import(
        &self,
        case_id: i32,
        row: &StatementImportRow,
    ) -> Result<i32> {
        self.conn.execute(
            "INSERT INTO statement_imports (case_id, evidence_id, account_id, format, file_name, sha256,
                profile, profile_name, rows_in_file, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                case_id,
                row.evidence_id,
                row.account_id,
                row.format,
                row.file_name,
                row.sha256,
                row.profile,
                row.profile_name,
                row.rows_in_file,
                row.imported_at
            ],
        )?;
        Ok(self.conn.last_insert_rowid() as i32)
    }

    /// Sets a transfer's statement columns from a case export (inside the import's transaction).
    pub(crate) fn set_imported_transfer_statement(
        &self,
        id: i32,
        c: &TransferStatementColumns,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE transfers SET statement_import_id = ?2, statement_row = ?3, statement_part = ?4,
                statement_raw = ?5, row_key = ?6 WHERE id = ?1",
            params![id, c.import_id, c.row, c.part, c.raw, c.row_key],
        )?;
        Ok(())
    }
}

/// Where a transfer made from a statement row came from.
struct StatementOrigin<'a> {
    import_id: i32,
    evidence_id: i32,
    row: &'a StatementRow,
    date_only: bool,
    key: Option<&'a str>,
}

/// One row as the preview shows it.
fn preview_row(
    r: &StatementRow,
    already_imported: Option<i32>,
    counterparty_account_id: Option<i32>,
) -> StatementPreviewRow {
    StatementPreviewRow {
        row: r.row,
        part: r.part,
        booked: r.booked.format("%Y-%m-%d").to_string(),
        time: r.time.map(|t| {
            if t.second() == 0 {
                t.format("%H:%M").to_string()
            } else {
                t.format("%H:%M:%S").to_string()
            }
        }),
        amount: r.amount.to_string(),
        flow: direction_of(r.flow),
        currency: r.currency.clone(),
        counterparty: r.counterparty.clone(),
        counterparty_account: r.counterparty_account.clone(),
        reference: r.reference.clone(),
        already_imported,
        counterparty_account_id,
        raw: r.raw.clone(),
    }
}

/// A currency the person gave for the statement: an ISO code or a crypto asset.
fn statement_currency(raw: &str) -> Result<String> {
    let code = raw.trim().to_ascii_uppercase();
    if crypto::is_crypto_code(&code) {
        return Ok(code);
    }
    validate::currency(&code).map_err(|_| {
        CoreError::invalid(
            "currency",
            format!("\"{}\" is not a currency Casefile knows. Use a three-letter code (GBP, EUR) or a crypto asset (USDT, BTC).", raw.trim()),
        )
    })
}

/// The chosen rows with their currency, checked: each exists, has no problem, has a currency,
/// and (in crypto) a network. Nothing is guessed.
fn chosen_rows<'p>(
    parsed: &'p ParsedStatement,
    options: &StatementImportOptions,
    fallback_currency: Option<&str>,
) -> Result<Vec<(&'p StatementRow, String)>> {
    if options.rows.is_empty() {
        return Err(CoreError::invalid(
            "rows",
            "Tick the rows to import (the payments that were part of the scam) first. Nothing was imported.",
        ));
    }
    let by_ref: HashMap<(u32, u32), &StatementRow> =
        parsed.rows.iter().map(|r| ((r.row, r.part), r)).collect();
    let mut seen = HashSet::new();
    let mut chosen = Vec::with_capacity(options.rows.len());
    let mut crypto_rows: Vec<String> = Vec::new();
    for pick in &options.rows {
        if !seen.insert((pick.row, pick.part)) {
            continue;
        }
        if let Some(p) = parsed.problems.iter().find(|p| p.row == pick.row) {
            let column = p
                .column
                .as_deref()
                .map(|c| format!(", column \"{c}\""))
                .unwrap_or_default();
            return Err(CoreError::invalid(
                "rows",
                format!(
                    "Row {}{column} cannot be read: {} Leave this row out, or change how the file is read. Nothing was imported.",
                    p.row, p.message
                ),
            ));
        }
        let Some(r) = by_ref.get(&(pick.row, pick.part.max(1))).copied() else {
            return Err(CoreError::invalid(
                "rows",
                format!(
                    "There is no {} in this statement. Choose rows from the preview. Nothing was imported.",
                    row_words(pick.row, pick.part)
                ),
            ));
        };
        let Some(currency) = r
            .currency
            .as_deref()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
            .or_else(|| fallback_currency.map(str::to_string))
        else {
            return Err(CoreError::invalid(
                "currency",
                format!(
                    "The file gives no currency for {} (there is no currency column). Choose the currency of this statement. Nothing was imported.",
                    row_words(r.row, r.part)
                ),
            ));
        };
        if crypto::is_crypto_code(&currency) {
            crypto_rows.push(format!(
                "{} ({} {currency})",
                row_words(r.row, r.part),
                r.amount
            ));
        }
        chosen.push((r, currency));
    }
    if !crypto_rows.is_empty() && options.network.is_none() {
        return Err(CoreError::invalid(
            "network",
            format!(
                "{} in crypto, and a statement does not say which network it was sent on: {}. Choose the network (for USDT it is usually TRON, TRC-20, or Ethereum, ERC-20; the exchange shows it with each withdrawal). Nothing was imported.",
                if crypto_rows.len() == 1 { "This row is" } else { "These rows are" },
                crypto_rows.join(", ")
            ),
        ));
    }
    Ok(chosen)
}

/// When a row happened, as a transfer takes it, and whether only the day is known: the time
/// with the file's offset, else in the case's zone; a day alone is midnight in the case's zone.
fn occurred(r: &StatementRow) -> (String, bool) {
    let day = r.booked.format("%Y-%m-%d");
    match (r.time, r.offset_minutes) {
        (Some(time), Some(offset)) => {
            let t = NaiveDateTime::new(r.booked, time);
            match chrono::FixedOffset::east_opt(offset * 60)
                .and_then(|o| t.and_local_timezone(o).single())
            {
                Some(t) => (t.to_rfc3339(), false),
                None => (t.format("%Y-%m-%d %H:%M:%S").to_string(), false),
            }
        }
        (Some(time), None) => (format!("{day} {}", time.format("%H:%M:%S")), false),
        (None, _) => (format!("{day} 00:00"), true),
    }
}

/// "T-1, T-5", "T-1 to T-300" (a run), or the first few and how many more.
fn ids_words(ids: &[i32]) -> String {
    const SHOWN: usize = 20;
    if let (true, Some(first), Some(last)) = (ids.len() > 2, ids.first(), ids.last()) {
        if ids.windows(2).all(|w| w[1] == w[0] + 1) {
            return format!("T-{first} to T-{last}");
        }
    }
    let mut words: Vec<String> = ids.iter().take(SHOWN).map(|i| format!("T-{i}")).collect();
    if ids.len() > SHOWN {
        words.push(format!("and {} more", ids.len() - SHOWN));
    }
    if words.is_empty() {
        "none".into()
    } else {
        words.join(", ")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};
    use rust_decimal::Decimal;

    fn row(n: u32, reference: &str, bank_id: Option<&str>) -> StatementRow {
        StatementRow {
            row: n,
            part: 1,
            booked: NaiveDate::from_ymd_opt(2026, 3, 14).unwrap(),
            time: None,
            offset_minutes: None,
            value_date: None,
            amount: Decimal::new(150000, 2),
            flow: Flow::Out,
            currency: Some("GBP".into()),
            counterparty: "J  Smith".into(),
            counterparty_account: String::new(),
            reference: reference.into(),
            bank_id: bank_id.map(str::to_string),
            raw: String::new(),
        }
    }

    fn parsed(rows: Vec<StatementRow>) -> ParsedStatement {
        ParsedStatement {
            format: StatementFormat::Csv,
            account: Some("gb29 nwbk 6016 1331 9268 19".into()),
            currency: None,
            rows,
            problems: vec![],
        }
    }

    #[test]
    fn keys_ignore_spacing_and_case_and_tell_identical_rows_apart() {
        let keys = row_keys(
            StatementFormat::Csv,
            &parsed(vec![
                row(2, "LOAN  ref", None),
                row(3, "loan ref", None),
                row(4, "x", Some("ID-9")),
            ]),
        );
        assert_eq!(
            keys[0],
            "row|GB29NWBK60161331926819|2026-03-14|1500|GBP|out|loan ref|j smith"
        );
        assert_eq!(
            keys[1],
            "row|GB29NWBK60161331926819|2026-03-14|1500|GBP|out|loan ref|j smith#2"
        );
        assert_eq!(keys[2], "csv|GB29NWBK60161331926819|id:ID-9|1");
        // The same payment from another account, or in another currency, is another payment.
        let mut other = parsed(vec![row(2, "loan ref", None)]);
        other.account = Some("GB33 BUKB 2020 1555 5555 55".into());
        assert_ne!(row_keys(StatementFormat::Csv, &other)[0], keys[0]);
        let mut euros = parsed(vec![row(2, "loan ref", None)]);
        euros.rows[0].currency = Some("EUR".into());
        assert_ne!(row_keys(StatementFormat::Csv, &euros)[0], keys[0]);
    }

    #[test]
    fn times_keep_the_files_offset_and_a_day_alone_is_date_only() {
        let mut r = row(2, "", None);
        assert_eq!(occurred(&r), ("2026-03-14 00:00".into(), true));
        r.time = NaiveTime::from_hms_opt(9, 30, 0);
        assert_eq!(occurred(&r), ("2026-03-14 09:30:00".into(), false));
        r.offset_minutes = Some(-300);
        assert_eq!(occurred(&r), ("2026-03-14T09:30:00-05:00".into(), false));
    }

    #[test]
    fn the_header_line_is_found_with_the_profiles_encoding_and_separator() {
        let bytes =
            b"Account;GB29\r\n\r\nDatum;Betrag;\"Verwendungs zweck\"\r\n14.03.2026;-1,00;x\r\n";
        let sniffed = csv::sniff(bytes).unwrap();
        let header = header_cells(bytes, &sniffed.profile).unwrap();
        assert_eq!(csv::header_key(&header), csv::header_key(&sniffed.header));
        assert_eq!(header[2], "Verwendungs zweck");
    }
}
