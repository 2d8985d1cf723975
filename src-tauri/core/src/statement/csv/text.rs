//! Bytes to text (the encoding), and text to records with the line each starts on.

use crate::statement::{StatementError, MAX_STATEMENT_BYTES};

/// The encodings a statement can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Windows' Western European code page; a superset of ISO-8859-1 for printable text.
    Windows1252,
    /// Every byte is the character of the same number.
    Latin1,
}

impl Encoding {
    /// The label kept in the profile.
    pub(super) fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Latin1 => "ISO-8859-1",
        }
    }

    /// The encoding a profile names (case and `-`/`_` ignored), if Casefile knows it.
    pub(super) fn from_label(label: &str) -> Option<Encoding> {
        let key: String = label
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match key.as_str() {
            "utf8" => Some(Encoding::Utf8),
            "utf16le" | "utf16" => Some(Encoding::Utf16Le),
            "utf16be" => Some(Encoding::Utf16Be),
            "windows1252" | "cp1252" => Some(Encoding::Windows1252),
            "iso88591" | "latin1" => Some(Encoding::Latin1),
            _ => None,
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The encoding the bytes most likely are: a BOM says so; else valid UTF-8 is UTF-8; else
/// Windows-1252 (preferred to ISO-8859-1: it only adds printable characters such as `€`).
///
/// A UTF-8 BOM followed by bytes that are not UTF-8 is Windows-1252: some banks' exports write
/// the BOM and then encode in their code page (`Empfänger` with `ä` as the single byte 0xE4).
/// Reading that as UTF-8 would fail or, worse, turn every umlaut into U+FFFD.
pub(super) fn detect(bytes: &[u8]) -> Encoding {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        if std::str::from_utf8(rest).is_ok() {
            Encoding::Utf8
        } else {
            Encoding::Windows1252
        }
    } else if bytes.starts_with(b"\xFF\xFE") {
        Encoding::Utf16Le
    } else if bytes.starts_with(b"\xFE\xFF") {
        Encoding::Utf16Be
    } else if std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Windows1252
    }
}

/// Refuses files larger than [`MAX_STATEMENT_BYTES`].
pub(super) fn check_size(bytes: &[u8]) -> Result<(), StatementError> {
    if bytes.len() > MAX_STATEMENT_BYTES {
        return Err(StatementError::Unreadable(format!(
            "This file is {} MB; Casefile reads statements up to {} MB. Export a shorter period \
             from the bank.",
            bytes.len() / (1024 * 1024),
            MAX_STATEMENT_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// The file's text in `encoding`, without a leading BOM (for Windows-1252 and ISO-8859-1, a
/// UTF-8 BOM's three bytes at the start are left out too, not read as `ï»¿`).
pub(super) fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, StatementError> {
    let text =
        match encoding {
            Encoding::Utf8 => {
                let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
                match std::str::from_utf8(bytes) {
                    Ok(text) => text.to_owned(),
                    Err(_) => return Err(StatementError::Unreadable(
                        "This file is not UTF-8 text. Choose Windows-1252 as its encoding (most \
                         banks in Western Europe write that)."
                            .into(),
                    )),
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let (codec, bom): (&'static encoding_rs::Encoding, &[u8]) =
                    if encoding == Encoding::Utf16Le {
                        (encoding_rs::UTF_16LE, b"\xFF\xFE")
                    } else {
                        (encoding_rs::UTF_16BE, b"\xFE\xFF")
                    };
                let bytes = bytes.strip_prefix(bom).unwrap_or(bytes);
                let (text, had_errors) = codec.decode_without_bom_handling(bytes);
                if had_errors {
                    return Err(StatementError::Unreadable(format!(
                        "This file is not {} text. Choose another encoding.",
                        encoding.label()
                    )));
                }
                text.into_owned()
            }
            Encoding::Windows1252 => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes))
                .0
                .into_owned(),
            Encoding::Latin1 => bytes
                .strip_prefix(UTF8_BOM)
                .unwrap_or(bytes)
                .iter()
                .map(|&b| char::from(b))
                .collect(),
        };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// One non-blank record of the file.
#[derive(Debug, Clone)]
pub(super) struct Record {
    /// The line it starts on, 1-based.
    pub line: u32,
    pub cells: Vec<String>,
    /// Where it is in the text (bytes), line end excluded.
    pub start: usize,
    pub end: usize,
}

impl Record {
    /// The record as it is in the file.
    pub(super) fn raw<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The cell at `col`, trimmed; empty when the row is shorter.
    pub(super) fn cell(&self, col: usize) -> &str {
        self.cells.get(col).map_or("", |c| c.trim())
    }

    /// How many cells up to the last non-empty one.
    pub(super) fn span(&self) -> usize {
        self.cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |i| i + 1)
    }
}

/// The records of `text` split at `delimiter` (quotes respected), blank ones left out, at most
/// `limit` of them; the flag says whether more followed.
pub(super) fn records(
    text: &str,
    delimiter: u8,
    limit: usize,
) -> Result<(Vec<Record>, bool), StatementError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut lines = LineCounter::default();
    let mut record = csv::StringRecord::new();
    let mut out = Vec::new();
    loop {
        let before = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok((out, false)),
            Err(e) => {
                return Err(StatementError::Unreadable(format!(
                    "The file could not be split into rows ({e})."
                )))
            }
        }
        let after = usize::try_from(reader.position().byte())
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The reader's record may begin with the blank lines before it.
        let mut start = before.min(after);
        while start < after && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let mut end = after;
        while end > start && matches!(bytes[end - 1], b'\r' | b'\n') {
            end -= 1;
        }
        if out.len() == limit {
            return Ok((out, true));
        }
        out.push(Record {
            line: lines.line_at(bytes, start),
            cells: record.iter().map(str::to_owned).collect(),
            start,
            end,
        });
    }
}

/// Counts line breaks (`\n`, `\r\n`, a lone `\r`) up to increasing offsets, in one pass overall.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    breaks: usize,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> u32 {
        let offset = offset.min(bytes.len());
        if offset > self.offset {
            for (i, b) in bytes[self.offset..offset].iter().enumerate() {
                let at = self.offset + i;
                if *b == b'\n' || (*b == b'\r' && bytes.get(at + 1) != Some(&b'\n')) {
                    self.breaks += 1;
                }
            }
            self.offset = offset;
        }
        u32::try_from(self.breaks.saturating_add(1)).unwrap_or(u32::MAX)
    }
}
