//! What the CLI prints. Every line goes through [`line`] (the `outln!` macro), so a reader that
//! stops early (`casefile timeline 1 | head`) ends the command quietly instead of a panic, and
//! every human-readable line and message is passed through [`shown`], so text from a case
//! cannot drive the terminal (ESC sequences) or disguise itself (`gnp.exe` shown as `exe.png`
//! by a right-to-left override). JSON output keeps the original characters.

use std::borrow::Cow;
use std::fmt;

use crate::failure::Failure;

/// Writes one line to stdout, like `println!`, returning [`Failure::OutputClosed`] when the
/// reader has gone away: `outln!("Added V-{}", id)?`.
macro_rules! outln {
    () => {
        $crate::output::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::output::line(format_args!($($arg)*))
    };
}
pub(crate) use outln;

/// Writes one human-readable line to stdout; line breaks stay, everything else [`shown`].
pub(crate) fn line(args: fmt::Arguments<'_>) -> Result<(), Failure> {
    write_line(
        &mut std::io::stdout().lock(),
        &shown_lines(&args.to_string()),
    )
    .map_err(write_failed)
}

/// Prints a value as pretty JSON, characters as they are stored (serde_json escapes what JSON
/// requires).
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Message(e.to_string()))?;
    write_line(&mut std::io::stdout().lock(), &text).map_err(write_failed)
}

/// A note on stderr beside the output (where a file went, an error). Never fails: if stderr is
/// gone there is no one to tell.
pub(crate) fn note(args: fmt::Arguments<'_>) {
    let _ = write_line(
        &mut std::io::stderr().lock(),
        &shown_lines(&args.to_string()),
    );
}

fn write_line(out: &mut impl std::io::Write, text: &str) -> std::io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}

/// Text for the terminal: C0 and C1 control characters (ESC, NUL, CR, tab, DEL, …) and the
/// invisible characters that change the direction of text (U+202A–U+202E, U+2066–U+2069,
/// U+200E, U+200F, U+061C) are shown as escapes like `\u{202e}`; all else as it is.
pub(crate) fn shown(text: &str) -> Cow<'_, str> {
    fn hidden(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
    }
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`shown`] for text of several lines: the line breaks stay.
fn shown_lines(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return shown(text);
    }
    Cow::Owned(text.split('\n').map(shown).collect::<Vec<_>>().join("\n"))
}

fn write_failed(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::OutputClosed
    } else {
        Failure::Message(format!(
            "Could not write the output ({e}). If it goes to a file, check that the disk has free space."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged_and_not_copied() {
        for text in [
            "",
            "Romance scam – Анна",
            "عربى",
            "中文 ✓",
            "100 % \\ \"quoted\"",
        ] {
            assert!(
                matches!(shown(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
    }

    #[test]
    fn controls_are_escaped() {
        assert_eq!(shown("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(shown("\0\t\r\n\u{7f}"), "\\u{0}\\u{9}\\u{d}\\u{a}\\u{7f}");
        assert_eq!(shown("C1 \u{85}\u{9b}"), "C1 \\u{85}\\u{9b}");
    }

    #[test]
    fn direction_overrides_cannot_disguise_a_name() {
        assert_eq!(shown("invoice\u{202e}gnp.exe"), "invoice\\u{202e}gnp.exe");
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
        ] {
            let escaped = shown(&c.to_string()).into_owned();
            assert_eq!(escaped, format!("\\u{{{:x}}}", u32::from(c)));
        }
        // Joiners and other format characters that shape scripts stay.
        assert_eq!(shown("क्\u{200d}ष"), "क्\u{200d}ष");
    }

    #[test]
    fn several_lines_keep_their_breaks() {
        assert_eq!(shown_lines("one\ntwo\u{1b}\n"), "one\ntwo\\u{1b}\n");
    }
}
