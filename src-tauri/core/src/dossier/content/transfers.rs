//! The transfers table with every detail police and banks ask for, and the totals.

use super::*;

/// The transfers table (also used by the bank letter).
pub(super) fn transfers(flow: &mut Flow<'_>, data: &Data) {
    if data.transfers.is_empty() {
        flow.paragraph("No transfers recorded.", BODY);
        return;
    }
    let cols = [
        Column::new("#", 0.8, SMALL),
        Column::new("When (as recorded)", 2.1, SMALL),
        Column::new("Amount and method", 2.4, SMALL),
        Column::new("From", 1.9, SMALL),
        Column::new("To", 1.9, SMALL),
        Column::new("Beneficiary", 2.5, SMALL),
        Column::new("Status", 1.3, SMALL),
    ];
    let rows: Vec<Row> = data
        .transfers
        .iter()
        .map(|t| {
            let amount = format!(
                "{} {} {}{}{}, {}",
                t.direction.label(),
                t.amount,
                t.currency,
                t.network
                    .map(|n| format!(" on {}", n.label()))
                    .unwrap_or_default(),
                t.exchange_rate
                    .as_ref()
                    .map(|r| format!(" (rate {r})"))
                    .unwrap_or_default(),
                t.method.label().to_lowercase()
            );
            let beneficiary = [
                t.beneficiary_name.as_str(),
                t.beneficiary_bank.as_str(),
                t.beneficiary_account.as_str(),
                t.beneficiary_bic.as_str(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
            let mut details: Vec<(Style, Cell)> = Vec::new();
            let from_name = data.account_name(t.from_account_id);
            if !t.from_account.trim().is_empty() && t.from_account.trim() != from_name {
                details.push((
                    SMALL,
                    format!("Paid from (as written): {}", t.from_account.trim()).into(),
                ));
            }
            if matches!(
                t.role,
                TransferRole::Hop | TransferRole::Traced | TransferRole::Unplaced
            ) {
                details.push((SMALL, format!("In the loss: {}", role_words(t)).into()));
            }
            if let Some(origin) = &t.statement {
                let part = if origin.part > 1 {
                    format!(" part {}", origin.part)
                } else {
                    String::new()
                };
                details.push((
                    SMALL,
                    format!(
                        "Source: statement V-{} row {}{part}",
                        origin.evidence_id, origin.row
                    )
                    .into(),
                ));
            }
            if !t.beneficiary_wallet.is_empty() {
                let net = t.network.map(|n| n.label()).unwrap_or("network not given");
                let url = t
                    .network
                    .map(|n| n.explorer_address_url(&t.beneficiary_wallet));
                linked_detail(
                    &mut details,
                    format!("Wallet ({net}): {}", t.beneficiary_wallet),
                    url,
                );
                if t.wallet_is_exchange_deposit {
                    details.push((
                        SMALL.color(Color::Green),
                        "Exchange deposit address — a freeze may be possible at this exchange."
                            .into(),
                    ));
                }
            }
            if !t.reference.is_empty() {
                let url = data.lists.explorer_tx(t);
                let label = if url.is_some() {
                    "Tx hash"
                } else {
                    "Reference"
                };
                linked_detail(&mut details, format!("{label}: {}", t.reference), url);
            }
            if !t.evidence_ids.is_empty() {
                details.push((
                    SMALL,
                    format!(
                        "Evidence: {}",
                        t.evidence_ids
                            .iter()
                            .map(|i| format!("V-{i}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                    .into(),
                ));
            }
            if !t.notes.trim().is_empty() {
                details.push((SMALL, format!("Notes: {}", t.notes.trim()).into()));
            }
            for w in &t.warnings {
                details.push((SMALL.color(Color::Red), format!("Warning: {w}").into()));
            }
            Row {
                cells: vec![
                    format!("T-{}", t.id).into(),
                    if t.date_only {
                        // A statement gave the day only: no invented midnight.
                        format!(
                            "{} (day only)",
                            t.occurred.recorded.chars().take(10).collect::<String>()
                        )
                    } else {
                        t.occurred.recorded.replace('T', " ")
                    }
                    .into(),
                    amount.into(),
                    from_name.into(),
                    data.account_name(t.to_account_id).into(),
                    or_none(&beneficiary).into(),
                    t.status.label().into(),
                ],
                details,
                highlight: t.wallet_is_exchange_deposit,
            }
        })
        .collect();
    flow.table(&cols, &rows);
    let s = &data.summary;
    flow.heading("Totals");
    let mut lines: Vec<(String, Cell, Style)> = s
        .per_currency
        .iter()
        .map(|c| {
            kv(
                &currency_name(&c.currency, c.network),
                format!(
                    "paid out {}, received back {}, recovered {} — net loss {}",
                    money(&c.paid_out),
                    money(&c.received),
                    money(&c.recovered),
                    money(&c.net_loss)
                ),
            )
        })
        .collect();
    if !s.per_currency.is_empty() {
        lines.push(kv(
            &format!("In {}", s.reporting_currency),
            if s.missing_rates.is_empty() {
                format!("net loss {}", money(&s.in_reporting_currency.net_loss))
            } else {
                format!("no total: {}", missing_rates_text(s))
            },
        ));
    }
    if s.hops + s.traced > 0 || !s.unplaced.is_empty() {
        lines.push(kv(
            "Left out",
            format!(
                "{} hop(s) between the victim's own accounts, {} traced between other accounts, {} received from an account not chosen yet",
                s.hops, s.traced, s.unplaced.len()
            ),
        ));
    }
    flow.key_values(&lines);
}

/// What a transfer is in the loss computation, in words.
fn role_words(t: &Transfer) -> &'static str {
    match t.role {
        TransferRole::Loss => "left the victim's control",
        TransferRole::Hop => "a hop between the victim's own accounts, not a loss",
        TransferRole::Received => "came back to the victim",
        TransferRole::Recovered => "recovered",
        TransferRole::Traced => "traced between accounts that are not the victim's, not counted",
        TransferRole::Unplaced => {
            "came into the victim's own account from an account not chosen yet, not counted"
        }
    }
}

/// A full-width mono line (an address or a hash, never broken), and below it its explorer
/// link as text; both clickable.
pub(super) fn linked_detail(details: &mut Vec<(Style, Cell)>, text: String, url: Option<String>) {
    details.push((
        MONO,
        Cell {
            text,
            link: url.clone(),
        },
    ));
    if let Some(u) = url {
        details.push((
            SMALL.color(Color::Blue),
            Cell {
                text: u.clone(),
                link: Some(u),
            },
        ));
    }
}
