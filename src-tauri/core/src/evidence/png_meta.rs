//! Capture times inside PNG files. iPhone screenshots carry no EXIF block the usual way but an
//! XMP packet (an `iTXt` chunk with the keyword `XML:com.adobe.xmp`) holding
//! `photoshop:DateCreated` or `exif:DateTimeOriginal`; other tools write `xmp:CreateDate`.
//! (A PNG `eXIf` chunk is plain EXIF and is read with the other EXIF.)
//!
//! The chunk walk reads only lengths and types, never decodes pixels, and stops at the end of
//! the bytes or at a chunk whose length runs past them, so damaged files cost nothing.

use std::io::Read as _;

use chrono::{DateTime, FixedOffset, NaiveDateTime};

/// A time found in a PNG's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PngTime {
    /// With the offset the file gives.
    Exact(DateTime<FixedOffset>),
    /// Wall-clock time with no zone.
    Local(NaiveDateTime),
}

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Largest XMP packet looked at, after decompression.
const MAX_XMP_BYTES: u64 = 1024 * 1024;
/// The XMP properties that say when a picture was taken, best first.
const PROPERTIES: [&str; 4] = [
    "exif:DateTimeOriginal",
    "photoshop:DateCreated",
    "xmp:CreateDate",
    "exif:DateTimeDigitized",
];

/// The capture time in a PNG's XMP packet, if it has one.
pub fn png_time(bytes: &[u8]) -> Option<PngTime> {
    let xmp = xmp_packet(bytes)?;
    PROPERTIES
        .iter()
        .find_map(|p| property(&xmp, p).and_then(parse_xmp_date))
}

/// The text of the first XMP `iTXt` chunk.
fn xmp_packet(bytes: &[u8]) -> Option<String> {
    let mut rest = bytes.strip_prefix(SIGNATURE)?;
    while rest.len() >= 12 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let kind = &rest[4..8];
        let data = rest.get(8..8usize.checked_add(len)?)?;
        if kind == b"iTXt" {
            if let Some(text) = itxt_xmp(data) {
                return Some(text);
            }
        }
        if kind == b"IEND" {
            return None;
        }
        rest = rest.get(12usize.checked_add(len)?..)?;
    }
    None
}

/// An `iTXt` chunk's text when its keyword is XMP's: keyword, NUL, compression flag and
/// method, language tag, NUL, translated keyword, NUL, text (zlib when flagged).
fn itxt_xmp(data: &[u8]) -> Option<String> {
    let (keyword, rest) = split_nul(data)?;
    if keyword != b"XML:com.adobe.xmp" {
        return None;
    }
    let (&flag, rest) = rest.split_first()?;
    let (_method, rest) = rest.split_first()?;
    let (_language, rest) = split_nul(rest)?;
    let (_translated, text) = split_nul(rest)?;
    let mut out = Vec::new();
    if flag == 1 {
        flate2::read::ZlibDecoder::new(text)
            .take(MAX_XMP_BYTES)
            .read_to_end(&mut out)
            .ok()?;
    } else {
        out.extend_from_slice(&text[..text.len().min(MAX_XMP_BYTES as usize)]);
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

fn split_nul(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = bytes.iter().position(|b| *b == 0)?;
    Some((&bytes[..at], &bytes[at + 1..]))
}

/// A property's value, written as an attribute (`photoshop:DateCreated="…"`) or an element
/// (`<photoshop:DateCreated>…</photoshop:DateCreated>`).
fn property<'x>(xmp: &'x str, name: &str) -> Option<&'x str> {
    let mut from = 0;
    while let Some(found) = xmp.get(from..)?.find(name) {
        let at = from + found;
        let after = &xmp[at + name.len()..];
        if let Some(v) = after.strip_prefix("=\"") {
            return v.split('"').next();
        }
        if let Some(v) = after.strip_prefix("='") {
            return v.split('\'').next();
        }
        if let Some(v) = after.strip_prefix('>') {
            return v.split('<').next();
        }
        from = at + name.len();
    }
    None
}

/// XMP dates are ISO 8601: `2026-03-14T09:31:02+08:00`, `…Z`, `…02.123`, `2026-03-14T09:31`.
/// A bare date is not a capture time and is ignored.
fn parse_xmp_date(value: &str) -> Option<PngTime> {
    let v = value.trim();
    // Four digits of year first: chrono's `%Y` would also take `-40520` or `+20260`.
    let year_ok = v.len() <= 40
        && v.as_bytes().get(4) == Some(&b'-')
        && v.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if !year_ok {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(PngTime::Exact(t));
    }
    for f in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M%#z"] {
        if let Ok(t) = DateTime::parse_from_str(v, f) {
            return Some(PngTime::Exact(t));
        }
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(v, f) {
            return Some(PngTime::Local(t));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    /// A PNG (1×1) with one extra chunk before IDAT.
    fn png_with(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut base = Vec::new();
        image::DynamicImage::ImageLuma8(image::GrayImage::new(1, 1))
            .write_to(
                &mut std::io::Cursor::new(&mut base),
                image::ImageFormat::Png,
            )
            .unwrap();
        let ihdr_end = 8 + 12 + 13;
        let mut out = base[..ihdr_end].to_vec();
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0, 0, 0, 0]); // CRC is not checked for metadata
        out.extend_from_slice(&base[ihdr_end..]);
        out
    }

    fn itxt(text: &str, compressed: bool) -> Vec<u8> {
        let mut d = b"XML:com.adobe.xmp\0".to_vec();
        d.push(u8::from(compressed));
        d.push(0);
        d.extend_from_slice(b"\0\0");
        if compressed {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(text.as_bytes()).unwrap();
            d.extend(z.finish().unwrap());
        } else {
            d.extend_from_slice(text.as_bytes());
        }
        d
    }

    const IPHONE: &str = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description rdf:about=""
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/">
 <exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">Screenshot</rdf:li></rdf:Alt></exif:UserComment>
 <photoshop:DateCreated>2026-03-14T09:31:02+08:00</photoshop:DateCreated>
</rdf:Description></rdf:RDF></x:xmpmeta>"#;

    #[test]
    fn an_iphone_screenshot_is_dated_by_its_xmp() {
        let want = DateTime::parse_from_rfc3339("2026-03-14T09:31:02+08:00").unwrap();
        for compressed in [false, true] {
            let png = png_with(b"iTXt", &itxt(IPHONE, compressed));
            assert!(image::load_from_memory(&png).is_ok());
            assert_eq!(png_time(&png), Some(PngTime::Exact(want)));
        }
    }

    #[test]
    fn attribute_form_and_times_without_a_zone() {
        let xmp = r#"<rdf:Description xmp:CreateDate="2026-03-14T09:31:02.120" />"#;
        let png = png_with(b"iTXt", &itxt(xmp, false));
        let want = NaiveDateTime::parse_from_str("2026-03-14 09:31:02.120", "%Y-%m-%d %H:%M:%S%.f")
            .unwrap();
        assert_eq!(png_time(&png), Some(PngTime::Local(want)));
        // DateTimeOriginal wins over CreateDate; a bare date is no capture time.
        let xmp = r#"<a xmp:CreateDate="2026-03-10T08:00:00Z"><exif:DateTimeOriginal>2026-03-14T09:31:02Z</exif:DateTimeOriginal></a>"#;
        let png = png_with(b"iTXt", &itxt(xmp, false));
        assert_eq!(
            png_time(&png),
            Some(PngTime::Exact(
                DateTime::parse_from_rfc3339("2026-03-14T09:31:02Z").unwrap()
            ))
        );
        let png = png_with(
            b"iTXt",
            &itxt(
                "<photoshop:DateCreated>2026-03-14</photoshop:DateCreated>",
                false,
            ),
        );
        assert_eq!(png_time(&png), None);
    }

    #[test]
    fn years_that_are_not_four_digits_are_no_capture_time() {
        for odd in [
            "-40520-03-14T09:31:02Z",
            "+20260-03-14T09:31:02",
            "202-03-14T09:31:02",
        ] {
            let png = png_with(
                b"iTXt",
                &itxt(
                    &format!("<exif:DateTimeOriginal>{odd}</exif:DateTimeOriginal>"),
                    false,
                ),
            );
            assert_eq!(png_time(&png), None, "{odd}");
        }
    }

    #[test]
    fn other_chunks_damage_and_non_pngs_give_nothing() {
        assert_eq!(png_time(b"not a png"), None);
        let other = png_with(
            b"tEXt",
            b"Comment\0photoshop:DateCreated>2026-03-14T09:31:02Z<",
        );
        assert_eq!(png_time(&other), None);
        let mut cut = png_with(b"iTXt", &itxt(IPHONE, false));
        cut.truncate(60);
        assert_eq!(png_time(&cut), None);
        // A chunk length near u32::MAX must not overflow or allocate.
        let mut huge = SIGNATURE.to_vec();
        huge.extend_from_slice(&u32::MAX.to_be_bytes());
        huge.extend_from_slice(b"iTXt");
        assert_eq!(png_time(&huge), None);
    }
}
