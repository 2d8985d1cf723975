//! A big WhatsApp export: 50,000 messages and 2,000 media files (~1 GB zip, stored without
//! compression as phones do for photos). Measures the import's wall time and the process's
//! peak memory (VmHWM), then the timeline (60,000+ entries with the chat days) and chat pages.
//! One-shot measurement; prints the numbers. Run:
//! `cargo bench -p casefile-core --bench chat` (CHAT_MESSAGES, CHAT_MEDIA, CHAT_MEDIA_KB change it).

use std::io::Write as _;
use std::time::Instant;

use casefile_core::model::{
    ChatImportOptions, ChatQuery, DateOrder, EventInput, EventKind, TimelineQuery,
};
use casefile_core::Store;

fn count(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|k| k.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Media bytes that look like a JPEG to the type sniffer but are cheap to make.
fn media(i: u32, kb: u32) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0];
    let mut x = 0x9E37_79B9u32.wrapping_mul(i + 1);
    out.extend((0..kb * 1024).map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        (x >> 24) as u8
    }));
    out
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let messages = count("CHAT_MESSAGES", 50_000);
    let media_files = count("CHAT_MEDIA", 2_000);
    let media_kb = count("CHAT_MEDIA_KB", 500);
    let dir = tempfile::tempdir().expect("tempdir");
    let zip_path = dir.path().join("WhatsApp Chat with Anna.zip");
    {
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(
            std::fs::File::create(&zip_path).expect("zip"),
        ));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut text = String::new();
        let every = (messages / media_files.max(1)).max(1);
        for i in 0..messages {
            let day = 1 + (i / 2000) % 28;
            let month = 1 + (i / 56_000) % 12;
            let (h, m) = ((i / 60) % 24, i % 60);
            let sender = if i % 3 == 0 { "David" } else { "Anna" };
            if i % every == 0 && i / every < media_files {
                text.push_str(&format!("{day:02}/{month:02}/2026, {h:02}:{m:02} - {sender}: IMG-2026{month:02}{day:02}-WA{:04}.jpg (file attached)\n", i / every));
            } else {
                text.push_str(&format!("{day:02}/{month:02}/2026, {h:02}:{m:02} - {sender}: message {i} about the platform, the deposit and the withdrawal fee\n"));
            }
        }
        zip.start_file("WhatsApp Chat with Anna.txt", deflated)
            .expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
        for n in 0..media_files {
            let i = n * every;
            let (day, month) = (1 + (i / 2000) % 28, 1 + (i / 56_000) % 12);
            zip.start_file(format!("IMG-2026{month:02}{day:02}-WA{n:04}.jpg"), stored)
                .expect("entry");
            zip.write_all(&media(n, media_kb)).expect("write");
        }
        zip.finish().expect("finish");
    }
    let size = std::fs::metadata(&zip_path).expect("meta").len();
    println!(
        "export: {messages} messages, {media_files} media files, {:.0} MB zip",
        size as f64 / 1_048_576.0
    );
    let before = peak_rss_mb();
    let mut store = Store::create(
        &dir.path().join("bench.db"),
        "benchmark passphrase words",
        "bench",
    )
    .expect("store");
    let case = store.create_case("Chat benchmark").expect("case").id;
    let options = ChatImportOptions {
        date_order: Some(DateOrder::Dmy),
        device_zone: Some("Europe/London".into()),
        chat_index: None,
    };
    let t = Instant::now();
    let summary = store
        .import_chat(case, &zip_path, &options, &mut |_| true)
        .expect("import");
    let took = t.elapsed();
    println!(
        "import: {:.1} s ({} messages, {} attachments); peak memory {:.0} MB (before the import {:.0} MB)",
        took.as_secs_f64(),
        summary.messages_added,
        summary.attachments_added,
        peak_rss_mb(),
        before
    );
    // 10,000 other entries besides the chat's days and media items.
    for i in 0..10_000u32 {
        store
            .add_event(
                case,
                &EventInput {
                    occurred_at: format!(
                        "2026-{:02}-{:02} 12:{:02}",
                        1 + i % 12,
                        1 + i % 28,
                        i % 60
                    ),
                    kind: EventKind::Note,
                    title: format!("Note {i}"),
                    description: String::new(),
                    links: Vec::new(),
                },
            )
            .expect("event");
    }
    let page = |q: TimelineQuery| {
        let t = Instant::now();
        let p = store.timeline(case, &q).expect("timeline");
        (t.elapsed().as_secs_f64() * 1000.0, p.total)
    };
    let (first, total) = page(TimelineQuery {
        limit: 100,
        ..Default::default()
    });
    let (last, _) = page(TimelineQuery {
        limit: 100,
        offset: total.saturating_sub(100),
        ..Default::default()
    });
    let (search, hits) = page(TimelineQuery {
        text: "withdrawal fee".into(),
        limit: 100,
        ..Default::default()
    });
    println!("timeline of {total} entries ({} items in all): first page {first:.1} ms, last page {last:.1} ms, text search {search:.1} ms ({hits} hits)", messages + media_files + 10_000);
    let chat = summary.chat.id;
    let t = Instant::now();
    let p = store
        .chat_messages(
            chat,
            &ChatQuery {
                limit: 200,
                ..Default::default()
            },
        )
        .expect("chat");
    let first_chat = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    store
        .chat_messages(
            chat,
            &ChatQuery {
                limit: 200,
                offset: p.total - 200,
                ..Default::default()
            },
        )
        .expect("chat");
    let last_chat = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    store
        .chat_messages(
            chat,
            &ChatQuery {
                limit: 200,
                from_day: Some("2026-01-20".into()),
                ..Default::default()
            },
        )
        .expect("chat");
    let day_chat = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    store
        .chat_messages(
            chat,
            &ChatQuery {
                text: "message 4999".into(),
                limit: 200,
                ..Default::default()
            },
        )
        .expect("chat");
    let search_chat = t.elapsed().as_secs_f64() * 1000.0;
    println!("chat pages of 200: first {first_chat:.1} ms, last {last_chat:.1} ms, jump to a day {day_chat:.1} ms, search {search_chat:.1} ms");
}
