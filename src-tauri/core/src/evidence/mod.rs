//! Evidence intake: hash the exact bytes, sniff the media type from them, read the capture
//! time, and make a thumbnail — all in memory. Untrusted files never crash the app: anything
//! that cannot be decoded is kept as an opaque attachment with a note saying so.

use std::io::Cursor;

use chrono::{DateTime, NaiveDateTime, Offset as _, Utc};
use image::{ImageReader, Limits};
use sha2::{Digest, Sha256};

mod name_time;
mod png_meta;

pub use name_time::{time_from_file_name, NameTime};
pub use png_meta::{png_time, PngTime};

use crate::model::CaptureTimeSource;
use crate::time::{parse_moment, Moment};
use crate::{CoreError, Result};

/// Largest file accepted (200 MiB).
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Largest image decoded for a preview: 100 megapixels (a phone screenshot is ~2.5).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Longest side of a thumbnail, in pixels.
pub const THUMB_MAX: u32 = 480;

/// Everything worked out about one file before it is stored.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
    pub captured: Option<Moment>,
    pub capture_source: CaptureTimeSource,
    /// The zone a zone-less capture time was read in (the device's).
    pub capture_zone: Option<String>,
    /// A preview is still to be made ([`make_preview`]); intake stores the file first.
    pub preview_pending: bool,
    pub thumbnail: Option<Vec<u8>>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub preview_note: String,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Refuses a file that is empty or larger than the limit, with a message saying what to do.
pub fn check_size(file_name: &str, size: u64) -> Result<()> {
    if size == 0 {
        return Err(CoreError::Refused(format!("\"{file_name}\" is empty (0 bytes), so there is nothing to keep. Check that it was copied completely.")));
    }
    if size > MAX_FILE_BYTES {
        return Err(CoreError::Refused(format!(
            "\"{file_name}\" is {:.0} MB; Casefile takes files up to {} MB. Keep the original somewhere safe and add a note saying where, or add a shorter excerpt.",
            size as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        )));
    }
    Ok(())
}

/// The media type, from the bytes (never the file name).
pub fn sniff_media_type(bytes: &[u8]) -> String {
    if let Some(kind) = infer::get(bytes) {
        return kind.mime_type().to_string();
    }
    if std::str::from_utf8(bytes).is_ok() {
        return "text/plain".into();
    }
    "application/octet-stream".into()
}

fn decodable(media_type: &str) -> bool {
    matches!(
        media_type,
        "image/png" | "image/jpeg" | "image/webp" | "image/gif" | "image/bmp" | "image/tiff"
    )
}

/// Whether the window can show the original bytes as an image.
pub fn displayable(media_type: &str) -> bool {
    matches!(
        media_type,
        "image/png" | "image/jpeg" | "image/webp" | "image/gif" | "image/bmp"
    )
}

/// Capture time from EXIF `DateTimeOriginal` (+ `OffsetTimeOriginal` when present).
fn exif_time(bytes: &[u8], device_zone: &str) -> Option<(Moment, CaptureTimeSource)> {
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()?;
    let field = |tag| {
        exif.get_field(tag, exif::In::PRIMARY)
            .map(|f| f.display_value().to_string().trim_matches('"').to_string())
    };
    let when = field(exif::Tag::DateTimeOriginal).or_else(|| field(exif::Tag::DateTime))?;
    let naive = NaiveDateTime::parse_from_str(&when, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(&when, "%Y:%m:%d %H:%M:%S"))
        .ok()?;
    let stamp = naive.format("%Y-%m-%dT%H:%M:%S").to_string();
    if let Some(offset) =
        field(exif::Tag::OffsetTimeOriginal).or_else(|| field(exif::Tag::OffsetTime))
    {
        if let Ok(t) = DateTime::parse_from_rfc3339(&format!("{stamp}{offset}")) {
            return Some((Moment::from_datetime(t), CaptureTimeSource::Exif));
        }
    }
    parse_moment(&stamp, device_zone, "captured_at")
        .ok()
        .map(|m| (m, CaptureTimeSource::ExifNoOffset))
}

/// A thumbnail and the picture's size, made after intake.
#[derive(Debug, Clone)]
pub struct Preview {
    pub thumbnail: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Decodes an untrusted image — the one place every caller (intake previews, the dossier)
/// decodes evidence pictures: dimensions are read first and anything over [`MAX_PIXELS`] is
/// refused before a pixel is decoded, allocations are capped at 1 GiB, and a decoder panic is
/// caught. The error says why, in plain words.
pub fn decode_untrusted(bytes: &[u8]) -> std::result::Result<image::DynamicImage, String> {
    std::panic::catch_unwind(|| decode_within_limits(bytes)).unwrap_or_else(|_| {
        Err(
            "Casefile could not decode this image (it may be damaged or made to crash programs)"
                .into(),
        )
    })
}

fn decode_within_limits(bytes: &[u8]) -> std::result::Result<image::DynamicImage, String> {
    let reader = |max_side: Option<u32>| {
        let mut reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| "Casefile could not read this image".to_string())?;
        let mut limits = Limits::default();
        limits.max_image_width = max_side;
        limits.max_image_height = max_side;
        limits.max_alloc = Some(1024 * 1024 * 1024);
        reader.limits(limits);
        Ok::<_, String>(reader)
    };
    let (w, h) = reader(Some(60_000))?
        .into_dimensions()
        .map_err(|_| "Casefile could not read this image (it may be damaged)".to_string())?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "This image is {w}×{h} pixels, too large to decode safely"
        ));
    }
    reader(None)?.decode().map_err(|_| {
        "Casefile could not decode this image (it may be damaged or use an unusual format)"
            .to_string()
    })
}

fn preview_of(bytes: &[u8]) -> std::result::Result<Preview, String> {
    let img = decode_untrusted(bytes)?;
    let (w, h) = (img.width(), img.height());
    let thumb = img.thumbnail(THUMB_MAX, THUMB_MAX).to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&thumb)
        .map_err(|_| "Casefile could not make a preview of this image".to_string())?;
    Ok(Preview {
        thumbnail: out,
        width: w,
        height: h,
    })
}

/// Makes the preview of an image (the slow part of intake, done after the file is stored).
/// The error is the note shown instead, in plain words.
pub fn make_preview(bytes: &[u8]) -> std::result::Result<Preview, String> {
    // A decoder bug must not take the app down with it: treat a panic like a failed decode.
    std::panic::catch_unwind(|| preview_of(bytes))
        .unwrap_or_else(|_| Err("Casefile could not decode this image".to_string()))
        .map_err(|why| {
            format!("{why}; the original file is kept exactly as it was, without a preview.")
        })
}

/// Makes the previews of many items on all cores at once (each item's bytes are dropped as
/// soon as its preview is made). The outcomes come back in the order given.
pub fn make_previews(
    items: Vec<(i32, Vec<u8>)>,
) -> Vec<(i32, std::result::Result<Preview, String>)> {
    let workers = std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .min(items.len().max(1));
    let chunk = items.len().div_ceil(workers).max(1);
    let mut items = items;
    let mut parts = Vec::new();
    while !items.is_empty() {
        let rest = items.split_off(chunk.min(items.len()));
        parts.push(std::mem::replace(&mut items, rest));
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                let ids: Vec<i32> = part.iter().map(|(id, _)| *id).collect();
                let handle = scope.spawn(move || {
                    part.into_iter()
                        .map(|(id, bytes)| (id, make_preview(&bytes)))
                        .collect::<Vec<_>>()
                });
                (ids, handle)
            })
            .collect();
        // Every item gets an outcome, even if a worker died: an item left without one would
        // stay "pending" and be decoded again and again.
        handles
            .into_iter()
            .flat_map(|(ids, h)| {
                h.join().unwrap_or_else(|_| {
                    ids.into_iter()
                        .map(|id| {
                            (id, Err("Casefile could not make a preview of this image; the original file is kept exactly as it was.".to_string()))
                        })
                        .collect()
                })
            })
            .collect()
    })
}

/// The picture's size from its header alone (no pixels decoded).
fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    std::panic::catch_unwind(|| {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .ok()?
            .into_dimensions()
            .ok()
    })
    .ok()
    .flatten()
}

/// A wall-clock time read in the device's zone; a time in a daylight-saving gap or fold is
/// not guessed at.
fn in_device_zone(local: &NaiveDateTime, device_zone: &str) -> Option<Moment> {
    let tz: chrono_tz::Tz = device_zone.parse().ok()?;
    let t = chrono::TimeZone::from_local_datetime(&tz, local).single()?;
    Some(Moment::from_datetime(t.fixed_offset()))
}

/// The best capture time the file itself gives, and where it came from: EXIF (also a PNG's
/// `eXIf`), then a PNG's XMP packet, then the file name. Zone-less times are read in
/// `device_zone`.
pub fn capture_time(
    file_name: &str,
    bytes: &[u8],
    device_zone: &str,
) -> Option<(Moment, CaptureTimeSource)> {
    // Whatever the file says, only times Casefile can store (years 1900–2100) are taken.
    best_capture_time(file_name, bytes, device_zone)
        .filter(|(m, _)| crate::time::checked_moment(m, "captured_at").is_ok())
}

fn best_capture_time(
    file_name: &str,
    bytes: &[u8],
    device_zone: &str,
) -> Option<(Moment, CaptureTimeSource)> {
    if let Some(found) = exif_time(bytes, device_zone) {
        return Some(found);
    }
    match png_time(bytes) {
        Some(PngTime::Exact(t)) => {
            return Some((Moment::from_datetime(t), CaptureTimeSource::PngMetadata));
        }
        Some(PngTime::Local(local)) => {
            if let Some(m) = in_device_zone(&local, device_zone) {
                return Some((m, CaptureTimeSource::PngMetadataNoOffset));
            }
        }
        None => {}
    }
    let t = time_from_file_name(file_name)?;
    let source = if t.date_only {
        CaptureTimeSource::FileNameDateOnly
    } else {
        CaptureTimeSource::FileName
    };
    Some((in_device_zone(&t.local, device_zone)?, source))
}

/// Works out everything about a file's bytes that intake needs before the file is stored —
/// hash, media type, capture time, size in pixels — without decoding the picture (the
/// preview is made afterwards, see [`make_preview`]). `modified` is the file's last-modified
/// time, used when the file carries no capture time of its own; `device_zone` is the zone of
/// the device that made the files, for times written without one.
pub fn examine(
    file_name: &str,
    bytes: &[u8],
    modified: Option<DateTime<Utc>>,
    device_zone: &str,
) -> Result<Prepared> {
    check_size(file_name, bytes.len() as u64)?;
    let media_type = sniff_media_type(bytes);
    let (captured, capture_source) = match capture_time(file_name, bytes, device_zone) {
        Some((m, src)) => (Some(m), src),
        None => match modified {
            Some(t) => {
                let (_, offset, _) = crate::time::in_zone(&t.to_rfc3339(), device_zone);
                let fixed = chrono::FixedOffset::east_opt(offset * 60).unwrap_or(Utc.fix());
                (
                    Some(Moment::from_datetime(t.with_timezone(&fixed))),
                    CaptureTimeSource::FileModified,
                )
            }
            None => (None, CaptureTimeSource::Unknown),
        },
    };
    let mut prepared = Prepared {
        media_type: media_type.clone(),
        size: bytes.len() as u64,
        sha256: sha256_hex(bytes),
        captured,
        capture_source,
        capture_zone: capture_source
            .read_in_device_zone()
            .then(|| device_zone.to_string()),
        preview_pending: false,
        thumbnail: None,
        width: None,
        height: None,
        preview_note: String::new(),
    };
    if decodable(&media_type) {
        match dimensions(bytes) {
            Some((w, h)) => {
                prepared.width = Some(w);
                prepared.height = Some(h);
                prepared.preview_pending = true;
            }
            None => {
                prepared.preview_note = "Casefile could not read this image (it may be damaged); the original file is kept exactly as it was, without a preview.".into();
            }
        }
    } else if media_type.starts_with("image/") {
        prepared.preview_note = format!("{media_type} images cannot be previewed in Casefile yet; the original file is kept exactly as it was.");
    } else {
        prepared.preview_note = "Not an image: kept as an attachment, exactly as it was.".into();
    }
    Ok(prepared)
}

/// [`examine`] and the preview at once (for imports and tests, where nothing waits).
pub fn prepare(
    file_name: &str,
    bytes: &[u8],
    modified: Option<DateTime<Utc>>,
    device_zone: &str,
) -> Result<Prepared> {
    let mut p = examine(file_name, bytes, modified, device_zone)?;
    if p.preview_pending {
        p.apply_preview(make_preview(bytes));
    }
    Ok(p)
}

impl Prepared {
    /// Records a preview's outcome: the thumbnail and size, or the note saying why not.
    pub fn apply_preview(&mut self, outcome: std::result::Result<Preview, String>) {
        self.preview_pending = false;
        match outcome {
            Ok(p) => {
                self.thumbnail = Some(p.thumbnail);
                self.width = Some(p.width);
                self.height = Some(p.height);
            }
            Err(note) => self.preview_note = note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn screenshot_gets_hash_type_size_preview_and_file_time() {
        let bytes = png(1080, 2340);
        let modified = DateTime::parse_from_rfc3339("2026-03-14T01:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let p = prepare(
            "Screenshot_20260314.png",
            &bytes,
            Some(modified),
            "Asia/Hong_Kong",
        )
        .unwrap();
        assert_eq!(p.media_type, "image/png");
        assert_eq!(p.sha256, sha256_hex(&bytes));
        assert_eq!(p.size, bytes.len() as u64);
        assert_eq!((p.width, p.height), (Some(1080), Some(2340)));
        let thumb = image::load_from_memory(p.thumbnail.as_ref().unwrap()).unwrap();
        assert_eq!(thumb.height(), THUMB_MAX);
        assert_eq!(p.capture_source, CaptureTimeSource::FileModified);
        let m = p.captured.unwrap();
        assert_eq!(m.utc, "2026-03-14T01:30:00Z");
        assert_eq!(m.offset_minutes, 480);
    }

    /// Phone screenshots carry no EXIF: their name says when they were taken, which beats the
    /// time the file was copied; EXIF beats the name.
    #[test]
    fn a_screenshot_is_dated_by_its_name_not_by_when_it_was_copied() {
        let copied = chrono::Utc::now();
        let p = prepare(
            "Screenshot_20260314-093102_WhatsApp.png",
            &png(20, 40),
            Some(copied),
            "Asia/Hong_Kong",
        )
        .unwrap();
        assert_eq!(p.capture_source, CaptureTimeSource::FileName);
        let m = p.captured.unwrap();
        assert_eq!(m.recorded, "2026-03-14T09:31:02+08:00");
        assert_eq!(m.utc, "2026-03-14T01:31:02Z");
        let p = prepare(
            "IMG-20260314-WA0012.jpg",
            &png(20, 40),
            Some(copied),
            "Europe/Berlin",
        )
        .unwrap();
        assert_eq!(p.capture_source, CaptureTimeSource::FileNameDateOnly);
        assert_eq!(p.captured.unwrap().recorded, "2026-03-14T00:00:00+01:00");
        // In a daylight-saving gap the name is not guessed at: the file time is used, labelled.
        let p = prepare(
            "Screenshot_20260329-023000.png",
            &png(20, 40),
            Some(copied),
            "Europe/Berlin",
        )
        .unwrap();
        assert_eq!(p.capture_source, CaptureTimeSource::FileModified);
    }

    #[test]
    fn media_type_comes_from_the_bytes_not_the_name() {
        let bytes = png(10, 10);
        assert_eq!(
            prepare("photo.jpg", &bytes, None, "UTC")
                .unwrap()
                .media_type,
            "image/png"
        );
        assert_eq!(sniff_media_type(b"%PDF-1.7\n..."), "application/pdf");
        assert_eq!(
            sniff_media_type("[14/03/2026, 09:30:12] Anna: hello".as_bytes()),
            "text/plain"
        );
        assert_eq!(
            sniff_media_type(&[0xff, 0xfe, 0x00, 0x9c, 0x80]),
            "application/octet-stream"
        );
    }

    #[test]
    fn garbage_and_truncated_images_are_kept_without_preview() {
        let mut bytes = png(400, 400);
        bytes.truncate(bytes.len() / 3);
        let p = prepare("cut.png", &bytes, None, "UTC").unwrap();
        assert!(p.thumbnail.is_none());
        assert!(
            p.preview_note.contains("kept exactly"),
            "{}",
            p.preview_note
        );
        let mut junk = b"\x89PNG\r\n\x1a\n".to_vec();
        junk.extend(std::iter::repeat_n(0xA5u8, 5000));
        let p = prepare("junk.png", &junk, None, "UTC").unwrap();
        assert!(p.thumbnail.is_none());
        assert_eq!(p.capture_source, CaptureTimeSource::Unknown);
    }

    #[test]
    fn decompression_bombs_are_not_decoded() {
        // A valid PNG header that claims 50 000 × 50 000 pixels (2.5 gigapixels).
        let img = image::GrayImage::new(1, 1);
        let mut small = Vec::new();
        image::DynamicImage::ImageLuma8(img)
            .write_to(&mut Cursor::new(&mut small), image::ImageFormat::Png)
            .unwrap();
        // Patch IHDR width/height (bytes 16..24) and leave the CRC wrong: the header is still read.
        small[16..20].copy_from_slice(&50_000u32.to_be_bytes());
        small[20..24].copy_from_slice(&50_000u32.to_be_bytes());
        let p = prepare("bomb.png", &small, None, "UTC").unwrap();
        assert!(p.thumbnail.is_none());
        assert!(!p.preview_note.is_empty());
        // The dossier decodes through the same door, so it refuses the same picture.
        assert!(decode_untrusted(&small).is_err());
        assert!(crate::dossier::printable_jpeg(&small, 400.0, 400.0).is_none());
        // 12 000 × 9 000 = 108 megapixels, with a correct header checksum: over the limit
        // although each side is fine, and refused before decoding.
        small[16..20].copy_from_slice(&12_000u32.to_be_bytes());
        small[20..24].copy_from_slice(&9_000u32.to_be_bytes());
        let crc = crc32(&small[12..29]);
        small[29..33].copy_from_slice(&crc.to_be_bytes());
        let err = decode_untrusted(&small).unwrap_err();
        assert!(err.contains("too large"), "{err}");
        assert!(crate::dossier::printable_jpeg(&small, 400.0, 400.0).is_none());
    }

    /// CRC-32 as PNG chunks use it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn size_limits() {
        assert!(matches!(check_size("a", 0), Err(CoreError::Refused(_))));
        let big = check_size("video.mp4", MAX_FILE_BYTES + 1)
            .unwrap_err()
            .to_string();
        assert!(big.contains("up to 200 MB"), "{big}");
        assert!(check_size("ok", MAX_FILE_BYTES).is_ok());
    }
}
