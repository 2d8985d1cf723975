//! The scammers, platforms and intermediaries with their identifiers.

use super::*;

pub(super) fn subjects(flow: &mut Flow<'_>, data: &Data) {
    flow.section(SECTIONS[6]);
    let cols = [
        Column::new("Kind", 2.0, SMALL),
        Column::new("Identifier", 5.5, MONO),
        Column::new("Notes", 3.5, SMALL),
    ];
    let row = |i: &Identifier| {
        let mut notes = Vec::new();
        if let Some(n) = i.network {
            notes.push(n.label().to_string());
        }
        if !i.bank_name.is_empty() {
            notes.push(i.bank_name.clone());
        }
        if i.is_exchange_deposit {
            notes.push("exchange deposit address".into());
        }
        for c in &i.other_cases {
            notes.push(format!("also in case {} ({})", c.id, c.title));
        }
        let mut details = Vec::new();
        if i.display != i.value.trim() {
            details.push((
                SMALL.color(Color::Grey),
                format!("As written: {}", i.value).into(),
            ));
        }
        for w in &i.warnings {
            details.push((SMALL.color(Color::Red), format!("Warning: {w}").into()));
        }
        Row {
            cells: vec![
                format!("I-{} {}", i.id, i.kind.label()).into(),
                i.display.clone().into(),
                notes.join("; ").into(),
            ],
            details,
            highlight: i.is_exchange_deposit,
        }
    };
    if data.subjects.is_empty() && data.loose_identifiers.is_empty() {
        flow.paragraph("No subjects or identifiers recorded.", BODY);
    }
    for s in &data.subjects {
        flow.heading(&format!("S-{} {} — {}", s.id, s.name, s.kind.label()));
        if !s.description.trim().is_empty() {
            flow.paragraph(s.description.trim(), BODY);
        }
        if s.identifiers.is_empty() {
            flow.paragraph("No identifiers recorded.", SMALL);
        } else {
            flow.table(&cols, &s.identifiers.iter().map(row).collect::<Vec<_>>());
        }
    }
    if !data.loose_identifiers.is_empty() {
        flow.heading("Identifiers not linked to a subject");
        flow.table(
            &cols,
            &data.loose_identifiers.iter().map(row).collect::<Vec<_>>(),
        );
    }
}
