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
        Column::new("When (as recorded)", 2.4, SMALL),
        Column::new("Amount", 2.3, SMALL),
        Column::new("Method / paid from", 2.3, SMALL),
        Column::new("Beneficiary", 3.2, SMALL),
        Column::new("Status", 1.4, SMALL),
    ];
    let rows: Vec<Row> = data
        .transfers
        .iter()
        .map(|t| {
            let amount = format!(
                "{} {} {}{}{}",
                t.direction.label(),
                t.amount,
                t.currency,
                t.network
                    .map(|n| format!(" on {}", n.label()))
                    .unwrap_or_default(),
                t.exchange_rate
                    .as_ref()
                    .map(|r| format!(" (rate {r})"))
                    .unwrap_or_default()
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
                    t.occurred.recorded.replace('T', " ").into(),
                    amount.into(),
                    format!(
                        "{}{}",
                        t.method.label(),
                        if t.from_account.is_empty() {
                            String::new()
                        } else {
                            format!(", from {}", t.from_account)
                        }
                    )
                    .into(),
                    beneficiary.into(),
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
                &format!(
                    "{}{}",
                    c.currency,
                    c.network
                        .map(|n| format!(" ({})", n.label()))
                        .unwrap_or_default()
                ),
                format!(
                    "paid out {}, received {}, recovered {} — net loss {}",
                    c.paid_out, c.received, c.recovered, c.net_loss
                ),
            )
        })
        .collect();
    lines.push(kv(
        &format!("In {}", s.reporting_currency),
        format!(
            "net loss {} (transfers without an exchange rate not included: {})",
            s.in_reporting_currency.net_loss, s.transfers_without_rate
        ),
    ));
    flow.key_values(&lines);
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
