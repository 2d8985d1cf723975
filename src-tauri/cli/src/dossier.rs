//! `casefile export pdf`: the PDF dossier for the police, or a letter to one bank or exchange.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use casefile_core::dossier::{DossierOptions, PicturesPerPage, Section, Variant};
use clap::builder::PossibleValue;
use clap::{Subcommand, ValueEnum};

use crate::failure::Failure;
use crate::input::{optional_text_arg, text_arg};
use crate::output::{outln, shown};
use crate::session::open;

#[derive(Subcommand)]
pub(crate) enum ExportCommand {
    /// The PDF dossier (police) or a letter to one bank or exchange.
    Pdf {
        case: i32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "police")]
        variant: VariantArg,
        /// For --variant bank: the bank or exchange, as written in the transfers (or @FILE, or -
        /// for standard input).
        #[arg(long, value_name = "TEXT")]
        institution: Option<String>,
        /// Who prepared the dossier, printed on it (or @FILE, or - for standard input).
        #[arg(long, default_value = "", value_name = "TEXT")]
        prepared_by: String,
        /// Also write <name>-transfers.csv and <name>-identifiers.csv beside the PDF.
        #[arg(long)]
        csv: bool,
        /// Leave the evidence pictures out (their details and hashes stay).
        #[arg(long)]
        without_images: bool,
        /// Leave a section out; repeat for several.
        #[arg(long, value_enum)]
        omit: Vec<SectionArg>,
        /// Evidence pictures per page: 1, 2 or 4.
        #[arg(long, value_name = "N", default_value = "1", value_parser = ["1", "2", "4"])]
        pictures_per_page: String,
    },
}

/// Which document: the core's `Variant` without its data (the institution is its own option).
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum VariantArg {
    Police,
    Bank,
}

/// A dossier section as a command-line value; the values and their names are core's
/// (`Section::ALL`, `Section::as_str`), so a new section needs no change here.
#[derive(Clone, Copy)]
pub(crate) struct SectionArg(Section);

static SECTIONS: LazyLock<Vec<SectionArg>> =
    LazyLock::new(|| Section::ALL.iter().copied().map(SectionArg).collect());

impl ValueEnum for SectionArg {
    fn value_variants<'a>() -> &'a [Self] {
        &SECTIONS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()))
    }
}

/// `casefile export …`.
pub(crate) fn run(path: &Path, command: ExportCommand) -> Result<(), Failure> {
    let ExportCommand::Pdf {
        case,
        out,
        variant,
        institution,
        prepared_by,
        csv,
        without_images,
        omit,
        pictures_per_page,
    } = command;
    let pictures_per_page = match pictures_per_page.as_str() {
        "2" => PicturesPerPage::Two,
        "4" => PicturesPerPage::Four,
        _ => PicturesPerPage::One,
    };
    let institution = optional_text_arg("--institution", institution)?;
    let prepared_by = text_arg("--prepared-by", &prepared_by)?;
    let variant = match (variant, institution) {
        (VariantArg::Police, _) => Variant::Police,
        (VariantArg::Bank, Some(institution)) => Variant::Bank { institution },
        (VariantArg::Bank, None) => {
            return Err(Failure::Message("Say which bank or exchange the letter is for: --institution \"Name as in the transfers\".".into()))
        }
    };
    let store = open(path)?;
    let options = DossierOptions {
        variant,
        prepared_by,
        csv,
        without_images,
        omit: omit.into_iter().map(|s| s.0).collect(),
        pictures_per_page,
    };
    let files = store.export_dossier(case, &options, chrono::Utc::now())?;
    let saved = casefile_core::dossier::save(&files, &out)?;
    outln!(
        "Wrote {} ({} pages, {} KB)",
        shown(&saved.pdf),
        saved.pages,
        saved.size_bytes.div_ceil(1024)
    )?;
    for csv in &saved.csv {
        outln!("Wrote {}", shown(csv))?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn section_values_are_cores_json_names() {
        let names: Vec<String> = SectionArg::value_variants()
            .iter()
            .map(|s| s.to_possible_value().unwrap().get_name().to_string())
            .collect();
        let json: Vec<String> = Section::ALL
            .iter()
            .map(|s| {
                serde_json::to_value(s)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(names, json);
        assert_eq!(names.len(), 7);
        assert!(names.contains(&"chats".to_string()));
        assert!(names.contains(&"money_trail".to_string()));
    }
}
