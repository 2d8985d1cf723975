//! Our own page layout (printpdf draws; it does not lay out): text wrapping that never runs past
//! the margin, tables that continue across pages with their header repeated, images fitted to
//! a box whatever their shape. Coordinates here run from the top of the page down, in points.

use super::fonts::{Face, Fonts};

/// A4 portrait, in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 48.0;
/// Content starts below the running header…
pub const TOP: f32 = 68.0;
/// …and ends above the footer.
pub const BOTTOM: f32 = 58.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// A page turned sideways (for a money-trail picture too wide for the portrait page), in points.
pub const LANDSCAPE_W: f32 = PAGE_H;
pub const LANDSCAPE_H: f32 = PAGE_W;

/// How a piece of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    /// Grey level 0 (black) … 1 (white), or a highlight colour.
    pub color: Color,
}

/// Text and line colours used in the dossier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Color {
    Black,
    Grey,
    Blue,
    Red,
    Green,
}

impl Style {
    pub const fn new(face: Face, size: f32) -> Style {
        Style {
            face,
            size,
            color: Color::Black,
        }
    }
    pub const fn color(mut self, color: Color) -> Style {
        self.color = color;
        self
    }
    /// Distance between baselines.
    pub fn leading(&self) -> f32 {
        self.size * 1.32
    }
}

pub const BODY: Style = Style::new(Face::Sans, 9.5);
pub const SMALL: Style = Style::new(Face::Sans, 8.0);
pub const MONO: Style = Style::new(Face::Mono, 8.0);
pub const LABEL: Style = Style::new(Face::Bold, 8.5);
pub const H1: Style = Style::new(Face::Bold, 17.0);
pub const H2: Style = Style::new(Face::Bold, 12.0);

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A light grey filled box (table headers, highlights).
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        shade: f32,
    },
    /// Image number `index` of the document, drawn into the box.
    Image {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// A vector shape: a polyline (`closed` false) or a polygon, its outline drawn in black
    /// `stroke` points wide (dashed if asked) and/or filled with a grey level 0 (black) … 1
    /// (white). Points are (x, y) from the top left of the page.
    Shape {
        points: Vec<(f32, f32)>,
        closed: bool,
        fill: Option<f32>,
        stroke: Option<f32>,
        dashed: bool,
    },
    /// A clickable web link over the box.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        url: String,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// Outline entries that start on this page.
    pub bookmarks: Vec<String>,
    /// Turned sideways: [`LANDSCAPE_W`] × [`LANDSCAPE_H`] instead of A4 portrait.
    pub landscape: bool,
}

impl Page {
    /// The page's width and height in points.
    pub fn size(&self) -> (f32, f32) {
        if self.landscape {
            (LANDSCAPE_W, LANDSCAPE_H)
        } else {
            (PAGE_W, PAGE_H)
        }
    }
}

/// Wraps `text` into lines no wider than `max_w`: at spaces where possible, inside a word only
/// when the word alone is wider than the line (long hashes in a narrow column). Explicit line
/// breaks are kept; blank lines are kept as empty lines.
pub fn wrap(fonts: &Fonts, style: Style, text: &str, max_w: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.replace("\r\n", "\n").split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if fonts.width(style.face, style.size, &candidate) <= max_w {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fonts.width(style.face, style.size, word) <= max_w {
                line = word.to_string();
                continue;
            }
            // A single word wider than the line: break it by characters.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && fonts.width(style.face, style.size, &next) > max_w {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// A table column: its title, share of the width, and how its cells are drawn.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub weight: f32,
    pub style: Style,
}

impl Column {
    pub fn new(title: &str, weight: f32, style: Style) -> Column {
        Column {
            title: title.into(),
            weight,
            style,
        }
    }
}

/// A table cell: text and an optional web link.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub link: Option<String>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, link: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell {
            text: text.into(),
            link: None,
        }
    }
}

/// A table row, with optional full-width detail lines under it (for hashes and addresses,
/// which must never be broken).
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub details: Vec<(Style, Cell)>,
    /// Shade the row (e.g. a possible freeze point).
    pub highlight: bool,
}

const CELL_PAD: f32 = 3.0;

/// A wrapped line of a cell: x, style, text, link.
type PlacedLine = (f32, Style, String, Option<String>);

/// Lays content out page after page.
pub struct Flow<'a> {
    pub fonts: &'a Fonts,
    pub pages: Vec<Page>,
    /// Top of the free space on the current page.
    pub y: f32,
}

impl<'a> Flow<'a> {
    pub fn new(fonts: &'a Fonts) -> Flow<'a> {
        Flow {
            fonts,
            pages: vec![Page::default()],
            y: TOP,
        }
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws one line of text whose top is at `top`, with a web link over it if given.
    fn put(&mut self, x: f32, top: f32, style: Style, text: &str, link: Option<&String>) {
        self.page().items.push(Item::Text {
            x,
            y: top + style.size,
            style,
            text: text.to_string(),
        });
        if let Some(url) = link {
            let w = self.fonts.width(style.face, style.size, text);
            self.page().items.push(Item::Link {
                x,
                y: top,
                w,
                h: style.leading(),
                url: url.clone(),
            });
        }
    }

    /// Space left on the current page.
    pub fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }

    /// Starts a new page (unless the current one is still empty).
    pub fn new_page(&mut self) {
        if self.y > TOP || !self.page().items.is_empty() {
            self.pages.push(Page::default());
        }
        self.y = TOP;
    }

    /// Makes sure `h` points fit, else moves to a new page.
    pub fn ensure(&mut self, h: f32) {
        if h > self.room() {
            self.new_page();
        }
    }

    pub fn space(&mut self, h: f32) {
        self.y += h;
    }

    /// A page of its own turned sideways, holding `items` (placed by the caller inside
    /// [`LANDSCAPE_W`] × [`LANDSCAPE_H`] less the margins); what follows starts on a new
    /// portrait page.
    pub fn landscape_page(&mut self, items: Vec<Item>, bookmark: Option<&str>) {
        self.new_page();
        let page = self.page();
        page.landscape = true;
        page.items.extend(items);
        if let Some(b) = bookmark {
            page.bookmarks.push(b.to_string());
        }
        // Nothing more fits here: the next line of text starts a new page.
        self.y = PAGE_H;
    }

    /// Places `items` drawn for a box `h` points high whose top is at 0, on the current page
    /// at the current position (moving to a new page first when it does not fit).
    pub fn drawing(&mut self, h: f32, items: Vec<Item>) {
        self.ensure(h);
        let top = self.y;
        let shifted = items.into_iter().map(|i| shift(i, top));
        self.page().items.extend(shifted);
        self.y += h;
    }

    /// An outline entry for the current page.
    pub fn page_bookmark(&mut self, title: &str) {
        self.page().bookmarks.push(title.to_string());
    }

    /// A section: starts a new page and an outline entry.
    pub fn section(&mut self, title: &str) {
        self.new_page();
        self.page().bookmarks.push(title.to_string());
        self.text_line(title, H1, MARGIN_X);
        self.space(6.0);
    }

    /// A heading inside a section (kept with at least a few lines of what follows).
    pub fn heading(&mut self, title: &str) {
        self.ensure(H2.leading() + 4.0 * BODY.leading());
        self.space(4.0);
        self.paragraph_at(title, H2, MARGIN_X, CONTENT_W);
        self.space(2.0);
    }

    fn text_line(&mut self, text: &str, style: Style, x: f32) {
        self.ensure(style.leading());
        let baseline = self.y + style.size;
        self.page().items.push(Item::Text {
            x,
            y: baseline,
            style,
            text: text.to_string(),
        });
        self.y += style.leading();
    }

    /// A wrapped paragraph across the content width.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        self.paragraph_at(text, style, MARGIN_X, CONTENT_W);
        self.space(style.size * 0.5);
    }

    fn paragraph_at(&mut self, text: &str, style: Style, x: f32, w: f32) {
        for line in wrap(self.fonts, style, text, w) {
            if line.is_empty() {
                self.y += style.leading() * 0.6;
                continue;
            }
            self.text_line(&line, style, x);
        }
    }

    /// A wrapped paragraph in a column `x`…`x + w` of the page, for cells side by side (the
    /// caller keeps the cells on one page with [`Flow::ensure`]).
    pub fn paragraph_in(&mut self, text: &str, style: Style, x: f32, w: f32) {
        self.paragraph_at(text, style, x, w);
        self.space(style.size * 0.3);
    }

    /// Label/value pairs in two columns.
    pub fn key_values(&mut self, rows: &[(String, Cell, Style)]) {
        let label_w = 128.0;
        let value_w = CONTENT_W - label_w - 6.0;
        for (label, value, style) in rows {
            let lines = wrap(self.fonts, *style, &value.text, value_w);
            let h = lines.len().max(1) as f32 * style.leading().max(LABEL.leading());
            // Keep a row on one page when it fits on a page at all.
            self.ensure(h.min(PAGE_H - TOP - BOTTOM));
            let top = self.y;
            self.put(MARGIN_X, top, LABEL, label, None);
            let mut y = top;
            for line in &lines {
                if y + style.leading() > PAGE_H - BOTTOM {
                    self.new_page();
                    y = self.y;
                }
                self.put(
                    MARGIN_X + label_w + 6.0,
                    y,
                    *style,
                    line,
                    value.link.as_ref(),
                );
                y += style.leading();
            }
            self.y = y.max(top + LABEL.leading()) + 2.0;
        }
        self.space(4.0);
    }

    /// Column x positions and widths for the weights.
    fn columns(cols: &[Column]) -> Vec<(f32, f32)> {
        let total: f32 = cols.iter().map(|c| c.weight).sum::<f32>().max(f32::EPSILON);
        let mut x = MARGIN_X;
        cols.iter()
            .map(|c| {
                let w = CONTENT_W * c.weight / total;
                let at = (x, w);
                x += w;
                at
            })
            .collect()
    }

    fn table_header(&mut self, cols: &[Column], geo: &[(f32, f32)]) {
        let wrapped: Vec<Vec<String>> = cols
            .iter()
            .zip(geo)
            .map(|(c, (_, w))| wrap(self.fonts, LABEL, &c.title, w - 2.0 * CELL_PAD))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32;
        let h = lines * LABEL.leading() + 2.0 * CELL_PAD;
        let y = self.y;
        self.page().items.push(Item::Fill {
            x: MARGIN_X,
            y,
            w: CONTENT_W,
            h,
            shade: 0.88,
        });
        for ((x, _), lines) in geo.iter().zip(&wrapped) {
            for (i, line) in lines.iter().enumerate() {
                let baseline = y + CELL_PAD + LABEL.size + i as f32 * LABEL.leading();
                self.page().items.push(Item::Text {
                    x: x + CELL_PAD,
                    y: baseline,
                    style: LABEL,
                    text: line.clone(),
                });
            }
        }
        self.y += h;
    }

    /// A table; it continues across pages with its header repeated, and a row taller than the
    /// space left is split line by line.
    pub fn table(&mut self, cols: &[Column], rows: &[Row]) {
        let geo = Self::columns(cols);
        let header_h = LABEL.leading() * 2.0 + 2.0 * CELL_PAD;
        self.ensure(header_h + BODY.leading() * 3.0);
        self.table_header(cols, &geo);
        for row in rows {
            // Every line of the row: (x, style, text, link) per visual line index.
            let mut cell_lines: Vec<Vec<PlacedLine>> = Vec::new();
            for ((col, (x, w)), cell) in cols.iter().zip(&geo).zip(&row.cells) {
                let lines = wrap(self.fonts, col.style, &cell.text, w - 2.0 * CELL_PAD);
                cell_lines.push(
                    lines
                        .into_iter()
                        .map(|l| (x + CELL_PAD, col.style, l, cell.link.clone()))
                        .collect(),
                );
            }
            let line_h = cols.iter().map(|c| c.style.leading()).fold(0.0, f32::max);
            let n_lines = cell_lines.iter().map(Vec::len).max().unwrap_or(1);
            let detail_lines: Vec<(Style, String, Option<String>)> = row
                .details
                .iter()
                .flat_map(|(style, cell)| {
                    wrap(self.fonts, *style, &cell.text, CONTENT_W - 2.0 * CELL_PAD)
                        .into_iter()
                        .map(|l| (*style, l, cell.link.clone()))
                        .collect::<Vec<_>>()
                })
                .collect();
            let detail_h: f32 = detail_lines.iter().map(|(s, _, _)| s.leading()).sum();
            let row_h = n_lines as f32 * line_h + detail_h + 2.0 * CELL_PAD;
            if row_h > self.room() && row_h <= PAGE_H - TOP - BOTTOM - header_h {
                self.new_page();
                self.table_header(cols, &geo);
            }
            let mut top = self.y;
            if row.highlight {
                let h = row_h.min(self.room());
                self.page().items.push(Item::Fill {
                    x: MARGIN_X,
                    y: top,
                    w: CONTENT_W,
                    h,
                    shade: 0.93,
                });
            }
            let mut y = top + CELL_PAD;
            for i in 0..n_lines {
                if y + line_h > PAGE_H - BOTTOM {
                    self.new_page();
                    self.table_header(cols, &geo);
                    top = self.y;
                    y = top + CELL_PAD;
                }
                for lines in &cell_lines {
                    if let Some((x, style, text, link)) = lines.get(i) {
                        self.put(*x, y, *style, text, link.as_ref());
                    }
                }
                y += line_h;
            }
            for (style, text, link) in &detail_lines {
                if y + style.leading() > PAGE_H - BOTTOM {
                    self.new_page();
                    self.table_header(cols, &geo);
                    y = self.y + CELL_PAD;
                }
                self.put(MARGIN_X + CELL_PAD, y, *style, text, link.as_ref());
                y += style.leading();
            }
            self.y = y + CELL_PAD;
            let rule_y = self.y;
            self.page().items.push(Item::Line {
                x1: MARGIN_X,
                y1: rule_y,
                x2: MARGIN_X + CONTENT_W,
                y2: rule_y,
                width: 0.3,
            });
        }
        self.space(8.0);
    }

    /// An image of `px_w`×`px_h` pixels fitted into the content width and at most `max_h`
    /// points high, keeping its shape; returns the box it was placed in.
    pub fn image(&mut self, index: usize, px_w: u32, px_h: u32, max_h: f32) -> (f32, f32) {
        let (w, h) = fit(px_w, px_h, CONTENT_W, max_h);
        if h > self.room() {
            self.new_page();
        }
        let x = MARGIN_X + (CONTENT_W - w) / 2.0;
        let y = self.y;
        self.page().items.push(Item::Image { index, x, y, w, h });
        self.y += h + 6.0;
        (w, h)
    }
}

impl Flow<'_> {
    /// An image fitted into `w`×`max_h`, centred in the column at `x`, its top at the current
    /// position (no page break: the caller has made room).
    pub fn image_in(
        &mut self,
        index: usize,
        px: (u32, u32),
        x: f32,
        w: f32,
        max_h: f32,
    ) -> (f32, f32) {
        let (iw, ih) = fit(px.0, px.1, w, max_h);
        let y = self.y;
        self.page().items.push(Item::Image {
            index,
            x: x + (w - iw) / 2.0,
            y,
            w: iw,
            h: ih,
        });
        self.y += ih + 6.0;
        (iw, ih)
    }
}

/// An item moved `dy` points down the page.
pub fn shift(item: Item, dy: f32) -> Item {
    match item {
        Item::Text { x, y, style, text } => Item::Text {
            x,
            y: y + dy,
            style,
            text,
        },
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
        } => Item::Line {
            x1,
            y1: y1 + dy,
            x2,
            y2: y2 + dy,
            width,
        },
        Item::Fill { x, y, w, h, shade } => Item::Fill {
            x,
            y: y + dy,
            w,
            h,
            shade,
        },
        Item::Image { index, x, y, w, h } => Item::Image {
            index,
            x,
            y: y + dy,
            w,
            h,
        },
        Item::Shape {
            points,
            closed,
            fill,
            stroke,
            dashed,
        } => Item::Shape {
            points: points.into_iter().map(|(x, y)| (x, y + dy)).collect(),
            closed,
            fill,
            stroke,
            dashed,
        },
        Item::Link { x, y, w, h, url } => Item::Link {
            x,
            y: y + dy,
            w,
            h,
            url,
        },
    }
}

/// The largest box of the image's shape that fits in `max_w`×`max_h`.
pub fn fit(px_w: u32, px_h: u32, max_w: f32, max_h: f32) -> (f32, f32) {
    let (pw, ph) = (px_w.max(1) as f32, px_h.max(1) as f32);
    let scale = (max_w / pw).min(max_h / ph);
    (pw * scale, ph * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<(f32, f32, &str)> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, text, .. } => Some((*x, *y, text.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn long_words_and_hashes_wrap_inside_the_margin() {
        let fonts = Fonts::load();
        let hash = "a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d";
        let text = format!(
            "Sent to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t with hash {hash} {}",
            "word ".repeat(80)
        );
        for width in [60.0, 120.0, CONTENT_W] {
            for line in wrap(&fonts, MONO, &text, width) {
                assert!(
                    fonts.width(Face::Mono, MONO.size, &line) <= width + 0.01,
                    "{line:?} wider than {width}"
                );
            }
        }
        // Wide enough: the hash is never broken.
        assert!(wrap(&fonts, MONO, &text, CONTENT_W)
            .iter()
            .any(|l| l.contains(hash)));
        let mut flow = Flow::new(&fonts);
        flow.paragraph(&text, MONO);
        for (x, _, line) in texts(&flow.pages[0]) {
            assert!(x + fonts.width(Face::Mono, MONO.size, line) <= PAGE_W - MARGIN_X + 0.01);
        }
        assert_eq!(
            wrap(&fonts, BODY, "one\n\nthree", 200.0),
            vec!["one", "", "three"]
        );
    }

    #[test]
    fn a_table_of_300_rows_paginates_with_the_header_repeated() {
        let fonts = Fonts::load();
        let cols = [
            Column::new("#", 1.0, BODY),
            Column::new("Amount", 2.0, BODY),
            Column::new("Beneficiary", 5.0, BODY),
        ];
        let rows: Vec<Row> = (0..300)
            .map(|i| Row {
                cells: vec![
                    format!("T-{i}").into(),
                    format!("{i}.00 EUR").into(),
                    "Mule Trading Ltd, Hong Kong".into(),
                ],
                details: vec![(MONO, format!("Tx: {:064x}", i).into())],
                highlight: i % 7 == 0,
            })
            .collect();
        let mut flow = Flow::new(&fonts);
        flow.table(&cols, &rows);
        assert!(flow.pages.len() >= 8, "{} pages", flow.pages.len());
        for (n, page) in flow.pages.iter().enumerate() {
            let t = texts(page);
            assert!(
                t.iter().any(|(_, _, s)| *s == "Beneficiary"),
                "page {n} has no header"
            );
            for (_, y, _) in &t {
                assert!(
                    *y <= PAGE_H - BOTTOM + 0.01 && *y >= TOP,
                    "text at {y} outside the page body"
                );
            }
        }
        let all: Vec<String> = flow
            .pages
            .iter()
            .flat_map(|p| texts(p).into_iter().map(|t| t.2.to_string()))
            .collect();
        for i in [0, 150, 299] {
            assert!(all.contains(&format!("T-{i}")));
            assert!(
                all.contains(&format!("Tx: {:064x}", i)),
                "the hash of row {i} is on one line"
            );
        }
    }

    #[test]
    fn images_of_any_shape_fit_the_box() {
        for (w, h) in [
            (1080, 2340),
            (4000, 300),
            (1, 1),
            (300, 4000),
            (2340, 1080),
            (0, 0),
        ] {
            let (bw, bh) = fit(w, h, CONTENT_W, 500.0);
            assert!(
                bw <= CONTENT_W + 0.01 && bh <= 500.01,
                "{w}x{h} -> {bw}x{bh}"
            );
            assert!(
                bw >= CONTENT_W - 0.01 || bh >= 499.99,
                "{w}x{h} uses the box"
            );
            if w > 0 && h > 0 {
                assert!(
                    ((bw / bh) - (w as f32 / h as f32)).abs() < 0.01,
                    "shape kept"
                );
            }
        }
        let fonts = Fonts::load();
        let mut flow = Flow::new(&fonts);
        flow.space(600.0);
        flow.image(0, 1080, 2340, 560.0);
        assert_eq!(
            flow.pages.len(),
            2,
            "an image that does not fit moves to the next page"
        );
    }
}
