//! OFX statements (a bank's "Download transactions" as OFX, QFX or QBO): `read` and the cheap
//! `looks_like`.
//!
//! Two shapes, one reader:
//! - OFX 1.x: an `OFXHEADER:100` block of `KEY:VALUE` lines, then SGML in which leaf elements are
//!   usually left open (`<TRNAMT>-45.20` ends at the next tag or line break) and aggregates are
//!   closed (`<STMTTRN>…</STMTTRN>`); some banks close some leaves and not others.
//! - OFX 2.x: XML (`<?xml …?><?OFX OFXHEADER="200" …?>`), where everything is closed.
//!
//! Both are cut by one small tokenizer into open tag / text / close tag, and one walk turns them
//! into rows: a tag followed by text is a leaf, a tag followed by another tag is an aggregate
//! (pushed on a bounded stack, popped by its end tag, which also ends any leaf left open inside).
//! No DTD is read and no entity beyond the five XML ones and numeric references is expanded.
//!
//! Bank (`STMTRS`), credit card (`CCSTMTRS`) and the cash part of investment (`INVSTMTRS`)
//! statements are read; several in one file give the rows of all, numbered on across them.
//! The sign of `TRNAMT` says the direction (negative = out); `TRNTYPE` is not used for it,
//! because banks write `DEBIT`/`CREDIT`/`OTHER`/`POS`/… inconsistently while the sign is the
//! spec's rule.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use rust_decimal::Decimal;

use super::{
    Flow, ParsedStatement, RowProblem, StatementError, StatementFormat, StatementRow, MAX_ROWS,
    MAX_STATEMENT_BYTES,
};

/// Bytes [`looks_like`] reads at most.
const SNIFF_BYTES: usize = 64 * 1024;
/// Longest `raw` kept for a row, in bytes (cut at a character boundary).
const MAX_RAW_BYTES: usize = 4 * 1024;
/// Longest element value kept, in bytes; OFX's own longest fields are 255 characters.
const MAX_VALUE_BYTES: usize = 4 * 1024;
/// Deepest nesting of open aggregates read; real OFX files nest about 8 deep.
const MAX_DEPTH: usize = 256;
/// Longest value quoted back in a problem, in characters.
const MAX_QUOTED_CHARS: usize = 60;
/// The widest time zone offset taken, in minutes.
const MAX_OFFSET_MINUTES: i32 = 18 * 60;
const BOM: &[u8] = b"\xEF\xBB\xBF";

const NOT_OFX: &str = "This does not look like an OFX statement (from a bank's “Download transactions” as OFX/QFX/QBO).";

/// Whether `bytes` start like an OFX file: an `OFXHEADER:` block, or an `<?OFX` / `<OFX>` tag
/// within the first 64 KiB.
pub fn looks_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(BOM).unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    starts_with_ignore_case(head, b"OFXHEADER")
        || contains_ignore_case(head, b"<?OFX")
        || contains_ignore_case(head, b"<OFX>")
}

/// Reads an OFX 1.x (SGML) or 2.x (XML) statement file into rows: every `STMTTRN` of every bank,
/// credit card or investment-cash statement in it, in file order.
pub fn read(bytes: &[u8]) -> Result<ParsedStatement, StatementError> {
    if bytes.len() > MAX_STATEMENT_BYTES {
        return Err(StatementError::Unreadable(format!(
            "This file is {} MB, far larger than any bank statement, so Casefile does not read it. Download a shorter period from your bank.",
            bytes.len() / (1024 * 1024)
        )));
    }
    if !looks_like(bytes) {
        return Err(StatementError::NotThisFormat(NOT_OFX.into()));
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let xml = is_xml(bytes);
    let text = decode(bytes, xml);
    let mut walk = Walk::new(&text, xml);
    walk.run()?;
    walk.finish()
}

// ---------------------------------------------------------------------------------------------
// Encoding

/// Whether the file is OFX 2.x: it starts with an XML declaration.
fn is_xml(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    starts_with_ignore_case(&bytes[start..], b"<?xml")
}

/// The file as text, in the encoding its header names (OFX 1.x `ENCODING`/`CHARSET`, the XML
/// declaration's `encoding`).
fn decode(bytes: &[u8], xml: bool) -> Cow<'_, str> {
    let declared = if xml {
        xml_encoding(bytes)
    } else {
        sgml_encoding(bytes)
    };
    let encoding = choose_encoding(bytes, declared);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text
}

/// The encoding an OFX 1.x header names: `ENCODING:UTF-8`, or `CHARSET:1252` / `ISO-8859-1`;
/// `None` for `NONE`, a missing header or a name not known.
fn sgml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let end = bytes.iter().position(|b| *b == b'<').unwrap_or(bytes.len());
    let header = String::from_utf8_lossy(&bytes[..end]);
    let mut encoding = None;
    let mut charset = None;
    for line in header.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_uppercase();
        match key.trim().to_ascii_uppercase().as_str() {
            "ENCODING" => encoding = Some(value),
            "CHARSET" => charset = Some(value),
            _ => {}
        }
    }
    if encoding.as_deref() == Some("UTF-8") || encoding.as_deref() == Some("UTF8") {
        return Some(UTF_8);
    }
    match charset.as_deref()? {
        "1252" | "WINDOWS-1252" | "CP1252" => Some(WINDOWS_1252),
        // WHATWG maps ISO-8859-1 to windows-1252, its superset, as browsers do.
        "ISO-8859-1" | "8859-1" | "LATIN1" | "LATIN-1" => Some(WINDOWS_1252),
        "NONE" | "" => None,
        other => Encoding::for_label(other.as_bytes()),
    }
}

/// The `encoding="…"` of an XML declaration at the start.
fn xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let end = bytes
        .windows(2)
        .take(512)
        .position(|w| w == b"?>")
        .unwrap_or(0);
    let declaration = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
    let (_, after) = declaration.split_once("encoding")?;
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let name = after[1..].split(quote).next()?;
    match name.trim() {
        // ASCII files are read as UTF-8; a stray byte above 127 then falls back below.
        "us-ascii" | "ascii" => None,
        other => Encoding::for_label(other.as_bytes()),
    }
}

/// The encoding to decode with. Text that is valid UTF-8 with non-ASCII letters is UTF-8 whatever
/// the header says (banks write UTF-8 under `CHARSET:1252`; real windows-1252 text almost never
/// forms valid UTF-8 sequences), and text that is not valid UTF-8 cannot be UTF-8.
/// A declared encoding in which ASCII is not itself (UTF-16, ISO-2022-JP) cannot be right: the
/// header naming it was read as ASCII.
fn choose_encoding(bytes: &[u8], declared: Option<&'static Encoding>) -> &'static Encoding {
    let declared = declared.filter(|e| e.is_ascii_compatible());
    let utf8 = std::str::from_utf8(bytes).is_ok();
    match declared {
        _ if utf8 && !bytes.is_ascii() => UTF_8,
        Some(e) if e == UTF_8 && !utf8 => WINDOWS_1252,
        Some(e) => e,
        None if utf8 => UTF_8,
        None => WINDOWS_1252,
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// One piece of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// `<NAME>` (name upper-cased), where it starts, and whether it closed itself (`<NAME/>`).
    Open {
        name: String,
        at: usize,
        empty: bool,
    },
    /// `</NAME>`, where it starts and where it ends.
    Close { name: String, at: usize, end: usize },
    /// Text between tags, entities expanded.
    Text(String),
}

/// Cuts the text into tags and text; comments, processing instructions and declarations are
/// skipped (never interpreted).
struct Tokens<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Self {
        Self { text, pos: 0 }
    }

    /// The next token, or `None` at the end.
    fn next_token(&mut self) -> Option<Token> {
        loop {
            let rest = self.text.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(expand_entities(&rest[..end])));
            }
            let at = self.pos;
            if let Some(after) = rest.strip_prefix("<!--") {
                self.pos += 4 + after.find("-->").map_or(after.len(), |i| i + 3);
                continue;
            }
            if let Some(after) = rest.strip_prefix("<![CDATA[") {
                let end = after.find("]]>").unwrap_or(after.len());
                self.pos += 9 + (end + 3).min(after.len());
                return Some(Token::Text(after[..end].to_string()));
            }
            if let Some(after) = rest.strip_prefix("<?") {
                self.pos += 2 + after.find("?>").map_or(after.len(), |i| i + 2);
                continue;
            }
            if let Some(after) = rest.strip_prefix("<!") {
                // A DOCTYPE (with or without an internal subset) is skipped unread.
                // One scan to the first `[` or `>`, so many `<!` stay linear.
                let end = match after.find(['[', '>']) {
                    Some(i) if after[i..].starts_with('[') => {
                        after.find("]>").map_or(after.len(), |i| i + 2)
                    }
                    Some(close) => close + 1,
                    None => after.len(),
                };
                self.pos += 2 + end;
                continue;
            }
            match read_tag(rest) {
                Some((len, name, closing, empty)) => {
                    self.pos += len;
                    return Some(if closing {
                        Token::Close {
                            name,
                            at,
                            end: self.pos,
                        }
                    } else {
                        Token::Open { name, at, empty }
                    });
                }
                None => {
                    // A `<` that starts no tag is text (`<NAME>A < B`).
                    let end = rest[1..].find('<').map_or(rest.len(), |i| i + 1);
                    self.pos += end;
                    return Some(Token::Text(expand_entities(&rest[..end])));
                }
            }
        }
    }
}

/// Reads the tag at the start of `rest` (which starts with `<`): its length, upper-cased name,
/// whether it is an end tag and whether it closes itself. `None` when it is not a tag.
fn read_tag(rest: &str) -> Option<(usize, String, bool, bool)> {
    let body = &rest[1..];
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-')))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = &body[name_len..];
    let close = after.find(['>', '<', '\n', '\r'])?;
    if !after[close..].starts_with('>') {
        return None;
    }
    let inside = after[..close].trim();
    let empty = !closing && inside.ends_with('/');
    let len = 1 + usize::from(closing) + name_len + close + 1;
    Some((len, name.to_ascii_uppercase(), closing, empty))
}

/// Expands `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xNN;`; any other `&` stays as it is.
fn expand_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Only a short name is looked at, so a text of many `&` stays linear.
        let entity = rest.get(1..).and_then(|r| {
            let end = r.bytes().take(12).position(|b| b == b';')?;
            r.get(..end)
        });
        let expanded = entity.and_then(|name| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code).filter(|c| *c != '\0')
            }
        });
        match (entity, expanded) {
            (Some(name), Some(c)) => {
                out.push(c);
                rest = &rest[name.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Walk

/// The leaf values of one `STMTTRN`, as written.
#[derive(Debug, Default)]
struct Transaction {
    /// 1-based number of the `STMTTRN` in the file.
    row: u32,
    /// Where its start tag is in the text.
    start: usize,
    dtposted: Option<String>,
    dtuser: Option<String>,
    dtavail: Option<String>,
    trnamt: Option<String>,
    fitid: Option<String>,
    name: Option<String>,
    payee_name: Option<String>,
    memo: Option<String>,
    checknum: Option<String>,
    refnum: Option<String>,
    currency: Option<String>,
    original_currency: Option<String>,
    original_rate: Option<String>,
    account_to: Option<String>,
}

/// What one statement (`STMTRS`, `CCSTMTRS`, `INVSTMTRS`) says about all its rows.
#[derive(Debug, Default)]
struct Statement {
    currency: Option<String>,
    account: Option<String>,
    /// Index in `rows` of its first row.
    first_row: usize,
}

/// The walk over the tokens, with what it has read so far.
struct Walk<'t> {
    text: &'t str,
    tokens: Tokens<'t>,
    /// OFX 2.x: a leaf's text may span lines; OFX 1.x: a leaf ends at the line break.
    xml: bool,
    /// A token read ahead and not yet used.
    pending: Option<Token>,
    /// Open aggregates, outermost first (upper-case names).
    stack: Vec<String>,
    transaction: Option<Transaction>,
    statement: Option<Statement>,
    statements_seen: u32,
    transactions_seen: u32,
    /// Account and currency of each statement ended.
    accounts: Vec<Option<String>>,
    currencies: Vec<Option<String>>,
    rows: Vec<StatementRow>,
    problems: Vec<RowProblem>,
    /// The first message of a `STATUS` whose `CODE` is not 0 (the bank's own error).
    status_code: Option<String>,
    status_message: Option<String>,
}

impl<'t> Walk<'t> {
    fn new(text: &'t str, xml: bool) -> Self {
        Self {
            text,
            tokens: Tokens::new(text),
            xml,
            pending: None,
            stack: Vec::new(),
            transaction: None,
            statement: None,
            statements_seen: 0,
            transactions_seen: 0,
            accounts: Vec::new(),
            currencies: Vec::new(),
            rows: Vec::new(),
            problems: Vec::new(),
            status_code: None,
            status_message: None,
        }
    }

    fn next(&mut self) -> Option<Token> {
        self.pending.take().or_else(|| self.tokens.next_token())
    }

    /// Reads every token; leaves are handed to [`Walk::leaf`], aggregates opened and closed.
    fn run(&mut self) -> Result<(), StatementError> {
        while let Some(token) = self.next() {
            match token {
                Token::Open { name, at, empty } => {
                    if empty {
                        self.leaf(&name, String::new());
                        continue;
                    }
                    // Text up to the next tag decides: a leaf has some, an aggregate none.
                    let mut value = String::new();
                    let mut next = self.next();
                    while let Some(Token::Text(t)) = &next {
                        if value.len() < MAX_VALUE_BYTES {
                            value.push_str(t);
                        }
                        next = self.next();
                    }
                    let value = self.leaf_value(&value);
                    match next {
                        Some(Token::Close { name: closing, .. }) if closing == name => {
                            self.leaf(&name, value);
                        }
                        other => {
                            self.pending = other;
                            if value.is_empty() {
                                self.open(name, at)?;
                            } else {
                                self.leaf(&name, value);
                            }
                        }
                    }
                }
                Token::Close { name, at, end } => self.close(&name, at, end),
                Token::Text(_) => {}
            }
        }
        self.close_to(0, self.text.len());
        Ok(())
    }

    /// A leaf's value as read: OFX 1.x up to the line break, OFX 2.x whole; trimmed, capped.
    fn leaf_value(&self, text: &str) -> String {
        let text = if self.xml {
            text
        } else {
            text.split(['\r', '\n']).next().unwrap_or("")
        };
        let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
        cut(&value, MAX_VALUE_BYTES).to_string()
    }

    /// An aggregate starts.
    fn open(&mut self, name: String, at: usize) -> Result<(), StatementError> {
        match name.as_str() {
            "STMTTRN" => {
                // A transaction left open (SGML without its end tag) ends where the next starts.
                if let Some(i) = self.stack.iter().rposition(|n| n == "STMTTRN") {
                    self.close_to(i, at);
                }
                if self.transactions_seen as usize >= MAX_ROWS {
                    return Err(StatementError::Unreadable(format!(
                        "This OFX file has more than {MAX_ROWS} transactions, more than Casefile reads from one statement. Download a shorter period from your bank."
                    )));
                }
                self.transactions_seen += 1;
                self.transaction = Some(Transaction {
                    row: self.transactions_seen,
                    start: at,
                    ..Transaction::default()
                });
            }
            "STMTRS" | "CCSTMTRS" | "INVSTMTRS" => {
                if let Some(i) = self.stack.iter().rposition(|n| is_statement(n)) {
                    self.close_to(i, at);
                }
                self.statements_seen += 1;
                self.statement = Some(Statement {
                    first_row: self.rows.len(),
                    ..Statement::default()
                });
            }
            _ => {}
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(StatementError::Unreadable(
                "This file is nested far deeper than any bank's OFX statement, so Casefile does not read it. Download the statement again from your bank.".into(),
            ));
        }
        self.stack.push(name);
        Ok(())
    }

    /// An end tag: closes its aggregate and everything left open inside it; an end tag of
    /// nothing open (a closed leaf already read, a stray) is ignored.
    fn close(&mut self, name: &str, at: usize, end: usize) {
        if let Some(i) = self.stack.iter().rposition(|n| n == name) {
            // What was left open inside ends where the end tag starts.
            self.close_to(i + 1, at);
            self.close_to(i, end);
        }
    }

    /// Pops the stack down to `depth` aggregates; `end` is where the closed ones end.
    fn close_to(&mut self, depth: usize, end: usize) {
        while self.stack.len() > depth {
            let Some(name) = self.stack.pop() else {
                break;
            };
            if name == "STMTTRN" {
                if let Some(t) = self.transaction.take() {
                    self.finish_transaction(t, end);
                }
            } else if is_statement(&name) {
                if let Some(s) = self.statement.take() {
                    self.finish_statement(s);
                }
            }
        }
    }

    /// Whether `name` is open inside the current transaction.
    fn in_transaction_within(&self, name: &str) -> bool {
        let Some(start) = self.stack.iter().rposition(|n| n == "STMTTRN") else {
            return false;
        };
        self.stack[start..].iter().any(|n| n == name)
    }

    fn within(&self, name: &str) -> bool {
        self.stack.iter().any(|n| n == name)
    }

    /// A leaf element and its value.
    fn leaf(&mut self, name: &str, value: String) {
        let in_payee = self.in_transaction_within("PAYEE");
        let in_account_to =
            self.in_transaction_within("BANKACCTTO") || self.in_transaction_within("CCACCTTO");
        let in_currency = self.in_transaction_within("CURRENCY");
        let in_original = self.in_transaction_within("ORIGCURRENCY");
        if self.within("STMTTRN") {
            if let Some(t) = self.transaction.as_mut() {
                let slot = match name {
                    "DTPOSTED" => &mut t.dtposted,
                    "DTUSER" => &mut t.dtuser,
                    "DTAVAIL" => &mut t.dtavail,
                    "TRNAMT" => &mut t.trnamt,
                    "FITID" => &mut t.fitid,
                    "NAME" if in_payee => &mut t.payee_name,
                    "NAME" if !in_account_to => &mut t.name,
                    "MEMO" => &mut t.memo,
                    "CHECKNUM" => &mut t.checknum,
                    "REFNUM" => &mut t.refnum,
                    "ACCTID" if in_account_to => &mut t.account_to,
                    "CURSYM" if in_currency => &mut t.currency,
                    "CURSYM" if in_original => &mut t.original_currency,
                    "CURRATE" if in_original => &mut t.original_rate,
                    _ => return,
                };
                *slot = Some(value).filter(|v| !v.is_empty());
            }
            return;
        }
        if let Some(s) = self.statement.as_mut() {
            let own_account = self
                .stack
                .iter()
                .any(|n| matches!(n.as_str(), "BANKACCTFROM" | "CCACCTFROM" | "INVACCTFROM"));
            match name {
                "CURDEF" if !value.is_empty() => s.currency = Some(value.to_ascii_uppercase()),
                "ACCTID" if own_account && !value.is_empty() => s.account = Some(value),
                _ => {}
            }
            return;
        }
        if self.within("STATUS") && self.status_message.is_none() {
            match name {
                "CODE" => self.status_code = Some(value),
                "MESSAGE" if self.status_code.as_deref().is_some_and(|c| c != "0") => {
                    self.status_message = Some(value);
                }
                _ => {}
            }
        }
    }

    fn finish_statement(&mut self, statement: Statement) {
        if let Some(currency) = &statement.currency {
            for row in self.rows.iter_mut().skip(statement.first_row) {
                if row.currency.is_none() {
                    row.currency = Some(currency.clone());
                }
            }
        }
        self.accounts.push(statement.account);
        self.currencies.push(statement.currency);
    }

    /// Turns the values of one `STMTTRN` into a row, or into problems.
    fn finish_transaction(&mut self, t: Transaction, end: usize) {
        let raw = self
            .text
            .get(t.start..end.max(t.start))
            .map_or("", |r| cut(r, MAX_RAW_BYTES).trim_end())
            .to_string();
        let mut problems = Vec::new();
        let mut problem = |column: &str, message: String| {
            problems.push(RowProblem {
                row: t.row,
                column: Some(column.to_string()),
                message,
            });
        };

        let date = match (&t.dtposted, &t.dtuser) {
            (Some(d), _) => read_date(d).map_err(|m| problem("DTPOSTED", m)).ok(),
            (None, Some(d)) => read_date(d).map_err(|m| problem("DTUSER", m)).ok(),
            (None, None) => {
                problem(
                    "DTPOSTED",
                    "This transaction has no date (the file gives neither DTPOSTED nor DTUSER)."
                        .into(),
                );
                None
            }
        };
        let value_date = match &t.dtavail {
            Some(d) => match read_date(d) {
                Ok(date) => Some(date.0),
                Err(m) => {
                    problem("DTAVAIL", m);
                    None
                }
            },
            None => None,
        };
        let amount = match &t.trnamt {
            Some(a) => read_amount(a).map_err(|m| problem("TRNAMT", m)).ok(),
            None => {
                problem("TRNAMT", "This transaction has no amount (TRNAMT).".into());
                None
            }
        };

        match (date, amount) {
            (Some((booked, time, offset_minutes)), Some(signed)) if problems.is_empty() => {
                let flow = if signed.is_sign_negative() {
                    Flow::Out
                } else {
                    Flow::In
                };
                let counterparty = t.payee_name.clone().or(t.name.clone()).unwrap_or_default();
                self.rows.push(StatementRow {
                    row: t.row,
                    part: 1,
                    booked,
                    time,
                    offset_minutes,
                    value_date,
                    amount: signed.abs(),
                    flow,
                    currency: t.currency.as_ref().map(|c| c.to_ascii_uppercase()),
                    counterparty,
                    counterparty_account: t.account_to.clone().unwrap_or_default(),
                    reference: reference(&t),
                    bank_id: t.fitid.clone(),
                    raw,
                });
            }
            _ => self.problems.append(&mut problems),
        }
    }

    /// The statement once every token is read.
    fn finish(self) -> Result<ParsedStatement, StatementError> {
        if self.transactions_seen == 0 {
            let mut message = if self.statements_seen > 0 {
                "This OFX statement lists no transactions. Download it again from your bank, choosing a period that contains the payments.".to_string()
            } else {
                "This OFX file holds no bank or credit card statement, so there are no transactions to read. Download the account's transactions again from your bank, choosing OFX (or QFX/QBO).".to_string()
            };
            if let Some(bank) = &self.status_message {
                message.push_str(&format!(" The bank's file says: “{}”", quote(bank)));
            }
            return Err(StatementError::Unreadable(message));
        }
        Ok(ParsedStatement {
            format: StatementFormat::Ofx,
            account: one_value(&self.accounts),
            currency: one_value(&self.currencies),
            rows: self.rows,
            problems: self.problems,
        })
    }
}

fn is_statement(name: &str) -> bool {
    matches!(name, "STMTRS" | "CCSTMTRS" | "INVSTMTRS")
}

/// The value all statements that give one agree on; `None` when none does or they differ.
fn one_value(values: &[Option<String>]) -> Option<String> {
    let mut given = values.iter().flatten();
    let first = given.next()?;
    given.all(|v| v == first).then(|| first.clone())
}

/// What the bank shows about the payment: `MEMO`, after `NAME` when both are given (banks cut
/// `NAME` at 32 characters and go on in `MEMO`), then the check and reference numbers and an
/// original currency.
fn reference(t: &Transaction) -> String {
    let name = t.payee_name.as_ref().or(t.name.as_ref());
    let mut text = match (name, &t.memo) {
        (Some(n), Some(m)) if m.starts_with(n.as_str()) => m.clone(),
        (Some(n), Some(m)) => format!("{n} {m}"),
        (None, Some(m)) => m.clone(),
        _ => String::new(),
    };
    let mut add = |part: String| {
        if !text.is_empty() {
            text.push_str(" · ");
        }
        text.push_str(&part);
    };
    if let Some(n) = &t.checknum {
        add(format!("check {n}"));
    }
    if let Some(n) = &t.refnum {
        add(format!("ref. {n}"));
    }
    if let Some(c) = &t.original_currency {
        // The amount is already in the statement's currency, converted by the bank.
        match &t.original_rate {
            Some(rate) => add(format!(
                "originally {} (rate {rate})",
                c.to_ascii_uppercase()
            )),
            None => add(format!("originally {}", c.to_ascii_uppercase())),
        }
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Values

/// Reads an OFX date: `YYYYMMDD`, `YYYYMMDDHHMM`, `YYYYMMDDHHMMSS`, `YYYYMMDDHHMMSS.XXX`, each
/// with an optional `[offset:zone]` (`[-5:EST]`, `[+5.30:IST]`, `[0:GMT]`). An offset without
/// a time of day is dropped with it.
fn read_date(value: &str) -> Result<(NaiveDate, Option<NaiveTime>, Option<i32>), String> {
    let not_a_date = || {
        format!(
            "The date “{}” is not written the way OFX writes dates (year, month, day: 20260314).",
            quote(value)
        )
    };
    let not_real = || format!("The date “{}” is not a real date.", quote(value));
    let s = value.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if !matches!(digits, 8 | 12 | 14) {
        return Err(not_a_date());
    }
    let number = |from: usize, len: usize| -> u32 {
        s[from..from + len]
            .bytes()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let date = NaiveDate::from_ymd_opt(number(0, 4) as i32, number(4, 2), number(6, 2))
        .ok_or_else(not_real)?;
    let mut rest = &s[digits..];
    let mut nanos = 0;
    if let Some(after) = rest.strip_prefix('.') {
        let len = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits != 14 || len == 0 || len > 9 {
            return Err(not_a_date());
        }
        nanos = after[..len]
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(9)
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'));
        rest = &after[len..];
    }
    let time = if digits >= 12 {
        let seconds = if digits == 14 { number(12, 2) } else { 0 };
        let time = NaiveTime::from_hms_nano_opt(number(8, 2), number(10, 2), seconds, nanos)
            .filter(|_| seconds < 60)
            .ok_or_else(|| format!("The time in “{}” is not a real time of day.", quote(value)))?;
        Some(time)
    } else {
        None
    };
    let rest = rest.trim();
    // The OFX specification: a time written without a zone is GMT. Many banks write a bare
    // midnight (`20260314000000`) for a day with no time: that is the day alone, not midnight
    // GMT (which would move it to the day before in the Americas).
    if rest.is_empty() && time == NaiveTime::from_hms_opt(0, 0, 0) {
        return Ok((date, None, None));
    }
    let offset = if rest.is_empty() {
        Some(0)
    } else {
        let zone = rest
            .strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .ok_or_else(not_a_date)?;
        let offset = zone.split(':').next().unwrap_or("").trim();
        Some(read_offset(offset).ok_or_else(|| {
            format!(
                "The time zone “[{}]” of the date “{}” cannot be read.",
                quote(zone),
                quote(value)
            )
        })?)
    };
    Ok((date, time, offset.filter(|_| time.is_some())))
}

/// Minutes east of UTC from an OFX offset in hours: `-5`, `+5.30` / `5.5` (five and a half
/// hours), `+5.45` / `5.75`, `0`.
fn read_offset(offset: &str) -> Option<i32> {
    let (negative, unsigned) = match offset.as_bytes().first()? {
        b'-' => (true, &offset[1..]),
        b'+' => (false, &offset[1..]),
        _ => (false, offset),
    };
    let (hours, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if hours.is_empty() || hours.len() > 2 || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes = match fraction {
        "" | "0" | "00" => 0,
        // Zones are whole, half or three-quarter hours: `.30`/`.45` are minutes, `.5`/`.75`
        // are fractions of an hour. Anything else is not read rather than guessed.
        "30" | "5" | "50" => 30,
        "45" | "75" => 45,
        _ => return None,
    };
    let total = hours * 60 + minutes;
    (total <= MAX_OFFSET_MINUTES).then_some(if negative { -total } else { total })
}

/// Reads a signed `TRNAMT`: `-45.20`, `+1200`, `.5`; a comma as the decimal mark only when it
/// cannot be a thousands separator (one comma, at most two digits after it: `-45,20`).
fn read_amount(value: &str) -> Result<Decimal, String> {
    let s = value.trim();
    let quoted = quote(value);
    let (sign, unsigned) = match s.as_bytes().first() {
        Some(b'-') => ("-", &s[1..]),
        Some(b'+') => ("", &s[1..]),
        _ => ("", s),
    };
    let commas = unsigned.matches(',').count();
    let dots = unsigned.matches('.').count();
    let normal: String = if commas == 1 && dots == 0 {
        let (whole, fraction) = unsigned.split_once(',').unwrap_or((unsigned, ""));
        if fraction.is_empty() {
            return Err(format!(
                "The amount “{quoted}” is not a number Casefile can read (OFX writes amounts like -45.20)."
            ));
        }
        if fraction.len() > 2 {
            return Err(format!(
                "The amount “{quoted}” can be read two ways (a comma can mark thousands or decimals), so Casefile does not choose. Check this payment's amount on your bank's website."
            ));
        }
        format!("{whole}.{fraction}")
    } else if commas == 0 && dots <= 1 {
        unsigned.to_string()
    } else {
        return Err(format!(
            "The amount “{quoted}” is not a number Casefile can read (OFX writes amounts like -45.20)."
        ));
    };
    let (whole, fraction) = normal.split_once('.').unwrap_or((&normal, ""));
    let well_formed = (!whole.is_empty() || !fraction.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(if s.is_empty() {
            "This transaction's amount (TRNAMT) is empty.".to_string()
        } else {
            format!(
                "The amount “{quoted}” is not a number Casefile can read (OFX writes amounts like -45.20)."
            )
        });
    }
    let number = if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{}.{fraction}",
            if whole.is_empty() { "0" } else { whole }
        )
    };
    let amount = Decimal::from_str_exact(&number).map_err(|_| {
        format!("The amount “{quoted}” is too large or too precise to be a payment.")
    })?;
    if amount.is_zero() {
        return Err(format!(
            "The amount is {quoted}: nothing was paid, so this is not a payment. Leave this row out."
        ));
    }
    Ok(amount)
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/// The longest start of `text` of at most `max` bytes that ends at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A value to quote back in a message: trimmed, at most [`MAX_QUOTED_CHARS`] characters.
fn quote(value: &str) -> String {
    let value = value.trim();
    match value.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_string(),
    }
}

fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && haystack[..needle.len()].eq_ignore_ascii_case(needle)
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../tests/fixtures/statement/ofx/", $name))
        };
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32, s: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, s)
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    /// (row, booked, amount, flow, counterparty, reference) of every row.
    fn summary(s: &ParsedStatement) -> Vec<(u32, NaiveDate, Decimal, Flow, &str, &str)> {
        s.rows
            .iter()
            .map(|r| {
                (
                    r.row,
                    r.booked,
                    r.amount,
                    r.flow,
                    r.counterparty.as_str(),
                    r.reference.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn sgml_with_unclosed_leaves_and_crlf() {
        let s = read(fixture!("bank_sgml_crlf.ofx")).unwrap();
        assert_eq!(s.format, StatementFormat::Ofx);
        assert_eq!(s.account.as_deref(), Some("4417290033"));
        assert_eq!(s.currency.as_deref(), Some("USD"));
        assert_eq!(
            summary(&s),
            vec![
                (
                    1,
                    date(2026, 3, 3),
                    dec("4500.00"),
                    Flow::Out,
                    "WIRE TO GOLDEN HARVEST TRADI",
                    "WIRE TO GOLDEN HARVEST TRADI NG LTD INVESTMENT DEPOSIT"
                ),
                (
                    2,
                    date(2026, 3, 5),
                    dec("120.50"),
                    Flow::Out,
                    "Mary & John Rent",
                    "check 1043"
                ),
                (
                    3,
                    date(2026, 3, 10),
                    dec("250"),
                    Flow::In,
                    "CRYPTOVEST REFUND",
                    "CRYPTOVEST REFUND Withdrawal fee return · ref. RF-77"
                ),
                (
                    5,
                    date(2026, 3, 12),
                    dec("310.00"),
                    Flow::In,
                    "DEBIT WRITTEN POSITIVE",
                    ""
                ),
            ]
        );
        let first = &s.rows[0];
        assert_eq!(first.time, time(9, 30, 0));
        assert_eq!(first.offset_minutes, Some(-300));
        assert_eq!(first.value_date, None);
        assert_eq!(first.counterparty_account, "8830012245");
        assert_eq!(first.bank_id.as_deref(), Some("2026030300017"));
        assert_eq!(first.currency.as_deref(), Some("USD"));
        assert_eq!(first.part, 1);
        assert!(first.raw.starts_with("<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n"));
        assert!(first.raw.ends_with("</BANKACCTTO>\r\n</STMTTRN>"));

        let check = &s.rows[1];
        assert_eq!((check.time, check.offset_minutes), (None, None));
        assert_eq!(check.value_date, Some(date(2026, 3, 6)));
        assert_eq!(check.counterparty_account, "");

        let refund = &s.rows[2];
        let millis = NaiveTime::from_hms_milli_opt(14, 15, 3, 250);
        assert_eq!((refund.time, refund.offset_minutes), (millis, Some(330)));

        // Midnight written out is a time the file gives, kept as written.
        assert_eq!(s.rows[3].time, time(0, 0, 0));
        assert_eq!(s.rows[3].offset_minutes, Some(0));

        assert_eq!(
            s.problems,
            vec![
                RowProblem {
                    row: 4,
                    column: Some("DTPOSTED".into()),
                    message: "The date “20260230” is not a real date.".into(),
                },
                RowProblem {
                    row: 6,
                    column: Some("TRNAMT".into()),
                    message: "The amount is 0.00: nothing was paid, so this is not a payment. Leave this row out.".into(),
                },
            ]
        );
    }

    #[test]
    fn the_sign_of_the_amount_wins_over_trntype() {
        let s = read(fixture!("bank_sgml_crlf.ofx")).unwrap();
        // Row 5 says DEBIT but its amount is positive: money came in, as the sign says.
        let row = s.rows.iter().find(|r| r.row == 5).unwrap();
        assert!(row.raw.contains("<TRNTYPE>DEBIT"));
        assert_eq!((row.flow, row.amount), (Flow::In, dec("310")));
    }

    #[test]
    fn charset_1252_names_and_comma_decimals() {
        let bytes = fixture!("charset_1252.ofx");
        assert!(
            bytes.contains(&0xE9),
            "the fixture writes é as one windows-1252 byte"
        );
        let s = read(bytes).unwrap();
        assert_eq!(s.account.as_deref(), Some("00012345678"));
        assert_eq!(s.currency.as_deref(), Some("EUR"));
        assert_eq!(
            summary(&s),
            vec![
                (
                    1,
                    date(2026, 1, 8),
                    dec("45.20"),
                    Flow::Out,
                    "Société Générale",
                    "Société Générale Frais de tenue de compte"
                ),
                (
                    2,
                    date(2026, 1, 12),
                    dec("1500.5"),
                    Flow::In,
                    "Müller GmbH",
                    ""
                ),
            ]
        );
        assert!(s.rows[0].raw.contains("<NAME>Société Générale"));
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].row, 3);
        assert_eq!(s.problems[0].column.as_deref(), Some("TRNAMT"));
        assert_eq!(
            s.problems[0].message,
            "The amount “-1,234” can be read two ways (a comma can mark thousands or decimals), so Casefile does not choose. Check this payment's amount on your bank's website."
        );
    }

    #[test]
    fn utf8_text_under_a_1252_header_is_read_as_utf8() {
        let text = WINDOWS_1252.decode(fixture!("charset_1252.ofx")).0;
        let s = read(text.as_bytes()).unwrap();
        assert_eq!(s.rows[0].counterparty, "Société Générale");
        assert_eq!(s.rows[1].counterparty, "Müller GmbH");
    }

    #[test]
    fn ofx2_xml_with_payee_currency_and_no_entity_expansion() {
        let s = read(fixture!("bank_xml.ofx")).unwrap();
        assert_eq!(s.account.as_deref(), Some("DE89370400440532013000"));
        assert_eq!(s.currency.as_deref(), Some("EUR"));
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(
            summary(&s),
            vec![
                (
                    1,
                    date(2026, 3, 18),
                    dec("2000"),
                    Flow::Out,
                    "Łukasz Wiśniewski",
                    "Łukasz Wiśniewski Loan for customs fee <urgent> &boom;"
                ),
                (
                    2,
                    date(2026, 3, 21),
                    dec("310.75"),
                    Flow::Out,
                    "Binance card top-up",
                    ""
                ),
                (
                    3,
                    date(2026, 3, 25),
                    dec("92.40"),
                    Flow::Out,
                    "AMAZON MARKETPLACE",
                    "AMAZON MARKETPLACE order 302-1 · originally GBP (rate 0.8550)"
                ),
            ]
        );
        let wire = &s.rows[0];
        assert_eq!(wire.counterparty_account, "PL61109010140000071219812874");
        assert_eq!(wire.value_date, Some(date(2026, 3, 19)));
        assert_eq!(wire.bank_id.as_deref(), Some("DE-0318-001"));
        // DTUSER stands in for a missing DTPOSTED; CURRENCY is the row's own currency.
        assert_eq!(s.rows[1].time, time(9, 30, 10));
        // Written without a zone: GMT, as the OFX specification says.
        assert_eq!(s.rows[1].offset_minutes, Some(0));
        assert_eq!(s.rows[1].currency.as_deref(), Some("USD"));
        // ORIGCURRENCY: the amount is already converted to the statement's currency.
        assert_eq!(s.rows[2].currency.as_deref(), Some("EUR"));
    }

    #[test]
    fn credit_card_statement_with_lowercase_tags() {
        let s = read(fixture!("creditcard_lowercase.ofx")).unwrap();
        assert_eq!(s.account.as_deref(), Some("4929000000006"));
        assert_eq!(s.currency.as_deref(), Some("GBP"));
        assert_eq!(
            summary(&s),
            vec![
                (
                    1,
                    date(2026, 2, 14),
                    dec("59.99"),
                    Flow::Out,
                    "DATING-PREMIUM.EXAMPLE",
                    ""
                ),
                (
                    2,
                    date(2026, 2, 16),
                    dec("59.99"),
                    Flow::In,
                    "DATING-PREMIUM.EXAMPLE",
                    "DATING-PREMIUM.EXAMPLE Refund"
                ),
            ]
        );
        assert_eq!(s.rows[0].time, time(21, 30, 0));
        assert_eq!(s.rows[0].offset_minutes, Some(-300));
        // The last transaction's raw text is cut at its own end tag.
        assert!(s.rows[1].raw.ends_with("<memo>Refund\n</stmttrn>"));
    }

    #[test]
    fn two_statements_in_one_file_number_rows_on() {
        let s = read(fixture!("two_statements.ofx")).unwrap();
        assert!(s.problems.is_empty());
        let rows: Vec<_> = s
            .rows
            .iter()
            .map(|r| {
                (
                    r.row,
                    r.amount,
                    r.counterparty.as_str(),
                    r.bank_id.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (1, dec("1000.00"), "ZELLE TO T WONG", Some("A1")),
                (2, dec("2500.00"), "ZELLE TO T WONG", Some("A2")),
                (3, dec("800.00"), "COINFLEX EXCHANGE", Some("C1")),
            ]
        );
        // Two accounts: no one account for the file; both statements are in USD.
        assert_eq!(s.account, None);
        assert_eq!(s.currency.as_deref(), Some("USD"));
        assert_eq!(
            s.rows[2].raw,
            "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260111<TRNAMT>-800.00<FITID>C1<NAME>COINFLEX EXCHANGE</STMTTRN>"
        );
    }

    #[test]
    fn statement_currency_written_after_the_transactions_still_applies() {
        let text = "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260105<TRNAMT>-10<FITID>1</STMTTRN>\n</BANKTRANLIST><CURDEF>CHF</STMTRS><STMTRS><CURDEF>EUR<BANKTRANLIST>\n<STMTTRN><DTPOSTED>20260106<TRNAMT>12.5</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
        let s = read(text.as_bytes()).unwrap();
        assert_eq!(s.rows[0].currency.as_deref(), Some("CHF"));
        assert_eq!(s.rows[1].currency.as_deref(), Some("EUR"));
        assert_eq!(s.rows[1].bank_id, None);
        assert_eq!(s.currency, None);
    }

    #[test]
    fn transactions_left_open_end_at_the_next_one() {
        let text = "OFXHEADER:100\n\n<OFX><STMTRS><CURDEF>USD<BANKTRANLIST>\n<STMTTRN>\n<DTPOSTED>20260105\n<TRNAMT>-10\n<STMTTRN>\n<DTPOSTED>20260106\n<TRNAMT>-20\n</BANKTRANLIST></STMTRS></OFX>";
        let s = read(text.as_bytes()).unwrap();
        let rows: Vec<_> = s.rows.iter().map(|r| (r.row, r.amount)).collect();
        assert_eq!(rows, vec![(1, dec("10")), (2, dec("20"))]);
        assert_eq!(s.rows[0].raw, "<STMTTRN>\n<DTPOSTED>20260105\n<TRNAMT>-10");
        assert_eq!(s.rows[1].raw, "<STMTTRN>\n<DTPOSTED>20260106\n<TRNAMT>-20");
    }

    #[test]
    fn a_truncated_file_keeps_what_it_has_and_names_the_missing() {
        let text = "OFXHEADER:100\n\n<OFX><STMTRS><BANKTRANLIST>\n<STMTTRN><DTPOSTED>20260105<TRNAMT>-10</STMTTRN>\n<STMTTRN><DTPOSTED>2026";
        let s = read(text.as_bytes()).unwrap();
        assert_eq!(s.rows.len(), 1);
        assert_eq!(
            s.problems,
            vec![
                RowProblem {
                    row: 2,
                    column: Some("DTPOSTED".into()),
                    message: "The date “2026” is not written the way OFX writes dates (year, month, day: 20260314).".into(),
                },
                RowProblem {
                    row: 2,
                    column: Some("TRNAMT".into()),
                    message: "This transaction has no amount (TRNAMT).".into(),
                },
            ]
        );
    }

    #[test]
    fn dates_in_every_ofx_shape() {
        assert_eq!(read_date("20260314"), Ok((date(2026, 3, 14), None, None)));
        // A time without a zone is GMT (the OFX specification) ...
        assert_eq!(
            read_date("202603142105"),
            Ok((date(2026, 3, 14), time(21, 5, 0), Some(0)))
        );
        // ... but a bare midnight is how many banks write a day with no time.
        assert_eq!(
            read_date("20260314000000"),
            Ok((date(2026, 3, 14), None, None))
        );
        assert_eq!(
            read_date("20260314000000[-5:EST]"),
            Ok((date(2026, 3, 14), time(0, 0, 0), Some(-300)))
        );
        assert_eq!(
            read_date("20260314210559[-5:EST]"),
            Ok((date(2026, 3, 14), time(21, 5, 59), Some(-300)))
        );
        assert_eq!(
            read_date("20260314210559.123[+5.30:IST]").map(|d| d.2),
            Ok(Some(330))
        );
        assert_eq!(
            read_date("20260314120000[5.5:IST]").map(|d| d.2),
            Ok(Some(330))
        );
        assert_eq!(
            read_date("20260314120000[+5.45]").map(|d| d.2),
            Ok(Some(345))
        );
        assert_eq!(
            read_date("20260314120000 [0:GMT]").map(|d| d.2),
            Ok(Some(0))
        );
        assert_eq!(
            read_date("20260314120000[-3:GMT]").map(|d| d.2),
            Ok(Some(-180))
        );
        // A date without a time has no offset to keep.
        assert_eq!(
            read_date("20260314[-5:EST]"),
            Ok((date(2026, 3, 14), None, None))
        );
        assert_eq!(
            read_date("20261314"),
            Err("The date “20261314” is not a real date.".into())
        );
        assert_eq!(
            read_date("20260314250000"),
            Err("The time in “20260314250000” is not a real time of day.".into())
        );
        assert_eq!(
            read_date("20260314120000[+5.17:X]"),
            Err(
                "The time zone “[+5.17:X]” of the date “20260314120000[+5.17:X]” cannot be read."
                    .into()
            )
        );
        assert_eq!(
            read_date("20260314120000[+30]"),
            Err("The time zone “[+30]” of the date “20260314120000[+30]” cannot be read.".into())
        );
        for bad in [
            "2026-03-14",
            "14/03/2026",
            "",
            "202603141",
            "20260314.5",
            "20260314x",
        ] {
            assert!(read_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_signed_and_with_a_comma_only_when_unambiguous() {
        assert_eq!(read_amount("-45.20"), Ok(dec("-45.20")));
        assert_eq!(read_amount(" +1200 "), Ok(dec("1200")));
        assert_eq!(read_amount("-.5"), Ok(dec("-0.5")));
        assert_eq!(read_amount("45."), Ok(dec("45")));
        assert_eq!(read_amount("-45,2"), Ok(dec("-45.2")));
        assert_eq!(read_amount("1234,56"), Ok(dec("1234.56")));
        assert!(read_amount("1,234")
            .unwrap_err()
            .contains("can be read two ways"));
        for bad in [
            "1.234,56", "1,234.56", "1,2,3", "12,", "abc", "-", "--5", "1e5", "1 000",
        ] {
            assert!(read_amount(bad).is_err(), "{bad}");
        }
        assert_eq!(
            read_amount("99999999999999999999999999999999"),
            Err("The amount “99999999999999999999999999999999” is too large or too precise to be a payment.".into())
        );
        assert!(read_amount("-0.00")
            .unwrap_err()
            .starts_with("The amount is -0.00"));
    }

    #[test]
    fn a_bank_error_without_transactions_is_unreadable_in_words() {
        assert_eq!(
            read(fixture!("signon_error.ofx")),
            Err(StatementError::Unreadable(
                "This OFX file holds no bank or credit card statement, so there are no transactions to read. Download the account's transactions again from your bank, choosing OFX (or QFX/QBO). The bank's file says: “Your session has expired. Please sign in again.”".into()
            ))
        );
        let empty = b"OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKTRANLIST><DTSTART>20260101</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
        assert_eq!(
            read(empty),
            Err(StatementError::Unreadable(
                "This OFX statement lists no transactions. Download it again from your bank, choosing a period that contains the payments.".into()
            ))
        );
    }

    #[test]
    fn text_that_is_not_ofx_is_refused() {
        let csv = "Date,Description,Amount\n2026-03-14,WIRE TO GOLDEN HARVEST,-4500.00\n";
        assert!(!looks_like(csv.as_bytes()));
        assert_eq!(
            read(csv.as_bytes()),
            Err(StatementError::NotThisFormat(NOT_OFX.into()))
        );
        assert!(!looks_like(b"<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>"));
        assert!(!looks_like(b""));
        assert!(looks_like(b"\xEF\xBB\xBF\r\n  ofxheader:100\r\n"));
        assert!(looks_like(fixture!("bank_xml.ofx")));
        assert!(looks_like(b"<ofx>\n<signonmsgsrsv1>"));
    }

    #[test]
    fn hostile_input_is_refused_or_read_without_panicking() {
        let deep = format!("OFXHEADER:100\n<OFX>{}", "<A>".repeat(10_000));
        assert!(matches!(
            read(deep.as_bytes()),
            Err(StatementError::Unreadable(_))
        ));
        let odd = [
            &b"OFXHEADER:100\n<OFX><STMTTRN><DTPOSTED>20260101<TRNAMT>-1<NAME>a &#xFFFFFFFF; &#0; & &&&; <  < <1 </"[..],
            b"OFXHEADER:100\n<OFX><!-- never closed <STMTTRN>",
            b"OFXHEADER:100\n<OFX><![CDATA[<STMTTRN>",
            b"OFXHEADER:100\n<OFX><!DOCTYPE [ <STMTTRN>",
            b"OFXHEADER:100\nCHARSET:NONE\n<OFX><STMTTRN><NAME>\xff\xfe<TRNAMT>1<DTPOSTED>20260101</STMTTRN>",
            b"<?xml encoding=\"utf-16\"?><?OFX?><OFX><STMTTRN/>",
        ];
        for bytes in odd {
            let _ = read(bytes);
        }
        let s = read(odd[0]).unwrap();
        assert_eq!(
            s.rows[0].counterparty,
            "a &#xFFFFFFFF; &#0; & &&&; < < <1 </"
        );
        let s = read(odd[4]).unwrap();
        assert_eq!(s.rows[0].counterparty, "ÿþ");
    }
    /// The fuzz target's checks (fuzz/fuzz_targets/statement_ofx.rs) on one input.
    fn check_invariants(bytes: &[u8]) {
        let Ok(s) = read(bytes) else {
            return;
        };
        let mut numbers: Vec<u32> = s.rows.iter().map(|r| r.row).collect();
        numbers.extend(s.problems.iter().map(|p| p.row));
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
        for r in &s.rows {
            assert!(r.amount > Decimal::ZERO);
            assert!(r.raw.to_ascii_uppercase().starts_with("<STMTTRN"));
            assert!(r.offset_minutes.is_none() || r.time.is_some());
        }
    }

    #[test]
    fn fixtures_and_fuzz_seeds_keep_the_fuzz_checks() {
        let seeds: [&[u8]; 10] = [
            fixture!("bank_sgml_crlf.ofx"),
            fixture!("charset_1252.ofx"),
            fixture!("bank_xml.ofx"),
            fixture!("creditcard_lowercase.ofx"),
            fixture!("two_statements.ofx"),
            fixture!("signon_error.ofx"),
            include_bytes!("../../fuzz/seeds/statement_ofx/sgml_small.ofx"),
            include_bytes!("../../fuzz/seeds/statement_ofx/xml_small.ofx"),
            include_bytes!("../../fuzz/seeds/statement_ofx/creditcard_1252.ofx"),
            include_bytes!("../../fuzz/seeds/statement_ofx/two_statements_open.ofx"),
        ];
        for bytes in seeds {
            check_invariants(bytes);
        }
        let open = read(seeds[9]).unwrap();
        let rows: Vec<_> = open
            .rows
            .iter()
            .map(|r| (r.row, r.currency.as_deref()))
            .collect();
        assert_eq!(rows, vec![(1, Some("USD")), (3, Some("CAD"))]);
        assert_eq!(open.problems.len(), 2);
        assert_eq!(open.rows[0].reference, "originally GBP (rate 0.85)");
        assert_eq!(open.rows[1].counterparty, "A&B");
    }

    #[test]
    fn long_runs_of_odd_markup_are_read_in_one_pass() {
        // Each of these would cost a scan to the end of the file per piece if read naively.
        for piece in ["<!a>", "&", "<A ", "<!--", "<?", "<![CDATA[", "&#", "<"] {
            let mut text = String::from("OFXHEADER:100\n<OFX><STMTTRN><NAME>");
            text.push_str(&piece.repeat(200_000));
            let _ = read(text.as_bytes());
        }
    }
}
