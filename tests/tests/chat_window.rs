//! End-to-end in the real window: a WhatsApp export zip imported into a case — the
//! date-order question answered, the messages read in the chat view, a key message marked and
//! a wallet from the messages accepted into the case. Screenshots go to the E2E artifacts.

#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Write as _};
use std::time::Duration;

use casefile_e2e::{artifacts_dir, AppUnderTest};

const PASS: &str = "copper lantern meadow ninety";
const TRON_OK: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(300, 400, |x, y| {
        image::Rgb([(x % 200) as u8, 90, (y % 250) as u8])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}

/// An Android WhatsApp export whose dates read both ways (every day ≤ 12), with a photo and
/// a wallet address.
fn whatsapp_zip(dir: &std::path::Path) -> std::path::PathBuf {
    let chat = format!(
        "07/03/2026, 10:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n\
07/03/2026, 10:01 - Anna: Good morning David, how is the trading going?\n\
07/03/2026, 10:02 - David: I made 12% this week!\n\
08/03/2026, 21:15 - Anna: IMG-20260308-WA0001.jpg (file attached)\n\
This is the platform screen\n\
09/03/2026, 09:30 - Anna: To unlock your withdrawal send 5000 USDT to {TRON_OK}\n\
09/03/2026, 09:31 - David: OK\n\
10/03/2026, 11:00 - Anna: <Media omitted>\n"
    );
    let path = dir.join("WhatsApp Chat with Anna.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("WhatsApp Chat with Anna.txt", opts).unwrap();
    zip.write_all(chat.as_bytes()).unwrap();
    zip.start_file("IMG-20260308-WA0001.jpg", opts).unwrap();
    zip.write_all(&photo()).unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn a_whatsapp_export_is_imported_read_marked_and_mined_in_the_real_window() {
    let app = AppUnderTest::launch();
    let s = &app.session;
    app.create_store(PASS);
    app.create_case("Romance and USDT – Anna");
    let dir = tempfile::tempdir().unwrap();
    let zip = whatsapp_zip(dir.path());

    // From the Evidence tab's pointer to the chat import.
    s.click(&s.find("#tab-evidence").unwrap()).unwrap();
    let link = s.wait_for("button.link", 10).unwrap();
    s.click(&link).unwrap();
    let picker = s.wait_for_present("#chat-file", 10).unwrap();
    s.send_keys(&picker, &zip.display().to_string()).unwrap();

    // The dates read two ways: asked, with the lines read each way; nothing stored yet.
    s.wait_for_text("#date-order-question", "Saturday 7 March 2026", 20)
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    s.screenshot(&artifacts_dir().join("casefile-chat-date-order.png"))
        .unwrap();
    s.click(&s.find("input[name='date-order'][value='dmy']").unwrap())
        .unwrap();
    s.wait_for_text("#chat-preview", "7 messages", 20).unwrap();
    s.wait_for_text("#chat-preview", "1 in the export", 5)
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot(&artifacts_dir().join("casefile-chat-preview.png"))
        .unwrap();
    s.click(&s.find("#run-chat-import").unwrap()).unwrap();
    s.wait_for_text("#chats-message", "7 messages imported", 30)
        .unwrap();
    s.wait_for_text("#chats-message", "1 attachments kept as evidence", 5)
        .unwrap();

    // Read like a messenger; the photo inline; a key message marked.
    s.wait_for_text(".messages", "To unlock your withdrawal", 10)
        .unwrap();
    s.wait_for(".attachment img", 10).unwrap();
    let request = s
        .execute(
            "const m = [...document.querySelectorAll('li.msg')].find(l => l.textContent.includes('To unlock')); return m.dataset.messageId;",
            serde_json::json!([]),
        )
        .unwrap();
    let id = request.as_str().unwrap().to_string();
    s.click(
        &s.find(&format!("li[data-message-id='{id}'] .star"))
            .unwrap(),
    )
    .unwrap();
    s.wait_for(&format!("li[data-message-id='{id}'].key"), 10)
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    s.screenshot(&artifacts_dir().join("casefile-chat-view.png"))
        .unwrap();

    // The wallet in the messages is suggested, and added only once accepted.
    s.click(&s.find("#find-suggestions").unwrap()).unwrap();
    let wallet = s
        .wait_for(&format!("input.suggestion[data-value='{TRON_OK}']"), 10)
        .unwrap();
    s.click(&wallet).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot(&artifacts_dir().join("casefile-chat-suggestions.png"))
        .unwrap();
    s.click(&s.find("#accept-suggestions").unwrap()).unwrap();
    s.wait_for_text("#chats-message", "1 identifiers", 10)
        .unwrap();

    // The wallet is now an identifier of the case, and the timeline shows the chat days.
    s.click(&s.find("#tab-people").unwrap()).unwrap();
    s.wait_for_text("#panel-people", TRON_OK, 10).unwrap();
    s.click(&s.find("#tab-timeline").unwrap()).unwrap();
    s.wait_for("#timeline-list .row .body.chat", 10).unwrap();
    let titles = s
        .execute(
            "return [...document.querySelectorAll('#timeline-list .body.chat .title')].map(t => t.textContent).join(' | ');",
            serde_json::json!([]),
        )
        .unwrap();
    assert!(
        titles
            .as_str()
            .unwrap()
            .contains("3 messages with Anna (WhatsApp)"),
        "{titles}"
    );
    std::thread::sleep(Duration::from_millis(500));
    s.screenshot(&artifacts_dir().join("casefile-chat-timeline.png"))
        .unwrap();
    app.quit()
        .assert_no_plaintext(&["To unlock your withdrawal", TRON_OK]);
}
