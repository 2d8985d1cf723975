//! What the person gives on the command line: option values that may come from a file or from
//! standard input, and JSON records with defaults for what they leave out.
//!
//! Arguments are visible to every user of the computer (`ps`) and limited in size (128 KB for
//! one argument on Linux), so case data can be given as `@FILE` or `-` (standard input) instead.

use std::io::Read as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;
use serde_json::Value;

use crate::failure::Failure;

/// How much one option reads from a file or standard input: far above any record Casefile takes
/// (the notes limit is 1 million characters), far below what would exhaust memory.
const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Standard input can be read only once, so only one option may say `-`.
static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// A `--json` value: the record itself, `-` to read it from standard input, or `@FILE`.
pub(crate) fn json_arg(value: &str) -> Result<String, Failure> {
    match value {
        "-" => read_stdin("--json").map_err(Failure::Message),
        _ => match value.strip_prefix('@') {
            Some(file) => read_file("--json", Path::new(file)).map_err(Failure::Message),
            None => Ok(value.to_string()),
        },
    }
}

/// A free-text option (`--title`, `--caption`, …): the text itself, `-` to read it from
/// standard input, `@FILE` to read it from a file, or `@@…` for a text that starts with `@`.
/// One final line break read from a file or standard input is dropped.
pub(crate) fn text_arg(option: &str, value: &str) -> Result<String, Failure> {
    let read = match value {
        "-" => read_stdin(option).map_err(Failure::Message)?,
        _ => match value.strip_prefix('@') {
            Some(literal) if literal.starts_with('@') => return Ok(literal.to_string()),
            Some(file) => read_file(option, Path::new(file)).map_err(|m| {
                Failure::Message(format!(
                    "{m} To give a text that starts with @, write the @ twice: {option} @{value}."
                ))
            })?,
            None => return Ok(value.to_string()),
        },
    };
    let trimmed = read
        .strip_suffix('\n')
        .map(|s| s.strip_suffix('\r').unwrap_or(s));
    Ok(trimmed.map(str::to_string).unwrap_or(read))
}

/// [`text_arg`] for an option that may be left out.
pub(crate) fn optional_text_arg(
    option: &str,
    value: Option<String>,
) -> Result<Option<String>, Failure> {
    value.map(|v| text_arg(option, &v)).transpose()
}

// The readers below fail with the message alone; the options add their hints to it.

fn read_stdin(option: &str) -> Result<String, String> {
    if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
        return Err(format!(
            "Only one option can read standard input, and another one already does. Give {option} as @FILE instead."
        ));
    }
    read_bounded(option, "standard input", std::io::stdin().lock())
}

fn read_file(option: &str, file: &Path) -> Result<String, String> {
    let opened = std::fs::File::open(file).map_err(|e| {
        format!(
            "Could not read {option} from the file \"{}\" ({e}).",
            file.display()
        )
    })?;
    read_bounded(option, &format!("the file \"{}\"", file.display()), opened)
}

fn read_bounded(option: &str, source: &str, reader: impl std::io::Read) -> Result<String, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("Could not read {option} from {source} ({e})."))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{option} from {source} is larger than {} MB, more than Casefile takes for one value. Check that it is the right file.",
            MAX_INPUT_BYTES / 1_048_576
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "{option} from {source} is not valid text (UTF-8). Save it as UTF-8 text and try again."
        )
    })
}

/// A list of record ids as people write them: `3,5-9`, `V-3,V-5` or `V-3-V-5` for the records
/// whose code starts with `prefix` (`V` for evidence, `M` for messages). `option` and `things`
/// name them in the message when the list cannot be read.
pub(crate) fn id_list(
    option: &str,
    things: &str,
    prefix: char,
    raw: &str,
) -> Result<Vec<i32>, Failure> {
    let bad = || {
        Failure::Message(format!(
            "{option} {raw:?} is not a list of {things}. Write them like 3,5-9 or {prefix}-3,{prefix}-5."
        ))
    };
    let lower = prefix.to_ascii_lowercase();
    let mut ids = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let strip = |p: &str| -> Result<i32, Failure> {
            let p = p.trim();
            let p = p
                .strip_prefix(prefix)
                .or_else(|| p.strip_prefix(lower))
                .map_or(p, |rest| rest.strip_prefix('-').unwrap_or(rest));
            p.parse::<i32>().ok().filter(|n| *n > 0).ok_or_else(bad)
        };
        match part
            .trim_start_matches([prefix, lower])
            .trim_start_matches('-')
            .split_once('-')
        {
            Some((a, b)) => {
                let (a, b) = (strip(a)?, strip(b)?);
                if b < a || b - a > 100_000 {
                    return Err(bad());
                }
                ids.extend(a..=b);
            }
            None => ids.push(strip(part)?),
        }
    }
    if ids.is_empty() {
        return Err(bad());
    }
    Ok(ids)
}

/// Fills in the fields a person may leave out of a JSON record, then reads it.
pub(crate) fn with_defaults<T: for<'de> Deserialize<'de>>(
    what: &str,
    text: &str,
    defaults: Value,
) -> Result<T, Failure> {
    // A byte-order mark (Notepad writes one) is not part of the record.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let given: Value = serde_json::from_str(text)
        .map_err(|e| Failure::Message(format!("The {what} is not valid JSON ({e}). Put it in single quotes (--json '{{\"amount\": \"100\"}}'), or in a file (--json @{what}.json).")))?;
    let Value::Object(given) = given else {
        return Err(Failure::Message(format!(
            "The {what} must be a JSON object, like {{\"amount\": \"100\"}}."
        )));
    };
    let Value::Object(mut merged) = defaults else {
        return Err(Failure::Message(
            "internal: defaults must be an object".into(),
        ));
    };
    merged.extend(given);
    Ok(casefile_core::model::from_json_value(
        what,
        Value::Object(merged),
    )?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_are_taken_as_they_are() {
        assert_eq!(text_arg("--title", "Anna").unwrap(), "Anna");
        assert_eq!(text_arg("--title", "").unwrap(), "");
        assert_eq!(text_arg("--title", "a - b").unwrap(), "a - b");
        assert_eq!(json_arg("{\"a\": 1}").unwrap(), "{\"a\": 1}");
    }

    #[test]
    fn a_doubled_at_is_a_literal_at() {
        assert_eq!(
            text_arg("--title", "@@anna_trading").unwrap(),
            "@anna_trading"
        );
        assert_eq!(text_arg("--title", "@@@x").unwrap(), "@@x");
    }

    #[test]
    fn files_are_read_and_one_final_line_break_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.txt");
        for (content, expected) in [
            ("Anna\n", "Anna"),
            ("Anna\r\n", "Anna"),
            ("Anna\n\n", "Anna\n"),
            ("two\nlines", "two\nlines"),
        ] {
            std::fs::write(&file, content).unwrap();
            let arg = format!("@{}", file.display());
            assert_eq!(text_arg("--caption", &arg).unwrap(), expected);
        }
        std::fs::write(&file, "{\"a\": 1}\n").unwrap();
        assert_eq!(
            json_arg(&format!("@{}", file.display())).unwrap(),
            "{\"a\": 1}\n"
        );
    }

    #[test]
    fn unreadable_files_say_what_to_do() {
        let Err(Failure::Message(m)) = text_arg("--title", "@anna_scam") else {
            panic!("a missing file must fail");
        };
        assert!(
            m.contains("\"anna_scam\"") && m.contains("--title @@anna_scam"),
            "{m}"
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("latin1.txt");
        std::fs::write(&file, b"caf\xe9").unwrap();
        let Err(Failure::Message(m)) = json_arg(&format!("@{}", file.display())) else {
            panic!("non-UTF-8 must fail");
        };
        assert!(m.contains("UTF-8"), "{m}");
    }

    #[test]
    fn id_lists_take_ranges_and_codes() {
        assert_eq!(
            id_list("M-IDS", "messages", 'M', "3,5-7").unwrap(),
            vec![3, 5, 6, 7]
        );
        assert_eq!(
            id_list("M-IDS", "messages", 'M', "M-3, m-5-M-6").unwrap(),
            vec![3, 5, 6]
        );
        assert_eq!(id_list("--ids", "items", 'V', "V-2").unwrap(), vec![2]);
        for bad in ["", "0", "x", "7-3", "V-3", "1-999999"] {
            let Err(Failure::Message(m)) = id_list("M-IDS", "messages", 'M', bad) else {
                panic!("{bad:?} must fail");
            };
            assert!(m.contains("M-3,M-5"), "{m}");
        }
    }

    #[test]
    fn reading_stops_after_the_limit() {
        let big = std::io::repeat(b'x');
        let Err(m) = read_bounded("--json", "standard input", big) else {
            panic!("an endless input must fail");
        };
        assert!(m.contains("larger than 16 MB"), "{m}");
    }
}
