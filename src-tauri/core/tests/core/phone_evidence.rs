//! Phone evidence: capture times from EXIF, PNG metadata and file names read in the device's
//! zone, intake in group commits with previews afterwards, and bulk corrections of times.

use std::path::PathBuf;

use casefile_core::model::*;
use casefile_core::Store;

use crate::support::*;

fn store_with_case(zone: &str) -> (tempfile::TempDir, PathBuf, Store, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casefile.db");
    let mut store = Store::create(&path, PASS, "test").unwrap();
    let case = store.create_case("Phone evidence").unwrap();
    let mut d = case.details.clone();
    d.time_zone = zone.into();
    store.update_case(case.id, &d).unwrap();
    (dir, path, store, case.id)
}

fn recorded(e: &Evidence) -> String {
    e.captured.as_ref().unwrap().recorded.clone()
}

#[test]
fn phone_files_are_dated_by_exif_xmp_or_name_in_the_device_zone() {
    // The case is in London; the victim's phone was in Bangkok (UTC+7).
    let (_dir, _path, mut store, case) = store_with_case("Europe/London");
    let copied = chrono::Utc::now();
    let mut intake = store.begin_intake(case, Some("Asia/Bangkok")).unwrap();
    let mut add = |name: &str, bytes: Vec<u8>| {
        store
            .intake_bytes(&mut intake, name, &bytes, Some(copied), "")
            .unwrap()
            .evidence
    };
    let android = add("Screenshot_20260314-093102_WhatsApp.png", png(30, 60, 1));
    let android_ms = add(
        "Screenshot_2026-03-14-09-31-02-123_com.whatsapp.jpg",
        png(30, 60, 2),
    );
    let ios_export = add("00000012-PHOTO-2026-03-14-09-31-02.jpg", png(30, 60, 3));
    let macos_12h = add(
        "Screenshot 2026-03-14 at 9.31.02\u{202f}PM.png",
        png(30, 60, 4),
    );
    let windows = add("Screenshot 2026-03-14 093102.png", png(30, 60, 5));
    let telegram = add("photo_2026-03-14_09-31-02.jpg", png(30, 60, 6));
    let whatsapp_media = add("IMG-20260314-WA0012.jpg", png(30, 60, 7));
    let xmp = add(
        "IMG_4411.PNG",
        png_with_chunk(b"iTXt", &xmp_itxt("2026-03-14T09:31:02+08:00"), 8),
    );
    let xmp_local = add(
        "IMG_4412.PNG",
        png_with_chunk(b"iTXt", &xmp_itxt("2026-03-14T09:31:02"), 9),
    );
    let exif_png = add(
        "shot.png",
        png_with_chunk(
            b"eXIf",
            &exif_tiff("2026:03:14 09:31:02", Some("+09:00")),
            10,
        ),
    );
    let exif_beats_name = add(
        "Screenshot_20260101-000000.jpg",
        jpeg_with_exif("2026:03:14 09:31:02", Some("+08:00")),
    );
    let plain = add("scan.png", png(30, 60, 11));
    store.finish_intake(intake).unwrap();

    for e in [&android, &android_ms, &ios_export, &windows, &telegram] {
        assert_eq!(
            e.capture_time_source,
            CaptureTimeSource::FileName,
            "{}",
            e.file_name
        );
        assert_eq!(recorded(e), "2026-03-14T09:31:02+07:00", "{}", e.file_name);
        assert_eq!(e.capture_zone.as_deref(), Some("Asia/Bangkok"));
    }
    assert_eq!(recorded(&macos_12h), "2026-03-14T21:31:02+07:00");
    assert_eq!(
        whatsapp_media.capture_time_source,
        CaptureTimeSource::FileNameDateOnly
    );
    assert_eq!(recorded(&whatsapp_media), "2026-03-14T00:00:00+07:00");
    assert_eq!(xmp.capture_time_source, CaptureTimeSource::PngMetadata);
    assert_eq!(recorded(&xmp), "2026-03-14T09:31:02+08:00");
    assert_eq!(xmp.capture_zone, None, "the time carried its own offset");
    assert_eq!(
        xmp_local.capture_time_source,
        CaptureTimeSource::PngMetadataNoOffset
    );
    assert_eq!(recorded(&xmp_local), "2026-03-14T09:31:02+07:00");
    assert_eq!(
        exif_png.capture_time_source,
        CaptureTimeSource::Exif,
        "a PNG eXIf chunk is EXIF"
    );
    assert_eq!(recorded(&exif_png), "2026-03-14T09:31:02+09:00");
    assert_eq!(exif_beats_name.capture_time_source, CaptureTimeSource::Exif);
    assert_eq!(plain.capture_time_source, CaptureTimeSource::FileModified);

    // The audit log says where each time came from and in which zone it was read.
    let log = store.audit_log(Some(case)).unwrap();
    assert!(
        log.iter().any(|l| l
            .summary
            .contains("2026-03-14T09:31:02+07:00 (From the file name")
            && l.summary.contains("zone Asia/Bangkok")),
        "{:#?}",
        log.iter().map(|l| &l.summary).collect::<Vec<_>>()
    );
    // Previews come after intake, all of them.
    assert!(store
        .list_evidence(case)
        .unwrap()
        .iter()
        .all(|e| e.preview_pending && !e.has_preview));
    assert_eq!(store.make_pending_previews().unwrap(), 12);
    let listed = store.list_evidence(case).unwrap();
    assert!(listed
        .iter()
        .all(|e| !e.preview_pending && e.has_preview && e.width == Some(e.width.unwrap())));
    assert_eq!(
        (android.width, android.height),
        (Some(30), Some(60)),
        "size read from the header at intake"
    );
}

#[test]
fn an_intake_commits_in_groups_and_a_crash_keeps_the_groups_before_it() {
    let (dir, path, mut store, case) = store_with_case("UTC");
    let files: Vec<PathBuf> = (0..60u8)
        .map(|i| {
            let p = dir.path().join(format!(
                "Screenshot_202603{:02}-1200{:02}.png",
                1 + i % 28,
                i % 60
            ));
            std::fs::write(&p, png(8, 8, i)).unwrap();
            p
        })
        .collect();
    let mut intake = store.begin_intake(case, None).unwrap();
    for f in &files {
        store.intake_file(&mut intake, f, "from the phone").unwrap();
    }
    // The process dies before the intake is finished: no finish, no close.
    drop(intake);
    drop(store);
    let mut store = Store::open(&path, PASS, "test").unwrap();
    let kept = store.list_evidence(case).unwrap();
    assert!(
        (50..60).contains(&kept.len()),
        "the first group of 50 is committed, the open group is not: {}",
        kept.len()
    );
    for e in &kept {
        assert_eq!(
            store.evidence_original(e.id).unwrap().1.len() as u32,
            e.size_bytes
        );
        assert_eq!(e.caption, "from the phone");
    }
    assert!(store.verify_audit_chain().unwrap().problem.is_none());

    // Taking the same files in again adds only the missing ones.
    let mut intake = store.begin_intake(case, None).unwrap();
    for f in &files {
        store.intake_file(&mut intake, f, "").unwrap();
    }
    let summary = store.finish_intake(intake).unwrap();
    assert_eq!(
        (summary.stored as usize, summary.duplicates as usize),
        (60 - kept.len(), kept.len())
    );
    assert_eq!(store.list_evidence(case).unwrap().len(), 60);
    // A bad file in the middle refuses only itself.
    let empty = dir.path().join("empty.png");
    std::fs::write(&empty, b"").unwrap();
    let mut intake = store.begin_intake(case, None).unwrap();
    assert!(store.intake_file(&mut intake, &empty, "").is_err());
    let extra = dir.path().join("extra.png");
    std::fs::write(&extra, png(9, 9, 1)).unwrap();
    store.intake_file(&mut intake, &extra, "").unwrap();
    store.finish_intake(intake).unwrap();
    assert_eq!(store.list_evidence(case).unwrap().len(), 61);
    // An unknown device zone is refused before anything is read.
    assert!(store.begin_intake(case, Some("Mars/Olympus")).is_err());
}

#[test]
fn capture_times_are_shifted_or_read_in_another_zone_with_before_and_after_audited() {
    let (_dir, _path, mut store, case) = store_with_case("Europe/London");
    let mut intake = store.begin_intake(case, None).unwrap();
    let mut add = |name: &str, bytes: Vec<u8>| {
        store
            .intake_bytes(&mut intake, name, &bytes, None, "")
            .unwrap()
            .evidence
    };
    let a = add("Screenshot_20260314-093102.png", png(10, 10, 1));
    let b = add("Screenshot_20260315-101500.png", png(10, 10, 2));
    let exact = add(
        "IMG_1.jpg",
        jpeg_with_exif("2026:03:14 09:30:12", Some("+08:00")),
    );
    let unknown = add("notes.txt", b"no time at all".to_vec());
    store.finish_intake(intake).unwrap();
    assert_eq!(recorded(&a), "2026-03-14T09:31:02+00:00");

    // The phone was in Bangkok: the same wall-clock times, read there.
    let change = store
        .set_capture_zone(case, &[a.id, b.id, exact.id], "Asia/Bangkok")
        .unwrap();
    assert_eq!(change.changed.len(), 2);
    assert_eq!(recorded(&change.changed[0]), "2026-03-14T09:31:02+07:00");
    assert_eq!(
        change.changed[0].captured.as_ref().unwrap().utc,
        "2026-03-14T02:31:02Z"
    );
    assert_eq!(change.skipped.len(), 1);
    assert!(
        change.skipped[0].reason.contains("carries its own offset"),
        "{:?}",
        change.skipped
    );

    // Its clock was also an hour slow: shift both, then move them to another zone again —
    // the shift is kept.
    let change = store
        .shift_capture_times(case, &[a.id, b.id, unknown.id], 60)
        .unwrap();
    assert_eq!(recorded(&change.changed[0]), "2026-03-14T10:31:02+07:00");
    assert_eq!(change.changed[0].capture_shift_minutes, 60);
    assert!(change.skipped[0].reason.contains("no capture time"));
    let change = store
        .set_capture_zone(case, &[a.id], "Asia/Hong_Kong")
        .unwrap();
    assert_eq!(recorded(&change.changed[0]), "2026-03-14T10:31:02+08:00");

    let log = store.audit_log(Some(case)).unwrap();
    let summaries: Vec<&str> = log.iter().map(|l| l.summary.as_str()).collect();
    assert!(summaries.contains(&format!(
        "Evidence V-{} capture time shifted by +1 h: before 2026-03-14T09:31:02+07:00, after 2026-03-14T10:31:02+07:00",
        a.id
    ).as_str()), "{summaries:#?}");
    assert!(summaries.iter().any(|s| s.contains("read in the zone Asia/Hong_Kong: before 2026-03-14T10:31:02+07:00, after 2026-03-14T10:31:02+08:00")));
    // Shifted across a daylight-saving change, the clock shown is that day's.
    let mut intake = store.begin_intake(case, Some("Europe/Berlin")).unwrap();
    let spring = store
        .intake_bytes(
            &mut intake,
            "Screenshot_20260329-013000.png",
            &png(10, 10, 9),
            None,
            "",
        )
        .unwrap()
        .evidence;
    store.finish_intake(intake).unwrap();
    assert_eq!(recorded(&spring), "2026-03-29T01:30:00+01:00");
    let moved = store.shift_capture_times(case, &[spring.id], 60).unwrap();
    assert_eq!(recorded(&moved.changed[0]), "2026-03-29T03:30:00+02:00");

    // A case export carries the zone and the shift, and an import keeps them.
    let export = store.export_case(case).unwrap();
    let imported = store.import_case(&export).unwrap();
    let again = store.list_evidence(imported.id).unwrap();
    let a2 = again.iter().find(|e| e.sha256 == a.sha256).unwrap();
    assert_eq!(recorded(a2), "2026-03-14T10:31:02+08:00");
    assert_eq!(
        (a2.capture_zone.as_deref(), a2.capture_shift_minutes),
        (Some("Asia/Hong_Kong"), 60)
    );
    assert_eq!(a2.capture_note, "From the file name (read in the device's time zone): Asia/Hong_Kong; shifted by hand by +1 h");
    // Nonsense is refused in plain words, nothing changed.
    assert!(store.shift_capture_times(case, &[a.id], 0).is_err());
    assert!(store
        .shift_capture_times(case, &[a.id], 400 * 1440)
        .is_err());
    assert!(store.set_capture_zone(case, &[], "UTC").is_err());
    assert!(store.verify_audit_chain().unwrap().problem.is_none());
}
