//! The money-trail picture drawn as vector graphics: accounts as boxes, transfers as arrows.
//!
//! Whose an account is shows in the box's fill and border *and* in words, because dossiers
//! are printed in black and white: the victim's own accounts are white with a thin solid
//! border ("Victim's own"), the scammers' are grey ("Scammers'"), accounts not known yet have
//! a dashed border ("Not known"); an exchange deposit address has a heavy border and says so.
//!
//! **Page fit.** The picture comes laid out in points (label text 11 pt, details 9 pt). It is
//! scaled down (never up) to the portrait page's content box; when that would print its 9 pt
//! text smaller than 6 pt ([`MIN_SCALE`]), it gets a page of its own turned sideways; when even
//! that is too small, it is split into parts on sideways pages, cut only in the gaps between
//! boxes and arrow labels (so every box and label is drawn whole, once), arrows cut at a part's
//! edge continuing in the next part. Nothing is ever drawn outside the page's content box; only
//! a single box or label wider than a whole sideways page (no layout makes one) would be
//! printed smaller than 6 pt.

use super::fonts::{Face, Fonts};
use super::layout::{
    Item, Style, BOTTOM, CONTENT_W, LANDSCAPE_H, LANDSCAPE_W, MARGIN_X, PAGE_H, TOP,
};
use crate::model::{AccountOwner, TrailNode, TrailPicture, TransferRole};

/// The size of an account's name as the picture is laid out.
pub const LABEL_PT: f32 = 11.0;
/// The size of an account's details and of arrow labels as the picture is laid out.
pub const DETAIL_PT: f32 = 9.0;
/// The smallest text printed in a picture.
pub const MIN_TEXT_PT: f32 = 6.0;
/// The smallest scale that keeps the picture's text readable.
pub const MIN_SCALE: f32 = MIN_TEXT_PT / DETAIL_PT;
/// Room above each picture (or part) for its title.
pub const TITLE_H: f32 = 22.0;

/// The words inside a box saying whose the account is (the layout's, so every picture says it
/// the same way).
pub use crate::money::text::owner_words;

/// The words under a picture for an exchange deposit address.
pub const DEPOSIT_WORDS: &str = "Exchange deposit address — the exchange may freeze funds here";

/// A rectangle of the picture, in its own points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Region {
    fn w(&self) -> f32 {
        (self.x1 - self.x0).max(1.0)
    }
    fn h(&self) -> f32 {
        (self.y1 - self.y0).max(1.0)
    }
    fn holds(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}

/// One printed piece of a picture: the whole picture, or one part of a split one.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// "The whole trail" or "March 2026 — part 2 of 4".
    pub title: String,
    pub region: Region,
    pub scale: f32,
    /// On a page of its own turned sideways.
    pub landscape: bool,
}

/// Room for a picture on a portrait page (below its title).
pub const PORTRAIT_BOX: (f32, f32) = (CONTENT_W, PAGE_H - TOP - BOTTOM - TITLE_H);
/// Room for a picture on a sideways page (below its title).
pub const LANDSCAPE_BOX: (f32, f32) = (
    LANDSCAPE_W - 2.0 * MARGIN_X,
    LANDSCAPE_H - TOP - BOTTOM - TITLE_H,
);

/// Everything the picture draws, with room for what the layout put outside its own size.
pub fn bounds(p: &TrailPicture) -> Region {
    let mut r = Region {
        x0: 0.0,
        y0: 0.0,
        x1: p.width.max(1.0) as f32,
        y1: p.height.max(1.0) as f32,
    };
    let mut take = |x: f64, y: f64| {
        let (x, y) = (x as f32, y as f32);
        if x.is_finite() && y.is_finite() {
            r.x0 = r.x0.min(x);
            r.y0 = r.y0.min(y);
            r.x1 = r.x1.max(x);
            r.y1 = r.y1.max(y);
        }
    };
    for n in &p.nodes {
        take(n.x, n.y);
        take(n.x + n.width, n.y + n.height);
    }
    for e in &p.edges {
        take(e.label_x, e.label_y);
        take(e.label_x + e.label_width, e.label_y + e.label_height);
        for [x, y] in &e.points {
            take(*x, *y);
        }
    }
    r
}

/// How a picture is printed: see the module's page-fit rule.
pub fn plan(p: &TrailPicture) -> Vec<Part> {
    let b = bounds(p);
    let fits = |(w, h): (f32, f32)| (w / b.w()).min(h / b.h()).min(1.0);
    let portrait = fits(PORTRAIT_BOX);
    if portrait >= MIN_SCALE {
        return vec![Part {
            title: p.title.clone(),
            region: b,
            scale: portrait,
            landscape: false,
        }];
    }
    let sideways = fits(LANDSCAPE_BOX);
    if sideways >= MIN_SCALE {
        return vec![Part {
            title: p.title.clone(),
            region: b,
            scale: sideways,
            landscape: true,
        }];
    }
    let (bw, bh) = LANDSCAPE_BOX;
    // As large as the height allows, never below the readable size.
    let scale = (bh / b.h()).clamp(MIN_SCALE, 1.0);
    let (xs, ys) = blocks(p);
    let columns = cuts(xs, b.x0, b.x1, bw / scale);
    let rows = cuts(ys, b.y0, b.y1, bh / scale);
    let mut regions = Vec::new();
    for &(y0, y1) in &rows {
        for &(x0, x1) in &columns {
            let r = Region { x0, y0, x1, y1 };
            if holds_anything(p, &r) {
                regions.push(r);
            }
        }
    }
    let n = regions.len();
    regions
        .into_iter()
        .enumerate()
        .map(|(i, r)| Part {
            title: format!("{} — part {} of {n}", p.title, i + 1),
            region: r,
            scale: scale.min(bw / r.w()).min(bh / r.h()),
            landscape: true,
        })
        .collect()
}

/// Spans along one axis: (start, end).
type Spans = Vec<(f32, f32)>;

/// The x and y extents of everything that must not be cut: boxes and arrow labels.
fn blocks(p: &TrailPicture) -> (Spans, Spans) {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for n in &p.nodes {
        xs.push((n.x as f32, (n.x + n.width) as f32));
        ys.push((n.y as f32, (n.y + n.height) as f32));
    }
    for e in &p.edges {
        xs.push((e.label_x as f32, (e.label_x + e.label_width) as f32));
        ys.push((e.label_y as f32, (e.label_y + e.label_height) as f32));
    }
    (xs, ys)
}

/// Splits `start`…`end` into spans of at most `max` (where it can), cutting only in the gaps
/// between `blocks`.
pub fn cuts(mut blocks: Vec<(f32, f32)>, start: f32, end: f32, max: f32) -> Spans {
    blocks.retain(|(a, b)| a.is_finite() && b.is_finite());
    blocks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut spans = Vec::new();
    let mut from = start;
    let mut reach = start;
    let mut any = false;
    for (a, b) in blocks {
        if any && a > reach && b - from > max {
            let cut = (reach + a) / 2.0;
            spans.push((from, cut));
            from = cut;
        }
        reach = reach.max(b);
        any = true;
    }
    spans.push((from, end.max(reach)));
    spans
}

fn holds_anything(p: &TrailPicture, r: &Region) -> bool {
    p.nodes
        .iter()
        .any(|n| r.holds((n.x + n.width / 2.0) as f32, (n.y + n.height / 2.0) as f32))
        || p.edges.iter().any(|e| {
            r.holds(
                (e.label_x + e.label_width / 2.0) as f32,
                (e.label_y + e.label_height / 2.0) as f32,
            ) || e
                .points
                .windows(2)
                .any(|w| clip(pt(w[0]), pt(w[1]), r).is_some())
        })
}

fn pt(p: [f64; 2]) -> (f32, f32) {
    (p[0] as f32, p[1] as f32)
}

/// The piece of the segment a–b inside `r` (Liang–Barsky), if any.
fn clip(a: (f32, f32), b: (f32, f32), r: &Region) -> Option<((f32, f32), (f32, f32))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    let at = |t: f32| {
        if t <= 0.0 {
            a
        } else if t >= 1.0 {
            b
        } else {
            (a.0 + t * dx, a.1 + t * dy)
        }
    };
    (t0 <= t1).then(|| (at(t0), at(t1)))
}

/// `text` at `size`, made smaller to fit `max_w` (never below [`MIN_TEXT_PT`]), and only then
/// cut (ending in "…"): an amount is shrunk rather than cut.
fn fit_line(fonts: &Fonts, face: Face, size: f32, text: &str, max_w: f32) -> (String, f32) {
    let w = fonts.width(face, size, text);
    if w <= max_w {
        return (text.to_string(), size);
    }
    let smaller = (size * max_w / w).max(MIN_TEXT_PT.min(size));
    (fit_text(fonts, face, smaller, text, max_w), smaller)
}

/// `text` cut to fit `max_w` (ending in "…" when cut).
fn fit_text(fonts: &Fonts, face: Face, size: f32, text: &str, max_w: f32) -> String {
    if fonts.width(face, size, text) <= max_w {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut next = out.clone();
        next.push(c);
        next.push('…');
        if fonts.width(face, size, &next) > max_w {
            break;
        }
        out.push(c);
    }
    if out.is_empty() {
        return String::new();
    }
    out.push('…');
    out
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Vec<(f32, f32)> {
    vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
}

/// The items of one part of a picture, the part's top left corner at (`left`, `top`) on the
/// page. Boxes and labels whose centre is in the part are drawn whole; arrows are cut at the
/// part's edges.
pub fn draw(fonts: &Fonts, p: &TrailPicture, part: &Part, left: f32, top: f32) -> Vec<Item> {
    let r = part.region;
    let s = part.scale;
    let at = |x: f32, y: f32| (left + (x - r.x0) * s, top + (y - r.y0) * s);
    let mut items = Vec::new();
    // Arrows first, so boxes and labels sit on top of them.
    for e in &p.edges {
        let (width, dashed) = match e.role {
            TransferRole::Loss => (1.4, false),
            TransferRole::Hop => (0.8, false),
            TransferRole::Received | TransferRole::Recovered => (0.8, true),
            TransferRole::Traced | TransferRole::Unplaced => (0.6, true),
        };
        let points: Vec<(f32, f32)> = e.points.iter().map(|q| pt(*q)).collect();
        let Some(&end) = points.last() else { continue };
        let head = points.len() >= 2 && r.holds(end.0, end.1);
        let mut pieces: Vec<Vec<(f32, f32)>> = Vec::new();
        for w in points.windows(2) {
            let Some((a, b)) = clip(w[0], w[1], &r) else {
                continue;
            };
            match pieces.last_mut() {
                Some(piece) if piece.last() == Some(&a) => piece.push(b),
                _ => pieces.push(vec![a, b]),
            }
        }
        let head_len: f32 = 7.0;
        let mut tip = None;
        if head {
            if let Some(piece) = pieces.last_mut() {
                let n = piece.len();
                let (a, b) = (at(piece[n - 2].0, piece[n - 2].1), at(end.0, end.1));
                let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                let len = (dx * dx + dy * dy).sqrt();
                if len > f32::EPSILON {
                    let (ux, uy) = (dx / len, dy / len);
                    let back = head_len.min(len);
                    let base = (b.0 - ux * back, b.1 - uy * back);
                    tip = Some(vec![
                        b,
                        (base.0 - uy * 3.2, base.1 + ux * 3.2),
                        (base.0 + uy * 3.2, base.1 - ux * 3.2),
                    ]);
                    // The line stops at the head's base, so it does not poke through the tip.
                    let base_pic = (r.x0 + (base.0 - left) / s, r.y0 + (base.1 - top) / s);
                    piece[n - 1] = base_pic;
                }
            }
        }
        for piece in pieces {
            items.push(Item::Shape {
                points: piece.into_iter().map(|(x, y)| at(x, y)).collect(),
                closed: false,
                fill: None,
                stroke: Some(width),
                dashed,
            });
        }
        if let Some(tip) = tip {
            items.push(Item::Shape {
                points: tip,
                closed: true,
                fill: Some(0.0),
                stroke: None,
                dashed: false,
            });
        }
    }
    for e in &p.edges {
        let (cx, cy) = (
            (e.label_x + e.label_width / 2.0) as f32,
            (e.label_y + e.label_height / 2.0) as f32,
        );
        if !r.holds(cx, cy) || e.lines.is_empty() {
            continue;
        }
        let (x, y) = at(e.label_x as f32, e.label_y as f32);
        let (w, h) = (e.label_width as f32 * s, e.label_height as f32 * s);
        items.push(Item::Shape {
            points: rect(x, y, w, h),
            closed: true,
            fill: Some(1.0),
            stroke: None,
            dashed: false,
        });
        let size = DETAIL_PT * s;
        let style = Style::new(Face::Sans, size);
        let lead = size * 1.2;
        let shown = ((h / lead).floor() as usize).clamp(1, e.lines.len());
        let first = y + (h - shown as f32 * lead).max(0.0) / 2.0;
        for (i, line) in e.lines.iter().take(shown).enumerate() {
            let (text, size) = fit_line(fonts, Face::Sans, size, line, w);
            let tw = fonts.width(Face::Sans, size, &text);
            items.push(Item::Text {
                x: x + (w - tw).max(0.0) / 2.0,
                y: first + i as f32 * lead + size,
                style: Style { size, ..style },
                text,
            });
        }
    }
    for n in &p.nodes {
        let (cx, cy) = ((n.x + n.width / 2.0) as f32, (n.y + n.height / 2.0) as f32);
        if r.holds(cx, cy) {
            node(fonts, n, at(n.x as f32, n.y as f32), s, &mut items);
        }
    }
    items
}

/// One account's box: fill and border by owner, heavy border for an exchange deposit address,
/// and its lines of text (whose it is, its name, its details) fitted inside.
fn node(fonts: &Fonts, n: &TrailNode, (x, y): (f32, f32), s: f32, items: &mut Vec<Item>) {
    let (w, h) = (n.width as f32 * s, n.height as f32 * s);
    let (fill, mut border, dashed) = match n.owner {
        AccountOwner::Victim => (1.0, 0.9, false),
        AccountOwner::Scammer => (0.8, 1.2, false),
        AccountOwner::Unknown => (0.95, 1.0, true),
    };
    if n.exchange_deposit {
        border = 3.0;
    }
    // The outline is drawn inside the box, so a heavy border stays within it.
    let inset = border / 2.0;
    items.push(Item::Shape {
        points: rect(x + inset, y + inset, w - border, h - border),
        closed: true,
        fill: Some(fill),
        stroke: Some(border),
        dashed: dashed && !n.exchange_deposit,
    });
    let owner = if n.whose.is_empty() {
        crate::money::text::whose(n.owner, n.exchange_deposit)
    } else {
        n.whose.clone()
    };
    let pad = border + 2.0 * s;
    let inner_w = (w - 2.0 * pad).max(1.0);
    let inner_h = (h - 2.0 * pad).max(1.0);
    let mut lines: Vec<(Face, f32, &str)> = vec![
        (Face::Sans, DETAIL_PT, owner.as_str()),
        (Face::Bold, LABEL_PT, n.label.as_str()),
    ];
    if !n.detail.trim().is_empty() {
        lines.push((Face::Sans, DETAIL_PT, n.detail.as_str()));
    }
    // Shrink the text to the box (never below the readable size), then drop the details line,
    // then the name: whose account it is always stays.
    let mut k = s;
    loop {
        let need: f32 = lines.iter().map(|(_, size, _)| size * k * 1.2).sum();
        if need <= inner_h {
            break;
        }
        let smallest = DETAIL_PT * k * inner_h / need;
        if smallest >= MIN_TEXT_PT || lines.len() == 1 {
            k = k * inner_h / need;
            break;
        }
        lines.pop();
    }
    let need: f32 = lines.iter().map(|(_, size, _)| size * k * 1.2).sum();
    let mut line_top = y + pad + (inner_h - need).max(0.0) / 2.0;
    for (face, size, text) in lines {
        let line_h = size * k * 1.2;
        let (text, size) = fit_line(fonts, face, size * k, text, inner_w);
        let tw = fonts.width(face, size, &text);
        items.push(Item::Text {
            x: x + (w - tw).max(0.0) / 2.0,
            y: line_top + size * 1.05,
            style: Style::new(face, size),
            text,
        });
        line_top += line_h;
    }
}

/// A layered picture laid out as the helper does: `layers` columns of `rows` boxes 160×48,
/// arrows from each box to one in the next column with a two-line label between.
#[cfg(test)]
pub(crate) fn sample_picture(layers: u32, rows: u32) -> TrailPicture {
    use crate::model::{AccountKind, Direction, TrailEdge};
    {
        let (bw, bh, gap_x, gap_y) = (160.0, 48.0, 150.0, 40.0);
        let mut nodes = Vec::new();
        for l in 0..layers {
            for r in 0..rows {
                let owner = match l {
                    0 => AccountOwner::Victim,
                    _ if r % 3 == 2 => AccountOwner::Unknown,
                    _ => AccountOwner::Scammer,
                };
                nodes.push(TrailNode {
                    account_id: Some((l * rows + r) as i32 + 1),
                    whose: crate::money::text::whose(owner, l == 1 && r == 0),
                    label: format!("Account {l}-{r}"),
                    detail: "Barclays · GB29 NWBK … 2681 9".into(),
                    owner,
                    kind: AccountKind::Bank,
                    exchange_deposit: l == 1 && r == 0,
                    layer: l,
                    x: 10.0 + f64::from(l) * (bw + gap_x),
                    y: 10.0 + f64::from(r) * (bh + gap_y),
                    width: bw,
                    height: bh,
                });
            }
        }
        let mut edges = Vec::new();
        for l in 0..layers.saturating_sub(1) {
            for r in 0..rows {
                let from = l * rows + r;
                let to = (l + 1) * rows + (r + 1) % rows;
                let (a, b) = (&nodes[from as usize], &nodes[to as usize]);
                let start = [a.x + a.width, a.y + a.height / 2.0];
                let end = [b.x, b.y + b.height / 2.0];
                let mid = [(start[0] + end[0]) / 2.0, (start[1] + end[1]) / 2.0];
                edges.push(TrailEdge {
                    from,
                    to,
                    transfer_ids: vec![from as i32 + 100],
                    role: if l == 0 {
                        TransferRole::Hop
                    } else {
                        TransferRole::Loss
                    },
                    direction: Direction::Out,
                    lines: vec![
                        "14 Mar 2026 · 2,500.00 GBP".into(),
                        "15 Mar 2026 · 1,000.00 GBP".into(),
                    ],
                    points: vec![start, [mid[0], start[1]], [mid[0], end[1]], end],
                    label_x: mid[0] - 66.0,
                    label_y: mid[1] - 13.0,
                    label_width: 132.0,
                    label_height: 26.0,
                });
            }
        }
        let width = 20.0 + f64::from(layers) * (bw + gap_x) - gap_x;
        let height = 20.0 + f64::from(rows) * (bh + gap_y) - gap_y;
        TrailPicture {
            title: "The whole trail".into(),
            width,
            height,
            nodes,
            edges,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::layout::{LANDSCAPE_H, LANDSCAPE_W, PAGE_W};

    fn picture(layers: u32, rows: u32) -> TrailPicture {
        sample_picture(layers, rows)
    }

    /// Draws every part as the dossier does and checks everything stays inside the page's
    /// content box, whatever the picture's size.
    #[test]
    fn a_trail_drawing_stays_inside_the_page_box() {
        let fonts = Fonts::load();
        for (layers, rows, want_parts, want_landscape) in [
            (2, 2, 1, false), // 490 wide: portrait, full size
            (3, 3, 1, true),  // 800 wide: 0.62 on a portrait page, so sideways at 0.93
            (4, 2, 1, true),  // 1110 wide: sideways at 0.67
            (9, 3, 0, true),  // 2660 wide: split into columns
            (2, 16, 0, true), // 1388 high: split into rows
        ] {
            let p = picture(layers, rows);
            let parts = plan(&p);
            if want_parts > 0 {
                assert_eq!(parts.len(), want_parts, "{layers}×{rows}");
                assert_eq!(parts[0].landscape, want_landscape, "{layers}×{rows}");
            } else {
                assert!(parts.len() >= 2, "{layers}×{rows} is split: {parts:?}");
            }
            let mut labels_seen = Vec::new();
            for part in &parts {
                assert!(
                    part.scale >= MIN_SCALE - 1e-4 && part.scale <= 1.0,
                    "{part:?}"
                );
                let (page_w, page_h) = if part.landscape {
                    (LANDSCAPE_W, LANDSCAPE_H)
                } else {
                    (PAGE_W, PAGE_H)
                };
                let top = TOP + TITLE_H;
                let items = draw(&fonts, &p, part, MARGIN_X, top);
                let (x_min, x_max) = (MARGIN_X - 0.01, page_w - MARGIN_X + 0.01);
                let (y_min, y_max) = (TOP - 0.01, page_h - BOTTOM + 0.01);
                for item in &items {
                    match item {
                        Item::Text { x, y, style, text } => {
                            let w = fonts.width(style.face, style.size, text);
                            assert!(
                                *x >= x_min && x + w <= x_max,
                                "{text:?} at x {x}…{} off the page",
                                x + w
                            );
                            assert!(
                                y - style.size >= y_min && *y <= y_max,
                                "{text:?} at y {y} off the page"
                            );
                            assert!(style.size >= MIN_TEXT_PT - 1e-3, "{text:?} {style:?}");
                            if text.starts_with("Account ") {
                                labels_seen.push(text.clone());
                            }
                        }
                        Item::Shape { points, .. } => {
                            for (x, y) in points {
                                assert!(
                                    (x_min..=x_max).contains(x) && (y_min..=y_max).contains(y),
                                    "shape point ({x}, {y}) off the page ({layers}×{rows})"
                                );
                            }
                        }
                        other => panic!("unexpected {other:?}"),
                    }
                }
            }
            labels_seen.sort();
            let mut want: Vec<String> = p.nodes.iter().map(|n| n.label.clone()).collect();
            want.sort();
            assert_eq!(labels_seen, want, "every box drawn once ({layers}×{rows})");
        }
    }

    #[test]
    fn boxes_say_whose_they_are_and_deposit_addresses_have_a_heavy_border() {
        let fonts = Fonts::load();
        let p = picture(2, 3);
        let parts = plan(&p);
        assert_eq!(parts.len(), 1);
        assert_eq!(
            parts[0].scale, 1.0,
            "a small picture is printed at its size"
        );
        let items = draw(&fonts, &p, &parts[0], MARGIN_X, TOP);
        let texts: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for want in [
            "Victim's own",
            "Scammers' · exchange deposit",
            "Not known",
            "Account 0-0",
            "Account 1-2",
            "Barclays · GB29 NWBK … 2681 9",
            "14 Mar 2026 · 2,500.00 GBP",
        ] {
            assert!(texts.contains(&want), "{want:?} missing from {texts:?}");
        }
        let borders: Vec<(Option<f32>, Option<f32>, bool)> = items
            .iter()
            .filter_map(|i| match i {
                Item::Shape {
                    closed: true,
                    fill,
                    stroke: Some(w),
                    dashed,
                    ..
                } => Some((*fill, Some(*w), *dashed)),
                _ => None,
            })
            .collect();
        // Victim's own: white, thin solid; the deposit address: heavy; not known: dashed.
        assert!(borders.contains(&(Some(1.0), Some(0.9), false)));
        assert!(borders.contains(&(Some(0.8), Some(3.0), false)));
        assert!(borders.contains(&(Some(0.95), Some(1.0), true)));
        // Every arrow that ends in the part has a filled head.
        let heads = items
            .iter()
            .filter(|i| {
                matches!(
                    i,
                    Item::Shape {
                        closed: true,
                        fill: Some(f),
                        stroke: None,
                        ..
                    } if *f == 0.0
                )
            })
            .count();
        assert_eq!(heads, p.edges.len());
    }

    #[test]
    fn cuts_fall_in_the_gaps_between_boxes() {
        let blocks = vec![(0.0, 100.0), (150.0, 250.0), (300.0, 400.0), (420.0, 500.0)];
        assert_eq!(
            cuts(blocks.clone(), 0.0, 500.0, 260.0),
            vec![(0.0, 275.0), (275.0, 500.0)]
        );
        assert_eq!(
            cuts(blocks.clone(), 0.0, 500.0, 200.0),
            vec![(0.0, 125.0), (125.0, 275.0), (275.0, 410.0), (410.0, 500.0)]
        );
        assert_eq!(cuts(blocks, 0.0, 500.0, 1000.0), vec![(0.0, 500.0)]);
        // One block wider than a part: kept whole.
        assert_eq!(
            cuts(vec![(0.0, 900.0)], 0.0, 900.0, 300.0),
            vec![(0.0, 900.0)]
        );
    }
}
