//! Drawing laid-out pages with printpdf: subset fonts, evidence images passed through as
//! JPEG (downscaled by us first — printpdf would otherwise shrink big images by nearest
//! neighbour and re-encode them all), running header and footer, outline, link annotations
//! and document metadata.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, Color as PdfColor, DictItem, ExternalStream, ExternalXObject, FontId, Greyscale, Line,
    LineDashPattern, LinePoint, LinkAnnotation, Mm, OffsetDateTime, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem,
    TextRenderingMode, WindingOrder, XObjectTransform,
};

use super::fonts::{subset, Face, Fonts, Slot};
use super::layout::{Color, Item, Page, Style, MARGIN_X, SMALL};

/// A picture ready to embed: baseline JPEG bytes and their size in pixels.
pub struct Jpeg {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// What goes around every page.
pub struct Frame {
    pub header_left: String,
    pub header_right: String,
    pub footer_left: String,
}

/// Document metadata.
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub created_unix: i64,
}

fn color(c: Color) -> PdfColor {
    let rgb = |r: f32, g: f32, b: f32| {
        PdfColor::Rgb(Rgb {
            r,
            g,
            b,
            icc_profile: None,
        })
    };
    match c {
        Color::Black => PdfColor::Greyscale(Greyscale {
            percent: 0.0,
            icc_profile: None,
        }),
        Color::Grey => PdfColor::Greyscale(Greyscale {
            percent: 0.4,
            icc_profile: None,
        }),
        Color::Blue => rgb(0.12, 0.25, 0.47),
        Color::Red => rgb(0.70, 0.15, 0.12),
        Color::Green => rgb(0.12, 0.42, 0.21),
    }
}

/// A point from the top left of a page `page_h` points high, in PDF coordinates.
fn pt_on(page_h: f32, x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(page_h - y_from_top),
    }
}

fn grey(percent: f32) -> PdfColor {
    PdfColor::Greyscale(Greyscale {
        percent,
        icc_profile: None,
    })
}

/// The drawing operations of a shape (see [`Item::Shape`]) on a page `page_h` points high.
fn shape_ops(
    page_h: f32,
    points: &[(f32, f32)],
    closed: bool,
    fill: Option<f32>,
    stroke: Option<f32>,
    dashed: bool,
) -> Vec<Op> {
    let line_points: Vec<LinePoint> = points
        .iter()
        .map(|(x, y)| LinePoint {
            p: pt_on(page_h, *x, *y),
            bezier: false,
        })
        .collect();
    if line_points.len() < 2 {
        return Vec::new();
    }
    let mut ops = Vec::new();
    if let Some(width) = stroke {
        ops.push(Op::SetOutlineColor {
            col: color(Color::Black),
        });
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        if dashed {
            ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[4.0, 2.5]),
            });
        }
    }
    if let Some(shade) = fill {
        ops.push(Op::SetFillColor { col: grey(shade) });
    }
    let mode = match (closed, fill.is_some(), stroke.is_some()) {
        (true, true, true) => Some(PaintMode::FillStroke),
        (true, true, false) => Some(PaintMode::Fill),
        (_, _, true) => Some(PaintMode::Stroke),
        _ => None,
    };
    match mode {
        Some(PaintMode::Stroke) if !closed => ops.push(Op::DrawLine {
            line: Line {
                points: line_points,
                is_closed: false,
            },
        }),
        Some(mode) => ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: line_points,
                }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        }),
        None => {}
    }
    if stroke.is_some() && dashed {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::solid(),
        });
    }
    ops
}

/// The running header and footer of page `n` of `total` on a page `page_w` × `page_h`, as
/// items.
fn frame_items(
    frame: &Frame,
    n: usize,
    total: usize,
    fonts: &Fonts,
    (page_w, page_h): (f32, f32),
) -> Vec<Item> {
    let small = SMALL.color(Color::Grey);
    let right = |text: &str, y: f32| {
        let w = fonts.width(small.face, small.size, text);
        Item::Text {
            x: page_w - MARGIN_X - w,
            y,
            style: small,
            text: text.to_string(),
        }
    };
    let page = format!("Page {n} of {total}");
    vec![
        Item::Text {
            x: MARGIN_X,
            y: 36.0,
            style: small,
            text: frame.header_left.clone(),
        },
        right(&frame.header_right, 36.0),
        Item::Line {
            x1: MARGIN_X,
            y1: 44.0,
            x2: page_w - MARGIN_X,
            y2: 44.0,
            width: 0.4,
        },
        Item::Line {
            x1: MARGIN_X,
            y1: page_h - 44.0,
            x2: page_w - MARGIN_X,
            y2: page_h - 44.0,
            width: 0.4,
        },
        Item::Text {
            x: MARGIN_X,
            y: page_h - 32.0,
            style: small,
            text: frame.footer_left.clone(),
        },
        right(&page, page_h - 32.0),
    ]
}

#[allow(clippy::too_many_arguments)]
fn text_ops(
    page_h: f32,
    fonts: &Fonts,
    ids: &BTreeMap<Slot, FontId>,
    x: f32,
    y: f32,
    style: Style,
    text: &str,
    missing: &mut BTreeSet<char>,
) -> Vec<Op> {
    let mut ops = vec![Op::SetFillColor {
        col: color(style.color),
    }];
    if style.face == Face::Bold {
        ops.push(Op::SetOutlineColor {
            col: color(style.color),
        });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(style.size * 0.035),
        });
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::FillStroke,
        });
    }
    let mut cursor = x;
    for (slot, run) in fonts.runs(style.face, text, missing) {
        let Some(id) = ids.get(&slot) else { continue };
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: Pt(style.size),
        });
        ops.push(Op::SetTextCursor {
            pos: pt_on(page_h, cursor, y),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(run.clone())],
        });
        ops.push(Op::EndTextSection);
        cursor += fonts.width(style.face, style.size, &run);
    }
    if style.face == Face::Bold {
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        });
    }
    ops
}

fn image_stream(jpeg: &Jpeg) -> ExternalXObject {
    let mut dict = BTreeMap::new();
    dict.insert("Type".into(), DictItem::Name(b"XObject".to_vec()));
    dict.insert("Subtype".into(), DictItem::Name(b"Image".to_vec()));
    dict.insert("Width".into(), DictItem::Int(i64::from(jpeg.width)));
    dict.insert("Height".into(), DictItem::Int(i64::from(jpeg.height)));
    dict.insert("ColorSpace".into(), DictItem::Name(b"DeviceRGB".to_vec()));
    dict.insert("BitsPerComponent".into(), DictItem::Int(8));
    dict.insert("Filter".into(), DictItem::Name(b"DCTDecode".to_vec()));
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content: jpeg.bytes.clone(),
            compress: false,
        },
        width: None,
        height: None,
        dpi: None,
    }
}

/// Every character drawn anywhere, per font, for subsetting.
fn chars_used(fonts: &Fonts, pages: &[Vec<Item>]) -> BTreeMap<Slot, BTreeSet<char>> {
    let mut used: BTreeMap<Slot, BTreeSet<char>> = BTreeMap::new();
    let mut ignored = BTreeSet::new();
    for item in pages.iter().flatten() {
        if let Item::Text { style, text, .. } = item {
            for (slot, run) in fonts.runs(style.face, text, &mut ignored) {
                used.entry(slot).or_default().extend(run.chars());
            }
        }
    }
    used
}

/// Draws the pages into a PDF. Returns the bytes and the characters no font could draw.
pub fn render(
    fonts: &Fonts,
    pages: &[Page],
    images: Vec<Jpeg>,
    frame: &Frame,
    meta: &Meta,
) -> (Vec<u8>, BTreeSet<char>) {
    let total = pages.len();
    let all_items: Vec<Vec<Item>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut items = frame_items(frame, i + 1, total, fonts, p.size());
            items.extend(p.items.iter().cloned());
            items
        })
        .collect();
    let mut doc = PdfDocument::new(&meta.title);
    let mut ids = BTreeMap::new();
    for (slot, chars) in chars_used(fonts, &all_items) {
        let file = fonts.file(slot);
        // Subsetting only fails on a damaged font file; then the whole font is embedded.
        let font = subset(file, &chars).unwrap_or_else(|| file.parsed.clone());
        ids.insert(slot, doc.add_font(&font));
    }
    let image_ids: Vec<_> = images
        .iter()
        .map(|j| doc.add_xobject(&image_stream(j)))
        .collect();
    drop(images);
    let mut missing = BTreeSet::new();
    let mut pdf_pages = Vec::with_capacity(total);
    for (items, page) in all_items.iter().zip(pages) {
        let (page_w, page_h) = page.size();
        let pt = |x: f32, y: f32| pt_on(page_h, x, y);
        let mut ops = Vec::new();
        for item in items {
            match item {
                Item::Text { x, y, style, text } => ops.extend(text_ops(
                    page_h,
                    fonts,
                    &ids,
                    *x,
                    *y,
                    *style,
                    text,
                    &mut missing,
                )),
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    ops.push(Op::SetOutlineColor {
                        col: color(Color::Grey),
                    });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: pt(*x1, *y1),
                                    bezier: false,
                                },
                                LinePoint {
                                    p: pt(*x2, *y2),
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Fill { x, y, w, h, shade } => {
                    ops.push(Op::SetFillColor { col: grey(*shade) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(page_h - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(printpdf::PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Image { index, x, y, w, h } => {
                    if let Some(id) = image_ids.get(*index) {
                        ops.push(Op::UseXobject {
                            id: id.clone(),
                            transform: XObjectTransform {
                                translate_x: Some(Pt(*x)),
                                translate_y: Some(Pt(page_h - y - h)),
                                scale_x: Some(*w),
                                scale_y: Some(*h),
                                no_auto_scale: true,
                                ..Default::default()
                            },
                        });
                    }
                }
                Item::Shape {
                    points,
                    closed,
                    fill,
                    stroke,
                    dashed,
                } => ops.extend(shape_ops(page_h, points, *closed, *fill, *stroke, *dashed)),
                Item::Link { x, y, w, h, url } => ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        Rect {
                            x: Pt(*x),
                            y: Pt(page_h - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: None,
                            winding_order: None,
                        },
                        Actions::Uri(url.clone()),
                        Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                }),
            }
        }
        pdf_pages.push(PdfPage::new(
            Mm(page_w * 25.4 / 72.0),
            Mm(page_h * 25.4 / 72.0),
            ops,
        ));
    }
    doc.with_pages(pdf_pages);
    for (i, p) in pages.iter().enumerate() {
        for b in &p.bookmarks {
            doc.add_bookmark(b, i + 1);
        }
    }
    let info = &mut doc.metadata.info;
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "Casefile".into();
    info.producer = "Casefile (printpdf)".into();
    if let Ok(t) = OffsetDateTime::from_unix_timestamp(meta.created_unix) {
        info.creation_date = t;
        info.modification_date = t;
        info.metadata_date = t;
    }
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    (doc.save(&opts, &mut warnings), missing)
}
