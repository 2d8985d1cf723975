//! Timeline paging on a case with 60,000 entries (36,000 events, 18,000 transfers, 6,000
//! evidence items; `TIMELINE_ENTRIES` changes the total): one page of 100 rows at the start,
//! the middle and the end, filtered by kind and searched by text. Target: ≤ 15 ms per page.

use std::io::Cursor;

use casefile_core::model::*;
use casefile_core::Store;
use criterion::{criterion_group, criterion_main, Criterion};

fn tiny_png(i: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(8, 8, |x, y| {
        image::Rgb([(i % 256) as u8, (i / 256) as u8, (x * y) as u8])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode png");
    out
}

fn big_case(dir: &std::path::Path, entries: u32) -> (Store, i32) {
    let (events, transfers) = (entries * 6 / 10, entries * 3 / 10);
    let evidence = entries - events - transfers;
    let mut store = Store::create(&dir.join("bench.db"), "benchmark passphrase words", "bench")
        .expect("create");
    let case = store.create_case("Benchmark case").expect("case").id;
    let day = |i: u32| {
        format!(
            "2025-{:02}-{:02} {:02}:{:02}",
            1 + (i / 28) % 12,
            1 + i % 28,
            i % 24,
            (i * 7) % 60
        )
    };
    for i in 0..events {
        store
            .add_event(
                case,
                &EventInput {
                    occurred_at: day(i),
                    kind: if i % 3 == 0 {
                        EventKind::Message
                    } else {
                        EventKind::Call
                    },
                    title: format!("Message {i} from Anna about the platform"),
                    description: "She said the returns were guaranteed".into(),
                    links: vec![],
                },
            )
            .expect("event");
    }
    for i in 0..transfers {
        store
            .add_transfer(
                case,
                &TransferInput {
                    from_account: "Current account".into(),
                    beneficiary_name: format!("Mule {}", i % 17),
                    reference: format!("REF{i:06}"),
                    ..TransferInput::new(
                        &day(i * 2 + 1),
                        &format!("{}.{:02}", 100 + i, i % 100),
                        "EUR",
                    )
                },
            )
            .expect("transfer");
    }
    for i in 0..evidence {
        store
            .add_evidence(
                case,
                &format!("shot_{i}.png"),
                &tiny_png(i),
                None,
                "chat screenshot",
            )
            .expect("evidence");
    }
    (store, case)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let entries: u32 = std::env::var("TIMELINE_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60_000);
    let started = std::time::Instant::now();
    let (store, case) = big_case(dir.path(), entries);
    eprintln!(
        "built a case of {entries} entries in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let page = |offset, kinds: Vec<String>, text: &str| TimelineQuery {
        kinds,
        text: text.into(),
        offset,
        limit: 100,
    };
    assert_eq!(
        store
            .timeline(case, &page(0, vec![], ""))
            .expect("page")
            .total,
        entries
    );
    let mut g = c.benchmark_group(format!("timeline page of 100 ({entries} entries)"));
    g.bench_function("first page", |b| {
        b.iter(|| store.timeline(case, &page(0, vec![], "")).expect("page"))
    });
    g.bench_function("middle page", |b| {
        b.iter(|| {
            store
                .timeline(case, &page(entries / 2, vec![], ""))
                .expect("page")
        })
    });
    g.bench_function("last page", |b| {
        b.iter(|| {
            store
                .timeline(case, &page(entries - 100, vec![], ""))
                .expect("page")
        })
    });
    g.bench_function("only transfers out", |b| {
        b.iter(|| {
            store
                .timeline(case, &page(entries / 10, vec!["out".into()], ""))
                .expect("page")
        })
    });
    g.bench_function("text search", |b| {
        b.iter(|| {
            store
                .timeline(case, &page(0, vec![], "mule 3"))
                .expect("page")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
