//! Free-text log search: the plans chosen per query (FTS5-first for rare text, newest-first
//! walk for common text) return the same entries in the same order as the plain query they
//! replace (FTS5 prefix match joined with the filters and sorted), for rare and common words,
//! prefixes, filters and pages, including entries stored out of time order.

use lambdabox_store::Store;
use lambdabox_store::logs::{self, LogFilter, LogRow, Plan};
use rusqlite::{Connection, params_from_iter, types::Value};

const LAMBDAS: [&str; 3] = [
    "00000000-0000-4000-8000-00000000000a",
    "00000000-0000-4000-8000-00000000000b",
    "00000000-0000-4000-8000-00000000000c",
];
const T0: i64 = 1_700_000_000_000;

/// 3,000 entries: "order" in half of them, "invoice" in a third (plus "invoices"/"invoiced"),
/// "refund" and "#4242" in a few, "Café" in some, a number in every extras; some share a
/// timestamp, and the last 300 are stored late with older timestamps.
fn entries() -> Vec<LogRow> {
    let mut seed = 42u64;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    (0..3000i64)
        .map(|i| {
            let mut words = vec!["entry"];
            if next(2) == 0 {
                words.push("order");
            }
            match next(100) {
                0..=29 => words.push("invoice"),
                30..=32 => words.push("invoices"),
                33 => words.push("INVOICED"),
                34 => words.push("refund"),
                35 => words.push("#4242"),
                36..=40 => words.push("Café"),
                _ => {}
            }
            let at = if i >= 2700 { T0 + (i - 2700) * 3_000 + 500 } else { T0 + (i / 2) * 1_000 };
            LogRow {
                id: 0,
                lambda_uuid: LAMBDAS[usize::try_from(next(3)).unwrap()].to_owned(),
                request_id: format!("req-{}", i / 4),
                level: ["Info", "Warn", "Error"][usize::try_from(next(3)).unwrap()].to_owned(),
                message: words.join(" "),
                extras: format!("[{{\"n\":{i}}}]"),
                at,
            }
        })
        .collect()
}

/// The query the plans replace: every word quoted, the last a prefix, joined and sorted.
fn reference(conn: &Connection, filter: &LogFilter, limit: i64, offset: i64) -> Vec<i64> {
    let text = filter.text.as_deref().unwrap_or_default();
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.replace('"', ""))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    let mut sql =
        "SELECT l.id FROM logs l JOIN logs_fts f ON f.rowid = l.id WHERE logs_fts MATCH ? AND l.at >= ? AND l.at < ?"
            .to_owned();
    let mut args =
        vec![Value::Text(format!("{}*", words.join(" "))), Value::Integer(filter.from), Value::Integer(filter.to)];
    if let Some(lambda) = &filter.lambda_uuid {
        sql.push_str(" AND l.lambda_uuid = ?");
        args.push(Value::Text(lambda.clone()));
    }
    if let Some(request) = &filter.request_id {
        sql.push_str(" AND l.request_id = ?");
        args.push(Value::Text(request.clone()));
    }
    if !filter.levels.is_empty() {
        sql.push_str(&format!(" AND l.level IN ({})", vec!["?"; filter.levels.len()].join(", ")));
        args.extend(filter.levels.iter().cloned().map(Value::Text));
    }
    sql.push_str(" ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?");
    args.extend([Value::Integer(limit), Value::Integer(offset)]);
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map(params_from_iter(args), |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[tokio::test]
async fn text_search_plans_return_what_the_plain_query_returns() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.write(|tx| logs::insert_batch(tx, &entries())).await.unwrap();

    let texts = [
        "order",
        "invoice",
        "invoic",
        "INVOICE",
        "inv",
        "refund",
        "4242",
        "#4242",
        "café",
        "Caf",
        "order invoice",
        "entry 1",
        "1",
        "2999",
        "nosuch",
        "order nosuch",
        "#",
        "\"order\"",
    ];
    let all = LogFilter { from: 0, to: i64::MAX, ..Default::default() };
    let filters = [
        all.clone(),
        LogFilter { lambda_uuid: Some(LAMBDAS[1].to_owned()), ..all.clone() },
        LogFilter { levels: vec!["Error".into()], ..all.clone() },
        LogFilter {
            lambda_uuid: Some(LAMBDAS[2].to_owned()),
            levels: vec!["Warn".into(), "Error".into()],
            ..all.clone()
        },
        LogFilter { request_id: Some("req-690".into()), ..all.clone() },
        LogFilter { from: T0 + 200_000, to: T0 + 900_000, ..all.clone() },
    ];
    let pages = [(10, 0), (7, 5), (1000, 0), (3, 200)];
    let mut compared = 0;
    for text in texts {
        for filter in &filters {
            let filter = LogFilter { text: Some(text.to_owned()), ..filter.clone() };
            for (limit, offset) in pages {
                let f = filter.clone();
                let (expected, plans) = store
                    .read(move |conn| {
                        let expected = reference(conn.as_sqlite().unwrap(), &f, limit, offset);
                        let ids = |plan| -> Vec<i64> {
                            logs::search_with(conn, &f, limit, offset, plan).unwrap().iter().map(|r| r.id).collect()
                        };
                        Ok((expected, [Plan::Auto, Plan::TextFirst, Plan::NewestFirst].map(|p| (p, ids(p)))))
                    })
                    .await
                    .unwrap();
                for (plan, ids) in plans {
                    assert_eq!(ids, expected, "{plan:?} for {filter:?}, limit {limit}, offset {offset}");
                }
                compared += usize::from(!expected.is_empty());
            }
        }
    }
    assert!(compared > 200, "most searches find entries ({compared})");
}
