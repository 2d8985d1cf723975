//! The evidence appendix: each item with its picture, caption, capture time and SHA-256.

use super::*;

pub(super) fn evidence(
    flow: &mut Flow<'_>,
    data: &Data,
    options: &DossierOptions,
    images: &mut Vec<(i32, f32, f32)>,
) {
    flow.section(SECTIONS[6]);
    if data.evidence.is_empty() {
        flow.paragraph("No evidence items in the case.", BODY);
        return;
    }
    flow.paragraph(
        "Each item below is kept in its original form in the encrypted case file. The SHA-256 fingerprint identifies the original exactly: a copy with the same fingerprint is the same file. Pictures are printed at reduced resolution.",
        SMALL.color(Color::Grey),
    );
    for (n, e) in data.evidence.iter().enumerate() {
        if n > 0 {
            flow.new_page();
        }
        flow.heading(&format!("V-{} · {}", e.id, e.file_name));
        let captured = e
            .captured
            .as_ref()
            .map(|m| {
                format!(
                    "{} — {}",
                    m.recorded.replace('T', " "),
                    lower_first(&e.capture_note)
                )
            })
            .unwrap_or_else(|| "unknown".into());
        flow.key_values(&[
            kv("Caption", or_none(&e.caption)),
            kv("Captured", captured),
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
        let picture = e.has_preview
            && !options.without_images
            && (crate::evidence::displayable(&e.media_type) || e.media_type == "image/tiff");
        match (picture, e.width, e.height) {
            (true, Some(w), Some(h)) => {
                let max_h = flow.room().clamp(300.0, 560.0);
                let index = images.len();
                let (bw, bh) = flow.image(index, w, h, max_h);
                images.push((e.id, bw, bh));
            }
            _ => flow.paragraph(
                &format!("{} The original file can be obtained from the person who prepared this dossier; check it against the SHA-256 above.", if e.preview_note.is_empty() { "Not printed.".to_string() } else { e.preview_note.clone() }),
                SMALL,
            ),
        }
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
