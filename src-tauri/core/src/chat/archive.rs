//! Chat-export archives (.zip): the one reader of them, with its limits. A WhatsApp export zip
//! holds `_chat.txt` (iOS) or `WhatsApp Chat with Anna.txt` (Android) next to its media; a
//! Telegram export zipped by the person holds `result.json` or `messages.html`,
//! `messages2.html`, … next to `photos/`, `files/`, … (often under one top folder such as
//! `ChatExport_2026-03-20/`).
//!
//! Real exports reach 1 GB with thousands of media files, so the archive is read from a
//! `Read + Seek` source (a file, or a `Cursor` over bytes in tests and fuzzing) one entry at a
//! time, never whole. Every limit is checked at [`ChatArchive::open`] from what the archive
//! declares, and again while reading (a header can lie).
//!
//! Nothing is ever written to disk: entry names are only strings. They are never joined to a
//! path, so a name such as `../../evil.txt` or one with control characters is harmless here; it
//! is kept as written (and normalised for look-ups), and the store keeps only bytes.

use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};

use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

use super::{ChatError, Format};

/// Most entries (files and folders) an archive may hold.
pub const MAX_ENTRIES: usize = 20_000;
/// Most bytes all entries together may declare once unpacked (4 GiB).
pub const MAX_TOTAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Highest unpacked/packed size ratio of one entry (a "zip bomb" declares far more).
pub const MAX_RATIO: u64 = 200;
/// Entries smaller than this (1 MiB) are never refused for their ratio: a small text of
/// repeated lines compresses very well and does no harm.
pub const RATIO_FREE_BYTES: u64 = 1024 * 1024;
/// Largest chat text read (512 MiB).
pub const MAX_TEXT_BYTES: u64 = 512 * 1024 * 1024;

/// The end-of-central-directory record: 22 bytes plus a comment of at most 65,535 bytes.
const EOCD_MAX_TAIL: u64 = 22 + 65_535;
/// First buffer reserved for one entry's bytes; larger entries grow it as they are read, so a
/// lying header cannot make the reader allocate up front.
const FIRST_BUFFER: u64 = 8 * 1024 * 1024;

/// One entry of the archive, as its central directory lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    /// The entry's position, used by [`ChatArchive::read_text`] and [`ChatArchive::read_media`].
    pub index: usize,
    /// The name as stored in the archive (only ever a string; never a path on disk).
    pub stored_name: String,
    /// The name used for look-ups: `\` read as `/`, leading `./` and `/` removed.
    pub name: String,
    /// Unpacked size the archive declares, in bytes.
    pub size: u64,
    /// Packed size the archive declares, in bytes.
    pub packed_size: u64,
    /// A folder entry (no content).
    pub is_dir: bool,
    /// The entry's own header could not be read; reading it will fail with a message.
    pub damaged: bool,
}

impl EntryInfo {
    /// The last part of the name (`photos/photo_1.jpg` → `photo_1.jpg`).
    pub fn base_name(&self) -> &str {
        base_name(&self.name)
    }
}

/// Which entry holds the chat, and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatEntry {
    /// The likely format, from the file name (the parser confirms it).
    pub format: Format,
    /// Entry indices of the chat text in reading order: one entry, or for Telegram HTML
    /// `messages.html`, `messages2.html`, … `messages10.html` in numeric order.
    pub parts: Vec<usize>,
    /// The folder holding the chat file, with a trailing `/` (empty at the top): attachment
    /// names in the messages are relative to it (pass it to [`ChatArchive::resolve`]).
    pub dir_prefix: String,
    /// The chat's name when the file name says it (`WhatsApp Chat with Anna.txt` → `Anna`);
    /// otherwise empty.
    pub title_hint: String,
}

/// The chat text of an export, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatText {
    pub text: String,
    /// Set when something in the bytes had to be replaced (invalid UTF-8 shown as `�`), in
    /// words to show the person.
    pub note: Option<String>,
}

/// What is known of an entry besides its [`EntryInfo`].
#[derive(Debug, Clone, Copy)]
struct EntryFacts {
    encrypted: bool,
    supported_method: bool,
}

/// An open chat-export zip. See the module documentation for the limits.
pub struct ChatArchive<R: Read + Seek> {
    zip: ZipArchive<R>,
    display_name: String,
    entries: Vec<EntryInfo>,
    facts: Vec<EntryFacts>,
    /// Normalised name → first entry of that name.
    by_name: HashMap<String, usize>,
    /// Base name → (first entry, how many entries have it).
    by_base: HashMap<String, (usize, usize)>,
}

impl<R: Read + Seek> std::fmt::Debug for ChatArchive<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatArchive")
            .field("display_name", &self.display_name)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl<R: Read + Seek> ChatArchive<R> {
    /// Opens a zip and checks its limits (entry count, total size, packing ratio, no password).
    /// `display_name` is the file's name, used in messages. For a `std::fs::File`, wrap it in
    /// a `BufReader` for speed.
    pub fn open(mut reader: R, display_name: &str) -> Result<Self, ChatError> {
        let shown = shown_name(display_name);
        let declared = match declared_entry_count(&mut reader) {
            Ok(Some(n)) => n,
            Ok(None) if starts_like_zip(&mut reader) => return Err(cut_short(&shown)),
            Ok(None) => return Err(not_a_zip(&shown)),
            Err(_) => return Err(unreadable(&shown)),
        };
        if declared > MAX_ENTRIES as u64 {
            return Err(too_many_entries(&shown));
        }
        let zip = ZipArchive::new(reader).map_err(|e| match e {
            ZipError::Io(ref io) if io.kind() == io::ErrorKind::UnexpectedEof => cut_short(&shown),
            ZipError::UnsupportedArchive(_) => ChatError::Damaged(format!(
                "\"{shown}\" is a kind of zip file Casefile cannot read (for example one split into several parts). Unzip it on your computer and zip the export again, or choose the chat's text file."
            )),
            _ => ChatError::Damaged(format!(
                "\"{shown}\" is damaged: its table of contents (the zip's central directory) cannot be read. Export or copy the chat again."
            )),
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(too_many_entries(&shown));
        }
        let mut archive = ChatArchive {
            zip,
            display_name: shown,
            entries: Vec::new(),
            facts: Vec::new(),
            by_name: HashMap::new(),
            by_base: HashMap::new(),
        };
        archive.list_entries()?;
        Ok(archive)
    }

    /// Reads every entry's header and checks the declared sizes.
    fn list_entries(&mut self) -> Result<(), ChatError> {
        let count = self.zip.len();
        let mut total: u64 = 0;
        for index in 0..count {
            let stored_name = self
                .zip
                .name_for_index(index)
                .unwrap_or_default()
                .to_string();
            let name = normalize_name(&stored_name);
            let (info, facts) = match self.zip.by_index_raw(index) {
                Ok(file) => (
                    EntryInfo {
                        index,
                        is_dir: file.is_dir(),
                        size: file.size(),
                        packed_size: file.compressed_size(),
                        stored_name,
                        name,
                        damaged: false,
                    },
                    EntryFacts {
                        encrypted: file.encrypted(),
                        supported_method: matches!(
                            file.compression(),
                            CompressionMethod::Stored | CompressionMethod::Deflated
                        ),
                    },
                ),
                Err(_) => (
                    EntryInfo {
                        index,
                        is_dir: name.ends_with('/'),
                        size: 0,
                        packed_size: 0,
                        stored_name,
                        name,
                        damaged: true,
                    },
                    EntryFacts {
                        encrypted: false,
                        supported_method: true,
                    },
                ),
            };
            if facts.encrypted {
                return Err(ChatError::Refused(format!(
                    "\"{}\" is protected with a password. Unzip it on your computer with its password, zip the chat export again without one, and choose that.",
                    self.display_name
                )));
            }
            if info.size >= RATIO_FREE_BYTES
                && info.size > info.packed_size.saturating_mul(MAX_RATIO)
            {
                return Err(ChatError::Refused(format!(
                    "\"{}\" is built to unpack to a huge size (\"{}\" would grow from {} to {}), which chat exports never do, so Casefile did not open it.",
                    self.display_name,
                    shown_name(&info.name),
                    size_words(info.packed_size),
                    size_words(info.size)
                )));
            }
            total = total.saturating_add(info.size);
            if total > MAX_TOTAL_BYTES {
                return Err(ChatError::Refused(format!(
                    "\"{}\" would unpack to more than {}, more than Casefile reads from one chat export. Check that this is the chat export; if it is, export the chat again without media and add the pictures you need one by one.",
                    self.display_name,
                    size_words(MAX_TOTAL_BYTES)
                )));
            }
            if !info.is_dir && !is_junk(&info.name) {
                self.by_name.entry(info.name.clone()).or_insert(index);
                self.by_base
                    .entry(info.base_name().to_string())
                    .and_modify(|(_, n)| *n += 1)
                    .or_insert((index, 1));
            }
            self.entries.push(info);
            self.facts.push(facts);
        }
        Ok(())
    }

    /// Every entry, in the archive's order (duplicate names appear once, as the last one).
    pub fn entries(&self) -> &[EntryInfo] {
        &self.entries
    }

    /// Which entry holds the chat text, and its likely format. Looks for `_chat.txt`, a `.txt`
    /// whose name contains "WhatsApp" (`WhatsApp Chat with Anna.txt`, `WhatsApp Chat - Anna.txt`,
    /// translated names), `[LINE]….txt`, `result.json`, and `messages.html` (with
    /// `messages2.html` … in the same folder). When several are present, the one in the
    /// shallowest folder wins, then in that order of formats. macOS's `__MACOSX/` copies and
    /// `._` files are ignored.
    pub fn find_chat(&self) -> Option<ChatEntry> {
        let mut best: Option<(usize, u8, &EntryInfo)> = None;
        for e in &self.entries {
            if e.is_dir || e.damaged || is_junk(&e.name) {
                continue;
            }
            let Some(rank) = chat_file_rank(e.base_name()) else {
                continue;
            };
            let depth = e.name.matches('/').count();
            if best.is_none_or(|(d, r, _)| (depth, rank) < (d, r)) {
                best = Some((depth, rank, e));
            }
        }
        let (_, _, e) = best?;
        let base = e.base_name();
        let dir_prefix = e.name[..e.name.len() - base.len()].to_string();
        let lower = base.to_lowercase();
        let (format, parts) = match chat_file_rank(base)? {
            0 | 1 => (Format::WhatsApp, vec![e.index]),
            2 => (Format::TelegramJson, vec![e.index]),
            3 => (Format::TelegramHtml, self.html_parts(&dir_prefix)),
            _ => (Format::Line, vec![e.index]),
        };
        let title_hint = if lower.ends_with(".txt") {
            title_from_file_name(&base[..base.len() - 4])
        } else {
            String::new()
        };
        Some(ChatEntry {
            format,
            parts,
            dir_prefix,
            title_hint,
        })
    }

    /// `messages.html`, `messages2.html`, … in `dir`, in numeric order.
    fn html_parts(&self, dir: &str) -> Vec<usize> {
        let mut parts: Vec<(u64, usize)> = self
            .entries
            .iter()
            .filter(|e| !e.is_dir && !e.damaged)
            .filter_map(|e| {
                let rest = e.name.strip_prefix(dir)?;
                let lower = rest.to_ascii_lowercase();
                let number = lower.strip_prefix("messages")?.strip_suffix(".html")?;
                if number.is_empty() {
                    return Some((1, e.index));
                }
                if number.len() > 9 || !number.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                number.parse::<u64>().ok().map(|n| (n, e.index))
            })
            .collect();
        parts.sort_unstable();
        parts.dedup_by_key(|(n, _)| *n);
        parts.into_iter().map(|(_, i)| i).collect()
    }

    /// The entry an attachment name of a message refers to: first the name relative to the
    /// chat file's folder (`dir_prefix` from [`ChatEntry`]), then the name from the top of the
    /// archive, then — when exactly one file in the archive has that base name — that file.
    /// Names match exactly (case included); a base name shared by several files matches none.
    pub fn resolve(&self, dir_prefix: &str, attachment_name: &str) -> Option<usize> {
        let name = normalize_name(attachment_name);
        if name.is_empty() {
            return None;
        }
        let mut full = String::with_capacity(dir_prefix.len() + name.len());
        full.push_str(&normalize_name(dir_prefix));
        if !full.is_empty() && !full.ends_with('/') {
            full.push('/');
        }
        full.push_str(&name);
        if let Some(&i) = self.by_name.get(&full).or_else(|| self.by_name.get(&name)) {
            return Some(i);
        }
        match self.by_base.get(base_name(&name)) {
            Some(&(i, 1)) => Some(i),
            _ => None,
        }
    }

    /// Reads and decodes a chat text (at most [`MAX_TEXT_BYTES`]). UTF-8 (a byte-order mark is
    /// dropped) and UTF-16 with a byte-order mark are decoded; bytes that are not valid are
    /// replaced by `�` and [`ChatText::note`] says so, so one damaged line does not lose the
    /// whole chat. UTF-16 without a byte-order mark is not guessed.
    pub fn read_text(&mut self, index: usize) -> Result<ChatText, ChatError> {
        let bytes = self.read_capped(index, MAX_TEXT_BYTES)?;
        Ok(decode_text(bytes))
    }

    /// Reads one entry's bytes, refusing one that declares or unpacks to more than `max_bytes`.
    /// At most `max_bytes + 1` bytes are ever read, so a lying header cannot make this
    /// allocate more.
    pub fn read_media(&mut self, index: usize, max_bytes: u64) -> Result<Vec<u8>, ChatError> {
        self.read_capped(index, max_bytes)
    }

    fn read_capped(&mut self, index: usize, max_bytes: u64) -> Result<Vec<u8>, ChatError> {
        let (Some(info), Some(facts)) = (self.entries.get(index), self.facts.get(index)) else {
            return Err(ChatError::Damaged(format!(
                "\"{}\" has no file number {index}.",
                self.display_name
            )));
        };
        let shown = shown_name(&info.name);
        if info.is_dir {
            return Err(ChatError::Damaged(format!(
                "\"{shown}\" in \"{}\" is a folder, not a file.",
                self.display_name
            )));
        }
        if info.damaged {
            return Err(ChatError::Damaged(format!(
                "\"{shown}\" in \"{}\" is damaged: its header cannot be read. Export or copy the chat again.",
                self.display_name
            )));
        }
        if facts.encrypted {
            return Err(ChatError::Refused(format!(
                "\"{shown}\" in \"{}\" is protected with a password.",
                self.display_name
            )));
        }
        if !facts.supported_method {
            return Err(ChatError::Damaged(format!(
                "\"{shown}\" in \"{}\" is packed in a way Casefile cannot read. Unzip the export on your computer and zip it again, or add this file on its own.",
                self.display_name
            )));
        }
        if info.size > max_bytes {
            return Err(too_large(&shown, max_bytes));
        }
        let declared = info.size;
        let damaged = |kind: io::ErrorKind| {
            ChatError::Damaged(if kind == io::ErrorKind::UnexpectedEof {
                format!("\"{shown}\" in the export is cut short. Export or copy the chat again.")
            } else {
                format!("\"{shown}\" in the export is damaged (its content does not match its checksum). Export or copy the chat again.")
            })
        };
        let file = self.zip.by_index(index).map_err(|e| match e {
            ZipError::Io(io) => damaged(io.kind()),
            _ => damaged(io::ErrorKind::InvalidData),
        })?;
        // One byte past the declared size shows a header that lies about it.
        let mut bytes = Vec::with_capacity(declared.min(FIRST_BUFFER) as usize);
        file.take(declared.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(e.kind()))?;
        if bytes.len() as u64 != declared {
            return Err(ChatError::Damaged(format!(
                "\"{shown}\" in the export does not have the size its header says ({} declared). Export or copy the chat again.",
                size_words(declared)
            )));
        }
        Ok(bytes)
    }
}

/// Decodes a chat text: UTF-8 (without its byte-order mark) or UTF-16 with a byte-order mark;
/// invalid bytes become `�`, with a note.
pub fn decode_text(bytes: Vec<u8>) -> ChatText {
    let utf16 = |bytes: &[u8], big_endian: bool| {
        let units = bytes.chunks(2).map(|c| match (c, big_endian) {
            ([a, b], false) => u16::from_le_bytes([*a, *b]),
            ([a, b], true) => u16::from_be_bytes([*a, *b]),
            // A lone last byte is not a character.
            _ => 0xDC00,
        });
        let mut replaced = 0usize;
        let text: String = char::decode_utf16(units)
            .map(|r| {
                r.unwrap_or_else(|_| {
                    replaced += 1;
                    char::REPLACEMENT_CHARACTER
                })
            })
            .collect();
        (text, replaced)
    };
    let (text, replaced) = match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
        _ => {
            let start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                3
            } else {
                0
            };
            let mut bytes = bytes;
            bytes.drain(..start);
            match String::from_utf8(bytes) {
                Ok(text) => (text, 0),
                Err(e) => {
                    let bytes = e.into_bytes();
                    let replaced = count_invalid_utf8(&bytes);
                    (String::from_utf8_lossy(&bytes).into_owned(), replaced)
                }
            }
        }
    };
    let note = (replaced > 0).then(|| {
        format!(
            "{replaced} place(s) in the chat text could not be read as text and are shown as �. The rest was read as written."
        )
    });
    ChatText { text, note }
}

/// How many invalid sequences `String::from_utf8_lossy` replaces.
fn count_invalid_utf8(mut bytes: &[u8]) -> usize {
    let mut count = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return count,
            Err(e) => {
                count += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
}

/// `\` read as `/`; leading `./` and `/` removed.
pub fn normalize_name(stored: &str) -> String {
    let slashed = stored.replace('\\', "/");
    let mut rest = slashed.as_str();
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix('/') {
            rest = r;
        } else {
            return rest.to_string();
        }
    }
}

fn base_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// Copies macOS adds when zipping (`__MACOSX/…`, `._name`): never the chat or its media.
fn is_junk(name: &str) -> bool {
    name.starts_with("__MACOSX/")
        || name.contains("/__MACOSX/")
        || base_name(name).starts_with("._")
}

/// 0 `_chat.txt`, 1 a WhatsApp-named `.txt`, 2 `result.json`, 3 `messages.html`,
/// 4 `[LINE]….txt`; `None` for anything else.
fn chat_file_rank(base: &str) -> Option<u8> {
    let lower = base.to_lowercase();
    if lower == "_chat.txt" {
        Some(0)
    } else if lower.ends_with(".txt") && lower.contains("whatsapp") {
        Some(1)
    } else if lower == "result.json" {
        Some(2)
    } else if lower == "messages.html" {
        Some(3)
    } else if lower.ends_with(".txt") && lower.starts_with("[line]") {
        Some(4)
    } else {
        None
    }
}

/// `WhatsApp Chat with Anna` → `Anna`; `WhatsApp Chat - Anna` → `Anna`;
/// `[LINE] Chat with Anna` → `Anna`; anything else → empty.
fn title_from_file_name(stem: &str) -> String {
    let rest = if let Some(r) = strip_prefix_ci(stem, "[LINE]") {
        r.trim_start()
    } else if let Some(r) = strip_prefix_ci(stem, "WhatsApp Chat") {
        r
    } else {
        return String::new();
    };
    let rest = rest.trim_start();
    let rest = strip_prefix_ci(rest, "with ")
        .or_else(|| strip_prefix_ci(rest, "Chat with "))
        .or_else(|| rest.strip_prefix("- "))
        .unwrap_or(rest);
    rest.trim().to_string()
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// How many entries the archive's end record declares (the zip64 record's count when there is
/// one), read before the zip library sizes its table by it. `None`: no end record in the last
/// 64 KiB, so this is not a whole zip.
fn declared_entry_count<R: Read + Seek>(r: &mut R) -> io::Result<Option<u64>> {
    let len = r.seek(SeekFrom::End(0))?;
    let tail_len = len.min(EOCD_MAX_TAIL);
    let tail_start = len - tail_len;
    r.seek(SeekFrom::Start(tail_start))?;
    let mut tail = Vec::with_capacity(tail_len as usize);
    r.by_ref().take(tail_len).read_to_end(&mut tail)?;
    let le16 = |b: &[u8], at: usize| b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]));
    let le64 = |b: &[u8], at: usize| {
        b.get(at..at + 8)
            .and_then(|s| <[u8; 8]>::try_from(s).ok())
            .map(u64::from_le_bytes)
    };
    // The last end record whose comment fits in the file, as the zip library reads it.
    let Some(at) = (0..tail.len().saturating_sub(21)).rev().find(|&i| {
        tail[i..].starts_with(b"PK\x05\x06")
            && le16(&tail, i + 20).is_some_and(|c| i + 22 + usize::from(c) <= tail.len())
    }) else {
        return Ok(None);
    };
    let count16 = u64::from(le16(&tail, at + 10).unwrap_or(0));
    // A zip64 locator sits just before the end record and points at the zip64 end record.
    let mut count = count16;
    if at >= 20 && tail[at - 20..].starts_with(b"PK\x06\x07") {
        if let Some(offset) = le64(&tail, at - 20 + 8).filter(|&o| o < len) {
            r.seek(SeekFrom::Start(offset))?;
            let mut record = Vec::with_capacity(56);
            r.by_ref().take(56).read_to_end(&mut record)?;
            if record.starts_with(b"PK\x06\x06") {
                count = count.max(le64(&record, 32).unwrap_or(0));
            }
        }
    }
    Ok(Some(count))
}

fn starts_like_zip<R: Read + Seek>(r: &mut R) -> bool {
    let mut head = [0u8; 4];
    r.seek(SeekFrom::Start(0)).is_ok() && r.read_exact(&mut head).is_ok() && &head == b"PK\x03\x04"
}

/// A name fit for a message: control characters shown as `?`, at most 120 characters.
fn shown_name(name: &str) -> String {
    let mut shown: String = name
        .chars()
        .take(120)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if name.chars().nth(120).is_some() {
        shown.push('…');
    }
    shown
}

fn size_words(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= 1024 * MB {
        format!("{} GB", bytes / (1024 * MB))
    } else if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

fn not_a_zip(shown: &str) -> ChatError {
    ChatError::NotAChat {
        hint: format!("\"{shown}\" is not a zip file. Choose the .zip the app exported, or the chat's own .txt, .json or .html file."),
    }
}

fn cut_short(shown: &str) -> ChatError {
    ChatError::Damaged(format!(
        "\"{shown}\" looks like a zip file but its end is missing: it was probably cut short while downloading or copying. Copy or export it again."
    ))
}

fn unreadable(shown: &str) -> ChatError {
    ChatError::Damaged(format!(
        "\"{shown}\" could not be read. Check that the file is still there and copy it again."
    ))
}

fn too_many_entries(shown: &str) -> ChatError {
    ChatError::Refused(format!(
        "\"{shown}\" holds more than {MAX_ENTRIES} files; a chat export has far fewer. Check that this is the chat export."
    ))
}

fn too_large(shown: &str, max_bytes: u64) -> ChatError {
    ChatError::Refused(format!(
        "\"{shown}\" in the export is larger than {}, the most Casefile reads from one file of an export. Keep the original and add a note saying where it is.",
        size_words(max_bytes)
    ))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::ZipWriter;

    use super::*;

    fn deflated() -> SimpleFileOptions {
        SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
    }

    fn stored() -> SimpleFileOptions {
        SimpleFileOptions::default().compression_method(CompressionMethod::Stored)
    }

    /// A zip of `(name, bytes)` entries, deflated.
    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in files {
            w.start_file(*name, deflated()).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn open(bytes: &[u8]) -> Result<ChatArchive<Cursor<&[u8]>>, ChatError> {
        ChatArchive::open(Cursor::new(bytes), "export.zip")
    }

    fn damaged_message(r: Result<ChatArchive<Cursor<&[u8]>>, ChatError>) -> String {
        match r {
            Err(ChatError::Damaged(m)) => m,
            other => panic!("expected Damaged, got {other:?}"),
        }
    }

    fn refused_message(r: Result<ChatArchive<Cursor<&[u8]>>, ChatError>) -> String {
        match r {
            Err(ChatError::Refused(m)) => m,
            other => panic!("expected Refused, got {other:?}"),
        }
    }

    const IOS_CHAT: &str = "[14/03/2026, 09:31:02] Anna: Good morning\n[14/03/2026, 09:31:40] Anna: <attached: 00000012-PHOTO-2026-03-14-09-31-40.jpg>\n";

    #[test]
    fn whatsapp_ios_zip_lists_finds_and_reads() {
        let photo: &[u8] = b"\xff\xd8\xff\xe0 not really a jpeg";
        let bytes = zip_of(&[
            ("_chat.txt", format!("\u{feff}{IOS_CHAT}").as_bytes()),
            ("00000012-PHOTO-2026-03-14-09-31-40.jpg", photo),
            ("00000013-AUDIO-2026-03-14-09-33-00.opus", b"OggS voice"),
            ("00000014-VIDEO-2026-03-14-09-35-10.mp4", b"....ftypmp42"),
        ]);
        let mut a = open(&bytes).unwrap();
        let names: Vec<&str> = a.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "_chat.txt",
                "00000012-PHOTO-2026-03-14-09-31-40.jpg",
                "00000013-AUDIO-2026-03-14-09-33-00.opus",
                "00000014-VIDEO-2026-03-14-09-35-10.mp4"
            ]
        );
        assert_eq!(a.entries()[1].size, photo.len() as u64);
        let chat = a.find_chat().unwrap();
        assert_eq!(
            chat,
            ChatEntry {
                format: Format::WhatsApp,
                parts: vec![0],
                dir_prefix: String::new(),
                title_hint: String::new(),
            }
        );
        let text = a.read_text(0).unwrap();
        assert_eq!(text.text, IOS_CHAT, "the byte-order mark is dropped");
        assert_eq!(text.note, None);
        let i = a
            .resolve(&chat.dir_prefix, "00000012-PHOTO-2026-03-14-09-31-40.jpg")
            .unwrap();
        assert_eq!(i, 1);
        assert_eq!(a.read_media(i, 1024).unwrap(), photo);
        assert_eq!(a.resolve("", "missing.jpg"), None);
    }

    #[test]
    fn whatsapp_android_layout_gives_the_title() {
        let bytes = zip_of(&[
            ("IMG-20260314-WA0003.jpg", b"jpeg"),
            (
                "WhatsApp Chat with Anna Lee.txt",
                b"14/03/2026, 09:31 - Anna Lee: IMG-20260314-WA0003.jpg (file attached)\n",
            ),
        ]);
        let mut a = open(&bytes).unwrap();
        let chat = a.find_chat().unwrap();
        assert_eq!(chat.format, Format::WhatsApp);
        assert_eq!(chat.parts, vec![1]);
        assert_eq!(chat.title_hint, "Anna Lee");
        assert!(a
            .read_text(1)
            .unwrap()
            .text
            .starts_with("14/03/2026, 09:31 - Anna Lee:"));
        assert_eq!(a.resolve("", "IMG-20260314-WA0003.jpg"), Some(0));

        let dash = zip_of(&[("WhatsApp Chat - Crypto Mentor.txt", b"x")]);
        assert_eq!(
            open(&dash).unwrap().find_chat().unwrap().title_hint,
            "Crypto Mentor"
        );
        let line = zip_of(&[("[LINE] Chat with Anna.txt", b"x")]);
        let chat = open(&line).unwrap().find_chat().unwrap();
        assert_eq!(
            (chat.format, chat.title_hint.as_str()),
            (Format::Line, "Anna")
        );
    }

    #[test]
    fn telegram_html_parts_in_numeric_order_under_a_top_folder() {
        let top = "ChatExport_2026-03-20/";
        let names = [
            "messages10.html",
            "messages.html",
            "messages2.html",
            "photos/photo_1@14-03-2026_09-31-02.jpg",
            "css/style.css",
            "messages3.html",
        ];
        let files: Vec<(String, Vec<u8>)> = names
            .iter()
            .map(|n| (format!("{top}{n}"), n.as_bytes().to_vec()))
            .collect();
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let mut bytes = zip_of(&refs);
        // macOS junk next to it must not be taken for the chat.
        let mut w = ZipWriter::new_append(Cursor::new(std::mem::take(&mut bytes))).unwrap();
        w.start_file("__MACOSX/ChatExport_2026-03-20/._messages.html", stored())
            .unwrap();
        w.write_all(b"junk").unwrap();
        let bytes = w.finish().unwrap().into_inner();

        let mut a = open(&bytes).unwrap();
        let chat = a.find_chat().unwrap();
        assert_eq!(chat.format, Format::TelegramHtml);
        assert_eq!(chat.dir_prefix, top);
        let part_names: Vec<&str> = chat
            .parts
            .iter()
            .map(|&i| a.entries()[i].base_name())
            .collect();
        assert_eq!(
            part_names,
            [
                "messages.html",
                "messages2.html",
                "messages3.html",
                "messages10.html"
            ]
        );
        assert_eq!(a.read_text(chat.parts[3]).unwrap().text, "messages10.html");
        let photo = a
            .resolve(&chat.dir_prefix, "photos/photo_1@14-03-2026_09-31-02.jpg")
            .unwrap();
        assert_eq!(
            a.entries()[photo].name,
            format!("{top}photos/photo_1@14-03-2026_09-31-02.jpg")
        );
        // By base name too, when it is the only one of that name.
        assert_eq!(
            a.resolve("", "photo_1@14-03-2026_09-31-02.jpg"),
            Some(photo)
        );
    }

    #[test]
    fn telegram_json_is_preferred_at_the_same_depth_and_base_names_must_be_unique() {
        let bytes = zip_of(&[
            ("export/result.json", b"{}"),
            ("export/photos/a.jpg", b"1"),
            ("other/photos/a.jpg", b"2"),
        ]);
        let a = open(&bytes).unwrap();
        let chat = a.find_chat().unwrap();
        assert_eq!(
            (chat.format, chat.dir_prefix.as_str()),
            (Format::TelegramJson, "export/")
        );
        assert_eq!(a.resolve("export/", "photos/a.jpg"), Some(1));
        assert_eq!(
            a.resolve("", "a.jpg"),
            None,
            "two files share the base name"
        );
        assert_eq!(a.resolve("export", ".\\photos\\a.jpg"), Some(1));
    }

    #[test]
    fn text_decoding_utf16_and_invalid_utf8() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Anna: 你好".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(le).text, "Anna: 你好");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Anna: 👋".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_text(be).text, "Anna: 👋");
        let bad = decode_text(b"Anna: caf\xe9 ok \xff".to_vec());
        assert_eq!(bad.text, "Anna: caf\u{fffd} ok \u{fffd}");
        assert!(bad.note.unwrap().starts_with("2 place(s)"));
    }

    #[test]
    fn a_zip_bomb_is_refused_at_open() {
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let bytes = zip_of(&[("_chat.txt", b"hi"), ("IMG-0001.jpg", &zeros)]);
        assert!(bytes.len() < 100_000, "{}", bytes.len());
        let m = refused_message(open(&bytes));
        assert!(
            m.contains("huge size") && m.contains("IMG-0001.jpg") && m.contains("8 MB"),
            "{m}"
        );
        // Highly compressible but small text is fine.
        let small = zip_of(&[("_chat.txt", &zeros[..512 * 1024])]);
        assert!(open(&small).is_ok());
    }

    #[test]
    fn too_many_entries_are_refused() {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..=MAX_ENTRIES {
            w.start_file(format!("{i}"), stored()).unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        let m = refused_message(open(&bytes));
        assert!(m.contains("more than 20000 files"), "{m}");
    }

    #[test]
    fn hostile_names_stay_strings() {
        let bytes = zip_of(&[
            ("../../evil.txt", b"evil"),
            ("bell\x07name.jpg", b"ding"),
            ("/abs/./x.jpg", b"x"),
            ("dir\\sub\\y.jpg", b"y"),
        ]);
        let mut a = open(&bytes).unwrap();
        let e = a.entries();
        assert_eq!(e[0].stored_name, "../../evil.txt");
        assert_eq!(
            e[0].name, "../../evil.txt",
            "kept as a string, never a path"
        );
        assert_eq!(e[1].name, "bell\x07name.jpg");
        assert_eq!(e[2].name, "abs/./x.jpg");
        assert_eq!(e[3].name, "dir/sub/y.jpg");
        assert_eq!(a.find_chat(), None);
        assert_eq!(a.resolve("", "../../evil.txt"), Some(0));
        assert_eq!(a.read_media(0, 100).unwrap(), b"evil");
        assert_eq!(a.resolve("", "y.jpg"), Some(3));
        // Nothing is written anywhere: the only output is bytes in memory.
        assert!(!std::path::Path::new("../../evil.txt").exists());
    }

    #[test]
    fn media_over_the_cap_is_refused_without_reading_it() {
        let bytes = zip_of(&[("video.mp4", &[7u8; 5000])]);
        let mut a = open(&bytes).unwrap();
        match a.read_media(0, 4999) {
            Err(ChatError::Refused(m)) => assert!(m.contains("larger than 4 KB"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(a.read_media(0, 5000).unwrap().len(), 5000);
    }

    /// A stored zip whose central directory is patched by `patch(header_offset, bytes)`.
    fn patched(content: &[u8], patch: impl Fn(usize, &mut Vec<u8>)) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("_chat.txt", stored()).unwrap();
        w.write_all(content).unwrap();
        let mut bytes = w.finish().unwrap().into_inner();
        let cd = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        patch(cd, &mut bytes);
        bytes
    }

    #[test]
    fn a_header_that_understates_the_size_is_caught_while_reading() {
        // Central directory: uncompressed size at +24 says 4 bytes; 20 are stored.
        let bytes = patched(b"Anna: send 5000 USDT", |cd, b| {
            b[cd + 24..cd + 28].copy_from_slice(&4u32.to_le_bytes())
        });
        let mut a = open(&bytes).unwrap();
        assert_eq!(a.entries()[0].size, 4);
        match a.read_text(0) {
            Err(ChatError::Damaged(m)) => assert!(m.contains("size its header says"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn password_protected_zips_are_refused_in_plain_words() {
        // General-purpose flag bit 0 (+8 in the central directory) marks encryption.
        let bytes = patched(b"secret", |cd, b| b[cd + 8] |= 1);
        let m = refused_message(open(&bytes));
        assert!(m.contains("protected with a password"), "{m}");
    }

    #[test]
    fn not_a_zip_truncated_and_corrupt() {
        match open(b"[14/03/2026, 09:31:02] Anna: hello") {
            Err(ChatError::NotAChat { hint }) => assert!(hint.contains("not a zip"), "{hint}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(open(b""), Err(ChatError::NotAChat { .. })));
        let whole = zip_of(&[("_chat.txt", IOS_CHAT.as_bytes()), ("a.jpg", &[1u8; 3000])]);
        let m = damaged_message(open(&whole[..whole.len() - 30]));
        assert!(m.contains("cut short"), "{m}");
        let m = damaged_message(open(&whole[..whole.len() / 2]));
        assert!(m.contains("cut short"), "{m}");

        // A flipped byte inside the stored content fails its checksum, naming the entry.
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("_chat.txt", stored()).unwrap();
        w.write_all(b"Anna: send 5000 USDT").unwrap();
        let mut bytes = w.finish().unwrap().into_inner();
        let at = bytes.windows(4).position(|w| w == b"5000").unwrap();
        bytes[at] = b'9';
        let mut a = open(&bytes).unwrap();
        match a.read_text(0) {
            Err(ChatError::Damaged(m)) => {
                assert!(m.contains("\"_chat.txt\"") && m.contains("checksum"), "{m}")
            }
            other => panic!("{other:?}"),
        }

        // A central directory pointing at garbage is named as such.
        let mut bad_cd = whole.clone();
        let cd = bad_cd.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        bad_cd[cd + 1] = b'X';
        let first_cd = bad_cd.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bad_cd[first_cd + 1] = b'X';
        let m = damaged_message(open(&bad_cd));
        assert!(m.contains("central directory"), "{m}");
    }

    /// Byte flips and cuts of a real export (what the fuzz target does, run here on every
    /// test): opening and reading never panic, and what is read has the declared size.
    #[test]
    fn damaged_copies_never_panic() {
        let good = zip_of(&[
            ("ChatExport/messages.html", b"<div>hello</div>"),
            ("ChatExport/messages2.html", b"<div>again</div>"),
            ("ChatExport/photos/p.jpg", &[9u8; 700]),
        ]);
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for round in 0..2000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bytes = good.clone();
            for _ in 0..(1 + state % 4) {
                let at = (state % bytes.len() as u64) as usize;
                bytes[at] = bytes[at].wrapping_add((state >> 32) as u8 | 1);
                state = state.rotate_left(11);
            }
            if round % 3 == 0 {
                bytes.truncate((state % bytes.len() as u64) as usize);
            }
            let Ok(mut a) = open(&bytes) else { continue };
            let _ = a.find_chat();
            for i in 0..a.entries().len() {
                let size = a.entries()[i].size;
                if let Ok(b) = a.read_media(i, 4096) {
                    assert_eq!(b.len() as u64, size);
                }
                let _ = a.read_text(i);
            }
        }
    }
}
