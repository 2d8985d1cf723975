//! What the CLI prints. Every line goes through [`line`] (the `outln!` macro), so a reader that
//! stops early (`casefile timeline 1 | head`) ends the command quietly instead of a panic.

use std::fmt;
use std::io::Write as _;

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

/// Writes one line to stdout.
pub(crate) fn line(args: fmt::Arguments<'_>) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(write_failed)
}

/// Prints a value as pretty JSON.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Message(e.to_string()))?;
    outln!("{text}")
}

/// A note on stderr beside the output (e.g. where a file went). Never fails: if stderr is gone
/// there is no one to tell.
pub(crate) fn note(args: fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| err.write_all(b"\n"));
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
