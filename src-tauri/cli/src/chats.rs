//! `casefile import chat …` and `casefile chat …`: WhatsApp, Telegram and LINE exports taken
//! into a case, their messages read and searched, key messages marked, an import undone.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use casefile_core::model::{
    Chat, ChatImportOptions, ChatImportSummary, ChatMessage, ChatPreview, ChatQuery, DateOrder,
    DateOrderExample, MessageKind, PreviewMessage,
};
use casefile_core::store::{ChatImportProgress, MAX_CHAT_PAGE};
use casefile_core::{CoreError, Store};
use clap::builder::PossibleValue;
use clap::{Subcommand, ValueEnum};

use crate::failure::Failure;
use crate::input::{id_list, optional_text_arg};
use crate::output::{outln, print_json, shown};
use crate::session::open;

#[derive(Subcommand)]
pub(crate) enum ImportCommand {
    /// Take a WhatsApp, Telegram or LINE chat export (.zip, .txt, result.json, messages.html)
    /// into a case: the export is kept as evidence with its SHA-256, each message with its
    /// source line, each attachment in the export as evidence.
    Chat {
        case: i32,
        file: PathBuf,
        /// How the export writes dates, when it cannot be told from the file.
        #[arg(long, value_enum, value_name = "ORDER")]
        date_order: Option<DateOrderArg>,
        /// The time zone the phone that made the export was set to (e.g. Asia/Bangkok); the
        /// export's clock times are read in it. Default: the case's.
        #[arg(long, value_name = "ZONE")]
        zone: Option<String>,
        /// For a Telegram export of a whole account: which chat, by its number in the list.
        #[arg(long, value_name = "N")]
        chat: Option<u32>,
        /// Only say what the export holds; store nothing.
        #[arg(long)]
        preview: bool,
    },
    /// Take rows of a bank or exchange statement (CSV, OFX, camt.053) into a case as
    /// transfers: preview every row with --preview, then import the scam payments with
    /// --rows 3,5-9. The statement is kept as evidence with its SHA-256, each transfer keeps
    /// its row.
    Statement(crate::statements::StatementArgs),
}

#[derive(Subcommand)]
pub(crate) enum ChatCommand {
    /// List the chats of a case with their export files.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
    /// Show a chat's messages (★ marks key messages).
    Show {
        /// The chat, e.g. 3 or C-3.
        #[arg(value_parser = chat_id)]
        chat: i32,
        /// Only messages whose text or sender contains this (or @FILE, or - for standard input).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Only key messages.
        #[arg(long)]
        key_only: bool,
        /// Start at the first message on or after this day (the phone's date), YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
        from_day: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Mark messages as key messages for the dossier (or unmark them).
    Key {
        /// The chat, e.g. 3 or C-3.
        #[arg(value_parser = chat_id)]
        chat: i32,
        /// The messages, e.g. 12,15-17 or M-12,M-15.
        #[arg(value_name = "M-IDS")]
        ids: String,
        /// Unmark them instead.
        #[arg(long)]
        unmark: bool,
    },
    /// Undo an import: its messages and the evidence it added are removed.
    Undo {
        /// The import's number, as printed after the import and by `casefile chat list`.
        import_id: i32,
    },
}

/// A date order as a command-line value; the values are core's (`DateOrder::ALL`).
#[derive(Clone, Copy)]
pub(crate) struct DateOrderArg(DateOrder);

static DATE_ORDERS: LazyLock<Vec<DateOrderArg>> =
    LazyLock::new(|| DateOrder::ALL.iter().copied().map(DateOrderArg).collect());

impl ValueEnum for DateOrderArg {
    fn value_variants<'a>() -> &'a [Self] {
        &DATE_ORDERS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()).help(self.0.label()))
    }
}

/// `3` or `C-3`.
fn chat_id(raw: &str) -> Result<i32, String> {
    let t = raw.trim();
    let t = t
        .strip_prefix("C-")
        .or_else(|| t.strip_prefix("c-"))
        .unwrap_or(t);
    t.parse::<i32>().ok().filter(|n| *n > 0).ok_or_else(|| {
        format!(
            "{raw:?} is not a chat. Write it like 3 or C-3 (casefile chat list CASE shows them)."
        )
    })
}

/// `YYYY-MM-DD`.
fn day(raw: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("{raw:?} is not a day. Write it like 2026-03-14."))
}

/// `casefile import …`.
pub(crate) fn import(path: &Path, command: ImportCommand) -> Result<(), Failure> {
    let (case, file, date_order, zone, chat, preview) = match command {
        ImportCommand::Chat {
            case,
            file,
            date_order,
            zone,
            chat,
            preview,
        } => (case, file, date_order, zone, chat, preview),
        ImportCommand::Statement(args) => return crate::statements::import(path, args),
    };
    let chat_index = match chat {
        Some(0) => {
            return Err(Failure::Message(
                "--chat counts from 1: give the number shown in the list of chats.".into(),
            ))
        }
        n => n.map(|n| n - 1),
    };
    let options = ChatImportOptions {
        date_order: date_order.map(|o| o.0),
        device_zone: zone,
        chat_index,
    };
    let mut store = open(path)?;
    let seen = store
        .preview_chat(case, &file, &options)
        .map_err(with_hint)?;
    if !seen.date_order_question.is_empty() {
        return Err(Failure::Message(date_order_question(&seen)));
    }
    if seen.chats.len() > 1 {
        let Some(n) = chat else {
            outln!(
                "{} holds {} chats:",
                shown(&seen.export_name),
                seen.chats.len()
            )?;
            for (i, title) in seen.chats.iter().enumerate() {
                outln!("  {:>3}. {}", i + 1, shown(title))?;
            }
            return Err(Failure::Message(format!(
                "This Telegram export holds {} chats (listed above). Add --chat N to choose one, e.g. --chat 1 for \"{}\". Nothing was stored.",
                seen.chats.len(),
                seen.chats[0]
            )));
        };
        outln!(
            "Chat {n} of {}: {}",
            seen.chats.len(),
            shown(&seen.chats[chat_index.unwrap_or(0) as usize])
        )?;
    }
    if preview {
        return print_preview(case, &file, &seen);
    }
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |p: ChatImportProgress| {
        if terminal {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rImporting: {} of {} messages", p.done, p.total);
            let _ = err.flush();
        }
        true
    };
    let result = store.import_chat(case, &file, &options, &mut progress);
    if terminal {
        let _ = writeln!(std::io::stderr());
    }
    print_summary(&result.map_err(with_hint)?)
}

/// Core's message with what to change on the command line.
fn with_hint(e: CoreError) -> Failure {
    let hint = match e.field() {
        Some("date_order") => " Try another --date-order (dmy, mdy or ymd).",
        Some("device_zone" | "time_zone") => " Give --zone as a name like Asia/Bangkok.",
        Some("chat_index") => " Give --chat as a number from the list of chats.",
        _ => "",
    };
    Failure::Message(format!("{e}{hint}"))
}

/// The date-order question as one message: the example lines, each read every way, and the
/// option to add.
fn date_order_question(p: &ChatPreview) -> String {
    let ways = if p.date_order_candidates.len() == 2 {
        "two ways".to_string()
    } else {
        format!("{} ways", p.date_order_candidates.len())
    };
    let examples: Vec<String> = p
        .date_order_question
        .iter()
        .take(2)
        .map(|e| {
            format!(
                "line {} \"{}\" reads as {}",
                e.line,
                clipped(&e.line_text, 80),
                e.readings
                    .iter()
                    .map(|(o, words)| format!("{words} ({})", o.as_str()))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        })
        .collect();
    let first: Option<&DateOrderExample> = p.date_order_question.first();
    let choices: Vec<String> = p
        .date_order_candidates
        .iter()
        .map(|o| {
            let reading = first
                .and_then(|e| e.readings.iter().find(|(r, _)| r == o))
                .map(|(_, words)| format!(" ({words})"))
                .unwrap_or_default();
            format!("--date-order {}{reading}", o.as_str())
        })
        .collect();
    format!(
        "The dates in this chat can be read {ways}, and nothing in the file tells which the phone meant: {}. Add {}. Nothing was stored.",
        examples.join("; "),
        choices.join(" or ")
    )
}

fn clipped(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

fn print_preview(case: i32, file: &Path, p: &ChatPreview) -> Result<(), Failure> {
    outln!(
        "Preview of {} ({}): nothing was stored.",
        shown(&p.export_name),
        p.format.label()
    )?;
    outln!(
        "File:          {} bytes, SHA-256 {}; chat text: {}",
        p.export_size,
        p.export_sha256,
        shown(&p.chat_file)
    )?;
    outln!("Chat:          {}", shown(&name(&p.title)))?;
    outln!("Participants:  {}", shown(&p.participants.join(", ")))?;
    outln!("Messages:      {}", p.message_count)?;
    outln!(
        "Dates read as: {}",
        p.date_order
            .map_or("written unambiguously in the export", |o| o.label())
    )?;
    outln!(
        "Clock times:   {}",
        p.device_zone.as_deref().map_or_else(
            || "exact in the export (no zone needed)".to_string(),
            |z| format!("read in {z} (the phone's zone; change it with --zone)")
        )
    )?;
    outln!(
        "Attachments:   {} in the export, {} left out of it",
        p.attachments_included,
        p.attachments_missing
    )?;
    outln!(
        "Already in the case: {}",
        plural(p.already_imported, "message")
    )?;
    let zone = p.device_zone.as_deref().unwrap_or("UTC");
    outln!("First messages:")?;
    for m in &p.first {
        print_preview_message(m, zone)?;
    }
    if !p.last.is_empty() {
        outln!("Last messages:")?;
        for m in &p.last {
            print_preview_message(m, zone)?;
        }
    }
    for n in &p.notes {
        outln!("Note: {}", shown(n))?;
    }
    outln!(
        "To import it: casefile import chat {case} {} (with the same options, without --preview)",
        shown(&file.display().to_string())
    )?;
    Ok(())
}

fn print_preview_message(m: &PreviewMessage, zone: &str) -> Result<(), Failure> {
    let when = match &m.recorded {
        Some(r) => format!("{} = {}", m.local_time, r.replace('T', " ")),
        None => format!("{} (not a real time in {zone})", m.local_time),
    };
    outln!(
        "  line {:<6} {}  {}{}",
        m.line,
        when,
        m.sender
            .as_deref()
            .map(|s| format!("{}: ", shown(s)))
            .unwrap_or_default(),
        shown(&one_line(&m.text))
    )
}

fn print_summary(s: &ChatImportSummary) -> Result<(), Failure> {
    let c = &s.chat;
    outln!(
        "Imported into C-{} {} ({}): {}, {} already there.",
        c.id,
        shown(&name(&c.title)),
        c.format.label(),
        plural(s.messages_added, "new message"),
        s.messages_already_there
    )?;
    if let Some(i) = c.imports.iter().find(|i| i.id == s.import_id) {
        outln!(
            "Export file: {}, {} bytes, SHA-256 {}, kept as V-{}.",
            shown(&i.export_name),
            i.export_size,
            i.export_sha256,
            i.evidence_id
        )?;
    }
    outln!(
        "Attachments: {} kept as evidence, {} not in the export.",
        s.attachments_added,
        s.attachments_missing
    )?;
    if let Some(zone) = &c.device_zone {
        outln!("Clock times were read in {}.", shown(zone))?;
    }
    if let Some(o) = c.date_order {
        outln!("Dates were read as {}.", o.label())?;
    }
    for n in &s.notes {
        outln!("Note: {}", shown(n))?;
    }
    outln!(
        "This is import {id}. To undo it: casefile chat undo {id}",
        id = s.import_id
    )?;
    Ok(())
}

/// `casefile chat …`.
pub(crate) fn run(path: &Path, command: ChatCommand) -> Result<(), Failure> {
    match command {
        ChatCommand::List { case, json } => list(&open(path)?, case, json),
        ChatCommand::Show {
            chat,
            search,
            key_only,
            from_day,
            json,
        } => {
            let query = ChatQuery {
                text: optional_text_arg("--search", search)?.unwrap_or_default(),
                key_only,
                from_day,
                limit: MAX_CHAT_PAGE,
                ..Default::default()
            };
            show(&open(path)?, chat, query, json)
        }
        ChatCommand::Key { chat, ids, unmark } => {
            let ids = id_list("M-IDS", "messages", 'M', &ids)?;
            let mut store = open(path)?;
            store.set_key_messages(chat, &ids, !unmark)?;
            let list = ids
                .iter()
                .map(|i| format!("M-{i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let key_count = store.get_chat(chat)?.key_count;
            if unmark {
                outln!("No longer key messages: {list}.")?;
            } else {
                outln!("Marked as key messages: {list}.")?;
            }
            outln!("C-{chat} has {}.", plural(key_count, "key message"))?;
            Ok(())
        }
        ChatCommand::Undo { import_id } => {
            let mut store = open(path)?;
            store.undo_chat_import(import_id)?;
            outln!("Import {import_id} undone: its messages and the evidence it added are removed; the audit log keeps what happened.")?;
            Ok(())
        }
    }
}

fn list(store: &Store, case: i32, json: bool) -> Result<(), Failure> {
    let chats = store.list_chats(case)?;
    if json {
        return print_json(&chats);
    }
    if chats.is_empty() {
        outln!("No chats in this case yet. Import one with: casefile import chat {case} FILE")?;
    }
    for c in &chats {
        print_chat_line(c)?;
        for i in &c.imports {
            outln!(
                "      import {}{}: {} ({} bytes, SHA-256 {}, V-{}), {}",
                i.id,
                if i.undone { " (undone)" } else { "" },
                shown(&i.export_name),
                i.export_size,
                i.export_sha256,
                i.evidence_id,
                plural(i.messages_added, "new message")
            )?;
        }
    }
    Ok(())
}

fn print_chat_line(c: &Chat) -> Result<(), Failure> {
    let span = match (&c.first_at, &c.last_at) {
        (Some(a), Some(b)) => format!(
            "{} to {}",
            a.recorded.replace('T', " "),
            b.recorded.replace('T', " ")
        ),
        _ => "times unknown".into(),
    };
    outln!(
        "C-{:<4} {} {} with {}: {} ({} key), {}{}",
        c.id,
        c.format.label(),
        shown(&name(&c.title)),
        shown(&c.participants.join(", ")),
        plural(c.message_count, "message"),
        c.key_count,
        span,
        c.device_zone
            .as_deref()
            .map(|z| format!("; clock times read in {}", shown(z)))
            .unwrap_or_default()
    )
}

fn show(store: &Store, chat_id: i32, mut query: ChatQuery, json: bool) -> Result<(), Failure> {
    let chat = store.get_chat(chat_id)?;
    let mut messages: Vec<ChatMessage> = Vec::new();
    let mut printed = 0u32;
    let mut first_page = true;
    loop {
        let page = store.chat_messages(chat_id, &query)?;
        let n = page.messages.len() as u32;
        let next = page.offset + n;
        if first_page && !json {
            let matching = if query.text.is_empty() && !query.key_only {
                String::new()
            } else {
                format!(", {} matching", page.total)
            };
            outln!(
                "C-{} {} ({}): {}{matching}",
                chat.id,
                shown(&name(&chat.title)),
                chat.format.label(),
                plural(chat.message_count, "message")
            )?;
        }
        first_page = false;
        if json {
            messages.extend(page.messages);
        } else {
            for m in &page.messages {
                print_message(&chat, m)?;
            }
            printed += n;
        }
        // Later pages go on from where this one ended.
        query.from_day = None;
        query.offset = next;
        if n == 0 || next >= page.total {
            break;
        }
    }
    if json {
        return print_json(&messages);
    }
    if printed == 0 {
        outln!("No messages to show.")?;
    }
    Ok(())
}

fn print_message(chat: &Chat, m: &ChatMessage) -> Result<(), Failure> {
    let when = match &m.sent {
        Some(s) => s.recorded.replace('T', " "),
        None => format!(
            "{} (clock time; not a real time in {})",
            m.local_time,
            chat.device_zone.as_deref().unwrap_or("the phone's zone")
        ),
    };
    let kind = match m.kind {
        MessageKind::Text => String::new(),
        other => format!("[{}] ", other.label()),
    };
    let sender = m
        .sender
        .as_deref()
        .map(|s| format!("{}: ", shown(s)))
        .unwrap_or_default();
    let mut extras = Vec::new();
    if m.edited {
        extras.push("edited".to_string());
    }
    match (m.evidence_id, &m.attachment_name, &m.attachment_missing) {
        (Some(v), name, _) => extras.push(format!(
            "attachment V-{v}{}",
            name.as_deref()
                .map(|n| format!(" {}", shown(n)))
                .unwrap_or_default()
        )),
        (None, Some(name), _) => {
            extras.push(format!("attachment {} not in the export", shown(name)))
        }
        (None, None, Some(what)) => extras.push(format!("left out of the export: {}", shown(what))),
        (None, None, None) => {}
    }
    if let Some(f) = &m.forwarded_from {
        extras.push(format!("forwarded from {}", shown(f)));
    }
    extras.push(format!("{} line {}", shown(&m.source_file), m.source_line));
    outln!(
        "{} M-{:<6} {}  {kind}{sender}{}  [{}]",
        if m.is_key { '★' } else { ' ' },
        m.id,
        shown(&when),
        shown(&one_line(&m.text)),
        extras.join("; ")
    )
}

/// A message of several lines on one line: its breaks shown as ⏎, so every message is one
/// line of output (for grep) and none can pass for another.
fn one_line(text: &str) -> String {
    text.trim_end().replace("\r\n", "\n").replace('\n', " ⏎ ")
}

/// A chat's title in quotes, or that the export gave it none.
fn name(title: &str) -> String {
    if title.trim().is_empty() {
        "(no name in the export)".into()
    } else {
        format!("\"{}\"", title.trim())
    }
}

fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
