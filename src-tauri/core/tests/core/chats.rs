//! Chat exports imported into a case: the export kept as evidence, messages as records with
//! their source lines, attachments as evidence linked to their messages, the date-order
//! question, re-imports adding only new messages, stop and undo.

use casefile_core::model::*;
use casefile_core::ErrorKind;

use crate::support::*;

#[test]
fn a_whatsapp_zip_with_media_becomes_messages_and_linked_evidence() {
    let (dir, mut store, case) = store_with_case_in("Europe/London");
    let chat = chat_fixture("whatsapp/ios_12h_narrow_nbsp.txt");
    let photo = png(30, 60, 1);
    let id_card = png(30, 60, 2);
    let zip = whatsapp_zip(
        dir.path(),
        "WhatsApp Chat - Anna.zip",
        &chat,
        &[
            ("00000012-PHOTO-2026-03-14-21-33-10.jpg", photo.clone()),
            ("00000016-PHOTO-2026-03-15-13-02-00.jpg", id_card.clone()),
        ],
    );
    let options = ChatImportOptions {
        device_zone: Some("Asia/Bangkok".into()),
        ..Default::default()
    };
    let preview = store.preview_chat(case, &zip, &options).unwrap();
    assert_eq!(preview.format, ChatFormat::Whatsapp);
    assert_eq!(preview.date_order, Some(DateOrder::Mdy));
    assert_eq!(preview.device_zone.as_deref(), Some("Asia/Bangkok"));
    assert_eq!(
        preview.first[1].recorded.as_deref(),
        Some("2026-03-14T21:31:40+07:00")
    );
    assert!(preview.participants.contains(&"Anna".to_string()));
    assert_eq!(preview.chat_file, "_chat.txt");
    assert_eq!(preview.already_imported, 0);
    // Nothing is stored by a preview.
    assert!(store.list_chats(case).unwrap().is_empty());
    assert!(store.list_evidence(case).unwrap().is_empty());

    let summary = store.import_chat(case, &zip, &options, &mut go).unwrap();
    assert_eq!(summary.messages_added, preview.message_count);
    assert_eq!(summary.attachments_added, 2, "{:?}", summary.notes);
    let c = &summary.chat;
    assert_eq!(c.device_zone.as_deref(), Some("Asia/Bangkok"));
    assert_eq!(c.date_order, Some(DateOrder::Mdy));
    assert_eq!(c.imports.len(), 1);
    // The export file is kept byte for byte: its SHA-256 is what sha256sum says.
    let out = std::process::Command::new("sha256sum")
        .arg(&zip)
        .output()
        .unwrap();
    let expected = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        c.imports[0].export_sha256,
        expected.split_whitespace().next().unwrap()
    );
    let (_, kept) = store.evidence_original(c.imports[0].evidence_id).unwrap();
    assert_eq!(kept, std::fs::read(&zip).unwrap());

    let messages = all_messages(&store, c.id);
    let photo_msg = messages
        .iter()
        .find(|m| m.attachment_name.as_deref() == Some("00000012-PHOTO-2026-03-14-21-33-10.jpg"))
        .unwrap();
    assert_eq!(
        (photo_msg.source_file.as_str(), photo_msg.source_line),
        ("_chat.txt", 5)
    );
    assert_eq!(
        photo_msg.sent.as_ref().unwrap().recorded,
        "2026-03-14T21:33:10+07:00"
    );
    let stored = store.get_evidence(photo_msg.evidence_id.unwrap()).unwrap();
    assert_eq!(stored.sha256, casefile_core::evidence::sha256_hex(&photo));
    assert_eq!(stored.capture_time_source, CaptureTimeSource::ChatMessage);
    assert!(
        stored.caption.contains("by Anna") && stored.caption.contains("_chat.txt line 5"),
        "{}",
        stored.caption
    );
    let omitted = messages
        .iter()
        .find(|m| {
            m.attachment_missing.as_deref() == Some("image omitted")
                || m.attachment_missing.is_some() && m.attachment_name.is_none()
        })
        .unwrap();
    assert!(omitted.evidence_id.is_none());
    assert!(messages.iter().any(|m| m.kind == MessageKind::Deleted));
    assert!(messages.iter().any(|m| m.kind == MessageKind::Call));
    assert!(messages.iter().any(|m| m.edited));
    let log = store.audit_log(Some(case)).unwrap();
    assert!(log.iter().any(
        |l| l.summary.contains("imported from WhatsApp Chat - Anna.zip")
            && l.summary.contains("clock times read in Asia/Bangkok")
    ));

    // The timeline shows one entry per chat and day, and its search finds message text.
    let days = store
        .timeline(
            case,
            &TimelineQuery {
                kinds: vec!["chat".into()],
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    let titles: Vec<&str> = days.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(days.total, 2, "{titles:?}");
    assert!(
        titles[0].ends_with("messages with Anna (WhatsApp)"),
        "{titles:?}"
    );
    assert_eq!(days.entries[0].source, TimelineSource::Chat);
    assert!(
        days.entries[0].detail.starts_with("Anna: "),
        "{}",
        days.entries[0].detail
    );
    let found = store
        .timeline(
            case,
            &TimelineQuery {
                text: "ID CARD".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found.entries.len(), 1);
    assert_eq!(
        found.entries[0].title,
        "1 matching message with Anna (WhatsApp)"
    );
    // The day entry opens the chat at that message.
    let around = store
        .chat_messages(
            c.id,
            &ChatQuery {
                around_message: Some(found.entries[0].id),
                limit: 4,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(around.messages.iter().any(|m| m.id == found.entries[0].id));

    // Key messages are marked, searched and counted.
    let request = messages
        .iter()
        .find(|m| m.text.starts_with("Deposit to this address"))
        .unwrap();
    store.set_key_messages(c.id, &[request.id], true).unwrap();
    let keys = store
        .chat_messages(
            c.id,
            &ChatQuery {
                key_only: true,
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        keys.messages.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![request.id]
    );
    assert_eq!(store.get_chat(c.id).unwrap().key_count, 1);
    let found = store
        .chat_messages(
            c.id,
            &ChatQuery {
                text: "id card".into(),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found.total, 1);
    assert!(store.verify_audit_chain().unwrap().problem.is_none());

    // Evidence that was in the case before the import (the same photo, added by hand) is
    // linked, and an undo leaves it where it was; what the import created goes.
    let (dir2, mut other, case2) = store_with_case_in("UTC");
    let mine = other
        .add_evidence(case2, "from my phone.jpg", &photo, None, "my copy")
        .unwrap()
        .evidence;
    let zip2 = whatsapp_zip(
        dir2.path(),
        "again.zip",
        &chat,
        &[
            ("00000012-PHOTO-2026-03-14-21-33-10.jpg", photo.clone()),
            ("00000016-PHOTO-2026-03-15-13-02-00.jpg", id_card.clone()),
        ],
    );
    let s2 = other.import_chat(case2, &zip2, &options, &mut go).unwrap();
    let linked: Vec<i32> = all_messages(&other, s2.chat.id)
        .into_iter()
        .filter_map(|m| m.evidence_id)
        .collect();
    assert!(linked.contains(&mine.id));
    other.undo_chat_import(s2.import_id).unwrap();
    assert_eq!(
        other.evidence_original(mine.id).unwrap().1,
        photo,
        "kept: it was there before"
    );
    assert_eq!(
        other.list_evidence(case2).unwrap().len(),
        1,
        "the export file and the ID card went"
    );
}

#[test]
fn an_ambiguous_date_order_is_asked_and_nothing_is_guessed() {
    let (dir, mut store, case) = store_with_case_in("UTC");
    let path = dir.path().join("WhatsApp Chat with Anna.txt");
    std::fs::write(&path, chat_fixture("whatsapp/ambiguous_order.txt")).unwrap();
    let preview = store
        .preview_chat(case, &path, &ChatImportOptions::default())
        .unwrap();
    assert_eq!(preview.message_count, 0);
    assert!(preview.date_order_candidates.contains(&DateOrder::Dmy));
    assert!(preview.date_order_candidates.contains(&DateOrder::Mdy));
    assert_eq!(preview.date_order_question.len(), 2);
    assert!(preview.date_order_question[0]
        .readings
        .iter()
        .any(|(o, w)| *o == DateOrder::Dmy && w.contains("7 March 2026")));
    let err = store
        .import_chat(case, &path, &ChatImportOptions::default(), &mut go)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.to_string().contains("two ways"), "{err}");
    assert!(store.list_chats(case).unwrap().is_empty());
    let chosen = ChatImportOptions {
        date_order: Some(DateOrder::Dmy),
        ..Default::default()
    };
    let summary = store.import_chat(case, &path, &chosen, &mut go).unwrap();
    assert_eq!(summary.chat.title, "Anna");
    let first = &all_messages(&store, summary.chat.id)[0];
    assert_eq!(first.local_time, "2026-03-07 10:00:00");
}

#[test]
fn a_longer_export_adds_only_new_messages_and_an_import_can_be_stopped_or_undone() {
    let (dir, mut store, case) = store_with_case_in("Europe/Berlin");
    let full = chat_fixture("whatsapp/android_24h_dmy.txt");
    let lines: Vec<&str> = full.lines().collect();
    let half = lines[..lines.len() / 2].join("\n") + "\n";
    let first_path = dir.path().join("first.txt");
    let second_path = dir.path().join("second.txt");
    std::fs::write(&first_path, &half).unwrap();
    std::fs::write(&second_path, &full).unwrap();
    let options = ChatImportOptions::default();

    // Stopped: nothing stored at all.
    let err = store
        .import_chat(case, &second_path, &options, &mut |_| false)
        .unwrap_err();
    assert!(err.to_string().contains("stopped"), "{err}");
    assert!(store.list_chats(case).unwrap().is_empty());
    assert!(store.list_evidence(case).unwrap().is_empty());

    let one = store
        .import_chat(case, &first_path, &options, &mut go)
        .unwrap();
    let preview = store.preview_chat(case, &second_path, &options).unwrap();
    assert_eq!(preview.already_imported, one.messages_added);
    let two = store
        .import_chat(case, &second_path, &options, &mut go)
        .unwrap();
    assert_eq!(two.chat.id, one.chat.id, "the same chat");
    assert_eq!(two.messages_already_there, one.messages_added);
    assert_eq!(
        two.chat.message_count,
        one.messages_added + two.messages_added
    );
    assert_eq!(two.chat.imports.len(), 2);
    // Importing the same file again adds nothing.
    let three = store
        .import_chat(case, &second_path, &options, &mut go)
        .unwrap();
    assert_eq!(three.messages_added, 0);

    // Undo goes from the latest import back: an earlier one's messages are relied on by the
    // later ones.
    let err = store.undo_chat_import(two.import_id).unwrap_err();
    assert!(
        err.to_string().contains("Undo the later import first"),
        "{err}"
    );
    store.undo_chat_import(three.import_id).unwrap();
    let second_file = two.chat.imports[1].evidence_id;
    assert!(
        store.evidence_original(second_file).is_ok(),
        "the second import still uses it"
    );
    store.undo_chat_import(two.import_id).unwrap();
    let after = store.get_chat(one.chat.id).unwrap();
    assert_eq!(after.message_count, one.messages_added);
    assert!(
        store.evidence_original(second_file).is_err(),
        "gone with its import"
    );
    assert!(
        store.undo_chat_import(two.import_id).is_err(),
        "undone once"
    );
    store.undo_chat_import(one.import_id).unwrap();
    assert!(
        store.list_chats(case).unwrap().is_empty(),
        "no messages left: the chat goes too"
    );
    assert!(store.verify_audit_chain().unwrap().problem.is_none());
}

#[test]
fn telegram_line_and_bad_exports() {
    let (dir, mut store, case) = store_with_case_in("Asia/Bangkok");
    // Telegram JSON in its export folder: the photo beside it is kept, the missing file not.
    let folder = dir.path().join("ChatExport_2026-03-20");
    std::fs::create_dir_all(folder.join("photos")).unwrap();
    let json = chat_fixture("telegram/single_chat.json");
    std::fs::write(folder.join("result.json"), &json).unwrap();
    let photo_path = json
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("\"photo\": \"")
                .map(|p| p.trim_end_matches("\",").to_string())
        })
        .unwrap();
    std::fs::write(folder.join(&photo_path), png(20, 20, 3)).unwrap();
    let summary = store
        .import_chat(
            case,
            &folder.join("result.json"),
            &ChatImportOptions::default(),
            &mut go,
        )
        .unwrap();
    assert_eq!(summary.chat.format, ChatFormat::TelegramJson);
    assert_eq!(summary.chat.device_zone, None, "Telegram gives exact times");
    assert_eq!(summary.attachments_added, 1, "{:?}", summary.notes);
    assert!(summary.attachments_missing >= 1);

    // LINE with a Buddhist-era year.
    let line = dir.path().join("[LINE] Chat.txt");
    std::fs::write(&line, chat_fixture("line/thai_buddhist.txt")).unwrap();
    let s = store
        .import_chat(case, &line, &ChatImportOptions::default(), &mut go)
        .unwrap();
    assert!(all_messages(&store, s.chat.id)[0]
        .local_time
        .starts_with("2026-"));

    // Not a chat, an empty file, a damaged zip: plain words, nothing stored.
    let before = store.list_evidence(case).unwrap().len();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "Shopping list\nmilk\neggs\n").unwrap();
    let err = store
        .preview_chat(case, &notes, &ChatImportOptions::default())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("does not look like a WhatsApp, Telegram or LINE export"),
        "{err}"
    );
    let broken = dir.path().join("broken.zip");
    let good = whatsapp_zip(
        dir.path(),
        "good.zip",
        &chat_fixture("whatsapp/android_24h_dmy.txt"),
        &[],
    );
    let mut bytes = std::fs::read(good).unwrap();
    bytes.truncate(bytes.len() - 30);
    std::fs::write(&broken, bytes).unwrap();
    assert!(store
        .import_chat(case, &broken, &ChatImportOptions::default(), &mut go)
        .is_err());
    assert_eq!(store.list_evidence(case).unwrap().len(), before);
    assert!(store
        .preview_chat(
            case,
            &dir.path().join("missing.zip"),
            &ChatImportOptions::default()
        )
        .is_err());
}

#[test]
fn wallets_phones_and_payment_requests_are_suggested_and_added_only_when_accepted() {
    let (dir, mut store, case) = store_with_case_in("Europe/London");
    let text = "14/03/2026, 21:05 - Anna: My assistant is on +44 20 7946 0958\n\
14/03/2026, 21:06 - Anna: Please send 5000 USDT to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t today\n\
15/03/2026, 09:00 - David: OK I sent it\n\
15/03/2026, 09:01 - Anna: The wallet again: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\n";
    let path = dir.path().join("WhatsApp Chat with Anna.txt");
    std::fs::write(&path, text).unwrap();
    let chat = store
        .import_chat(case, &path, &ChatImportOptions::default(), &mut go)
        .unwrap()
        .chat;
    assert!(
        store.list_subjects(case).unwrap().is_empty(),
        "nothing added silently"
    );
    let found = store.chat_suggestions(chat.id).unwrap();
    let wallet = found
        .iter()
        .find(|s| s.identifier_kind == Some(IdentifierKind::CryptoWallet))
        .unwrap();
    assert_eq!(wallet.value, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
    assert_eq!(wallet.mentions, 2);
    assert_eq!(wallet.source_line, 2);
    assert!(!wallet.already_in_case);
    let phone = found
        .iter()
        .find(|s| s.identifier_kind == Some(IdentifierKind::Phone))
        .unwrap();
    let payment = found.iter().find(|s| s.payment.is_some()).unwrap();
    assert_eq!(
        payment.payment.as_ref().unwrap().amount.as_deref(),
        Some("5000")
    );
    assert_eq!(payment.payment.as_ref().unwrap().asset, "USDT");

    let subject = store
        .add_subject(
            case,
            &SubjectInput {
                kind: SubjectKind::Persona,
                name: "Anna".into(),
                description: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
    let accepted: Vec<AcceptedSuggestion> = [wallet, phone, payment]
        .iter()
        .map(|s| AcceptedSuggestion {
            message_id: s.message_id,
            value: s.value.clone(),
        })
        .chain(std::iter::once(AcceptedSuggestion {
            message_id: wallet.message_id,
            value: "not in the message".into(),
        }))
        .collect();
    let outcome = store
        .accept_chat_suggestions(chat.id, &accepted, Some(subject.id))
        .unwrap();
    assert_eq!(outcome.identifier_ids.len(), 2);
    assert_eq!(outcome.event_ids.len(), 1);
    assert_eq!(outcome.skipped.len(), 1, "{:?}", outcome.skipped);
    let ids = store.list_identifiers(case).unwrap();
    let w = ids
        .iter()
        .find(|i| i.kind == IdentifierKind::CryptoWallet)
        .unwrap();
    assert!(
        w.notes.contains("message M-") && w.notes.contains("line 2"),
        "{}",
        w.notes
    );
    let event = store.get_event(outcome.event_ids[0]).unwrap();
    assert_eq!(event.kind, EventKind::RequestForMoney);
    assert!(
        event.title.starts_with("Asked to pay 5000 USDT to TR7NHq"),
        "{}",
        event.title
    );
    // Now they are in the case, they say so, and accepting again adds nothing.
    assert!(
        store
            .chat_suggestions(chat.id)
            .unwrap()
            .iter()
            .find(|s| s.value == wallet.value && s.identifier_kind.is_some())
            .unwrap()
            .already_in_case
    );
    let again = store
        .accept_chat_suggestions(chat.id, &accepted[..1], None)
        .unwrap();
    assert!(again.identifier_ids.is_empty() && again.skipped[0].contains("already in the case"));
}

#[test]
fn an_export_with_media_after_one_without_adds_the_attachments_not_the_messages_again() {
    let (dir, mut store, case) = store_with_case_in("Europe/London");
    let with_media = chat_fixture("whatsapp/ios_12h_narrow_nbsp.txt");
    // The same chat exported "without media": every attachment is "image omitted".
    let without: String = with_media
        .lines()
        .map(|l| match l.find("<attached: ") {
            Some(at) if l[at..].contains(".jpg>") => format!("{}image omitted", &l[..at]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let txt = dir.path().join("WhatsApp Chat - Anna.txt");
    std::fs::write(&txt, &without).unwrap();
    let options = ChatImportOptions {
        device_zone: Some("Asia/Bangkok".into()),
        ..Default::default()
    };
    let first = store.import_chat(case, &txt, &options, &mut go).unwrap();
    assert_eq!(first.attachments_added, 0);
    let photo = png(30, 60, 5);
    let zip = whatsapp_zip(
        dir.path(),
        "WhatsApp Chat - Anna.zip",
        &with_media,
        &[("00000012-PHOTO-2026-03-14-21-33-10.jpg", photo.clone())],
    );
    let second = store
        .import_chat(case, &zip, &ChatImportOptions::default(), &mut go)
        .unwrap();
    assert_eq!(second.chat.id, first.chat.id);
    assert_eq!(second.messages_added, 0, "the same messages");
    assert_eq!(second.attachments_added, 1, "{:?}", second.notes);
    let messages = all_messages(&store, first.chat.id);
    assert_eq!(messages.len() as u32, first.messages_added);
    let m = messages.iter().find(|m| m.evidence_id.is_some()).unwrap();
    assert_eq!(
        m.attachment_name.as_deref(),
        Some("00000012-PHOTO-2026-03-14-21-33-10.jpg")
    );
    assert_eq!(
        store.evidence_original(m.evidence_id.unwrap()).unwrap().1,
        photo
    );
    // Undoing the second import takes the photo it brought, and the message stays.
    let photo_id = m.evidence_id.unwrap();
    store.undo_chat_import(second.import_id).unwrap();
    let after = all_messages(&store, first.chat.id);
    assert_eq!(after.len() as u32, first.messages_added);
    assert!(after.iter().all(|m| m.evidence_id.is_none()));
    assert!(store.evidence_original(photo_id).is_err());
}

#[test]
fn older_history_from_a_longer_export_goes_before_what_was_there() {
    let (dir, mut store, case) = store_with_case_in("UTC");
    let full = chat_fixture("whatsapp/android_24h_dmy.txt");
    let lines: Vec<&str> = full.lines().collect();
    // The first export starts mid-chat (phones cut long exports); the second has it all.
    let cut = lines.len() / 2;
    let start = (cut..lines.len())
        .find(|&i| lines[i].starts_with(|c: char| c.is_ascii_digit()))
        .unwrap();
    let recent = lines[start..].join("\n") + "\n";
    let (a, b) = (dir.path().join("recent.txt"), dir.path().join("all.txt"));
    std::fs::write(&a, &recent).unwrap();
    std::fs::write(&b, &full).unwrap();
    let options = ChatImportOptions::default();
    let one = store.import_chat(case, &a, &options, &mut go).unwrap();
    let two = store.import_chat(case, &b, &options, &mut go).unwrap();
    assert_eq!(two.chat.id, one.chat.id);
    let messages = all_messages(&store, one.chat.id);
    // Chat order follows the full export: the older history first, then what was there.
    let first_recent = all_messages(&store, one.chat.id)
        .iter()
        .position(|m| m.source_line == 1 && m.text != messages[0].text)
        .unwrap();
    assert_eq!(
        first_recent as u32,
        two.messages_added,
        "{:?}",
        messages
            .iter()
            .map(|m| (m.source_line, &m.text))
            .collect::<Vec<_>>()
    );
    assert!(messages[0]
        .text
        .starts_with("Messages and calls are end-to-end"));
    assert!(messages.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(
        messages.len() as u32,
        one.messages_added + two.messages_added
    );
}

#[test]
fn an_iphone_zip_with_media_and_times_out_of_order_keeps_file_order() {
    let (dir, mut store, case) = store_with_case_in("Europe/Berlin");
    let chat = "[14/03/2026, 10:00:00] Anna: first\n\
[14/03/2026, 09:58:00] David: written before, shown after\n\
[15/03/2026, 08:00:00] Anna: \u{200e}<attached: 00000003-PHOTO-2026-03-15-08-00-00.jpg>\n\
[13/03/2026, 23:59:00] David: the day before\n";
    let photo = png(20, 30, 4);
    let zip = whatsapp_zip(
        dir.path(),
        "WhatsApp Chat - Anna.zip",
        chat,
        &[("00000003-PHOTO-2026-03-15-08-00-00.jpg", photo.clone())],
    );
    let summary = store
        .import_chat(case, &zip, &ChatImportOptions::default(), &mut go)
        .unwrap();
    assert_eq!(summary.attachments_added, 1);
    let messages = all_messages(&store, summary.chat.id);
    // File order, not time order; each with the time it says.
    let order: Vec<(&str, u32)> = messages
        .iter()
        .map(|m| (m.local_time.as_str(), m.source_line))
        .collect();
    assert_eq!(
        order,
        vec![
            ("2026-03-14 10:00:00", 1),
            ("2026-03-14 09:58:00", 2),
            ("2026-03-15 08:00:00", 3),
            ("2026-03-13 23:59:00", 4)
        ]
    );
    assert!(
        messages[1].seq > messages[0].seq,
        "the sort key keeps the file's order"
    );
    let photo_message = &messages[2];
    let e = store
        .get_evidence(photo_message.evidence_id.unwrap())
        .unwrap();
    assert_eq!(e.captured.unwrap().recorded, "2026-03-15T08:00:00+01:00");
    // The timeline still puts each day in time order.
    let days = store
        .timeline(
            case,
            &TimelineQuery {
                kinds: vec!["chat".into()],
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    let when: Vec<&str> = days.entries.iter().map(|d| d.day.as_str()).collect();
    assert_eq!(when, vec!["2026-03-13", "2026-03-14", "2026-03-15"]);
}

#[test]
fn undoing_an_import_also_removes_the_bytes_of_its_attachments_deleted_before() {
    let (dir, mut store, case) = store_with_case_in("Europe/London");
    let chat = chat_fixture("whatsapp/ios_12h_narrow_nbsp.txt");
    let zip = whatsapp_zip(
        dir.path(),
        "WhatsApp Chat - Anna.zip",
        &chat,
        &[
            ("00000012-PHOTO-2026-03-14-21-33-10.jpg", png(30, 60, 1)),
            ("00000016-PHOTO-2026-03-15-13-02-00.jpg", png(30, 60, 2)),
        ],
    );
    let options = ChatImportOptions {
        device_zone: Some("Asia/Bangkok".into()),
        ..Default::default()
    };
    let summary = store.import_chat(case, &zip, &options, &mut go).unwrap();
    let photo = all_messages(&store, summary.chat.id)
        .into_iter()
        .find_map(|m| m.evidence_id)
        .unwrap();
    store.delete_evidence(photo).unwrap();
    assert!(store
        .deleted_items(case)
        .unwrap()
        .iter()
        .any(|i| i.kind == DeletedKind::Evidence && i.id == photo));
    store.undo_chat_import(summary.import_id).unwrap();
    // Nothing of the import is left to bring back: no message stands behind that photo.
    assert!(
        store
            .deleted_items(case)
            .unwrap()
            .iter()
            .all(|i| i.kind != DeletedKind::Evidence),
        "{:?}",
        store.deleted_items(case).unwrap()
    );
    assert!(store.verify_audit_chain().unwrap().problem.is_none());
}
