//! Fonts for the dossier: DejaVu Sans and DejaVu Sans Mono are built in (Latin, Greek,
//! Cyrillic and many symbols); for Chinese, Japanese and Korean a system font is used when one
//! is installed (Droid Sans Fallback, Noto Sans CJK, WenQuanYi). Each character is drawn with
//! the first of these fonts that has it; what no font has is counted and reported in the
//! dossier rather than silently shown as boxes.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{ParsedFont, PdfFontParseWarning};

static SANS: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static MONO: &[u8] = include_bytes!("../../fonts/DejaVuSansMono.ttf");

/// System fonts tried, in order, for characters DejaVu does not have.
pub const CJK_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
];

/// How text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Sans,
    /// Sans drawn with a thin outline: DejaVu Sans Bold would add 700 KB to every dossier.
    Bold,
    /// For hashes, addresses and account numbers, where every character must be clear.
    Mono,
}

/// Which font file a run of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    Sans,
    Mono,
    Cjk,
}

/// One loaded font: its bytes and its parsed metrics.
pub struct FontFile {
    pub bytes: Vec<u8>,
    pub index: usize,
    pub parsed: ParsedFont,
    upem: f32,
}

impl FontFile {
    fn load(bytes: Vec<u8>, index: usize) -> Option<FontFile> {
        let mut warnings: Vec<PdfFontParseWarning> = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, index, &mut warnings)?;
        let upem = f32::from(parsed.units_per_em.max(1));
        Some(FontFile {
            bytes,
            index,
            parsed,
            upem,
        })
    }

    /// Advance width of `c` in ems, if the font has it.
    fn advance(&self, c: char) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(c as u32)?;
        if gid == 0 {
            return None;
        }
        Some(f32::from(self.parsed.get_glyph_width(gid).unwrap_or(0)) / self.upem)
    }

    /// Glyph id of `c`.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.parsed.lookup_glyph_index(c as u32).filter(|g| *g != 0)
    }
}

/// The dossier's fonts.
pub struct Fonts {
    pub sans: FontFile,
    pub mono: FontFile,
    pub cjk: Option<FontFile>,
}

impl Fonts {
    /// Loads the built-in fonts and the first CJK font found on the system.
    pub fn load() -> Fonts {
        let builtin = |b: &[u8]| FontFile::load(b.to_vec(), 0);
        let (Some(sans), Some(mono)) = (builtin(SANS), builtin(MONO)) else {
            // The built-in fonts are part of the program; failing to parse them is a build error.
            unreachable!("the built-in DejaVu fonts could not be parsed");
        };
        let cjk = CJK_CANDIDATES
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .find_map(|bytes| FontFile::load(bytes, 0));
        Fonts { sans, mono, cjk }
    }

    /// The font file for a slot.
    pub fn file(&self, slot: Slot) -> &FontFile {
        match slot {
            Slot::Sans => &self.sans,
            Slot::Mono => &self.mono,
            Slot::Cjk => self.cjk.as_ref().unwrap_or(&self.sans),
        }
    }

    fn primary(face: Face) -> Slot {
        if face == Face::Mono {
            Slot::Mono
        } else {
            Slot::Sans
        }
    }

    /// Which font draws `c` in `face`, and its advance in ems; `None` when no font has it.
    fn pick(&self, face: Face, c: char) -> Option<(Slot, f32)> {
        let primary = Self::primary(face);
        if let Some(a) = self.file(primary).advance(c) {
            return Some((primary, a));
        }
        if primary == Slot::Mono {
            if let Some(a) = self.sans.advance(c) {
                return Some((Slot::Sans, a));
            }
        }
        self.cjk
            .as_ref()
            .and_then(|f| f.advance(c))
            .map(|a| (Slot::Cjk, a))
    }

    /// Width of `text` in points at `size`.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        text.chars()
            .filter(|c| !c.is_control())
            .map(|c| self.pick(face, c).map_or(0.6, |(_, a)| a))
            .sum::<f32>()
            * size
    }

    /// Splits `text` into runs that one font draws; characters no font has become `?` and are
    /// counted in `missing`.
    pub fn runs(
        &self,
        face: Face,
        text: &str,
        missing: &mut BTreeSet<char>,
    ) -> Vec<(Slot, String)> {
        let mut runs: Vec<(Slot, String)> = Vec::new();
        for c in text.chars().filter(|c| !c.is_control()) {
            let (slot, ch) = match self.pick(face, c) {
                Some((slot, _)) => (slot, c),
                None => {
                    if !c.is_whitespace() {
                        missing.insert(c);
                    }
                    (
                        Self::primary(face),
                        if c.is_whitespace() { ' ' } else { '?' },
                    )
                }
            };
            match runs.last_mut() {
                Some((s, t)) if *s == slot => t.push(ch),
                _ => runs.push((slot, ch.to_string())),
            }
        }
        runs
    }
}

/// A font cut down to the glyphs a document uses, ready to embed (a full DejaVu Sans is 740 KB;
/// a dossier typically uses a few hundred glyphs).
pub fn subset(file: &FontFile, chars: &BTreeSet<char>) -> Option<ParsedFont> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as cut, CmapTarget, SubsetProfile};

    let mut glyphs: BTreeMap<u16, ()> = BTreeMap::new();
    glyphs.insert(0, ());
    for c in chars {
        if let Some(g) = file.glyph(*c) {
            glyphs.insert(g, ());
        }
    }
    let ids: Vec<u16> = glyphs.keys().copied().collect();
    let font_data = ReadScope::new(&file.bytes).read::<FontData<'_>>().ok()?;
    let provider = font_data.table_provider(file.index).ok()?;
    let bytes = cut(
        &provider,
        &ids,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .ok()?;
    let mut warnings: Vec<PdfFontParseWarning> = Vec::new();
    ParsedFont::from_bytes(&bytes, 0, &mut warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_greek_cyrillic_are_built_in_and_widths_are_sensible() {
        let f = Fonts::load();
        let mut missing = BTreeSet::new();
        let runs = f.runs(Face::Sans, "Anna – Ωμέγα – Привет", &mut missing);
        assert_eq!(runs.len(), 1);
        assert!(missing.is_empty());
        let w = f.width(Face::Sans, 10.0, "MMMM");
        assert!(w > 30.0 && w < 45.0, "{w}");
        // Mono: every character has the same advance.
        assert!(
            (f.width(Face::Mono, 10.0, "iiii") - f.width(Face::Mono, 10.0, "WWWW")).abs() < 0.01
        );
    }

    #[test]
    fn characters_no_font_has_are_reported_not_hidden() {
        let f = Fonts::load();
        let mut missing = BTreeSet::new();
        // A private-use character no font has.
        let runs = f.runs(Face::Sans, "a\u{F8FF}b", &mut missing);
        assert!(missing.contains(&'\u{F8FF}'));
        assert_eq!(runs.iter().map(|r| r.1.as_str()).collect::<String>(), "a?b");
    }

    #[test]
    fn subsets_keep_the_glyphs_used_and_are_small() {
        let f = Fonts::load();
        let chars: BTreeSet<char> = "Casefile dossier 0123456789".chars().collect();
        let sub = subset(&f.sans, &chars).expect("subset");
        assert!(
            sub.original_bytes.len() < 60_000,
            "{}",
            sub.original_bytes.len()
        );
        assert!(sub.lookup_glyph_index('C' as u32).is_some_and(|g| g != 0));
    }

    /// Text that Mac Roman can encode once got a Mac Roman cmap ("smallest suitable"), so
    /// "·", "…" and "é" were looked up by Unicode, not found, and printed as empty boxes.
    #[test]
    fn a_subset_of_mac_roman_characters_keeps_its_unicode_map() {
        let f = Fonts::load();
        let chars: BTreeSet<char> = "Scammers' · exchange deposit … Café".chars().collect();
        let sub = subset(&f.sans, &chars).expect("subset");
        for c in ['·', '…', 'é', 'S'] {
            assert!(
                sub.lookup_glyph_index(c as u32).is_some_and(|g| g != 0),
                "{c:?} has no glyph in the subset"
            );
        }
    }
}
