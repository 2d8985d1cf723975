//! Builders shared by the core's integration tests: the passphrase and the sample pictures.

use std::io::Cursor;

/// The passphrase of every test store.
pub const PASS: &str = "violet harbour seventeen lanterns";

/// A PNG of `w`×`h` pixels; different seeds give different bytes.
pub fn png(w: u32, h: u32, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([seed, (x % 251) as u8, (y % 241) as u8])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A JPEG with an EXIF block holding DateTimeOriginal and (optionally) OffsetTimeOriginal,
/// laid out as cameras and phones write it.
pub fn jpeg_with_exif(when: &str, offset: Option<&str>) -> Vec<u8> {
    let tiff = exif_tiff(when, offset);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(&tiff);
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 3, y as u8 * 5, 128]));
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// A small PNG with one extra chunk (`eXIf`, `iTXt` …) right after its header, as phones
/// write metadata.
pub fn png_with_chunk(kind: &[u8; 4], data: &[u8], seed: u8) -> Vec<u8> {
    let base = png(40, 80, seed);
    let ihdr_end = 8 + 12 + 13;
    let mut out = base[..ihdr_end].to_vec();
    out.extend((data.len() as u32).to_be_bytes());
    out.extend(kind);
    out.extend(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend(data);
    out.extend(crc32(&crc_input).to_be_bytes());
    out.extend(&base[ihdr_end..]);
    out
}

/// An iPhone-style XMP packet (uncompressed `iTXt` chunk data) with photoshop:DateCreated.
pub fn xmp_itxt(date_created: &str) -> Vec<u8> {
    let mut d = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    d.extend(format!(
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description rdf:about=\"\" \
         xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\"><photoshop:DateCreated>{date_created}</photoshop:DateCreated>\
         </rdf:Description></rdf:RDF></x:xmpmeta>"
    ).bytes());
    d
}

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

/// The TIFF body of an EXIF block (what a JPEG's APP1 and a PNG's `eXIf` chunk hold).
pub fn exif_tiff(when: &str, offset: Option<&str>) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    // IFD0: one entry pointing at the Exif IFD (offset 26).
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(0x8769u16.to_le_bytes());
    tiff.extend(4u16.to_le_bytes());
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    let entries: u16 = if offset.is_some() { 2 } else { 1 };
    let data_start = 26 + 2 + 12 * u32::from(entries) + 4;
    tiff.extend(entries.to_le_bytes());
    tiff.extend(0x9003u16.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(20u32.to_le_bytes());
    tiff.extend(data_start.to_le_bytes());
    if offset.is_some() {
        tiff.extend(0x9011u16.to_le_bytes());
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(7u32.to_le_bytes());
        tiff.extend((data_start + 20).to_le_bytes());
    }
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(when.as_bytes());
    tiff.push(0);
    if let Some(o) = offset {
        tiff.extend(o.as_bytes());
        tiff.push(0);
    }
    tiff
}

/// A chat-like phone screenshot (540×1170 PNG); different seeds give different pictures.
pub fn screenshot(seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(540, 1170, |x, y| {
        if y < 60 {
            image::Rgb([18, 140, 126])
        } else if y % 90 > 20 && y % 90 < 40 && x > 40 && x < 300 + (seed * 37 + y) % 200 {
            image::Rgb([30, 30, 30])
        } else {
            image::Rgb([236, 229, 221])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A WhatsApp iPhone export zip at `dir/name`: `_chat.txt` and the media files it names.
pub fn whatsapp_zip(
    dir: &std::path::Path,
    name: &str,
    chat: &str,
    media: &[(&str, Vec<u8>)],
) -> std::path::PathBuf {
    use std::io::Write as _;
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("_chat.txt", opts).unwrap();
    zip.write_all(chat.as_bytes()).unwrap();
    for (n, bytes) in media {
        zip.start_file(*n, opts).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// The text of a hand-written chat-export fixture (`whatsapp/android_24h_dmy.txt`).
pub fn chat_fixture(path: &str) -> String {
    let full = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/chat/");
    std::fs::read_to_string(format!("{full}{path}")).unwrap()
}

/// A new store holding one case ("Romance – Anna") in `zone`.
pub fn store_with_case_in(zone: &str) -> (tempfile::TempDir, casefile_core::Store, i32) {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        casefile_core::Store::create(&dir.path().join("casefile.db"), PASS, "test").unwrap();
    let case = store.create_case("Romance – Anna").unwrap();
    let mut d = case.details.clone();
    d.time_zone = zone.into();
    store.update_case(case.id, &d).unwrap();
    (dir, store, case.id)
}

/// An import's progress callback that never stops it.
pub fn go(_: casefile_core::store::ChatImportProgress) -> bool {
    true
}

/// Every message of a chat (up to 500), in chat order.
pub fn all_messages(
    store: &casefile_core::Store,
    chat: i32,
) -> Vec<casefile_core::model::ChatMessage> {
    store
        .chat_messages(
            chat,
            &casefile_core::model::ChatQuery {
                limit: 500,
                ..Default::default()
            },
        )
        .unwrap()
        .messages
}
