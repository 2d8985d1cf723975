//! The case list and case details.

use casefile_core::dossier::Section;
use casefile_core::model::{
    AccountKind, AccountOwner, CaptureTimeSource, Case, CaseDetails, CaseFilter, CaseStatus,
    CaseSummary, ChatFormat, ContactChannel, ContactParty, DateOrder, DecimalMark, Direction,
    EventKind, NewCase, SearchKind, SubjectKind, TimelineKind, TransferMethod, TransferRole,
    TransferStatus,
};
use casefile_core::validate::crypto::{self, CryptoAsset, Network};
use casefile_core::validate::identifier::IdentifierKind;
use serde::Serialize;
use tauri::State;

use super::AppError;
use crate::AppState;

/// Cases matching the filter, most recently changed first.
#[tauri::command(async)]
#[specta::specta]
pub fn list_cases(
    state: State<'_, AppState>,
    filter: CaseFilter,
) -> Result<Vec<CaseSummary>, AppError> {
    state.with_store(|s| s.list_cases(&filter))
}

/// Creates a case with a title, and the zone and currency it starts with (none: UTC and EUR).
#[tauri::command(async)]
#[specta::specta]
pub fn create_case(
    state: State<'_, AppState>,
    title: String,
    start: Option<NewCase>,
) -> Result<Case, AppError> {
    state.with_store(|s| match &start {
        Some(start) => s.create_case_with(&title, start),
        None => s.create_case(&title),
    })
}

/// One case with all its details.
#[tauri::command(async)]
#[specta::specta]
pub fn get_case(state: State<'_, AppState>, id: i32) -> Result<Case, AppError> {
    state.with_store(|s| s.get_case(id))
}

/// Saves a case's details (title, references, victim, currency, time zone, status, statement).
#[tauri::command(async)]
#[specta::specta]
pub fn update_case(
    state: State<'_, AppState>,
    id: i32,
    details: CaseDetails,
) -> Result<Case, AppError> {
    state.with_store(|s| s.update_case(id, &details))
}

/// Archives a case or brings it back.
#[tauri::command(async)]
#[specta::specta]
pub fn set_case_archived(
    state: State<'_, AppState>,
    id: i32,
    archived: bool,
) -> Result<Case, AppError> {
    state.with_store(|s| s.set_case_archived(id, archived))
}

/// One choice in a list: the value sent back, and its label for people.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

fn choices<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<Choice<T>> {
    all.iter()
        .map(|v| Choice {
            value: *v,
            label: label(*v).to_string(),
        })
        .collect()
}

/// The choices offered in the forms, each with the label core gives it: the window shows these
/// labels and never types its own.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ReferenceLists {
    pub currencies: Vec<String>,
    pub crypto_assets: Vec<CryptoAsset>,
    pub networks: Vec<Choice<Network>>,
    pub time_zones: Vec<String>,
    pub statuses: Vec<Choice<CaseStatus>>,
    pub directions: Vec<Choice<Direction>>,
    pub methods: Vec<Choice<TransferMethod>>,
    pub transfer_statuses: Vec<Choice<TransferStatus>>,
    pub subject_kinds: Vec<Choice<SubjectKind>>,
    pub identifier_kinds: Vec<Choice<IdentifierKind>>,
    pub event_kinds: Vec<Choice<EventKind>>,
    /// The timeline's "Show only…" choices (event kinds, transfer directions, evidence).
    pub timeline_kinds: Vec<TimelineKind>,
    pub capture_time_sources: Vec<Choice<CaptureTimeSource>>,
    /// Chat export formats, and the orders of day, month and year in their dates.
    pub chat_formats: Vec<Choice<ChatFormat>>,
    pub date_orders: Vec<Choice<DateOrder>>,
    /// How amounts are written (the formats setting).
    pub decimal_marks: Vec<Choice<DecimalMark>>,
    /// The contact log's choices: who was contacted, and how.
    pub contact_parties: Vec<Choice<ContactParty>>,
    pub contact_channels: Vec<Choice<ContactChannel>>,
    /// What each kind of search hit is, in words.
    pub search_kinds: Vec<Choice<SearchKind>>,
    /// Dossier sections that can be left out, titled as the dossier prints them.
    pub sections: Vec<Choice<Section>>,
    /// Whose an account is, what it is, and what a transfer is in the loss computation.
    pub account_owners: Vec<Choice<AccountOwner>>,
    pub account_kinds: Vec<Choice<AccountKind>>,
    pub transfer_roles: Vec<Choice<TransferRole>>,
}

/// Currency codes, time zones and every labelled choice of the forms.
#[tauri::command]
#[specta::specta]
pub fn reference_lists() -> ReferenceLists {
    ReferenceLists {
        currencies: casefile_core::validate::currency_codes()
            .into_iter()
            .map(String::from)
            .collect(),
        crypto_assets: crypto::crypto_assets(),
        networks: choices(Network::ALL, Network::label),
        time_zones: casefile_core::validate::time_zones(),
        statuses: choices(CaseStatus::ALL, CaseStatus::label),
        directions: choices(Direction::ALL, Direction::label),
        methods: choices(TransferMethod::ALL, TransferMethod::label),
        transfer_statuses: choices(TransferStatus::ALL, TransferStatus::label),
        subject_kinds: choices(SubjectKind::ALL, SubjectKind::label),
        identifier_kinds: choices(IdentifierKind::ALL, IdentifierKind::label),
        event_kinds: choices(EventKind::ALL, EventKind::label),
        timeline_kinds: TimelineKind::all(),
        capture_time_sources: choices(CaptureTimeSource::ALL, CaptureTimeSource::label),
        chat_formats: choices(ChatFormat::ALL, ChatFormat::label),
        date_orders: choices(DateOrder::ALL, DateOrder::label),
        decimal_marks: choices(DecimalMark::ALL, DecimalMark::label),
        contact_parties: choices(ContactParty::ALL, ContactParty::label),
        contact_channels: choices(ContactChannel::ALL, ContactChannel::label),
        search_kinds: choices(SearchKind::ALL, SearchKind::label),
        sections: choices(Section::ALL, Section::label),
        account_owners: choices(AccountOwner::ALL, AccountOwner::label),
        account_kinds: choices(AccountKind::ALL, AccountKind::label),
        transfer_roles: choices(TransferRole::ALL, TransferRole::label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_carries_the_label_core_gives_it() {
        let lists = reference_lists();
        let json = serde_json::to_value(&lists).unwrap_or_default();
        assert_eq!(
            json["statuses"][2],
            serde_json::json!({ "value": "in_recovery", "label": "Recovery in progress" })
        );
        let sections: Vec<Section> = lists.sections.iter().map(|c| c.value).collect();
        assert_eq!(sections, Section::ALL);
        assert!(lists.sections.iter().all(|c| c.label == c.value.label()));
        assert_eq!(lists.statuses.len(), CaseStatus::ALL.len());
        assert_eq!(
            lists.capture_time_sources.len(),
            CaptureTimeSource::ALL.len()
        );
    }
}
