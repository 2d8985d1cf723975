//! The money trail: the picture of accounts and transfers (drawn by `dossier::trail`), the
//! accounts, the hops between the victim's own accounts and what they paid for, and the loss
//! computed step by step.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::dossier::layout::{Item, LANDSCAPE_W};
use crate::dossier::trail::{self, DEPOSIT_WORDS, TITLE_H};

pub(super) fn money_trail(flow: &mut Flow<'_>, data: &Data, trail: &MoneyTrail) {
    flow.section(SECTIONS[4]);
    flow.paragraph(
        "How the money moved. Each box is an account; each arrow is the transfers between two accounts, with their dates and amounts. Money moved between two of the victim's own accounts (a hop: bank to the victim's own exchange account, say) is the same money, so it is counted once, when it leaves the victim's control.",
        BODY,
    );
    legend(flow);
    for a in data.accounts.iter().filter(|a| a.is_exchange_deposit) {
        let number = if a.number.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", a.number.trim())
        };
        flow.paragraph(
            &format!("{DEPOSIT_WORDS}: A-{} {}{number}.", a.id, a.name),
            LABEL.color(Color::Green),
        );
    }
    for picture in &trail.pictures {
        pictures(flow, picture);
    }
    accounts(flow, data);
    hops(flow, trail);
    flow.heading("The loss, step by step");
    for (text, style) in loss_steps(data, &trail.loss) {
        flow.paragraph(&text, style);
    }
}

/// How to read the picture, in words (it may be printed in black and white).
fn legend(flow: &mut Flow<'_>) {
    let rows = [
        kv(
            "Victim's own",
            "White box, thin solid border: an account of the victim's (bank account, exchange account, own wallet).",
        ),
        kv(
            "Scammers'",
            "Grey box: an account of the scammers (their wallets, mule accounts).",
        ),
        kv(
            "Not known",
            "Dashed border: whose account it is is not known yet.",
        ),
        kv("Heavy border", DEPOSIT_WORDS),
        kv(
            "Arrows",
            "Thick: money that left the victim's control. Thin: a hop between the victim's own accounts. Dashed: money that came back, or moved between accounts that are not the victim's.",
        ),
    ];
    flow.key_values(&rows);
}

/// One picture, whole on a portrait page, on a sideways page of its own, or in parts.
fn pictures(flow: &mut Flow<'_>, picture: &TrailPicture) {
    let fonts = flow.fonts;
    for part in trail::plan(picture) {
        let title_style = H2;
        let title = |top: f32| Item::Text {
            x: MARGIN_X,
            y: top + title_style.size,
            style: title_style,
            text: part.title.clone(),
        };
        let (box_w, _) = if part.landscape {
            trail::LANDSCAPE_BOX
        } else {
            trail::PORTRAIT_BOX
        };
        let drawn_w = (part.region.x1 - part.region.x0).max(1.0) * part.scale;
        let left = MARGIN_X + ((box_w - drawn_w) / 2.0).max(0.0);
        let drawn_h = (part.region.y1 - part.region.y0).max(1.0) * part.scale;
        if part.landscape {
            let mut items = vec![title(TOP)];
            items.extend(trail::draw(fonts, picture, &part, left, TOP + TITLE_H));
            debug_assert!(left + drawn_w <= LANDSCAPE_W - MARGIN_X + 0.5);
            flow.landscape_page(items, None);
        } else {
            let mut items = vec![title(0.0)];
            items.extend(trail::draw(fonts, picture, &part, left, TITLE_H));
            flow.drawing(TITLE_H + drawn_h + 8.0, items);
        }
    }
}

fn owner_words(owner: AccountOwner) -> &'static str {
    trail::owner_words(owner)
}

fn accounts(flow: &mut Flow<'_>, data: &Data) {
    flow.heading("Accounts the money passed through");
    if data.accounts.is_empty() {
        flow.paragraph(
            "No accounts recorded: the transfers' ends are described in the transfers table only.",
            BODY,
        );
        return;
    }
    let cols = [
        Column::new("#", 0.8, SMALL),
        Column::new("Account", 3.0, SMALL),
        Column::new("Whose", 1.6, SMALL),
        Column::new("Kind", 1.6, SMALL),
        Column::new("Number", 3.6, MONO),
        Column::new("Transfers", 1.2, SMALL),
    ];
    let rows: Vec<Row> = data
        .accounts
        .iter()
        .map(|a| {
            let mut details = Vec::new();
            if a.is_exchange_deposit {
                details.push((SMALL.color(Color::Green), Cell::from(DEPOSIT_WORDS)));
            }
            if !a.notes.trim().is_empty() {
                details.push((SMALL, format!("Notes: {}", a.notes.trim()).into()));
            }
            for w in &a.warnings {
                details.push((SMALL.color(Color::Red), format!("Warning: {w}").into()));
            }
            let name = if a.institution.trim().is_empty() {
                a.name.clone()
            } else {
                format!("{} ({})", a.name, a.institution.trim())
            };
            // (The mono font has no dash: "none" in words.)
            let number = match a.network {
                Some(n) if !a.number.is_empty() => format!("{} ({})", a.number, n.label()),
                _ if a.number.trim().is_empty() => "(none)".to_string(),
                _ => a.number.clone(),
            };
            Row {
                cells: vec![
                    format!("A-{}", a.id).into(),
                    name.into(),
                    owner_words(a.owner).into(),
                    a.kind.label().into(),
                    number.into(),
                    a.transfers.to_string().into(),
                ],
                details,
                highlight: a.is_exchange_deposit,
            }
        })
        .collect();
    flow.table(&cols, &rows);
}

fn hops(flow: &mut Flow<'_>, trail: &MoneyTrail) {
    flow.heading("Hops between the victim's own accounts");
    if trail.hops.is_empty() {
        flow.paragraph(
            "None: no transfer recorded went between two of the victim's own accounts.",
            BODY,
        );
        return;
    }
    flow.paragraph(
        "A hop moves money between two of the victim's own accounts: it is not a loss. “Paid for” names the transfers made with that money.",
        BODY,
    );
    let cols = [
        Column::new("Transfer", 1.2, SMALL),
        Column::new("Date", 2.2, SMALL),
        Column::new("Amount", 2.2, SMALL),
        Column::new("From → to", 4.0, SMALL),
        Column::new("Paid for", 2.2, SMALL),
    ];
    let rows: Vec<Row> = trail
        .hops
        .iter()
        .map(|h| {
            let when = if h.date_only {
                h.occurred.chars().take(10).collect()
            } else {
                h.occurred.replace('T', " ")
            };
            Row {
                cells: vec![
                    format!("T-{}", h.transfer_id).into(),
                    when.into(),
                    format!("{} {}", money(&h.amount), h.currency).into(),
                    format!("{} → {}", h.from_account, h.to_account).into(),
                    if h.funded.is_empty() {
                        "—".to_string().into()
                    } else {
                        format!("paid for {}", transfer_refs(&h.funded)).into()
                    },
                ],
                ..Default::default()
            }
        })
        .collect();
    flow.table(&cols, &rows);
}

/// Transfers that moved money (failed and reversed ones did not), as the loss summary counts.
fn moved(t: &Transfer) -> bool {
    !matches!(t.status, TransferStatus::Failed | TransferStatus::Reversed)
}

/// "T-1 2,500.00 + T-3 1,000.00 = 3,500.00 GBP", or "nothing".
fn sum_line(items: &[&Transfer], total: &str, currency: &str) -> String {
    if items.is_empty() {
        return "nothing".into();
    }
    let terms: Vec<String> = items
        .iter()
        .map(|t| format!("T-{} {}", t.id, money(&t.amount)))
        .collect();
    format!("{} = {} {currency}", terms.join(" + "), money(total))
}

/// The loss computation, every step in words: per currency what left the victim's control,
/// minus what came back, minus what was recovered; the total in the case's currency only when
/// every rate is known; and what was left out, and why.
pub(super) fn loss_steps(data: &Data, s: &LossSummary) -> Vec<(String, Style)> {
    let bold = Style::new(crate::dossier::fonts::Face::Bold, BODY.size);
    let mut out = Vec::new();
    let counted = |t: &&Transfer| moved(t) && Decimal::from_str(&t.amount).is_ok();
    for c in &s.per_currency {
        let name = currency_name(&c.currency, c.network);
        let of = |role: TransferRole| -> Vec<&Transfer> {
            data.transfers
                .iter()
                .filter(counted)
                .filter(|t| t.role == role && t.currency == c.currency && t.network == c.network)
                .collect()
        };
        out.push((name.clone(), LABEL));
        out.push((
            format!(
                "Paid out to accounts not the victim's: {}",
                sum_line(&of(TransferRole::Loss), &c.paid_out, &name)
            ),
            BODY,
        ));
        out.push((
            format!(
                "minus received back: {}",
                sum_line(&of(TransferRole::Received), &c.received, &name)
            ),
            BODY,
        ));
        out.push((
            format!(
                "minus recovered: {}",
                sum_line(&of(TransferRole::Recovered), &c.recovered, &name)
            ),
            BODY,
        ));
        out.push((format!("= net loss: {} {name}", money(&c.net_loss)), bold));
    }
    if s.per_currency.is_empty() {
        out.push((
            "No money left the victim's control in the transfers recorded.".into(),
            BODY,
        ));
    } else if s.missing_rates.is_empty() {
        let reporting = &s.reporting_currency;
        let converted: Vec<String> = data
            .transfers
            .iter()
            .filter(counted)
            .filter(|t| {
                matches!(
                    t.role,
                    TransferRole::Loss | TransferRole::Received | TransferRole::Recovered
                ) && &t.currency != reporting
            })
            .map(|t| {
                let rate = t.exchange_rate.as_deref().unwrap_or("");
                let value = Decimal::from_str(&t.amount)
                    .ok()
                    .zip(Decimal::from_str(rate).ok())
                    .and_then(|(a, r)| a.checked_mul(r))
                    .map_or_else(
                        || "too large to compute exactly".to_string(),
                        |v| money(&v.to_string()),
                    );
                format!(
                    "T-{} {} {} × {rate} = {value} {reporting}",
                    t.id,
                    money(&t.amount),
                    currency_name(&t.currency, t.network)
                )
            })
            .collect();
        if !converted.is_empty() {
            out.push((
                format!(
                    "Converted to {reporting} at the rate recorded with each transfer: {}.",
                    converted.join("; ")
                ),
                BODY,
            ));
        }
        let r = &s.in_reporting_currency;
        out.push((
            format!(
                "In {reporting}: paid out {} − received back {} − recovered {} = net loss {} {reporting} (rounded to the cent).",
                money(&r.paid_out),
                money(&r.received),
                money(&r.recovered),
                money(&r.net_loss)
            ),
            bold,
        ));
    } else {
        out.push((
            format!(
                "No total in {}: {}. The losses above are per currency; add the exchange rate to these transfers to see one total.",
                s.reporting_currency,
                missing_rates_text(s)
            ),
            bold,
        ));
    }
    let left_out: Vec<String> = data
        .transfers
        .iter()
        .filter_map(|t| {
            let why = if !moved(t) {
                format!("{} — no money moved", t.status.label().to_lowercase())
            } else {
                match t.role {
                    TransferRole::Hop => "a hop between the victim's own accounts (the same money is counted once, when it leaves them)".to_string(),
                    TransferRole::Traced => "traced between accounts that are not the victim's (counted when it left the victim)".to_string(),
                    TransferRole::Unplaced => "came into the victim's own account from an account not chosen yet (a hop from their other account, or money paid back: not guessed)".to_string(),
                    _ if Decimal::from_str(&t.amount).is_err() => "its amount is not a number".to_string(),
                    _ => return None,
                }
            };
            Some(format!(
                "T-{} {} {}, {} → {}: {why}.",
                t.id,
                money(&t.amount),
                currency_name(&t.currency, t.network),
                data.account_name(t.from_account_id),
                data.account_name(t.to_account_id),
            ))
        })
        .collect();
    if !left_out.is_empty() {
        out.push(("Left out of the loss, and why".into(), LABEL));
        out.extend(left_out.into_iter().map(|l| (l, BODY)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::layout::{LANDSCAPE_H, PAGE_W};
    use crate::dossier::trail::sample_picture;

    /// A small, a wide and a huge picture through the flow and printpdf: portrait in the
    /// flow, a sideways page, parts on sideways pages; the PDF is written for a look.
    #[test]
    fn pictures_go_on_portrait_sideways_or_split_pages_and_render() {
        let fonts = Fonts::load();
        let mut flow = Flow::new(&fonts);
        flow.paragraph("Before", BODY);
        pictures(&mut flow, &sample_picture(2, 3));
        let portrait = flow.pages.len();
        pictures(&mut flow, &sample_picture(3, 3));
        pictures(&mut flow, &sample_picture(9, 3));
        flow.paragraph("After", BODY);
        let pages = &flow.pages;
        assert_eq!(portrait, 1, "the small picture stays on the first page");
        let sideways: Vec<bool> = pages.iter().map(|p| p.landscape).collect();
        assert!(!sideways[0]);
        assert!(sideways[1], "the 800 pt wide picture goes sideways");
        let parts = sideways.iter().filter(|l| **l).count() - 1;
        assert!(parts >= 2, "the huge picture is split: {sideways:?}");
        assert!(
            !sideways[sideways.len() - 1],
            "what follows is portrait again"
        );
        for (n, page) in pages.iter().enumerate() {
            let (w, h) = page.size();
            assert_eq!(
                (w, h),
                if page.landscape {
                    (LANDSCAPE_W, LANDSCAPE_H)
                } else {
                    (PAGE_W, PAGE_H)
                }
            );
            for item in &page.items {
                if let Item::Shape { points, .. } = item {
                    for (x, y) in points {
                        assert!(
                            *x >= MARGIN_X - 0.01
                                && *x <= w - MARGIN_X + 0.01
                                && *y >= TOP - 0.01
                                && *y <= h - BOTTOM + 0.01,
                            "page {n}: ({x}, {y}) off the page"
                        );
                    }
                }
            }
        }
        let texts: Vec<&str> = pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            texts.contains(&"The whole trail — part 1 of 3")
                || texts
                    .iter()
                    .any(|t| t.starts_with("The whole trail — part 1 of "))
        );
        let (pdf, missing) = crate::dossier::render::render(
            &fonts,
            pages,
            Vec::new(),
            &Frame {
                header_left: "Money trail test".into(),
                header_right: "Casefile".into(),
                footer_left: "Generated by a test".into(),
            },
            &Meta {
                title: "Money trail pictures".into(),
                author: "test".into(),
                subject: "test".into(),
                created_unix: 0,
            },
        );
        assert!(missing.is_empty(), "{missing:?}");
        assert!(pdf.starts_with(b"%PDF-"));
        let dir =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-artifacts");
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join("money-trail-pictures.pdf"), &pdf);
        }
    }
}
