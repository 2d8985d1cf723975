//! The Casefile desktop shell: one window, thin commands over `casefile-core`.

pub mod commands;
pub mod protocol;
mod state;

pub use state::AppState;

use tauri_specta::{collect_commands, Builder};

/// The typed command set; also used to generate `ui/src/lib/api/bindings.ts`.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .disable_serde_phases()
        .commands(collect_commands![
            commands::session::app_status,
            commands::session::passphrase_strength,
            commands::session::create_store,
            commands::session::unlock,
            commands::session::lock,
            commands::session::change_passphrase,
            commands::session::update_settings,
            commands::cases::list_cases,
            commands::cases::create_case,
            commands::cases::get_case,
            commands::cases::update_case,
            commands::cases::set_case_archived,
            commands::cases::reference_lists,
            commands::transfers::check_transfer,
            commands::transfers::add_transfer,
            commands::transfers::update_transfer,
            commands::transfers::delete_transfer,
            commands::transfers::list_transfers,
            commands::transfers::loss_summary,
            commands::accounts::list_accounts,
            commands::accounts::add_account,
            commands::accounts::update_account,
            commands::accounts::delete_account,
            commands::accounts::account_suggestions,
            commands::accounts::money_trail,
            commands::statements::choose_statement_file,
            commands::statements::preview_statement,
            commands::statements::import_statement,
            commands::statements::stop_statement_import,
            commands::statements::list_statement_imports,
            commands::statements::undo_statement_import,
            commands::statements::list_statement_profiles,
            commands::statements::delete_statement_profile,
            commands::subjects::list_subjects,
            commands::subjects::add_subject,
            commands::subjects::update_subject,
            commands::subjects::delete_subject,
            commands::subjects::check_identifier,
            commands::subjects::add_identifier,
            commands::subjects::update_identifier,
            commands::subjects::delete_identifier,
            commands::subjects::list_identifiers,
            commands::contacts::list_contacts,
            commands::contacts::add_contact,
            commands::contacts::update_contact,
            commands::contacts::delete_contact,
            commands::contacts::dashboard,
            commands::deleted::deleted_items,
            commands::deleted::restore_deleted,
            commands::deleted::purge_deleted_evidence,
            commands::deleted::delete_case,
            commands::deleted::deleted_cases,
            commands::deleted::restore_case,
            commands::drafts::save_draft,
            commands::drafts::list_drafts,
            commands::drafts::discard_draft,
            commands::formats::get_formats,
            commands::formats::set_formats,
            commands::formats::read_time,
            commands::formats::read_amount,
            commands::events::add_event,
            commands::events::update_event,
            commands::events::get_event,
            commands::events::delete_event,
            commands::timeline::timeline,
            commands::search::search,
            commands::evidence::list_evidence,
            commands::evidence::add_evidence,
            commands::evidence::begin_intake,
            commands::evidence::finish_intake,
            commands::evidence::make_previews,
            commands::evidence::shift_capture_times,
            commands::evidence::set_capture_zone,
            commands::evidence::update_evidence,
            commands::evidence::delete_evidence,
            commands::chats::choose_chat_export,
            commands::chats::preview_chat,
            commands::chats::import_chat,
            commands::chats::stop_chat_import,
            commands::chats::list_chats,
            commands::chats::chat_messages,
            commands::chats::set_key_messages,
            commands::chats::undo_chat_import,
            commands::chats::chat_suggestions,
            commands::chats::accept_chat_suggestions,
            commands::dossier::choose_dossier_path,
            commands::dossier::export_dossier,
            commands::dossier::stop_dossier_export,
            commands::dossier::open_export,
            commands::dossier::show_export_in_folder,
            commands::dossier::verify_case,
        ])
}

/// Header written at the top of the generated bindings.
pub const BINDINGS_HEADER: &str = "// Generated from the Rust commands by tauri-specta. Do not edit by hand:\n// run `CASEFILE_UPDATE_BINDINGS=1 cargo test -p casefile-app --test bindings` to refresh.\n";

/// Starts the app with the store at `CASEFILE_STORE` or in the user's data directory.
pub fn run() {
    let builder = specta_builder();
    let state = AppState::new(casefile_core::store::default_path());
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .register_uri_scheme_protocol("evidence", protocol::handle)
        .invoke_handler(builder.invoke_handler())
        .build(tauri::generate_context!());
    let result = app.map(|app| {
        app.run(|handle, event| {
            // Files of an intake still in an open group are committed before the app goes.
            if let tauri::RunEvent::Exit | tauri::RunEvent::ExitRequested { .. } = event {
                use tauri::Manager as _;
                handle.state::<AppState>().commit_before_exit();
            }
        });
    });
    if let Err(e) = result {
        eprintln!("Casefile could not start its window: {e}");
        std::process::exit(1);
    }
}
