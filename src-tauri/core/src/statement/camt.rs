//! ISO 20022 camt.053 (bank to customer statement) read into rows: [`read`] and [`looks_like`].
//!
//! Shape (`.001.02` to `.001.08`, with or without a prefix such as `camt:`; only local names
//! are compared): `Document/BkToCstmrStmt/Stmt*`, each with `Acct/Id/IBAN` (or `Othr/Id`),
//! `Acct/Ccy` and its entries `Ntry*`. An entry has `Amt Ccy="EUR"`, `CdtDbtInd` (CRDT in,
//! DBIT out), `RvslInd`, `Sts` (`Sts/Cd` from `.08`), `BookgDt` and `ValDt` (`Dt` or `DtTm`),
//! `AcctSvcrRef`, `AddtlNtryInf` and `NtryDtls/TxDtls*`: one transaction, or several when the
//! bank booked a batch as one entry. Each `TxDtls` becomes its own row (`part` 1..n) with its
//! own amount, counterparty (`RltdPties/Cdtr` for a debit, `Dbtr` for a credit; `Cdtr/Pty` from
//! `.08`), reference (`RmtInf/Ustrd`, else `RmtInf/Strd/CdtrRefInf/Ref`, else `AddtlTxInf`,
//! else the entry's `AddtlNtryInf`, with `Refs/EndToEndId` appended) and bank id.
//!
//! Choices, each for a reason:
//! - `INFO` entries (information only, never booked) are left out; pending (`PDNG`, `FUTR`)
//!   entries are kept with "Pending: " before the reference.
//! - A reversal (`RvslInd` true) is kept with the *opposite* flow of its `CdtDbtInd` and
//!   "Reversal: " before the reference: German banks (DK rules) write a reversed debit as
//!   `DBIT` + `RvslInd`, and that is money coming back.
//! - When the transactions of an entry do not add up to the entry's amount, their rows are
//!   still given (each amount is exactly what the bank wrote) and the entry gets a
//!   [`RowProblem`] too, so the person looks at it before anything is imported.
//! - A transaction or entry that cannot be read (date, amount, direction) makes the whole entry
//!   a problem: importing some parts of one booking would misstate it.
//!
//! - `raw` is the entry's text as in the file (at most 8 KiB); for a part of an entry with
//!   several transactions, that part's own `TxDtls` text, so a batch of thousands of
//!   transactions does not repeat the entry thousands of times.
//!
//! The file is read as a stream of XML events (quick-xml), never as a tree: no recursion on the
//! file's depth, no DTD, no entity expansion (`&name;` other than the five XML ones stays as
//! written). Text is UTF-8 (with or without BOM), UTF-16 with a BOM, or a single-byte encoding
//! the XML declaration names (ISO-8859-1, windows-1252, …).

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use encoding_rs::{Encoding, UTF_8};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use rust_decimal::Decimal;

use super::{
    Flow, ParsedStatement, RowProblem, StatementError, StatementFormat, StatementRow, MAX_ROWS,
    MAX_STATEMENT_BYTES,
};

/// Bytes [`looks_like`] reads at most.
const SNIFF_BYTES: usize = 64 * 1024;
/// Longest entry text kept in a row's `raw`, in bytes.
const MAX_RAW_BYTES: usize = 8 * 1024;
/// Longest element text kept, in bytes (camt's longest texts are 140 or 500 characters).
const MAX_TEXT_BYTES: usize = 4 * 1024;
/// Deepest element nesting read (a camt.053 is about 12 deep).
const MAX_DEPTH: usize = 64;
/// Longest value quoted back in a problem, in characters.
const MAX_QUOTED_CHARS: usize = 60;

/// Whether `bytes` look like a camt.053 statement: XML whose first 64 KiB name the camt.053
/// namespace or its `BkToCstmrStmt` element.
pub fn looks_like(bytes: &[u8]) -> bool {
    let head = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    let text = match Encoding::for_bom(head) {
        Some((encoding, bom)) if encoding != UTF_8 => {
            encoding
                .decode_without_bom_handling(head.get(bom..).unwrap_or_default())
                .0
        }
        _ => String::from_utf8_lossy(head),
    };
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    text.starts_with('<') && (text.contains("camt.053.") || text.contains("BkToCstmrStmt>"))
}

/// Reads a camt.053 statement: every booked or pending movement of every `Stmt`, in file order.
pub fn read(bytes: &[u8]) -> Result<ParsedStatement, StatementError> {
    if bytes.len() > MAX_STATEMENT_BYTES {
        return Err(StatementError::Unreadable(format!(
            "This file is {} MB; statements larger than {} MB are not read. Ask the bank for \
             shorter periods, for example one statement a month.",
            bytes.len() / (1024 * 1024),
            MAX_STATEMENT_BYTES / (1024 * 1024)
        )));
    }
    let text = decode(bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if !text.trim_start().starts_with('<') {
        return Err(StatementError::NotThisFormat(NOT_CAMT.into()));
    }
    Walk::new(text).run()
}

const NOT_CAMT: &str = "This does not look like a camt.053 statement (the XML statement file \
    banks give under “ISO 20022” or “camt”).";

/// The file's text: UTF-8 (invalid bytes shown as �), UTF-16 with a BOM, or the single-byte
/// encoding its XML declaration names.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, StatementError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        if encoding == UTF_8 {
            return Ok(String::from_utf8_lossy(body));
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(StatementError::Unreadable(
                "This statement's text is damaged (it is not valid UTF-16 as it says). \
                 Download it from the bank again."
                    .into(),
            ));
        }
        return Ok(Cow::Owned(text.into_owned()));
    }
    match declared_encoding(bytes) {
        None => Ok(String::from_utf8_lossy(bytes)),
        Some(label) => match Encoding::for_label(label.as_bytes()) {
            Some(encoding) if encoding == UTF_8 => Ok(String::from_utf8_lossy(bytes)),
            Some(encoding) if encoding.is_single_byte() => Ok(Cow::Owned(
                encoding.decode_without_bom_handling(bytes).0.into_owned(),
            )),
            _ => Err(StatementError::Unreadable(format!(
                "This statement is written in the text encoding “{}”, which Casefile does not \
                 read. Ask the bank for the statement in UTF-8.",
                quote(&label)
            ))),
        },
    }
}

/// The `encoding="…"` of an XML declaration at the start of `bytes`, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..200).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = decl.split("?>").next()?;
    let after = decl.split("encoding").nth(1)?;
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote_char = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = after.get(1..)?.split(quote_char).next()?;
    Some(value.trim().to_string())
}

/// One element text of an entry or transaction, by its path below it (`BookgDt/Dt`).
struct Leaf {
    path: String,
    text: String,
    /// The `Ccy` attribute of an `Amt`.
    ccy: Option<String>,
}

/// An entry as collected: its own elements, its transactions' elements, its text.
struct EntryData {
    row: u32,
    leaves: Vec<Leaf>,
    parts: Vec<Vec<Leaf>>,
    /// Each part's own text (`<TxDtls>…</TxDtls>`), capped.
    part_raws: Vec<String>,
    start: usize,
}

/// The statement (`Stmt`) being read: its account and currency.
#[derive(Default, Clone, PartialEq)]
struct StmtInfo {
    account: Option<String>,
    currency: Option<String>,
}

struct Frame {
    name: String,
    ccy: Option<String>,
    had_child: bool,
}

/// The streaming reader's state.
struct Walk<'a> {
    text: &'a str,
    stack: Vec<Frame>,
    buf: String,
    namespace: String,
    stmt_depth: Option<usize>,
    stmt: StmtInfo,
    statements: Vec<StmtInfo>,
    entry: Option<EntryData>,
    entry_depth: Option<usize>,
    part_depth: Option<usize>,
    part_start: usize,
    entries_seen: u32,
    rows: Vec<StatementRow>,
    problems: Vec<RowProblem>,
}

impl<'a> Walk<'a> {
    fn new(text: &'a str) -> Self {
        Walk {
            text,
            stack: Vec::new(),
            buf: String::new(),
            namespace: String::new(),
            stmt_depth: None,
            stmt: StmtInfo::default(),
            statements: Vec::new(),
            entry: None,
            entry_depth: None,
            part_depth: None,
            part_start: 0,
            entries_seen: 0,
            rows: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn run(mut self) -> Result<ParsedStatement, StatementError> {
        let mut reader = Reader::from_str(self.text);
        loop {
            let before = position(&reader);
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    return Err(StatementError::Unreadable(format!(
                        "This statement file is damaged near byte {} ({error}). It may have been \
                         cut off while downloading: download it from the bank again.",
                        reader.error_position()
                    )))
                }
            };
            match event {
                Event::Start(e) => self.start(&e, before)?,
                Event::Empty(e) => {
                    self.start(&e, before)?;
                    self.end(position(&reader))?;
                }
                Event::End(_) => self.end(position(&reader))?,
                Event::Text(t) => self.push_text(&t.xml10_content()),
                Event::CData(c) => self.push_text(&c.xml10_content()),
                Event::GeneralRef(r) => self.push_ref(&r),
                Event::Eof => break,
                // No DTD is read and no entity it declares is expanded.
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
        if !self.stack.is_empty() {
            return Err(StatementError::Unreadable(
                "This statement file stops in the middle: it was probably cut off while \
                 downloading. Download it from the bank again."
                    .into(),
            ));
        }
        if self.entries_seen == 0 {
            if self.statements.is_empty() {
                return Err(StatementError::NotThisFormat(NOT_CAMT.into()));
            }
            return Err(StatementError::Unreadable(
                "This camt.053 statement lists no movements (it has no entries): there is \
                 nothing to import. Check that it covers the dates of the payments."
                    .into(),
            ));
        }
        let first = self.statements.first().cloned().unwrap_or_default();
        let same = |f: fn(&StmtInfo) -> &Option<String>| {
            self.statements
                .iter()
                .all(|s| f(s) == f(&first))
                .then(|| f(&first).clone())
                .flatten()
        };
        Ok(ParsedStatement {
            format: StatementFormat::Camt053,
            account: same(|s| &s.account),
            currency: same(|s| &s.currency),
            rows: self.rows,
            problems: self.problems,
        })
    }

    fn start(&mut self, e: &BytesStart<'_>, at: usize) -> Result<(), StatementError> {
        let name = String::from_utf8_lossy(e.local_name().as_ref().as_bytes()).into_owned();
        let depth = self.stack.len();
        if depth >= MAX_DEPTH {
            return Err(StatementError::Unreadable(
                "This statement file nests its elements far deeper than a camt.053 does; it is \
                 damaged or not a statement."
                    .into(),
            ));
        }
        if let Some(parent) = self.stack.last_mut() {
            parent.had_child = true;
        }
        self.buf.clear();
        match depth {
            0 => {
                if name != "Document" {
                    return Err(StatementError::NotThisFormat(NOT_CAMT.into()));
                }
                self.namespace = namespace(e);
            }
            1 => check_message(&name, &self.namespace)?,
            2 if name == "Stmt" => {
                self.stmt_depth = Some(depth);
                self.stmt = StmtInfo::default();
            }
            _ => {}
        }
        if name == "Ntry" && self.entry.is_none() && self.stmt_depth == depth.checked_sub(1) {
            self.entries_seen = self.entries_seen.saturating_add(1);
            self.entry = Some(EntryData {
                row: self.entries_seen,
                leaves: Vec::new(),
                parts: Vec::new(),
                part_raws: Vec::new(),
                start: at,
            });
            self.entry_depth = Some(depth);
        }
        if name == "TxDtls"
            && self.part_depth.is_none()
            && self.entry_depth == depth.checked_sub(2)
            && self.stack.last().is_some_and(|f| f.name == "NtryDtls")
        {
            if let Some(entry) = self.entry.as_mut() {
                if entry.parts.len() >= MAX_ROWS {
                    return Err(too_many_rows());
                }
                entry.parts.push(Vec::new());
                self.part_depth = Some(depth);
                self.part_start = at;
            }
        }
        let ccy = (name == "Amt" && self.entry.is_some())
            .then(|| attribute(e, "Ccy"))
            .flatten();
        self.stack.push(Frame {
            name,
            ccy,
            had_child: false,
        });
        Ok(())
    }

    fn end(&mut self, at: usize) -> Result<(), StatementError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let depth = self.stack.len();
        if !frame.had_child {
            let text = std::mem::take(&mut self.buf);
            self.leaf(depth, frame, text);
        }
        self.buf.clear();
        if self.part_depth == Some(depth) {
            self.part_depth = None;
            let raw = raw_text(self.text, self.part_start, at);
            if let Some(entry) = self.entry.as_mut() {
                entry.part_raws.push(raw);
            }
        }
        if self.entry_depth == Some(depth) {
            self.entry_depth = None;
            if let Some(entry) = self.entry.take() {
                let raw = raw_text(self.text, entry.start, at);
                let (rows, problems) = entry_rows(&entry, &self.stmt, raw);
                self.rows.extend(rows);
                self.problems.extend(problems);
                if self.rows.len() > MAX_ROWS || self.problems.len() > MAX_ROWS {
                    return Err(too_many_rows());
                }
            }
        }
        if self.stmt_depth == Some(depth) {
            self.stmt_depth = None;
            self.statements.push(std::mem::take(&mut self.stmt));
        }
        Ok(())
    }

    /// Keeps the text of an element without children when it is part of an entry, a
    /// transaction or the statement's account.
    fn leaf(&mut self, depth: usize, frame: Frame, text: String) {
        let path_below = |base: usize| {
            let mut path = String::new();
            for f in self.stack.get(base + 1..).unwrap_or_default() {
                path.push_str(&f.name);
                path.push('/');
            }
            path.push_str(&frame.name);
            path
        };
        if let Some(part) = self.part_depth {
            if depth > part {
                let leaf = Leaf {
                    path: path_below(part),
                    text,
                    ccy: frame.ccy,
                };
                if let Some(parts) = self.entry.as_mut().and_then(|e| e.parts.last_mut()) {
                    parts.push(leaf);
                }
                return;
            }
        }
        if let Some(entry_depth) = self.entry_depth {
            if depth > entry_depth {
                let leaf = Leaf {
                    path: path_below(entry_depth),
                    text,
                    ccy: frame.ccy,
                };
                if let Some(entry) = self.entry.as_mut() {
                    entry.leaves.push(leaf);
                }
                return;
            }
        }
        if let Some(stmt_depth) = self.stmt_depth {
            if depth > stmt_depth {
                let path = path_below(stmt_depth);
                let text = clean(&text);
                if text.is_empty() {
                    return;
                }
                match path.as_str() {
                    "Acct/Id/IBAN" | "Acct/Id/Othr/Id" if self.stmt.account.is_none() => {
                        self.stmt.account = Some(text);
                    }
                    "Acct/Ccy" if self.stmt.currency.is_none() => self.stmt.currency = Some(text),
                    _ => {}
                }
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.stack.is_empty() || self.buf.len() >= MAX_TEXT_BYTES {
            return;
        }
        let room = MAX_TEXT_BYTES - self.buf.len();
        self.buf.push_str(head(text, room));
    }

    /// `&amp;`, `&#233;` and the other four XML entities become their characters; any other
    /// `&name;` stays as written (a DTD's entities are never expanded).
    fn push_ref(&mut self, r: &BytesRef<'_>) {
        let name = r.xml10_content();
        let resolved = match name.as_ref() {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "apos" => Some('\''),
            "quot" => Some('"'),
            _ => r.resolve_char_ref().ok().flatten(),
        };
        match resolved {
            Some(c) => self.push_text(c.encode_utf8(&mut [0; 4])),
            None => self.push_text(&format!("&{name};")),
        }
    }
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

fn too_many_rows() -> StatementError {
    StatementError::Unreadable(format!(
        "This statement has more than {MAX_ROWS} movements, more than Casefile reads from one \
         file. Ask the bank for shorter periods, for example one statement a month."
    ))
}

/// The first namespace the root element declares (`xmlns` or `xmlns:camt`).
fn namespace(e: &BytesStart<'_>) -> String {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| {
            let key: &str = a.key.as_ref();
            key == "xmlns" || key.starts_with("xmlns:")
        })
        .map(|a| a.value.into_owned())
        .unwrap_or_default()
}

/// The value of an attribute, by local name.
fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| {
            let key: &str = a.key.local_name().into_inner();
            key == local
        })
        .map(|a| clean(&a.value))
}

/// Refuses every ISO 20022 message but a statement, naming what it is when it can.
fn check_message(element: &str, namespace: &str) -> Result<(), StatementError> {
    if element == "BkToCstmrStmt" {
        return Ok(());
    }
    const ASK: &str = "Ask the bank for the account statement as camt.053 (sometimes called \
        “ISO 20022 statement” or “XML statement”).";
    let what = match element {
        "BkToCstmrAcctRpt" => "This is a camt.052 account report (movements during the day), \
            not a statement (camt.053)."
            .to_string(),
        "BkToCstmrDbtCdtNtfctn" => "This is a camt.054 notification (a message about single \
            payments), not a statement (camt.053)."
            .to_string(),
        "CstmrCdtTrfInitn" => "This is a pain.001 payment order (transfers sent to the bank), \
            not a statement (camt.053)."
            .to_string(),
        "CstmrDrctDbtInitn" => "This is a pain.008 direct debit order, not a statement \
            (camt.053)."
            .to_string(),
        _ => match iso_message_name(namespace) {
            Some(name) => {
                format!("This is an ISO 20022 {name} message, not a statement (camt.053).")
            }
            None => return Err(StatementError::NotThisFormat(NOT_CAMT.into())),
        },
    };
    Err(StatementError::NotThisFormat(format!("{what} {ASK}")))
}

/// `camt.052.001.08` from `urn:iso:std:iso:20022:tech:xsd:camt.052.001.08`.
fn iso_message_name(namespace: &str) -> Option<String> {
    let name = namespace.strip_prefix("urn:iso:std:iso:20022:tech:xsd:")?;
    let mut pieces = name.split('.');
    let (Some(area), Some(number)) = (pieces.next(), pieces.next()) else {
        return None;
    };
    Some(quote(&format!("{area}.{number}")))
}

/// The entry's text as in the file, at most [`MAX_RAW_BYTES`].
fn raw_text(text: &str, start: usize, end: usize) -> String {
    let slice = text.get(start..end).unwrap_or_default();
    if slice.len() <= MAX_RAW_BYTES {
        return slice.to_string();
    }
    format!("{}…", head(slice, MAX_RAW_BYTES))
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Whitespace runs (line breaks, tabs) as single spaces, trimmed.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn quote(text: &str) -> String {
    let text = clean(text);
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default()),
        None => text,
    }
}

/// The first non-empty text among `paths`, with its leaf.
fn first<'l>(leaves: &'l [Leaf], paths: &[&str]) -> Option<&'l Leaf> {
    paths.iter().find_map(|path| {
        leaves
            .iter()
            .find(|l| l.path == *path && !l.text.trim().is_empty())
    })
}

fn text_of(leaves: &[Leaf], paths: &[&str]) -> String {
    first(leaves, paths)
        .map(|l| clean(&l.text))
        .unwrap_or_default()
}

/// All non-empty texts at `path`, joined by a space.
fn joined(leaves: &[Leaf], path: &str) -> String {
    leaves
        .iter()
        .filter(|l| l.path == path)
        .map(|l| clean(&l.text))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The direction a `CdtDbtInd` gives, before any reversal.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Credit,
    Debit,
}

/// A date (`Dt`) or date and time (`DtTm`) of an entry.
struct When {
    date: NaiveDate,
    time: Option<NaiveTime>,
    offset_minutes: Option<i32>,
}

/// A problem of an entry, before the row number is known.
struct Problem {
    column: &'static str,
    message: String,
}

/// The rows (or problems) of one entry.
fn entry_rows(
    entry: &EntryData,
    stmt: &StmtInfo,
    raw: String,
) -> (Vec<StatementRow>, Vec<RowProblem>) {
    let leaves = &entry.leaves;
    let problem = |p: Problem| RowProblem {
        row: entry.row,
        column: Some(p.column.to_string()),
        message: p.message,
    };
    let status = text_of(leaves, &["Sts", "Sts/Cd"]).to_ascii_uppercase();
    if status == "INFO" {
        return (Vec::new(), Vec::new());
    }
    let pending = status == "PDNG" || status == "FUTR";
    let reversal = matches!(text_of(leaves, &["RvslInd"]).as_str(), "true" | "1");

    let mut problems = Vec::new();
    let amount = match first(leaves, &["Amt"]) {
        Some(leaf) => read_amount(&leaf.text).map_err(|p| problems.push(p)).ok(),
        None => {
            problems.push(Problem {
                column: "Amt",
                message: "This entry has no amount.".into(),
            });
            None
        }
    };
    let currency = first(leaves, &["Amt"])
        .and_then(|l| l.ccy.clone())
        .filter(|c| !c.is_empty())
        .or_else(|| stmt.currency.clone());
    let side = side(leaves, "This entry")
        .map_err(|p| problems.push(p))
        .ok();
    let booked = when(leaves, "BookgDt")
        .map_err(|p| problems.push(p))
        .ok()
        .flatten();
    let value = when(leaves, "ValDt")
        .map_err(|p| problems.push(p))
        .ok()
        .flatten();
    let (booked, value_date) = match (booked, value) {
        (Some(b), v) => (Some(b), v.map(|v| v.date)),
        // The value date is then the only date the file gives.
        (None, Some(v)) => (Some(v), None),
        (None, None) => {
            if !problems
                .iter()
                .any(|p| p.column == "BookgDt" || p.column == "ValDt")
            {
                problems.push(Problem {
                    column: "BookgDt",
                    message: "This entry has no booking date.".into(),
                });
            }
            (None, None)
        }
    };
    let (Some(amount), Some(side), Some(booked), true) =
        (amount, side, booked, problems.is_empty())
    else {
        return (Vec::new(), problems.into_iter().map(problem).collect());
    };

    let entry_ref = text_of(leaves, &["AcctSvcrRef"]);
    let entry_info = text_of(leaves, &["AddtlNtryInf"]);
    let row = |part: u32| StatementRow {
        row: entry.row,
        part,
        booked: booked.date,
        time: booked.time,
        offset_minutes: booked.offset_minutes,
        value_date,
        amount,
        flow: flow(side, reversal),
        currency: currency.clone(),
        counterparty: String::new(),
        counterparty_account: String::new(),
        reference: String::new(),
        bank_id: None,
        raw: String::new(),
    };
    if entry.parts.is_empty() {
        return (
            vec![StatementRow {
                reference: decorate(entry_info, pending, reversal),
                bank_id: (!entry_ref.is_empty()).then_some(entry_ref),
                raw,
                ..row(1)
            }],
            Vec::new(),
        );
    }

    let several = entry.parts.len() > 1;
    let mut rows = Vec::new();
    // The parts' amounts, counted along the entry's direction, and whether all are in its
    // currency (else they cannot be added up).
    let mut sum = Some(Decimal::ZERO);
    for (i, part) in entry.parts.iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let which = format!("Transaction {n} of this entry");
        let (part_amount, part_currency) = match first(part, &["Amt", "AmtDtls/TxAmt/Amt"]) {
            Some(leaf) => (
                read_amount(&leaf.text)
                    .map_err(|p| {
                        problems.push(Problem {
                            column: p.column,
                            message: format!("{which}: {}", p.message),
                        })
                    })
                    .ok(),
                leaf.ccy
                    .clone()
                    .filter(|c| !c.is_empty())
                    .or(currency.clone()),
            ),
            None if !several => (Some(amount), currency.clone()),
            None => {
                problems.push(Problem {
                    column: "Amt",
                    message: format!("{which} has no amount of its own."),
                });
                (None, None)
            }
        };
        let part_side = if first(part, &["CdtDbtInd"]).is_some() {
            side_of(part, &which).map_err(|p| problems.push(p)).ok()
        } else {
            Some(side)
        };
        let (Some(part_amount), Some(part_side)) = (part_amount, part_side) else {
            continue;
        };
        sum = match (sum, part_currency == currency) {
            (Some(s), true) if part_side == side => s.checked_add(part_amount),
            (Some(s), true) => s.checked_sub(part_amount),
            _ => None,
        };
        let (party, account) = match part_side {
            Side::Debit => ("Cdtr", "CdtrAcct"),
            Side::Credit => ("Dbtr", "DbtrAcct"),
        };
        let name_paths = [
            format!("RltdPties/{party}/Nm"),
            format!("RltdPties/{party}/Pty/Nm"),
            format!("RltdPties/Ultmt{party}/Nm"),
            format!("RltdPties/Ultmt{party}/Pty/Nm"),
        ];
        let account_paths = [
            format!("RltdPties/{account}/Id/IBAN"),
            format!("RltdPties/{account}/Id/Othr/Id"),
        ];
        let mut reference = joined(part, "RmtInf/Ustrd");
        if reference.is_empty() {
            reference = joined(part, "RmtInf/Strd/CdtrRefInf/Ref");
        }
        if reference.is_empty() && !part.iter().any(|l| l.path.starts_with("RmtInf/")) {
            reference = text_of(part, &["AddtlTxInf"]);
            if reference.is_empty() {
                reference = entry_info.clone();
            }
        }
        let end_to_end = text_of(part, &["Refs/EndToEndId"]);
        if !end_to_end.is_empty() && !end_to_end.eq_ignore_ascii_case("NOTPROVIDED") {
            reference = if reference.is_empty() {
                format!("End-to-end ID {end_to_end}")
            } else {
                format!("{reference} (end-to-end ID {end_to_end})")
            };
        }
        let own_id = text_of(part, &["Refs/AcctSvcrRef", "Refs/TxId"]);
        let bank_id = if !own_id.is_empty() {
            Some(own_id)
        } else if entry_ref.is_empty() {
            None
        } else if several {
            Some(format!("{entry_ref}/{n}"))
        } else {
            Some(entry_ref.clone())
        };
        rows.push(StatementRow {
            amount: part_amount,
            flow: flow(part_side, reversal),
            currency: part_currency,
            counterparty: text_of(part, &as_strs(&name_paths)),
            counterparty_account: text_of(part, &as_strs(&account_paths)),
            reference: decorate(reference, pending, reversal),
            bank_id,
            // A part's own text: the entry's text repeated for every part of a large batch
            // would grow far beyond the file.
            raw: if several {
                entry.part_raws.get(i).cloned().unwrap_or_default()
            } else {
                raw.clone()
            },
            ..row(n)
        });
    }
    if !problems.is_empty() {
        return (Vec::new(), problems.into_iter().map(problem).collect());
    }
    let mut row_problems = Vec::new();
    if let Some(sum) = sum {
        if sum != amount {
            row_problems.push(problem(Problem {
                column: "Amt",
                message: format!(
                    "The {} transactions of this entry add up to {sum}, not to the entry's \
                     amount {amount}: the parts do not add up to the entry's amount. Check them \
                     against the bank's statement before importing.",
                    entry.parts.len()
                ),
            }));
        }
    }
    (rows, row_problems)
}

fn as_strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn flow(side: Side, reversal: bool) -> Flow {
    match (side, reversal) {
        (Side::Credit, false) | (Side::Debit, true) => Flow::In,
        (Side::Debit, false) | (Side::Credit, true) => Flow::Out,
    }
}

/// "Pending: Reversal: text" as the entry's status asks.
fn decorate(reference: String, pending: bool, reversal: bool) -> String {
    let mut out = reference;
    for (yes, word) in [(reversal, "Reversal"), (pending, "Pending")] {
        if yes {
            out = if out.is_empty() {
                word.to_string()
            } else {
                format!("{word}: {out}")
            };
        }
    }
    out
}

fn side(leaves: &[Leaf], which: &str) -> Result<Side, Problem> {
    match first(leaves, &["CdtDbtInd"]) {
        None => Err(Problem {
            column: "CdtDbtInd",
            message: format!("{which} does not say whether money came in or went out."),
        }),
        Some(_) => side_of(leaves, which),
    }
}

fn side_of(leaves: &[Leaf], which: &str) -> Result<Side, Problem> {
    let text = text_of(leaves, &["CdtDbtInd"]);
    match text.as_str() {
        "CRDT" => Ok(Side::Credit),
        "DBIT" => Ok(Side::Debit),
        _ => Err(Problem {
            column: "CdtDbtInd",
            message: format!(
                "{which} says “{}” for the direction, which is neither CRDT (money in) nor DBIT \
                 (money out).",
                quote(&text)
            ),
        }),
    }
}

/// A camt amount: digits with an optional decimal point, more than zero.
fn read_amount(text: &str) -> Result<Decimal, Problem> {
    let text = text.trim();
    let problem = |why: &str| Problem {
        column: "Amt",
        message: format!("The amount “{}” {why}", quote(text)),
    };
    if text.is_empty() {
        return Err(Problem {
            column: "Amt",
            message: "The amount is empty.".into(),
        });
    }
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    let points = text.bytes().filter(|b| *b == b'.').count();
    if digits == 0 || points > 1 || digits + points != text.len() {
        return Err(problem(
            "is not a number written with a point (like 1250.00), as camt amounts are.",
        ));
    }
    if digits > 25 {
        return Err(problem("has too many digits to be an amount."));
    }
    let value = Decimal::from_str_exact(text)
        .map_err(|_| problem("has too many digits to be an amount."))?;
    if value.is_zero() {
        return Err(problem("is zero: there is no money movement to import."));
    }
    Ok(value)
}

/// The date (`BookgDt/Dt`) or date and time (`BookgDt/DtTm`) under `element`, if given.
fn when(leaves: &[Leaf], element: &'static str) -> Result<Option<When>, Problem> {
    let date_path = format!("{element}/Dt");
    let time_path = format!("{element}/DtTm");
    let problem = |text: &str, what: &str| Problem {
        column: element,
        message: format!("The {what} “{}” is not a real date.", quote(text)),
    };
    let what = if element == "ValDt" {
        "value date"
    } else {
        "booking date"
    };
    if let Some(leaf) = first(leaves, &[&date_path]) {
        let text = leaf.text.trim();
        let (date, rest) = split_date(text).ok_or_else(|| problem(text, what))?;
        zone(rest).ok_or_else(|| problem(text, what))?;
        return Ok(Some(When {
            date,
            time: None,
            offset_minutes: None,
        }));
    }
    if let Some(leaf) = first(leaves, &[&time_path]) {
        let text = leaf.text.trim();
        let bad = || Problem {
            column: element,
            message: format!(
                "The {what} and time “{}” is not a real date and time.",
                quote(text)
            ),
        };
        let (date, rest) = split_date(text).ok_or_else(bad)?;
        let rest = rest.strip_prefix('T').ok_or_else(bad)?;
        let zone_at = rest.find(['Z', '+', '-']).unwrap_or(rest.len());
        let (clock, zone_text) = (
            rest.get(..zone_at).unwrap_or_default(),
            rest.get(zone_at..).unwrap_or_default(),
        );
        let time = NaiveTime::parse_from_str(clock, "%H:%M:%S%.f")
            .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
            .map_err(|_| bad())?;
        let offset_minutes = zone(zone_text).ok_or_else(bad)?;
        return Ok(Some(When {
            date,
            time: Some(time),
            offset_minutes,
        }));
    }
    Ok(None)
}

/// `2026-03-14` and what follows it.
fn split_date(text: &str) -> Option<(NaiveDate, &str)> {
    let date = text.get(..10)?;
    let rest = text.get(10..)?;
    let b = date.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    if !shape {
        return None;
    }
    Some((NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?, rest))
}

/// An XML time zone: none, `Z` or `±hh:mm`; `Some(None)` when none is written.
fn zone(text: &str) -> Option<Option<i32>> {
    if text.is_empty() {
        return Some(None);
    }
    if text == "Z" {
        return Some(Some(0));
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, text.get(1..)?),
        b'-' => (-1, text.get(1..)?),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':')?;
    let two_digits = |t: &str| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(hours) || !two_digits(minutes) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    Some(Some(sign * (hours * 60 + minutes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = "../../tests/fixtures/statement/camt";

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../tests/fixtures/statement/camt/", $name)).as_slice()
        };
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// (row, part, booked, amount, flow, counterparty, account, reference, bank_id)
    type Summary = (
        u32,
        u32,
        NaiveDate,
        Decimal,
        Flow,
        String,
        String,
        String,
        Option<String>,
    );

    fn summary(statement: &ParsedStatement) -> Vec<Summary> {
        statement
            .rows
            .iter()
            .map(|r| {
                (
                    r.row,
                    r.part,
                    r.booked,
                    r.amount,
                    r.flow,
                    r.counterparty.clone(),
                    r.counterparty_account.clone(),
                    r.reference.clone(),
                    r.bank_id.clone(),
                )
            })
            .collect()
    }

    fn problem(row: u32, column: &str, message: &str) -> RowProblem {
        RowProblem {
            row,
            column: Some(column.into()),
            message: message.into(),
        }
    }

    #[test]
    fn fixtures_folder_is_where_the_tests_read() {
        assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/statement")
            .join(FIXTURES)
            .join("v02_debit_credit.xml")
            .exists());
    }

    #[test]
    fn v02_debit_and_credit() {
        let bytes = fixture!("v02_debit_credit.xml");
        assert!(looks_like(bytes));
        let s = read(bytes).unwrap();
        assert_eq!(s.format, StatementFormat::Camt053);
        assert_eq!(s.account.as_deref(), Some("DE89370400440532013000"));
        assert_eq!(s.currency.as_deref(), Some("EUR"));
        assert!(s.problems.is_empty());
        assert_eq!(
            summary(&s),
            vec![
                (
                    1,
                    1,
                    date("2026-03-14"),
                    dec("1500.00"),
                    Flow::Out,
                    "Coinex Trading Ltd".into(),
                    "LT121000011101001000".into(),
                    "Deposit account 55120 & fees (end-to-end ID INV-7781-COINEX)".into(),
                    Some("2026031400012345".into()),
                ),
                (
                    2,
                    1,
                    date("2026-03-20"),
                    dec("250.00"),
                    Flow::In,
                    "Coinex Trading Ltd".into(),
                    "LT121000011101001000".into(),
                    "Profit withdrawal ticket 4471".into(),
                    Some("2026032000099881".into()),
                ),
            ]
        );
        let first = &s.rows[0];
        assert_eq!(first.value_date, Some(date("2026-03-15")));
        assert_eq!(first.time, None);
        assert_eq!(first.offset_minutes, None);
        assert_eq!(first.currency.as_deref(), Some("EUR"));
        assert!(first
            .raw
            .starts_with("<Ntry>\n        <NtryRef>1</NtryRef>"));
        assert!(first.raw.ends_with("</Ntry>"));
        assert!(first.raw.contains("&amp; fees"));
        assert!(!first.raw.contains("<NtryRef>2</NtryRef>"));
    }

    #[test]
    fn v08_status_code_party_and_time_with_offset() {
        let s = read(fixture!("v08_sts_cd.xml")).unwrap();
        assert_eq!(s.account.as_deref(), Some("0532013000"));
        assert_eq!(s.currency.as_deref(), Some("CHF"));
        assert!(s.problems.is_empty());
        assert_eq!(
            summary(&s),
            vec![(
                1,
                1,
                date("2026-03-31"),
                dec("4200.50"),
                Flow::Out,
                "Golden Harbor Assets".into(),
                "88001234".into(),
                "RF18539007547034 (end-to-end ID E2E-20260331-01)".into(),
                Some("ZKB-99120-TX".into()),
            )]
        );
        let row = &s.rows[0];
        assert_eq!(
            row.time,
            Some(NaiveTime::from_hms_milli_opt(16, 45, 10, 250).unwrap())
        );
        assert_eq!(row.offset_minutes, Some(120));
        assert_eq!(row.value_date, Some(date("2026-03-31")));
    }

    #[test]
    fn batch_entry_is_one_row_per_transaction() {
        let s = read(fixture!("batch_three_txdtls.xml")).unwrap();
        let day = date("2026-03-10");
        let rows = summary(&s);
        assert_eq!(
            rows[..3],
            [
                (
                    1,
                    1,
                    day,
                    dec("500.00"),
                    Flow::Out,
                    "Blue Ocean Wallet".into(),
                    "GB82WEST12345698765432".into(),
                    "Top-up 1 (end-to-end ID PAY-1)".into(),
                    Some("BATCH-5521/1".into()),
                ),
                (
                    1,
                    2,
                    day,
                    dec("300.00"),
                    Flow::Out,
                    "Lisa Chen".into(),
                    "FR1420041010050500013M02606".into(),
                    "Loan for customs fee".into(),
                    Some("TX-8812".into()),
                ),
                (
                    1,
                    3,
                    day,
                    dec("100.00"),
                    Flow::Out,
                    "Blue Ocean Wallet".into(),
                    String::new(),
                    "Service charge".into(),
                    Some("BATCH-5521/3".into()),
                ),
            ]
        );
        // Each part keeps its own text.
        assert!(s.rows[1]
            .raw
            .starts_with("<TxDtls>\n            <Refs><AcctSvcrRef>TX-8812"));
        assert!(s.rows[1].raw.ends_with("</TxDtls>"));
        assert!(!s.rows[1].raw.contains("PAY-1"));
    }

    #[test]
    fn batch_parts_that_do_not_add_up_are_kept_and_named() {
        let s = read(fixture!("batch_three_txdtls.xml")).unwrap();
        let second: Vec<_> = s.rows.iter().filter(|r| r.row == 2).collect();
        assert_eq!(
            second
                .iter()
                .map(|r| (r.part, r.amount, r.counterparty.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (1, dec("400.00"), "Blue Ocean Wallet"),
                (2, dec("200.00"), "Lisa Chen")
            ]
        );
        assert_eq!(
            s.problems,
            vec![problem(
                2,
                "Amt",
                "The 2 transactions of this entry add up to 600.00, not to the entry's amount \
                 700.00: the parts do not add up to the entry's amount. Check them against the \
                 bank's statement before importing."
            )]
        );
    }

    #[test]
    fn reversal_pending_and_info() {
        let s = read(fixture!("reversal_pending_info.xml")).unwrap();
        assert!(s.problems.is_empty());
        assert_eq!(
            summary(&s),
            vec![
                (
                    1,
                    1,
                    date("2026-03-21"),
                    dec("80.00"),
                    // A reversed debit: the money came back.
                    Flow::In,
                    "FastPay Processing".into(),
                    "LT121000011101001000".into(),
                    "Reversal: Card top-up".into(),
                    Some("STORNO-118".into()),
                ),
                (
                    2,
                    1,
                    date("2026-03-22"),
                    dec("3000.00"),
                    Flow::Out,
                    String::new(),
                    String::new(),
                    "Pending: Online transfer, not yet booked".into(),
                    None,
                ),
            ]
        );
        // The INFO entry (row 3) is no movement and not a problem.
    }

    #[test]
    fn prefixed_namespace_and_several_statements() {
        let bytes = fixture!("prefixed.xml");
        assert!(looks_like(bytes));
        let s = read(bytes).unwrap();
        assert_eq!(s.account.as_deref(), Some("GB82WEST12345698765432"));
        assert_eq!(s.currency.as_deref(), Some("GBP"));
        assert_eq!(
            summary(&s),
            vec![
                (
                    1,
                    1,
                    date("2026-02-03"),
                    dec("75.25"),
                    Flow::Out,
                    String::new(),
                    String::new(),
                    "Card payment TRUSTYCOIN".into(),
                    Some("GB-001".into()),
                ),
                (
                    2,
                    1,
                    date("2026-02-20"),
                    dec("10"),
                    Flow::In,
                    String::new(),
                    String::new(),
                    String::new(),
                    None,
                ),
            ]
        );
        assert_eq!(s.rows[0].time, NaiveTime::from_hms_opt(8, 15, 0));
        assert_eq!(s.rows[0].offset_minutes, Some(0));
        assert!(s.rows[0].raw.starts_with("<camt:Ntry>"));
    }

    #[test]
    fn bad_date_and_amount_are_problems_never_made_up() {
        let s = read(fixture!("bad_date_amount.xml")).unwrap();
        assert_eq!(
            s.problems,
            vec![
                problem(
                    1,
                    "BookgDt",
                    "The booking date “2026-02-30” is not a real date."
                ),
                problem(
                    2,
                    "Amt",
                    "The amount “12,50” is not a number written with a point (like 1250.00), \
                     as camt amounts are."
                ),
            ]
        );
        assert_eq!(
            s.rows.iter().map(|r| (r.row, r.amount)).collect::<Vec<_>>(),
            vec![(3, dec("5.00"))]
        );
    }

    #[test]
    fn camt054_is_refused_by_name() {
        let bytes = fixture!("camt054.xml");
        assert!(!looks_like(bytes));
        assert_eq!(
            read(bytes),
            Err(StatementError::NotThisFormat(
                "This is a camt.054 notification (a message about single payments), not a \
                 statement (camt.053). Ask the bank for the account statement as camt.053 \
                 (sometimes called “ISO 20022 statement” or “XML statement”)."
                    .into()
            ))
        );
    }

    #[test]
    fn pain001_and_unknown_iso_messages_are_refused_by_name() {
        let pain = br#"<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn><GrpHdr/></CstmrCdtTrfInitn></Document>"#;
        let Err(StatementError::NotThisFormat(words)) = read(pain) else {
            panic!("must refuse");
        };
        assert!(
            words.starts_with("This is a pain.001 payment order"),
            "{words}"
        );
        let other = br#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.086.001.02"><BkSvcsBllgStmt/></Document>"#;
        let Err(StatementError::NotThisFormat(words)) = read(other) else {
            panic!("must refuse");
        };
        assert!(
            words.starts_with("This is an ISO 20022 camt.086 message, not a statement"),
            "{words}"
        );
    }

    #[test]
    fn not_xml_and_other_xml_are_not_this_format() {
        assert_eq!(
            read(b"Date;Amount\n2026-03-14;12.00\n"),
            Err(StatementError::NotThisFormat(NOT_CAMT.into()))
        );
        assert_eq!(
            read(b"<?xml version=\"1.0\"?><OFX><BANKMSGSRSV1/></OFX>"),
            Err(StatementError::NotThisFormat(NOT_CAMT.into()))
        );
        assert!(!looks_like(b"Date;Amount\n"));
    }

    #[test]
    fn statement_without_entries_is_unreadable_in_words() {
        let xml = br#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr/><Stmt><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct></Stmt></BkToCstmrStmt></Document>"#;
        assert_eq!(
            read(xml),
            Err(StatementError::Unreadable(
                "This camt.053 statement lists no movements (it has no entries): there is \
                 nothing to import. Check that it covers the dates of the payments."
                    .into()
            ))
        );
    }

    #[test]
    fn cut_off_file_is_unreadable() {
        let bytes = fixture!("v02_debit_credit.xml");
        let cut = &bytes[..bytes.len() / 2];
        let Err(StatementError::Unreadable(words)) = read(cut) else {
            panic!("must refuse");
        };
        assert!(words.contains("cut off"), "{words}");
    }

    #[test]
    fn bom_and_dtd_entities_are_never_expanded() {
        let xml = "\u{feff}<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY big \"AAAAAAAA\">]>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt><AddtlNtryInf>x &big; &#233;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>";
        let s = read(xml.as_bytes()).unwrap();
        assert_eq!(s.rows[0].reference, "x &big; é");
        assert!(looks_like(xml.as_bytes()));
    }

    #[test]
    fn utf16_with_bom_and_declared_latin1_are_read() {
        let xml = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Ntry><Amt Ccy=\"EUR\">2.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt><AddtlNtryInf>Müller</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(looks_like(&utf16));
        assert_eq!(read(&utf16).unwrap().rows[0].reference, "Müller");

        let mut latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".to_vec();
        latin1.extend(
            xml.replace('ü', "\u{1}")
                .bytes()
                .map(|b| if b == 1 { 0xFC } else { b }),
        );
        assert_eq!(read(&latin1).unwrap().rows[0].reference, "Müller");

        let ebcdic = b"<?xml version=\"1.0\" encoding=\"EBCDIC-XYZ\"?><Document/>";
        assert_eq!(
            read(ebcdic),
            Err(StatementError::Unreadable(
                "This statement is written in the text encoding “EBCDIC-XYZ”, which Casefile \
                 does not read. Ask the bank for the statement in UTF-8."
                    .into()
            ))
        );
    }

    #[test]
    fn missing_pieces_are_problems() {
        let xml = br#"<Document><BkToCstmrStmt><Stmt>
            <Ntry><Amt Ccy="EUR">1.00</Amt><BookgDt><Dt>2026-01-02</Dt></BookgDt></Ntry>
            <Ntry><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt></Ntry>
            <Ntry><Amt Ccy="EUR">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>
            <Ntry><Amt Ccy="EUR">9.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><DtTm>2026-01-02T25:00:00</DtTm></BookgDt>
              <NtryDtls><TxDtls><Amt Ccy="EUR">4.00</Amt></TxDtls><TxDtls/></NtryDtls></Ntry>
            <Ntry><Amt Ccy="EUR">9.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt>
              <NtryDtls><TxDtls><Amt Ccy="EUR">4.00</Amt></TxDtls><TxDtls/></NtryDtls></Ntry>
            <Ntry><Amt Ccy="EUR">-9.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><ValDt><Dt>2026-01-05</Dt></ValDt></Ntry>
            <Ntry><Amt Ccy="USD">9.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><ValDt><Dt>2026-01-05</Dt></ValDt></Ntry>
            </Stmt></BkToCstmrStmt></Document>"#;
        let s = read(xml).unwrap();
        assert_eq!(
            s.problems,
            vec![
                problem(
                    1,
                    "CdtDbtInd",
                    "This entry does not say whether money came in or went out."
                ),
                problem(
                    2,
                    "Amt",
                    "The amount “0.00” is zero: there is no money movement to import."
                ),
                problem(3, "BookgDt", "This entry has no booking date."),
                problem(
                    4,
                    "BookgDt",
                    "The booking date and time “2026-01-02T25:00:00” is not a real date and time."
                ),
                problem(
                    5,
                    "Amt",
                    "Transaction 2 of this entry has no amount of its own."
                ),
                problem(
                    6,
                    "Amt",
                    "The amount “-9.00” is not a number written with a point (like 1250.00), \
                     as camt amounts are."
                ),
            ]
        );
        // The value date is the only date given: it is the booking date.
        assert_eq!(
            s.rows
                .iter()
                .map(|r| (r.row, r.booked, r.value_date, r.currency.as_deref()))
                .collect::<Vec<_>>(),
            vec![(7, date("2026-01-05"), None, Some("USD"))]
        );
        assert_eq!(s.account, None);
    }

    #[test]
    fn raw_is_capped_at_a_character_boundary() {
        let long = "ä".repeat(MAX_RAW_BYTES);
        let xml = format!("<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt><AddtlNtryInf>{long}</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>");
        let s = read(xml.as_bytes()).unwrap();
        let raw = &s.rows[0].raw;
        assert!(raw.ends_with('…'));
        assert!(raw.len() <= MAX_RAW_BYTES + '…'.len_utf8());
        // The reference is capped at MAX_TEXT_BYTES, also at a character boundary.
        assert_eq!(s.rows[0].reference.len(), MAX_TEXT_BYTES);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let xml = format!("<Document><BkToCstmrStmt><Stmt>{}", "<a>".repeat(100_000));
        let Err(StatementError::Unreadable(words)) = read(xml.as_bytes()) else {
            panic!("must refuse");
        };
        assert!(words.contains("nests its elements far deeper"), "{words}");
    }
}
