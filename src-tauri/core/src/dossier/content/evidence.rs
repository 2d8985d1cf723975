//! The evidence appendix: each item with its picture, caption, capture time and SHA-256.

use super::*;

pub(super) fn evidence(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    images: &mut Vec<(i32, f32, f32)>,
) {
    flow.section(SECTIONS[7]);
    if data.evidence.is_empty() {
        flow.paragraph("No evidence items in the case.", BODY);
        return;
    }
    flow.paragraph(
        "Each item below is kept in its original form in the encrypted case file. The SHA-256 fingerprint identifies the original exactly: a copy with the same fingerprint is the same file. Pictures are printed at reduced resolution.",
        SMALL.color(Color::Grey),
    );
    match options.pictures_per_page {
        PicturesPerPage::One => one_per_page(flow, data, options, images),
        PicturesPerPage::Two => two_per_page(flow, data, options, images),
        PicturesPerPage::Four => four_per_page(flow, data, options, images),
    }
}

/// Whether an item's picture is printed.
fn printed(e: &Evidence, options: &DossierOptions) -> Option<(u32, u32)> {
    let picture = e.has_preview
        && !options.without_images
        && (crate::evidence::displayable(&e.media_type) || e.media_type == "image/tiff");
    match (picture, e.width, e.height) {
        (true, Some(w), Some(h)) => Some((w, h)),
        _ => None,
    }
}

fn captured(e: &Evidence) -> String {
    e.captured
        .as_ref()
        .map(|m| {
            format!(
                "{} — {}",
                m.recorded.replace('T', " "),
                lower_first(&e.capture_note)
            )
        })
        .unwrap_or_else(|| "unknown".into())
}

fn not_printed(e: &Evidence) -> String {
    format!(
        "{} The original file can be obtained from the person who prepared this dossier; check it against the SHA-256 above.",
        if e.preview_note.is_empty() { "Not printed.".to_string() } else { e.preview_note.clone() }
    )
}

fn one_per_page(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    images: &mut Vec<(i32, f32, f32)>,
) {
    for (n, e) in data.evidence.iter().enumerate() {
        if n > 0 {
            flow.new_page();
        }
        flow.heading(&format!("V-{} · {}", e.id, e.file_name));
        flow.key_values(&[
            kv("Caption", or_none(&e.caption)),
            kv("Captured", captured(e)),
            kv("Added to the case", e.intake_at.replace('T', " ")),
            kv(
                "Type and size",
                format!(
                    "{}, {} bytes{}",
                    e.media_type,
                    e.size_bytes,
                    e.width
                        .map(|w| format!(", {w}×{} pixels", e.height.unwrap_or(0)))
                        .unwrap_or_default()
                ),
            ),
            kv_mono("SHA-256", e.sha256.clone()),
        ]);
        match printed(e, options) {
            Some((w, h)) => {
                let max_h = flow.room().clamp(300.0, 560.0);
                let index = images.len();
                let (bw, bh) = flow.image(index, w, h, max_h);
                images.push((e.id, bw, bh));
            }
            None => flow.paragraph(&not_printed(e), SMALL),
        }
    }
}

/// Height of the area below the section title of a page of evidence.
const AREA_H: f32 = PAGE_H - BOTTOM - TOP;

fn two_per_page(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    images: &mut Vec<(i32, f32, f32)>,
) {
    for (n, e) in data.evidence.iter().enumerate() {
        if n > 0 && n % 2 == 0 {
            flow.new_page();
        }
        let top = flow.y;
        flow.heading(&format!("V-{} · {}", e.id, e.file_name));
        flow.key_values(&[
            kv("Caption", or_none(&e.caption)),
            kv("Captured", captured(e)),
            kv_mono("SHA-256", e.sha256.clone()),
        ]);
        // Half of the page for each item, what its text left for the picture.
        let half = AREA_H / 2.0 - 8.0;
        match printed(e, options) {
            Some((w, h)) => {
                let max_h = (half - (flow.y - top))
                    .max(120.0)
                    .min(flow.room() - 8.0)
                    .max(60.0);
                let index = images.len();
                let (bw, bh) = flow.image_in(index, (w, h), MARGIN_X, CONTENT_W, max_h);
                images.push((e.id, bw, bh));
            }
            None => flow.paragraph(&not_printed(e), SMALL),
        }
        flow.space(8.0);
    }
}

/// The fingerprint in a quarter of a page: 64 monospaced digits in the cell's width.
const HASH_IN_CELL: Style = Style::new(MONO.face, 6.2);

/// Longest caption printed in a quarter of a page.
const CELL_CAPTION: usize = 240;

fn four_per_page(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    images: &mut Vec<(i32, f32, f32)>,
) {
    let gap = 14.0;
    let cell_w = (CONTENT_W - gap) / 2.0;
    let row_h = AREA_H / 2.0 - 12.0;
    for (n, pair) in data.evidence.chunks(2).enumerate() {
        if n > 0 && n % 2 == 0 {
            flow.new_page();
        }
        flow.ensure(row_h);
        let top = flow.y;
        let mut bottom = top;
        for (i, e) in pair.iter().enumerate() {
            let x = MARGIN_X + i as f32 * (cell_w + gap);
            flow.y = top;
            let name: String = e.file_name.chars().take(80).collect();
            flow.paragraph_in(&format!("V-{} · {name}", e.id), H2, x, cell_w);
            let caption: String = e.caption.chars().take(CELL_CAPTION).collect();
            let caption = if e.caption.chars().count() > CELL_CAPTION {
                format!("{caption}… (shortened here; printed in full with one picture per page)")
            } else {
                caption
            };
            if !caption.is_empty() {
                flow.paragraph_in(&caption, SMALL, x, cell_w);
            }
            flow.paragraph_in(&format!("Captured {}", captured(e)), SMALL, x, cell_w);
            // Small enough that the 64 digits stay on one line (copied and compared whole).
            flow.paragraph_in("SHA-256", SMALL, x, cell_w);
            flow.paragraph_in(&e.sha256, HASH_IN_CELL, x, cell_w);
            match printed(e, options) {
                Some((w, h)) => {
                    let max_h = (row_h - (flow.y - top) - 6.0).max(60.0);
                    let index = images.len();
                    let (bw, bh) = flow.image_in(index, (w, h), x, cell_w, max_h);
                    images.push((e.id, bw, bh));
                }
                None => flow.paragraph_in(&not_printed(e), SMALL, x, cell_w),
            }
            bottom = bottom.max(flow.y);
        }
        flow.y = bottom.max(top + row_h);
    }
}

/// The capture note in the words the window uses too, starting in lower case to follow
/// "Captured … — ".
fn lower_first(note: &str) -> String {
    let mut chars = note.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
