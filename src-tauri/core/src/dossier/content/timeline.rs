//! The chronological timeline of events, transfers and evidence.

use super::*;

pub(super) fn timeline(flow: &mut Flow<'_>, data: &Data) {
    flow.section(SECTIONS[2]);
    flow.paragraph(
        &format!(
            "Times in {}; where the source recorded another offset, it is given too.",
            data.zone()
        ),
        SMALL.color(Color::Grey),
    );
    if data.timeline.is_empty() {
        flow.paragraph("Nothing on the timeline.", BODY);
        return;
    }
    let cols = [
        Column::new("When", 2.6, SMALL),
        Column::new("What", 2.2, SMALL),
        Column::new("Details", 7.0, SMALL),
    ];
    let rows: Vec<Row> = data
        .timeline
        .iter()
        .map(|e| {
            let mut when = e.case_local.clone();
            if e.recorded_offset_minutes != e.case_offset_minutes {
                when.push_str(&format!(" (recorded {})", e.recorded.replace('T', " ")));
            }
            let prefix = match e.source {
                TimelineSource::Event => format!("E-{}", e.id),
                TimelineSource::Transfer => format!("T-{}", e.id),
                TimelineSource::Evidence => format!("V-{}", e.id),
                TimelineSource::Chat => format!("M-{}", e.id),
            };
            let details = [
                format!("{prefix}: {}", e.title),
                e.detail.trim().to_string(),
                link_refs(&e.links),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" — ");
            Row {
                cells: vec![when.into(), e.kind_label.clone().into(), details.into()],
                ..Default::default()
            }
        })
        .collect();
    flow.table(&cols, &rows);
}

pub(super) fn link_refs(links: &[Link]) -> String {
    if links.is_empty() {
        return String::new();
    }
    let refs: Vec<String> = links
        .iter()
        .map(|l| {
            let p = match l.kind {
                LinkKind::Subject => "S",
                LinkKind::Identifier => "I",
                LinkKind::Transfer => "T",
                LinkKind::Evidence => "V",
            };
            format!("{p}-{}", l.id)
        })
        .collect();
    format!("See {}.", refs.join(", "))
}
