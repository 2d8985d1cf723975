//! Opening a chat export chosen by the person: a `.zip` (WhatsApp with media, a zipped
//! Telegram export), a bare chat file (`_chat.txt`, `result.json`, `messages.html`, a LINE
//! `.txt`) whose media may sit in the same folder, then the format found from the content
//! (never from the name alone) and the chat parsed. The store does the rest
//! (`store/chats.rs`).

use std::fs::File;
use std::io::{BufReader, Read as _};
use std::path::{Component, Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::archive::{decode_text, ChatArchive};
use super::{line, telegram, whatsapp, ChatError, Format, ParseOptions, ParsedChat};
use crate::evidence::MAX_FILE_BYTES;
use crate::model::ChatFormat;
use crate::{CoreError, Result};

/// The folders Telegram Desktop puts an export's media in, beside `result.json`.
const TELEGRAM_MEDIA_FOLDERS: &[&str] = &[
    "photos",
    "files",
    "video_files",
    "voice_messages",
    "round_video_messages",
    "stickers",
    "animations",
    "contacts",
    "images",
    "audio_files",
];

/// Largest bare chat file read (a zip's limits are the archive's).
const MAX_CHAT_FILE: u64 = 512 * 1024 * 1024;

/// What a zip is read from: the file on disk, or bytes handed over by the window.
pub trait ReadSeek: std::io::Read + std::io::Seek + Send {}
impl<T: std::io::Read + std::io::Seek + Send> ReadSeek for T {}

/// Where an export's attachments come from.
enum Media {
    /// A bare `.txt` with nothing beside it that may be read.
    None,
    /// The zip the chat came from, with the folder of the chat file inside it.
    Zip {
        archive: Box<ChatArchive<Box<dyn ReadSeek>>>,
        prefix: String,
    },
    /// The folder of a bare Telegram `result.json` / `messages.html`.
    Folder(PathBuf),
}

/// An export opened and read, not yet parsed.
pub struct OpenedExport {
    /// The file's name as chosen.
    pub name: String,
    /// SHA-256 of the whole file, and its size.
    pub sha256: String,
    pub size: u64,
    pub format: Format,
    /// The chat file inside the export (`_chat.txt`; the first page for Telegram HTML).
    pub chat_file: String,
    /// The chat text(s): one file, or Telegram HTML pages in order.
    pub texts: Vec<(String, String)>,
    /// What is stored as the export's evidence item: the whole file when it is within the
    /// evidence size limit, else the chat text alone (its media become items of their own).
    pub kept_bytes: Vec<u8>,
    /// The name of what is kept.
    pub kept_name: String,
    /// The whole export was kept (not only its chat text).
    pub kept_whole: bool,
    /// Things to tell the person (replaced characters, a file too large to keep whole).
    pub notes: Vec<String>,
    /// A title from the file name (`WhatsApp Chat with Anna.txt` → `Anna`).
    pub title_hint: String,
    media: Media,
}

/// The stored format of a parsed chat.
pub fn stored_format(f: Format) -> ChatFormat {
    match f {
        Format::WhatsApp => ChatFormat::Whatsapp,
        Format::TelegramJson => ChatFormat::TelegramJson,
        Format::TelegramHtml => ChatFormat::TelegramHtml,
        Format::Line => ChatFormat::Line,
    }
}

/// The parser's date order for a stored one and back.
pub fn to_parser_order(o: crate::model::DateOrder) -> super::DateOrder {
    match o {
        crate::model::DateOrder::Dmy => super::DateOrder::Dmy,
        crate::model::DateOrder::Mdy => super::DateOrder::Mdy,
        crate::model::DateOrder::Ymd => super::DateOrder::Ymd,
    }
}

/// See [`to_parser_order`].
pub fn from_parser_order(o: super::DateOrder) -> crate::model::DateOrder {
    match o {
        super::DateOrder::Dmy => crate::model::DateOrder::Dmy,
        super::DateOrder::Mdy => crate::model::DateOrder::Mdy,
        super::DateOrder::Ymd => crate::model::DateOrder::Ymd,
    }
}

/// A parser's refusal in the words of the rest of the app. An unanswered date-order question
/// is an invalid `date_order` (the window asks it in the preview, the CLI names its option).
pub fn chat_error(e: ChatError) -> CoreError {
    match e {
        ChatError::AmbiguousDateOrder { .. } | ChatError::DateOrderDoesNotFit { .. } => {
            CoreError::invalid("date_order", e.to_string())
        }
        other => CoreError::Refused(other.to_string()),
    }
}

fn sha256_of_file(path: &Path) -> Result<(String, u64)> {
    let mut file = File::open(path).map_err(|e| CoreError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| CoreError::io(path, e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((hex::encode(hasher.finalize()), size))
}

fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|e| CoreError::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CoreError::io(path, e))?;
    if bytes.len() as u64 > max {
        return Err(CoreError::Refused(format!(
            "\"{}\" is larger than {} MB, more than a chat file can be.",
            path.display(),
            max / 1_048_576
        )));
    }
    Ok(bytes)
}

/// Opens an export file: reads its chat text and finds its format. Nothing is stored.
pub fn open_export(path: &Path) -> Result<OpenedExport> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
    if !meta.is_file() {
        return Err(CoreError::Refused(format!(
            "\"{}\" is not a file. Choose the chat export itself (a .zip, .txt, .json or .html file).",
            path.display()
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "chat export".into());
    let mut magic = [0u8; 4];
    let is_zip = File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06");
    let (sha256, size) = sha256_of_file(path)?;
    if is_zip {
        let file = File::open(path).map_err(|e| CoreError::io(path, e))?;
        let kept = || {
            if size <= MAX_FILE_BYTES {
                read_capped(path, MAX_FILE_BYTES).map(Some)
            } else {
                Ok(None)
            }
        };
        open_zip(Box::new(BufReader::new(file)), kept, name, sha256, size)
    } else {
        let bytes = read_capped(path, MAX_CHAT_FILE)?;
        open_bare(
            bytes,
            path.parent().map(Path::to_path_buf),
            name,
            sha256,
            size,
        )
    }
}

/// Opens an export the window read into memory (a dropped or chosen file). Its attachments
/// come only from inside it (a zip); nothing beside it on disk is read.
pub fn open_export_bytes(name: &str, bytes: Vec<u8>) -> Result<OpenedExport> {
    let name = crate::store::clean_file_name(name);
    let sha256 = crate::evidence::sha256_hex(&bytes);
    let size = bytes.len() as u64;
    if size == 0 {
        return Err(not_a_chat());
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if size > MAX_FILE_BYTES {
            return Err(CoreError::Refused(format!(
                "\"{name}\" is larger than {} MB: choose it with the “Choose the export…” button instead.",
                MAX_FILE_BYTES / 1_048_576
            )));
        }
        let kept = bytes.clone();
        open_zip(
            Box::new(std::io::Cursor::new(bytes)),
            move || Ok(Some(kept)),
            name,
            sha256,
            size,
        )
    } else {
        open_bare(bytes, None, name, sha256, size)
    }
}

fn open_zip(
    source: Box<dyn ReadSeek>,
    kept: impl FnOnce() -> Result<Option<Vec<u8>>>,
    name: String,
    sha256: String,
    size: u64,
) -> Result<OpenedExport> {
    let mut archive = ChatArchive::open(source, &name).map_err(chat_error)?;
    let entry = archive.find_chat().ok_or_else(|| {
        chat_error(ChatError::NotAChat {
            hint: format!("\"{name}\" is a zip file, but no chat text (_chat.txt, result.json, messages.html, a LINE .txt) is inside it."),
        })
    })?;
    let mut texts = Vec::new();
    let mut notes = Vec::new();
    for &part in &entry.parts {
        let part_name = archive
            .entries()
            .get(part)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        let text = archive.read_text(part).map_err(chat_error)?;
        if let Some(n) = text.note {
            notes.push(format!("{part_name}: {n}"));
        }
        texts.push((part_name, text.text));
    }
    let chat_file = texts.first().map(|t| t.0.clone()).unwrap_or_default();
    let format = detect(&texts, entry.format)?;
    let (kept_bytes, kept_name, kept_whole) = if let Some(whole) = kept()? {
        (whole, name.clone(), true)
    } else {
        notes.push(format!(
            "\"{name}\" is {} MB, more than one evidence item may hold ({} MB): its chat text is kept as the export's item, its SHA-256 is recorded, and each attachment is kept as an item of its own.",
            size / 1_048_576,
            MAX_FILE_BYTES / 1_048_576
        ));
        let joined: Vec<u8> = texts.iter().flat_map(|t| t.1.bytes()).collect();
        (joined, chat_file.clone(), false)
    };
    let title_hint = if entry.title_hint.is_empty() {
        // "WhatsApp Chat - Anna.zip": the name of the zip says it.
        whatsapp::title_from_file_name(name.strip_suffix(".zip").unwrap_or(&name))
    } else {
        entry.title_hint.clone()
    };
    Ok(OpenedExport {
        name,
        sha256,
        size,
        format,
        chat_file,
        texts,
        kept_bytes,
        kept_name,
        kept_whole,
        notes,
        title_hint,
        media: Media::Zip {
            archive: Box::new(archive),
            prefix: entry.dir_prefix,
        },
    })
}

fn open_bare(
    bytes: Vec<u8>,
    folder: Option<PathBuf>,
    name: String,
    sha256: String,
    size: u64,
) -> Result<OpenedExport> {
    let decoded = decode_text(bytes.clone());
    let mut notes: Vec<String> = decoded.note.into_iter().collect();
    let mut texts = vec![(name.clone(), decoded.text)];
    let guess = if telegram::looks_like_json(&bytes) {
        Format::TelegramJson
    } else if telegram::looks_like_html(&texts[0].1) {
        Format::TelegramHtml
    } else if line::looks_like(&texts[0].1) {
        Format::Line
    } else {
        Format::WhatsApp
    };
    if guess == Format::TelegramHtml {
        // The other pages of the same export sit beside the first: messages2.html, …
        if let Some(dir) = &folder {
            for (page, page_path) in html_pages(dir, &name) {
                let text = decode_text(read_capped(&page_path, MAX_CHAT_FILE)?);
                if let Some(n) = text.note {
                    notes.push(format!("{page}: {n}"));
                }
                texts.push((page, text.text));
            }
        }
    }
    let format = detect(&texts, guess)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(CoreError::Refused(format!(
            "\"{name}\" is {} MB; Casefile keeps files up to {} MB. Keep the original somewhere safe and import a shorter export.",
            size / 1_048_576,
            MAX_FILE_BYTES / 1_048_576
        )));
    }
    let media = match (format, folder) {
        (Format::TelegramJson | Format::TelegramHtml, Some(dir)) => Media::Folder(dir),
        _ => Media::None,
    };
    Ok(OpenedExport {
        title_hint: whatsapp::title_from_file_name(&name),
        chat_file: name.clone(),
        kept_name: name.clone(),
        name,
        sha256,
        size,
        format,
        texts,
        kept_bytes: bytes,
        kept_whole: true,
        notes,
        media,
    })
}

/// `messages2.html`, `messages3.html`, … beside `first` (when `first` is `messages.html`), in
/// numeric order.
fn html_pages(dir: &Path, first: &str) -> Vec<(String, PathBuf)> {
    if first != "messages.html" {
        return Vec::new();
    }
    let mut pages: Vec<(u32, String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let n: u32 = name
                .strip_prefix("messages")?
                .strip_suffix(".html")?
                .parse()
                .ok()?;
            (n >= 2 && entry.file_type().ok()?.is_file()).then(|| (n, name, entry.path()))
        })
        .collect();
    pages.sort();
    pages.into_iter().map(|(_, n, p)| (n, p)).collect()
}

/// Confirms the format from the content: the archive's or the name's guess first, then the
/// others.
fn detect(texts: &[(String, String)], guess: Format) -> Result<Format> {
    let Some((_, text)) = texts.first() else {
        return Err(not_a_chat());
    };
    let fits = |f: Format| match f {
        Format::WhatsApp => whatsapp::looks_like(text),
        Format::TelegramJson => telegram::looks_like_json(text.as_bytes()),
        Format::TelegramHtml => telegram::looks_like_html(text),
        Format::Line => line::looks_like(text),
    };
    [
        guess,
        Format::WhatsApp,
        Format::TelegramJson,
        Format::TelegramHtml,
        Format::Line,
    ]
    .into_iter()
    .find(|f| fits(*f))
    .ok_or_else(not_a_chat)
}

fn not_a_chat() -> CoreError {
    chat_error(ChatError::NotAChat {
        hint: "Export the chat from the app (WhatsApp: ⋮ → More → Export chat; Telegram Desktop: ⋮ → Export chat history; LINE: ≡ → Settings → Export chat history) and choose that file.".into(),
    })
}

impl OpenedExport {
    /// Parses the chat(s): one for every format but a Telegram account export, which lists
    /// every chat.
    pub fn parse(&self, options: &ParseOptions) -> std::result::Result<Vec<ParsedChat>, ChatError> {
        let first = self.texts.first().map_or("", |t| t.1.as_str());
        let mut chats = match self.format {
            Format::WhatsApp => vec![whatsapp::parse(first, &self.chat_file, options)?],
            Format::Line => vec![line::parse(first, options)?],
            Format::TelegramJson => telegram::parse_json(first.as_bytes())?,
            Format::TelegramHtml => vec![telegram::parse_html(&self.texts)?],
        };
        for chat in &mut chats {
            if chat.title.is_empty() {
                chat.title.clone_from(&self.title_hint);
            }
        }
        Ok(chats)
    }

    /// Whether the export can hold attachments that can be read.
    pub fn has_media(&self) -> bool {
        !matches!(self.media, Media::None)
    }

    /// Reads an attachment named by a message: `Ok(None)` when the export does not hold it.
    /// From a folder only files inside that folder are read (no `..`, no absolute paths).
    pub fn read_attachment(&mut self, name: &str) -> Result<Option<(String, Vec<u8>)>> {
        match &mut self.media {
            Media::None => Ok(None),
            Media::Zip { archive, prefix } => {
                let Some(index) = archive.resolve(prefix, name) else {
                    return Ok(None);
                };
                let file_name = archive
                    .entries()
                    .get(index)
                    .map(|e| e.base_name().to_string())
                    .unwrap_or_default();
                let bytes = archive
                    .read_media(index, MAX_FILE_BYTES)
                    .map_err(chat_error)?;
                Ok(Some((file_name, bytes)))
            }
            Media::Folder(dir) => {
                let relative = Path::new(name);
                // Only Telegram's own media folders beside the export, no hidden files: a
                // crafted result.json saved in a home folder must not pull in other files.
                let in_media_folder = relative
                    .components()
                    .next()
                    .and_then(|c| c.as_os_str().to_str())
                    .is_some_and(|first| TELEGRAM_MEDIA_FOLDERS.contains(&first));
                if name.is_empty()
                    || !in_media_folder
                    || relative.components().any(|c| match c {
                        Component::Normal(part) => part.to_string_lossy().starts_with('.'),
                        _ => true,
                    })
                {
                    return Ok(None);
                }
                let full = dir.join(relative);
                let (Ok(base), Ok(real)) = (dir.canonicalize(), full.canonicalize()) else {
                    return Ok(None);
                };
                let Ok(meta) = std::fs::metadata(&real) else {
                    return Ok(None);
                };
                if !real.starts_with(&base) || !meta.is_file() {
                    return Ok(None);
                }
                if meta.len() > MAX_FILE_BYTES {
                    return Err(CoreError::Refused(format!(
                        "The attachment \"{name}\" is larger than {} MB and was not kept.",
                        MAX_FILE_BYTES / 1_048_576
                    )));
                }
                let file_name = real
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Ok(Some((file_name, read_capped(&real, MAX_FILE_BYTES)?)))
            }
        }
    }
}
