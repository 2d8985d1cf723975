//! The one-page summary: losses, time span, counts, platforms and the main identifiers.

use super::*;

pub(super) fn summary(flow: &mut Flow<'_>, data: &Data) {
    let s = &data.summary;
    flow.section(SECTIONS[0]);
    flow.paragraph(
        &loss_headline(s),
        Style::new(crate::dossier::fonts::Face::Bold, 11.0),
    );
    if !s.missing_rates.is_empty() {
        flow.paragraph(
            &format!(
                "No total in {}: {}. Add the exchange rate to these transfers to see one total.",
                s.reporting_currency,
                missing_rates_text(s)
            ),
            BODY,
        );
    }
    let mut left_out = Vec::new();
    if s.hops > 0 {
        left_out.push(format!(
            "{} hop(s) between the victim's own accounts (the same money, counted once when it left them)",
            s.hops
        ));
    }
    if s.traced > 0 {
        left_out.push(format!(
            "{} transfer(s) traced between accounts that are not the victim's",
            s.traced
        ));
    }
    if !s.unplaced.is_empty() {
        left_out.push(format!(
            "{} received into the victim's own accounts from an account not chosen yet ({}): a hop or money paid back, not guessed",
            s.unplaced.len(),
            s.unplaced
                .iter()
                .map(|id| format!("T-{id}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !left_out.is_empty() {
        flow.paragraph(
            &format!(
                "Left out of every total: {}. See the money trail.",
                left_out.join("; ")
            ),
            SMALL,
        );
    }
    let cols = [
        Column::new("Currency", 2.6, BODY),
        Column::new("Paid out", 2.0, BODY),
        Column::new("Received", 2.0, BODY),
        Column::new("Recovered", 2.0, BODY),
        Column::new("Net loss", 2.0, BODY),
        Column::new("Transfers", 1.2, BODY),
    ];
    let rows: Vec<Row> = s
        .per_currency
        .iter()
        .map(|c| Row {
            cells: vec![
                currency_name(&c.currency, c.network).into(),
                money(&c.paid_out).into(),
                money(&c.received).into(),
                money(&c.recovered).into(),
                money(&c.net_loss).into(),
                c.transfers.to_string().into(),
            ],
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        flow.table(&cols, &rows);
    }
    let first_contact = data
        .timeline
        .iter()
        .find(|e| e.kind == "first_contact")
        .or(data.timeline.first())
        .map(|e| data.local(&e.at_utc))
        .unwrap_or_else(|| "—".into());
    let last = data
        .timeline
        .last()
        .map(|e| data.local(&e.at_utc))
        .unwrap_or_else(|| "—".into());
    let identifiers: usize = data
        .subjects
        .iter()
        .map(|s| s.identifiers.len())
        .sum::<usize>()
        + data.loose_identifiers.len();
    flow.key_values(&[
        kv("First contact", first_contact),
        kv("Last recorded", last),
        kv(
            "First / last transfer",
            format!(
                "{} / {}",
                s.first_transfer_at
                    .as_deref()
                    .map(|t| data.local(t))
                    .unwrap_or_else(|| "—".into()),
                s.last_transfer_at
                    .as_deref()
                    .map(|t| data.local(t))
                    .unwrap_or_else(|| "—".into())
            ),
        ),
        kv(
            "Recorded",
            format!(
                "{} transfers, {} subjects, {} identifiers, {} evidence items, {} timeline entries",
                s.transfers,
                data.subjects.len(),
                identifiers,
                data.evidence.len(),
                data.timeline.len()
            ),
        ),
        kv("Platforms", {
            let p: Vec<&str> = data
                .subjects
                .iter()
                .filter(|s| s.kind == SubjectKind::Platform)
                .map(|s| s.name.as_str())
                .collect();
            if p.is_empty() {
                "—".into()
            } else {
                p.join(", ")
            }
        }),
    ]);
    let all: Vec<(&Identifier, &str)> = data
        .subjects
        .iter()
        .flat_map(|s| s.identifiers.iter().map(move |i| (i, s.name.as_str())))
        .chain(data.loose_identifiers.iter().map(|i| (i, "")))
        .collect();
    let rank = |i: &Identifier| match i.kind {
        IdentifierKind::CryptoWallet if i.is_exchange_deposit => 0,
        IdentifierKind::CryptoWallet | IdentifierKind::BankAccount => 1,
        IdentifierKind::Phone | IdentifierKind::Whatsapp | IdentifierKind::Telegram => 2,
        IdentifierKind::Website => 3,
        _ => 4,
    };
    let mut top: Vec<_> = all.into_iter().filter(|(i, _)| rank(i) < 4).collect();
    top.sort_by_key(|(i, _)| rank(i));
    if !top.is_empty() {
        flow.heading("Main identifiers");
        let cols = [
            Column::new("Kind", 2.2, BODY),
            Column::new("Identifier", 6.0, MONO),
            Column::new("Of", 2.0, BODY),
        ];
        let rows: Vec<Row> = top
            .iter()
            .take(14)
            .map(|(i, who)| Row {
                cells: vec![
                    i.kind.label().into(),
                    i.display.clone().into(),
                    (*who).into(),
                ],
                details: if i.is_exchange_deposit {
                    vec![(
                        SMALL.color(Color::Green),
                        "Exchange deposit address — the exchange may be able to freeze funds here."
                            .into(),
                    )]
                } else {
                    vec![]
                },
                highlight: i.is_exchange_deposit,
            })
            .collect();
        flow.table(&cols, &rows);
    }
}
