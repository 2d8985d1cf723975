//! The PDF dossier for police, banks and exchanges: a document built from the case, laid out by
//! us (`layout`), drawn with printpdf (`render`). Also the CSV companions and `verify`.

mod content;
pub mod csv;
pub mod fonts;
pub mod layout;
mod render;
pub mod trail;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::{CoreError, Result, Store};

/// Which document to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Variant {
    /// Everything, for the police.
    Police,
    /// A short letter to one bank or exchange about the transfers through it.
    Bank { institution: String },
}

/// Parts of the police dossier that can be left out (the cover, summary and transfers are
/// always in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Statement,
    Timeline,
    /// The money trail: the picture of accounts and transfers, the hops between the victim's
    /// own accounts, and the loss computed step by step (left out when the case has no
    /// transfers).
    MoneyTrail,
    /// Each imported chat with its export files and its key messages (left out when the
    /// case has no chats).
    Chats,
    Subjects,
    Evidence,
    Custody,
}

impl Section {
    /// Every section that can be left out, in the order the dossier prints them.
    pub const ALL: &'static [Section] = &[
        Section::Statement,
        Section::Timeline,
        Section::MoneyTrail,
        Section::Chats,
        Section::Subjects,
        Section::Evidence,
        Section::Custody,
    ];

    /// The section's title, as printed in the dossier and offered in the export form.
    pub const fn label(self) -> &'static str {
        match self {
            Section::Statement => "The victim's statement",
            Section::Timeline => "Timeline",
            Section::MoneyTrail => "Money trail",
            Section::Chats => "Chats and key messages",
            Section::Subjects => "Scammers and their identifiers",
            Section::Evidence => "Evidence",
            Section::Custody => "Chain of custody",
        }
    }

    /// The name used in options and on the command line; the same as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Statement => "statement",
            Section::Timeline => "timeline",
            Section::MoneyTrail => "money_trail",
            Section::Chats => "chats",
            Section::Subjects => "subjects",
            Section::Evidence => "evidence",
            Section::Custody => "custody",
        }
    }
}

/// How many evidence pictures the dossier prints on one page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PicturesPerPage {
    /// One item per page, its picture as large as fits.
    #[default]
    One,
    /// Two items per page, one above the other.
    Two,
    /// Four items per page, two by two (captions shortened to fit).
    Four,
}

/// How far making a dossier has got: its pages are laid out first, then each picture is
/// prepared, then the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DossierProgress {
    /// Pages of the dossier (known once laid out; 0 before).
    pub pages: u32,
    pub pictures_done: u32,
    pub pictures_total: u32,
}

/// Choices for one export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DossierOptions {
    pub variant: Variant,
    /// Who prepared it (printed on the cover and as the PDF author).
    pub prepared_by: String,
    /// Also write transfers.csv, identifiers.csv and (when the case has accounts) accounts.csv.
    pub csv: bool,
    /// Leave out the evidence pictures (metadata and hashes stay), for a small file.
    pub without_images: bool,
    /// Sections to leave out of the police dossier.
    pub omit: Vec<Section>,
    /// Evidence pictures per page (1, 2 or 4).
    #[serde(default)]
    pub pictures_per_page: PicturesPerPage,
}

/// Where an export was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SavedDossier {
    pub pdf: String,
    pub csv: Vec<String>,
    pub pages: u32,
    pub size_bytes: u32,
}

/// Writes the files of an export: the PDF at `pdf_path`, the CSVs beside it as
/// `<name>-transfers.csv`, `<name>-identifiers.csv` and `<name>-accounts.csv`, crash-safe and owner-only
/// (`files::write_all_atomically`): killed or failing, it leaves the older files untouched.
pub fn save(files: &DossierFiles, pdf_path: &std::path::Path) -> Result<SavedDossier> {
    let folder = pdf_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    // Leftovers of a killed export are only clutter; a folder we may not list can still be
    // written to, so a failure here does not stop the export.
    let _ = crate::files::remove_stale_partials(folder);
    let stem = pdf_path.with_extension("");
    let mut csv_paths = Vec::new();
    let mut writes: Vec<(std::path::PathBuf, &[u8])> = vec![(pdf_path.to_path_buf(), &files.pdf)];
    for (suffix, bytes) in [
        ("transfers", &files.transfers_csv),
        ("identifiers", &files.identifiers_csv),
        ("accounts", &files.accounts_csv),
    ] {
        if let Some(bytes) = bytes {
            let mut name = stem.as_os_str().to_owned();
            name.push(format!("-{suffix}.csv"));
            let file = std::path::PathBuf::from(name);
            csv_paths.push(file.display().to_string());
            writes.push((file, bytes));
        }
    }
    let writes: Vec<(&std::path::Path, &[u8])> =
        writes.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    crate::files::write_all_atomically(&writes)?;
    Ok(SavedDossier {
        pdf: pdf_path.display().to_string(),
        csv: csv_paths,
        pages: files.pages,
        size_bytes: u32::try_from(files.pdf.len()).unwrap_or(u32::MAX),
    })
}

/// The files of one export.
#[derive(Debug, Clone)]
pub struct DossierFiles {
    pub pdf: Vec<u8>,
    pub pages: u32,
    pub transfers_csv: Option<Vec<u8>>,
    pub identifiers_csv: Option<Vec<u8>>,
    /// The case's accounts, when CSVs were asked for and the case has accounts.
    pub accounts_csv: Option<Vec<u8>>,
}

/// Printed resolution of evidence pictures: sharp on paper, small in the file.
pub const IMAGE_DPI: f32 = 170.0;

/// Decodes an evidence picture and scales it to `IMAGE_DPI` at its printed size (never up),
/// with a good filter, as a baseline JPEG.
pub(crate) fn printable_jpeg(
    original: &[u8],
    printed_w_pt: f32,
    printed_h_pt: f32,
) -> Option<render::Jpeg> {
    let img = crate::evidence::decode_untrusted(original).ok()?;
    let target_w = ((printed_w_pt / 72.0 * IMAGE_DPI).round() as u32).clamp(1, img.width());
    let target_h = ((printed_h_pt / 72.0 * IMAGE_DPI).round() as u32).clamp(1, img.height());
    let scaled = if target_w < img.width() {
        img.resize_exact(target_w, target_h, image::imageops::FilterType::CatmullRom)
    } else {
        img
    };
    let rgb = scaled.to_rgb8();
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 82)
        .encode_image(&rgb)
        .ok()?;
    Some(render::Jpeg {
        bytes,
        width: rgb.width(),
        height: rgb.height(),
    })
}

pub use crate::verify::VerifyReport;

impl Store {
    /// Makes the dossier of a case.
    pub fn export_dossier(
        &self,
        case_id: i32,
        options: &DossierOptions,
        generated_at: DateTime<Utc>,
    ) -> Result<DossierFiles> {
        self.export_dossier_with_progress(case_id, options, generated_at, &mut |_| true)
    }

    /// Makes the dossier of a case, reporting its pages and pictures as it goes; `progress`
    /// returning false stops it (nothing is made, so no file is written).
    pub fn export_dossier_with_progress(
        &self,
        case_id: i32,
        options: &DossierOptions,
        generated_at: DateTime<Utc>,
        progress: &mut dyn FnMut(DossierProgress) -> bool,
    ) -> Result<DossierFiles> {
        let stopped = || {
            CoreError::Refused(
                "The dossier was not made: it was stopped. No file was written.".into(),
            )
        };
        let data = content::Data::gather(self, case_id, options, generated_at)?;
        let fonts = fonts::Fonts::load();
        let csvs = options.csv.then(|| {
            (
                csv::transfers(&data.transfers, &data.accounts, &data.lists),
                csv::identifiers(&data.subjects, &data.loose_identifiers),
                (!data.accounts.is_empty()).then(|| csv::accounts(&data.accounts)),
            )
        });
        let csv_hashes: Option<Vec<(&str, String)>> = csvs.as_ref().map(|(t, i, a)| {
            let mut hashes = vec![
                ("transfers.csv", crate::evidence::sha256_hex(t)),
                ("identifiers.csv", crate::evidence::sha256_hex(i)),
            ];
            if let Some(a) = a {
                hashes.push(("accounts.csv", crate::evidence::sha256_hex(a)));
            }
            hashes
        });
        let built = content::build(&fonts, &data, options, csv_hashes.as_deref());
        let mut images = Vec::with_capacity(built.images.len());
        let total = built.images.len() as u32;
        let pages = built.pages.len() as u32;
        let at = |done: u32| DossierProgress {
            pages,
            pictures_done: done,
            pictures_total: total,
        };
        if !progress(at(0)) {
            return Err(stopped());
        }
        for (n, (evidence_id, w, h)) in built.images.iter().enumerate() {
            if n > 0 && !progress(at(n as u32)) {
                return Err(stopped());
            }
            let (_, original) = self.evidence_original(*evidence_id)?;
            images.push(printable_jpeg(&original, *w, *h).unwrap_or(render::Jpeg {
                bytes: Vec::new(),
                width: 1,
                height: 1,
            }));
        }
        if !progress(at(total)) {
            return Err(stopped());
        }
        let (pdf, _missing) =
            render::render(&fonts, &built.pages, images, &built.frame, &built.meta);
        let (transfers_csv, identifiers_csv, accounts_csv) = match csvs {
            Some((t, i, a)) => (Some(t), Some(i), a),
            None => (None, None, None),
        };
        Ok(DossierFiles {
            pages: built.pages.len() as u32,
            pdf,
            transfers_csv,
            identifiers_csv,
            accounts_csv,
        })
    }
}
