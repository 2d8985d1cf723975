//! The victim's statement, in their own words.

use super::*;

pub(super) fn statement(flow: &mut Flow<'_>, data: &Data) {
    flow.section(SECTIONS[1]);
    let text = data.case.details.statement.trim();
    if text.is_empty() {
        flow.paragraph(
            "No statement was written in the case.",
            BODY.color(Color::Grey),
        );
    } else {
        flow.paragraph(text, Style::new(crate::dossier::fonts::Face::Sans, 10.0));
    }
}
