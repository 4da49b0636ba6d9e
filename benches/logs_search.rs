//! Log search at scale: fills a fresh store with `LOG_ROWS` entries (default 10 million) over
//! 30 days for 50 lambdas, then times the Logs page's filtered searches (median and max of
//! repeated runs). `LOG_ROWS=1000000 cargo bench --bench logs_search` for a quicker run.

use std::time::{Duration, Instant};

use lambdabox::store::Store;
use lambdabox::store::logs::{self, LogFilter, LogRow};

const LAMBDAS: usize = 50;
const WORDS: &[&str] =
    &["order", "payment", "customer", "shipping", "invoice", "refund", "stock", "login", "retry", "timeout"];

fn uuid(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

#[allow(clippy::unwrap_used, clippy::expect_used)]
fn main() {
    let rows: usize = std::env::var("LOG_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000_000);
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let now = lambdabox::store::now_ms();
    let span = 30 * 24 * 3600 * 1000i64;
    let fill = Instant::now();
    let batch = 50_000;
    rt.block_on(async {
        for start in (0..rows).step_by(batch) {
            let chunk: Vec<LogRow> = (start..(start + batch).min(rows))
                .map(|i| LogRow {
                    id: 0,
                    lambda_uuid: uuid(i % LAMBDAS),
                    request_id: format!("req-{}", i / 3),
                    level: ["Info", "Info", "Warn", "Error"][i % 4].to_owned(),
                    message: format!(
                        "{} {} for #{}",
                        WORDS[i % WORDS.len()],
                        WORDS[(i / 7) % WORDS.len()],
                        i % 100_000
                    ),
                    extras: format!("[{{\"n\":{i}}}]"),
                    at: now - span + (i as i64 * span / rows as i64),
                })
                .collect();
            store.write(move |tx| logs::insert_batch(tx, &chunk)).await.unwrap();
        }
    });
    println!("filled {rows} entries in {:.1} s", fill.elapsed().as_secs_f64());
    let day = 24 * 3600 * 1000;
    let cases: Vec<(&str, LogFilter)> = vec![
        (
            "one lambda, last 24 h (the default view)",
            LogFilter { lambda_uuid: Some(uuid(7)), from: now - day, to: now, ..Default::default() },
        ),
        (
            "all lambdas, last 24 h, Warn+Error",
            LogFilter { levels: vec!["Warn".into(), "Error".into()], from: now - day, to: now, ..Default::default() },
        ),
        (
            "one lambda, 7 days, text 'invoice'",
            LogFilter {
                lambda_uuid: Some(uuid(3)),
                from: now - 7 * day,
                to: now,
                text: Some("invoice".into()),
                ..Default::default()
            },
        ),
        (
            "all lambdas, 30 days, rare text '#4242'",
            LogFilter { from: now - span, to: now, text: Some("4242".into()), ..Default::default() },
        ),
        (
            "one request id, 30 days",
            LogFilter {
                from: now - span,
                to: now,
                request_id: Some(format!("req-{}", rows / 6)),
                ..Default::default()
            },
        ),
    ];
    for (name, filter) in cases {
        let mut times: Vec<Duration> = (0..15)
            .map(|_| {
                let f = filter.clone();
                let t = Instant::now();
                let found = rt.block_on(store.read(move |c| logs::search(c, &f, 101, 0))).unwrap();
                assert!(!found.is_empty() || name.contains("rare"), "{name} finds entries");
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{name:<45} median {:>7.2} ms   max {:>7.2} ms",
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
