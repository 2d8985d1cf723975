//! Chats in the case interchange format (version 2): a case with chats exports, imports and
//! exports the same; version 1 files still import; damaged chats are refused with the record
//! named; message texts are not hashed (the export file, kept as evidence, is what proves them).

use std::path::{Path, PathBuf};

use casefile_core::interchange::CaseExport;
use casefile_core::model::*;
use casefile_core::{ErrorKind, Store};

use crate::support::*;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds/case_import");

fn without_time(mut e: CaseExport) -> CaseExport {
    e.exported_at = String::new();
    e
}

fn case_count(store: &Store) -> usize {
    store
        .list_cases(&CaseFilter {
            include_archived: true,
            ..Default::default()
        })
        .unwrap()
        .len()
}

/// Paths of the two text exports of one Android chat: its first half, and the whole.
struct Halves {
    first: PathBuf,
    whole: PathBuf,
}

/// A case with a WhatsApp zip (two photos kept, a key message) and an Android chat imported
/// three times (first half, whole, whole again — that last import undone).
fn case_with_chats(dir: &Path, store: &mut Store, case: i32) -> Halves {
    let zip = whatsapp_zip(
        dir,
        "WhatsApp Chat - Anna.zip",
        &chat_fixture("whatsapp/ios_12h_narrow_nbsp.txt"),
        &[
            ("00000012-PHOTO-2026-03-14-21-33-10.jpg", png(30, 60, 1)),
            ("00000016-PHOTO-2026-03-15-13-02-00.jpg", png(30, 60, 2)),
        ],
    );
    let bangkok = ChatImportOptions {
        device_zone: Some("Asia/Bangkok".into()),
        ..Default::default()
    };
    let anna = store.import_chat(case, &zip, &bangkok, &mut go).unwrap();
    assert_eq!(anna.attachments_added, 2, "{:?}", anna.notes);
    let request = all_messages(store, anna.chat.id)
        .into_iter()
        .find(|m| m.text.starts_with("Deposit to this address"))
        .unwrap();
    store
        .set_key_messages(anna.chat.id, &[request.id], true)
        .unwrap();

    let full = chat_fixture("whatsapp/android_24h_dmy.txt");
    let lines: Vec<&str> = full.lines().collect();
    let halves = Halves {
        first: dir.join("first.txt"),
        whole: dir.join("WhatsApp Chat with Mark.txt"),
    };
    std::fs::write(&halves.first, lines[..lines.len() / 2].join("\n") + "\n").unwrap();
    std::fs::write(&halves.whole, &full).unwrap();
    let options = ChatImportOptions::default();
    store
        .import_chat(case, &halves.first, &options, &mut go)
        .unwrap();
    store
        .import_chat(case, &halves.whole, &options, &mut go)
        .unwrap();
    let again = store
        .import_chat(case, &halves.whole, &options, &mut go)
        .unwrap();
    store.undo_chat_import(again.import_id).unwrap();
    halves
}

#[test]
fn a_case_with_chats_exports_imports_and_exports_the_same() {
    let (dir, mut store, case) = store_with_case_in("Europe/Berlin");
    let halves = case_with_chats(dir.path(), &mut store, case);
    let first = store.export_case(case).unwrap();
    assert_eq!(first.version, 4);
    assert_eq!(first.chats.len(), 2);
    let anna = &first.chats[0];
    assert_eq!(anna.format, ChatFormat::Whatsapp);
    assert_eq!(anna.device_zone.as_deref(), Some("Asia/Bangkok"));
    assert_eq!(anna.date_order, Some(DateOrder::Mdy));
    // The export file is in the file as evidence, with the SHA-256 the chat names.
    let kept = first
        .evidence
        .iter()
        .find(|e| e.reference == anna.imports[0].evidence_ref)
        .unwrap();
    assert_eq!(kept.sha256, anna.imports[0].export_sha256);
    assert_eq!(kept.size_bytes, anna.imports[0].export_size);
    let photo = anna
        .messages
        .iter()
        .find(|m| m.attachment_name.as_deref() == Some("00000012-PHOTO-2026-03-14-21-33-10.jpg"))
        .unwrap();
    let photo_item = first
        .evidence
        .iter()
        .find(|e| Some(e.reference) == photo.evidence_ref)
        .unwrap();
    assert_eq!(
        photo_item.sha256,
        casefile_core::evidence::sha256_hex(&png(30, 60, 1))
    );
    assert_eq!(
        (
            photo.source_file.as_str(),
            photo.source_line,
            photo.local_time.as_str()
        ),
        ("_chat.txt", 5, "2026-03-14 21:33:10")
    );
    assert_eq!(
        photo.sent.as_ref().unwrap().recorded,
        "2026-03-14T21:33:10+07:00"
    );
    assert_eq!(anna.messages.iter().filter(|m| m.is_key).count(), 1);
    // The undone third import of the Android chat is not exported.
    let mark = &first.chats[1];
    assert_eq!(mark.imports.len(), 2);
    assert_eq!(mark.imports[1].export_name, "WhatsApp Chat with Mark.txt");
    assert!(mark.messages.iter().all(|m| m.import_ref <= 2));
    assert!(mark.messages.windows(2).all(|w| w[0].seq < w[1].seq));
    // Formats are written by their stored names.
    let text = serde_json::to_string_pretty(&first).unwrap();
    assert!(text.contains("\"version\": 4"));
    assert!(text.contains("\"format\": \"whatsapp\""), "stored names");

    let imported = store.import_case_file(text.as_bytes()).unwrap();
    assert_eq!(
        (imported.chats, imported.chat_messages),
        (2, anna.messages.len() + mark.messages.len())
    );
    let second = store.export_case(imported.case.id).unwrap();
    assert_eq!(without_time(first.clone()), without_time(second));

    // The imported chats read like the originals: counts, key marks, links, participants.
    let before = store.list_chats(case).unwrap();
    let after = store.list_chats(imported.case.id).unwrap();
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(
            (
                &b.title,
                &b.participants,
                b.message_count,
                b.key_count,
                &b.first_at,
                &b.last_at
            ),
            (
                &a.title,
                &a.participants,
                a.message_count,
                a.key_count,
                &a.first_at,
                &a.last_at
            )
        );
        let live: Vec<_> = b.imports.iter().filter(|i| !i.undone).collect();
        assert_eq!(live.len(), a.imports.len());
        for (bi, ai) in live.iter().zip(&a.imports) {
            assert_eq!(
                (
                    bi.messages_added,
                    bi.attachments_added,
                    &bi.export_sha256,
                    &bi.imported_at
                ),
                (
                    ai.messages_added,
                    ai.attachments_added,
                    &ai.export_sha256,
                    &ai.imported_at
                )
            );
        }
    }
    let photo_msg = all_messages(&store, after[0].id)
        .into_iter()
        .find(|m| m.attachment_name.as_deref() == Some("00000012-PHOTO-2026-03-14-21-33-10.jpg"))
        .unwrap();
    let linked = store.get_evidence(photo_msg.evidence_id.unwrap()).unwrap();
    assert_eq!(linked.case_id, imported.case.id);
    assert_eq!(linked.capture_time_source, CaptureTimeSource::ChatMessage);
    let log = store.audit_log(Some(imported.case.id)).unwrap();
    let summary = &log.last().unwrap().summary;
    assert!(
        summary.starts_with("Case imported") && summary.contains("2 chats"),
        "{summary}"
    );

    // The dedupe keys came along: the same export imported into the imported case adds nothing.
    let again = store
        .import_chat(
            imported.case.id,
            &halves.whole,
            &ChatImportOptions::default(),
            &mut go,
        )
        .unwrap();
    assert_eq!(again.chat.id, after[1].id, "recognised as the same chat");
    assert_eq!(again.messages_added, 0);
    assert!(store.verify_audit_chain().unwrap().problem.is_none());
}

#[test]
fn version_1_files_still_import_and_later_versions_are_refused() {
    let (_dir, mut store, _case) = store_with_case_in("UTC");
    // A version 1 file as Casefile wrote it before chats (also a fuzz seed).
    let v1 = std::fs::read(format!("{SEEDS}/minimal_archived.json")).unwrap();
    assert!(String::from_utf8_lossy(&v1).contains("\"version\": 1"));
    let imported = store.import_case_file(&v1).unwrap();
    assert_eq!(imported.chats, 0);
    assert!(store.list_chats(imported.case.id).unwrap().is_empty());
    let again = store.export_case(imported.case.id).unwrap();
    assert_eq!((again.version, again.chats.len()), (4, 0));

    // A version 1 file may not hold chats; a version 5 file asks for a newer Casefile.
    let (dir, mut store, case) = store_with_case_in("Europe/Berlin");
    case_with_chats(dir.path(), &mut store, case);
    let mut value = serde_json::to_value(store.export_case(case).unwrap()).unwrap();
    value["version"] = 1.into();
    let before = case_count(&store);
    let err = store
        .import_case_file(value.to_string().as_bytes())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("cannot hold chats"), "{err}");
    value.as_object_mut().unwrap().remove("chats");
    let v1 = store
        .import_case_file(value.to_string().as_bytes())
        .unwrap();
    assert_eq!((v1.chats, v1.case.title.as_str()), (0, "Romance – Anna"));
    value["version"] = 5.into();
    let err = store
        .import_case_file(value.to_string().as_bytes())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    let msg = err.to_string();
    assert!(
        msg.contains("version 5")
            && msg.contains("versions 1 to 4")
            && msg.contains("Update Casefile"),
        "{msg}"
    );
    assert_eq!(
        case_count(&store),
        before + 1,
        "only the good version 1 file"
    );
}

#[test]
fn a_chat_linking_to_what_is_not_in_the_file_is_refused_naming_it() {
    let (dir, mut store, case) = store_with_case_in("Europe/Berlin");
    case_with_chats(dir.path(), &mut store, case);
    let good = store.export_case(case).unwrap();
    let cases = case_count(&store);
    let audit = store.audit_log(None).unwrap().len();
    let refused = |store: &mut Store, e: &CaseExport, words: &[&str]| {
        let err = store.import_case(e).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Refused, "{err}");
        let msg = err.to_string();
        for w in words {
            assert!(msg.contains(w), "{w:?} not in: {msg}");
        }
        assert!(msg.contains("Nothing was imported"), "{msg}");
    };

    let mut e = good.clone();
    e.chats[0].messages[3].evidence_ref = Some(99);
    refused(
        &mut store,
        &e,
        &[
            "message 4 of chat 1 (\"Anna\")",
            "evidence item 99",
            "not in the file",
        ],
    );

    let mut e = good.clone();
    e.chats[1].messages[0].import_ref = 7;
    refused(&mut store, &e, &["message 1 of chat 2", "import 7"]);

    let mut e = good.clone();
    e.chats[0].imports[0].evidence_ref = 42;
    refused(&mut store, &e, &["import 1 of chat 1", "evidence item 42"]);

    let mut e = good.clone();
    e.chats[1].reference = 1;
    refused(&mut store, &e, &["two chats", "(ref) 1"]);

    let mut e = good.clone();
    let twin = e.chats[1].imports[0].clone();
    e.chats[1].imports.push(twin);
    refused(&mut store, &e, &["two imports of chat 2", "(ref) 1"]);

    let mut e = good.clone();
    e.chats[0].messages[2].dedupe_key = e.chats[0].messages[1].dedupe_key.clone();
    refused(&mut store, &e, &["message 3 of chat 1", "same dedupe_key"]);

    let mut e = good.clone();
    e.chats[0].messages[2].dedupe_key = "k".repeat(201);
    refused(&mut store, &e, &["message 3 of chat 1", "dedupe_key"]);

    let mut e = good.clone();
    e.chats[0].messages[2].seq = e.chats[0].messages[1].seq;
    refused(&mut store, &e, &["message 3 of chat 1", "out of order"]);

    let mut e = good.clone();
    e.chats[0].messages[0].local_time = "14/03/2026 21:31".into();
    refused(
        &mut store,
        &e,
        &["message 1 of chat 1", "2026-03-14 09:31:02"],
    );

    let mut e = good.clone();
    e.chats[0].messages[0].sent.as_mut().unwrap().offset_minutes = 5000;
    refused(&mut store, &e, &["message 1 of chat 1", "offset 5000"]);

    let mut e = good.clone();
    e.chats[0].device_zone = Some("Mars/Olympus".into());
    refused(&mut store, &e, &["chat 1 (\"Anna\")", "Mars/Olympus"]);

    let mut e = good.clone();
    e.chats[0].messages[0].sender = Some("A".repeat(501));
    refused(
        &mut store,
        &e,
        &["message 1 of chat 1", "sender is too long"],
    );

    let mut e = good.clone();
    e.chats[0].imports[0].export_sha256 = "not a hash".into();
    refused(&mut store, &e, &["import 1 of chat 1", "SHA-256"]);

    // Unknown fields and formats are refused by name when the file is read.
    let mut value = serde_json::to_value(&good).unwrap();
    value["chats"][0]["messages"][0]["colour"] = "red".into();
    let err = store
        .import_case_file(value.to_string().as_bytes())
        .unwrap_err();
    assert!(err.to_string().contains("\"colour\""), "{err}");
    let mut value = serde_json::to_value(&good).unwrap();
    value["chats"][0]["format"] = "signal".into();
    let err = store
        .import_case_file(value.to_string().as_bytes())
        .unwrap_err();
    assert!(err.to_string().contains("signal"), "{err}");

    assert_eq!(case_count(&store), cases, "nothing imported");
    assert_eq!(store.audit_log(None).unwrap().len(), audit);
}

#[test]
fn a_changed_message_imports_but_a_changed_export_file_is_refused() {
    let (dir, mut store, case) = store_with_case_in("Europe/Berlin");
    case_with_chats(dir.path(), &mut store, case);
    let good = store.export_case(case).unwrap();

    // Messages carry no hash: a changed text imports. The export file inside the case export
    // (checked against its SHA-256) is what shows the chat as it was.
    let mut e = good.clone();
    e.chats[0].messages[1].text = "Send 50 000 USDT now".into();
    let changed = store.import_case(&e).unwrap();
    let chat = &store.list_chats(changed.id).unwrap()[0];
    assert_eq!(
        all_messages(&store, chat.id)[1].text,
        "Send 50 000 USDT now"
    );

    let mut e = good.clone();
    let kept = e.chats[0].imports[0].evidence_ref;
    let item = e.evidence.iter_mut().find(|i| i.reference == kept).unwrap();
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut bytes = b64.decode(&item.content_base64).unwrap();
    bytes[40] ^= 0x01;
    item.content_base64 = b64.encode(&bytes);
    let cases = case_count(&store);
    let err = store.import_case(&e).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(&format!("Evidence item {kept}"))
            && msg.contains("does not match its SHA-256"),
        "{msg}"
    );
    assert_eq!(case_count(&store), cases);
}

#[test]
fn the_version_2_fuzz_seed_with_a_chat_imports() {
    let (_dir, mut store, _case) = store_with_case_in("UTC");
    let bytes = std::fs::read(format!("{SEEDS}/chat_v2.json")).unwrap();
    let imported = store.import_case_file(&bytes).unwrap();
    assert_eq!((imported.chats, imported.chat_messages), (1, 3));
    let chat = &store.list_chats(imported.case.id).unwrap()[0];
    assert_eq!(
        (chat.format, chat.title.as_str(), chat.key_count),
        (ChatFormat::Whatsapp, "Anna", 1)
    );
    let messages = all_messages(&store, chat.id);
    assert_eq!(messages[2].sent, None, "a clock time that happened twice");
    assert_eq!(
        messages[1].sent.as_ref().unwrap().recorded,
        "2026-03-14T09:32:00+01:00"
    );
    // Its export imports again and exports the same (what the fuzz target checks).
    let first = store.export_case(imported.case.id).unwrap();
    let again = store.import_case(&first).unwrap();
    let second = store.export_case(again.id).unwrap();
    assert_eq!(without_time(first), without_time(second));
    // The future-version seed is refused.
    let future = std::fs::read(format!("{SEEDS}/future_version.json")).unwrap();
    assert!(store
        .import_case_file(&future)
        .unwrap_err()
        .to_string()
        .contains("Update Casefile"));
}

#[test]
fn deleted_evidence_of_a_chat_drops_an_attachment_link_but_never_the_export_file_silently() {
    let (dir, mut store, case) = store_with_case_in("Europe/Berlin");
    case_with_chats(dir.path(), &mut store, case);
    let chat = store.list_chats(case).unwrap()[0].clone();
    let photo = all_messages(&store, chat.id)
        .into_iter()
        .find(|m| m.evidence_id.is_some())
        .unwrap();
    // An attachment deleted from the case: the message stays, without its link.
    store.delete_evidence(photo.evidence_id.unwrap()).unwrap();
    let first = store.export_case(case).unwrap();
    let m = first.chats[0]
        .messages
        .iter()
        .find(|m| m.seq == i64::from(photo.seq))
        .unwrap();
    assert_eq!(
        (m.evidence_ref, m.attachment_name.as_deref()),
        (None, photo.attachment_name.as_deref())
    );
    let again = store.import_case(&first).unwrap();
    let second = store.export_case(again.id).unwrap();
    assert_eq!(without_time(first), without_time(second));

    // The export file itself cannot be deleted while its import stands (it proves the
    // messages); undoing the import removes both, and the case exports without the chat.
    let err = store
        .delete_evidence(chat.imports[0].evidence_id)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("undo that import"), "{err}");
    assert!(store.export_case(case).is_ok());
    for import in &chat.imports {
        if !import.undone {
            store.undo_chat_import(import.id).unwrap();
        }
    }
    let after = store.export_case(case).unwrap();
    assert!(
        after.chats.iter().all(|c| c.title != chat.title),
        "the undone chat is not exported"
    );
}
