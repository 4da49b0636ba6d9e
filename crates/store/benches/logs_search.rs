//! Log search at scale: fills a fresh store with `LOG_ROWS` entries (default 10 million) over
//! 30 days for 50 lambdas, then times the Logs page's searches (median and max of repeated
//! runs). `LOG_ROWS=1000000 cargo bench --bench logs_search` for a quicker run.
//!
//! `LOG_DB=DIR` keeps the filled store in `DIR` and reuses it on the next run (filling 10
//! million entries takes minutes); a run that finds entries there skips the fill and measures
//! relative to the newest stored entry. Arguments select cases by a part of their name, e.g.
//! `cargo bench --bench logs_search -- rare`.

use std::path::Path;
use std::time::{Duration, Instant};

use lambdabox_store::Store;
use lambdabox_store::logs::{self, LogFilter, LogRow};

const LAMBDAS: usize = 50;
const WORDS: &[&str] =
    &["order", "payment", "customer", "shipping", "invoice", "refund", "stock", "login", "retry", "timeout"];
const DAY: i64 = 24 * 3600 * 1000;
const SPAN: i64 = 30 * DAY;
const RUNS: usize = 15;

fn uuid(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

/// Entry `i` of `rows`, stamped between `now - 30 days` and `now`. Every word of `WORDS` is in
/// about a fifth of the entries of every lambda. Two words are the worst cases for a search that
/// walks the newest entries: "emea" is in more than a third of all entries, but only in those
/// of lambdas 0-24 older than 7 days; "burst" is in 0.3 % of the entries, all of them 27 days
/// old.
fn entry(i: usize, rows: usize, now: i64) -> LogRow {
    let at = now - SPAN + (i as i64 * SPAN / rows as i64);
    let lambda = i % LAMBDAS;
    let region = if lambda < LAMBDAS / 2 && at < now - 7 * DAY { ",\"region\":\"emea\"" } else { "" };
    let burst = if (rows / 10..rows / 10 + rows * 3 / 1000).contains(&i) { ",\"tag\":\"burst\"" } else { "" };
    LogRow {
        id: 0,
        lambda_uuid: uuid(lambda),
        request_id: format!("req-{}", i / 3),
        level: ["Info", "Info", "Warn", "Error"][i % 4].to_owned(),
        message: format!("{} {} for #{}", WORDS[i % WORDS.len()], WORDS[(i / 7) % WORDS.len()], i % 100_000),
        extras: format!("[{{\"n\":{i}{region}{burst}}}]"),
        at,
    }
}

#[allow(clippy::unwrap_used, clippy::expect_used)]
fn fill(rt: &tokio::runtime::Runtime, store: &Store, rows: usize, now: i64) {
    let started = Instant::now();
    let batch = 50_000;
    rt.block_on(async {
        for start in (0..rows).step_by(batch) {
            let chunk: Vec<LogRow> = (start..(start + batch).min(rows)).map(|i| entry(i, rows, now)).collect();
            store.write(move |tx| logs::insert_batch(tx, &chunk)).await.unwrap();
        }
    });
    println!("filled {rows} entries in {:.1} s", started.elapsed().as_secs_f64());
}

/// The stored entry count and the newest timestamp, if the store holds entries.
#[allow(clippy::unwrap_used)]
fn existing(rt: &tokio::runtime::Runtime, store: &Store) -> Option<(usize, i64)> {
    let (count, newest): (i64, Option<i64>) = rt
        .block_on(store.read(|c| {
            Ok(c.query_row("SELECT max(id), max(at) FROM logs", [], |r| {
                Ok((r.get::<_, Option<i64>>(0)?.unwrap_or(0), r.get(1)?))
            })?)
        }))
        .unwrap();
    newest.map(|at| (count as usize, at + 1))
}

#[allow(clippy::unwrap_used, clippy::expect_used)]
fn main() {
    let rows: usize = std::env::var("LOG_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000_000);
    let kept = std::env::var("LOG_DB").ok();
    let temp = tempfile::tempdir().unwrap();
    let dir = kept.as_deref().map_or(temp.path(), Path::new);
    std::fs::create_dir_all(dir).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let store = Store::open(dir).unwrap();
    let (rows, now) = match existing(&rt, &store) {
        Some((stored, newest)) => {
            println!("reusing {stored} entries in {}", dir.display());
            (stored, newest)
        }
        None => {
            let now = lambdabox_domain::now_ms();
            fill(&rt, &store, rows, now);
            (rows, now)
        }
    };
    let text = |lambda: Option<usize>, days: i64, text: &str| LogFilter {
        lambda_uuid: lambda.map(uuid),
        from: now - days * DAY,
        to: now,
        text: Some(text.into()),
        ..Default::default()
    };
    // (name, filter, (limit, offset), whether it finds entries); a page of the Logs page is 101.
    let page = (101, 0);
    let cases: Vec<(&str, LogFilter, (i64, i64), bool)> = vec![
        (
            "one lambda, last 24 h (the default view)",
            LogFilter { lambda_uuid: Some(uuid(7)), from: now - DAY, to: now, ..Default::default() },
            page,
            true,
        ),
        (
            "all lambdas, last 24 h, Warn+Error",
            LogFilter { levels: vec!["Warn".into(), "Error".into()], from: now - DAY, to: now, ..Default::default() },
            page,
            true,
        ),
        ("one lambda, 7 days, common text 'invoice'", text(Some(3), 7, "invoice"), page, true),
        ("all lambdas, 24 h, common text 'invoice'", text(None, 1, "invoice"), page, true),
        ("one lambda, 7 days, common prefix 'invo', page 20", text(Some(3), 7, "invo"), (101, 1900), true),
        (
            "all lambdas, 30 days, Error, text 'refund stock'",
            LogFilter { levels: vec!["Error".into()], ..text(None, 30, "refund stock") },
            page,
            true,
        ),
        ("all lambdas, 30 days, rare text '4242'", text(None, 30, "4242"), page, true),
        ("one lambda, 7 days, rare text '4242'", text(Some(42), 7, "4242"), page, true),
        ("all lambdas, 30 days, text matching nothing", text(None, 30, "nosuchword"), page, false),
        ("one lambda, 7 days, common text not in range", text(Some(3), 7, "emea"), page, false),
        ("all lambdas, 24 h, common text not in range", text(None, 1, "emea"), page, false),
        ("all lambdas, 30 days, text only in 27-day-old entries", text(None, 30, "burst"), page, true),
        ("one lambda, 30 days, common text not in lambda", text(Some(30), 30, "emea"), page, false),
        ("CSV export (10,000 lines), all lambdas, 7 days, 'invoice'", text(None, 7, "invoice"), (10_000, 0), true),
        (
            "one request id, 30 days",
            LogFilter {
                from: now - SPAN,
                to: now,
                request_id: Some(format!("req-{}", rows / 6)),
                ..Default::default()
            },
            page,
            true,
        ),
    ];
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    for (name, filter, (limit, offset), finds) in cases {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let f = filter.clone();
                let t = Instant::now();
                let found = rt.block_on(store.read(move |c| logs::search(c, &f, limit, offset))).unwrap();
                assert_eq!(!found.is_empty(), finds, "{name}: {} entries", found.len());
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{name:<58} median {:>8.2} ms   max {:>8.2} ms",
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
