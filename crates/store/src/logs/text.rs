//! Free-text log search, planned per query so that a page costs about the same whether the
//! text is in a handful of entries or in millions: a rare text is looked up in the FTS5 index
//! first, a common one by walking the newest entries that pass the filters and merging them with
//! the FTS5 match list, stopping at the page.

use rusqlite::{Connection, Rows, params_from_iter};

use super::{COLUMNS, LogFilter, LogRow, conditions};
use crate::StoreError;

/// A text matched by fewer entries than this is searched FTS5-first: its matches are at most
/// this many row lookups (~2 µs each) and a sort.
const RARE_MATCHES: i64 = 20_000;
/// Entries the newest-first walk reads (candidates and FTS5 matches) before it asks whether the
/// text is, after all, rare enough for the FTS5-first plan: a text with many matches, none of
/// them among the newest entries in range, would otherwise walk the whole range.
const WALK_BUDGET: usize = 400_000;
/// Matches below which the FTS5-first plan beats finishing a walk that ran out of budget.
const LATE_RARE_MATCHES: i64 = 50_000;
/// Indexed terms the last word may prefix before the search keeps FTS5's own prefix query.
const MAX_PREFIX_TERMS: usize = 64;

/// How a free-text search runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Chosen per query from a capped count of the text's matches (what the app uses).
    Auto,
    /// Every FTS5 match of the text, then the filters and a sort: cheap when few entries match.
    TextFirst,
    /// The newest entries passing the filters, each kept if FTS5 matches it, until the page is
    /// full: cheap when many entries match.
    NewestFirst,
}

/// Free text as words: every word must match (message or extras), the last one as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    whole: Vec<String>,
    last: String,
}

impl Words {
    /// The words of `text`; double quotes are dropped so user input is never FTS5 syntax.
    /// Words without a letter or digit (`=`, `/`, `=>`) are dropped when others remain: the
    /// tokenizer makes no term of them, and joined with AND such an empty phrase would match
    /// nothing (a text of punctuation alone still matches nothing). `None` when nothing is left.
    pub fn parse(text: &str) -> Option<Self> {
        let words: Vec<String> =
            text.split_whitespace().map(|w| w.replace('"', "")).filter(|w| !w.is_empty()).collect();
        let has_term = |w: &String| w.chars().any(char::is_alphanumeric);
        let mut whole: Vec<String> =
            if words.iter().any(has_term) { words.into_iter().filter(has_term).collect() } else { words };
        let last = whole.pop()?;
        Some(Self { whole, last })
    }

    /// The same words as a PostgreSQL tsquery over the `search` column, as text for a cast (so
    /// PostgreSQL's parser never re-splits them): each word the phrase of the terms FTS5's
    /// tokenizer makes of it (see `terms`), the last term of the last word a prefix. `None` if
    /// no word holds a term (nothing matches).
    pub fn tsquery(&self) -> Option<String> {
        let phrase = super::terms::terms;
        let mut parts: Vec<String> = Vec::new();
        for word in &self.whole {
            let terms = phrase(word);
            if terms.is_empty() {
                return None;
            }
            parts.push(format!("({})", terms.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(" <-> ")));
        }
        // A term longer than PostgreSQL indexes is in no entry (and no tsquery may hold it).
        if self.whole.iter().chain([&self.last]).flat_map(|w| phrase(w)).any(|t| t.len() > super::terms::MAX_LEXEME) {
            return None;
        }
        let mut last: Vec<String> = phrase(&self.last).iter().map(|t| format!("'{t}'")).collect();
        let end = last.pop()?;
        last.push(format!("{end}:*"));
        parts.push(format!("({})", last.join(" <-> ")));
        Some(parts.join(" & "))
    }

    /// The FTS5 query: each word a quoted phrase, the last one a prefix. FTS5 answers a prefix
    /// by merging the whole match list of every term it prefixes before it returns a row (~80 ms
    /// for a term in 2 million entries, again for every query), while exact terms stream and
    /// seek. So a last word that is a single ASCII token (`invoice`, `#4242`) is replaced by the
    /// indexed terms it prefixes, `("invoice" OR "invoices")`, read from `logs_fts_terms`.
    fn expression(&self, conn: &Connection) -> Result<String, StoreError> {
        let prefix = match ascii_token(&self.last) {
            Some(token) => prefixed_terms(conn, &token)?
                .map(|terms| terms.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" OR ")),
            None => None,
        };
        let prefix = prefix.unwrap_or_else(|| format!("\"{}\"*", self.last));
        let mut parts: Vec<String> = self.whole.iter().map(|w| format!("(\"{w}\")")).collect();
        parts.push(format!("({prefix})"));
        Ok(parts.join(" AND "))
    }
}

/// The FTS5 query for `words` (an expression from `Words::expression`): the words match in
/// message or extras only, and with a lambda filter also the lambda's term in the `lambda`
/// column (see `migrations/0007_log_lambda_index.sql`), so FTS5 intersects the two match lists
/// itself. The SQL filter on `lambda_uuid` still applies: this only narrows what is read.
fn scoped(words: &str, lambda_uuid: Option<&str>) -> String {
    let words = format!("{{message extras}} : ({words})");
    match lambda_uuid {
        Some(uuid) => format!("lambda : \"{}\" AND {words}", lambda_term(uuid).replace('"', "\"\"")),
        None => words,
    }
}

/// The text of the `lambda` column for an entry of `uuid`, as the migration writes it.
fn lambda_term(uuid: &str) -> String {
    format!("\u{E000}{}", uuid.replace('-', ""))
}

/// The token FTS5's default tokenizer (unicode61) makes of `word` when that is simple: ASCII
/// letters and digits between optional ASCII separators, folded to lower case.
fn ascii_token(word: &str) -> Option<String> {
    let token = word.trim_matches(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric());
    (!token.is_empty() && token.chars().all(|c| c.is_ascii_alphanumeric())).then(|| token.to_ascii_lowercase())
}

/// `token` and the indexed terms that start with it, or `None` if there are too many.
fn prefixed_terms(conn: &Connection, token: &str) -> Result<Option<Vec<String>>, StoreError> {
    // From just after `token` itself: reading a term counts its entries, and `token` may be in
    // millions. No term holds U+0001 or U+10FFFF (the tokenizer drops control characters and
    // the bound is a noncharacter's neighbour), so these bounds are exactly "longer terms".
    let mut stmt = conn.prepare_cached("SELECT term FROM logs_fts_terms WHERE term >= ?1 AND term <= ?2 LIMIT ?3")?;
    let limit = i64::try_from(MAX_PREFIX_TERMS).unwrap_or(i64::MAX);
    let longer: Vec<String> = stmt
        .query_map(rusqlite::params![format!("{token}\u{1}"), format!("{token}\u{10FFFF}"), limit], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if longer.len() >= MAX_PREFIX_TERMS {
        return Ok(None);
    }
    Ok(Some(std::iter::once(token.to_owned()).chain(longer).collect()))
}

/// A `LogRow` from `COLUMNS`, read by rusqlite itself (this module is SQLite's own).
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LogRow> {
    Ok(LogRow {
        id: r.get(0)?,
        lambda_uuid: r.get(1)?,
        request_id: r.get(2)?,
        level: r.get(3)?,
        message: r.get(4)?,
        extras: r.get(5)?,
        at: r.get(6)?,
    })
}

/// Newest entries matching `filter` and `words`, `limit` of them after skipping `offset`.
pub fn search(
    conn: &Connection,
    filter: &LogFilter,
    words: &Words,
    limit: i64,
    offset: i64,
    plan: Plan,
) -> Result<Vec<LogRow>, StoreError> {
    // One read transaction: the terms, the count and the walk see the same entries.
    let tx = conn.unchecked_transaction()?;
    let words = words.expression(&tx)?;
    // With a lambda filter FTS5 reads the text's matches within that lambda only; but counting
    // them means intersecting two long match lists, so the plan is picked from the count of
    // the text alone (it streams: ≤ 1 ms). Under it, both plans read the lambda's matches.
    let text = scoped(&words, None);
    let expression = scoped(&words, filter.lambda_uuid.as_deref());
    let rows = match plan {
        Plan::TextFirst => text_first(&tx, filter, &expression, limit, offset)?,
        Plan::NewestFirst => newest_first(&tx, filter, &expression, limit, offset, None)?.unwrap_or_default(),
        Plan::Auto if matches_fewer(&tx, &text, RARE_MATCHES)? => text_first(&tx, filter, &expression, limit, offset)?,
        Plan::Auto => {
            let late_check = || matches_fewer(&tx, &expression, LATE_RARE_MATCHES);
            match newest_first(&tx, filter, &expression, limit, offset, Some(&late_check))? {
                Some(rows) => rows,
                None => text_first(&tx, filter, &expression, limit, offset)?,
            }
        }
    };
    Ok(rows)
}

/// Whether fewer than `cap` entries match (reads at most `cap` FTS5 rowids).
fn matches_fewer(conn: &Connection, expression: &str, cap: i64) -> Result<bool, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM (SELECT 1 FROM logs_fts WHERE logs_fts MATCH ?1 LIMIT ?2)",
        rusqlite::params![expression, cap],
        |r| r.get(0),
    )?;
    Ok(n < cap)
}

/// Every match from FTS5 (materialized, so SQLite cannot turn the join around), each looked up
/// by rowid and filtered, then sorted.
fn text_first(
    conn: &Connection,
    filter: &LogFilter,
    expression: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<LogRow>, StoreError> {
    let (wheres, filters) = conditions(filter, true);
    let sql = format!(
        "WITH m(id) AS MATERIALIZED (SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?)
         SELECT {COLUMNS} FROM m CROSS JOIN logs l ON l.id = m.id
         WHERE {} ORDER BY l.at DESC, l.id DESC LIMIT ? OFFSET ?",
        wheres.join(" AND ")
    );
    let mut args = vec![crate::db::Value::Text(expression.to_owned())];
    args.extend(filters);
    args.push(crate::db::Value::Integer(limit));
    args.push(crate::db::Value::Integer(offset));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Walks the entries passing the filters newest-first on the `(lambda_uuid, at)`, `(at)` or
/// `(request_id)` index, and merges them with the FTS5 matches read newest-first by rowid (the
/// two orders agree closely, as entries are stored as they are written). An entry that matches
/// is read in full for the level filter. Stops when the page is full; `None` if `late_check`
/// says, once the walk is over budget, that the text is rare enough for the FTS5-first plan.
fn newest_first(
    conn: &Connection,
    filter: &LogFilter,
    expression: &str,
    limit: i64,
    offset: i64,
    late_check: Option<&dyn Fn() -> Result<bool, StoreError>>,
) -> Result<Option<Vec<LogRow>>, StoreError> {
    let (wheres, args) = conditions(filter, false);
    let sql = format!("SELECT l.id FROM logs l WHERE {} ORDER BY l.at DESC, l.id DESC", wheres.join(" AND "));
    let mut candidates_stmt = conn.prepare(&sql)?;
    let mut candidates = candidates_stmt.query(params_from_iter(args))?;
    let mut matches_stmt =
        conn.prepare("SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?1 AND rowid <= ?2 ORDER BY rowid DESC")?;
    let mut full_row = conn.prepare(&format!("SELECT {COLUMNS} FROM logs l WHERE l.id = ?1"))?;
    let (mut skip, limit) = (usize::try_from(offset).unwrap_or(0), usize::try_from(limit).unwrap_or(0));
    let mut found = Vec::new();
    let Some(first) = candidates.next()?.map(|r| r.get::<_, i64>(0)).transpose()? else { return Ok(Some(found)) };
    let mut matches = Matches::new(conn, expression, first, matches_stmt.query(rusqlite::params![expression, first])?);
    let mut next = Some(first);
    let mut checked = false;
    while let Some(id) = next {
        if found.len() >= limit {
            break;
        }
        if matches.contains(id)? {
            let entry = full_row.query_row([id], row)?;
            if filter.levels.is_empty() || filter.levels.contains(&entry.level) {
                if skip > 0 {
                    skip -= 1;
                } else {
                    found.push(entry);
                }
            }
        }
        if !checked && matches.read >= WALK_BUDGET {
            checked = true;
            if let Some(check) = late_check
                && check()?
            {
                return Ok(None);
            }
        }
        next = candidates.next()?.map(|r| r.get::<_, i64>(0)).transpose()?;
        matches.read += 1;
    }
    Ok(Some(found))
}

/// The FTS5 matches read so far by the walk: a bitmap of the rowids from `top` down to
/// `floor` (all matches in that range have been read), filled on demand from a newest-first
/// stream, and the few matches above `top` (entries stored after a newer one but stamped
/// earlier) found by small range queries.
struct Matches<'c, 's> {
    conn: &'c Connection,
    expression: &'c str,
    stream: Rows<'s>,
    top: i64,
    floor: i64,
    bits: Vec<u64>,
    /// Matches in `(top, above_top]`, sorted.
    above: Vec<i64>,
    above_top: i64,
    /// Candidates and matches read, for the walk's budget.
    read: usize,
}

/// How far above `top` one range query looks, so a run of late-stored entries costs one query.
const ABOVE_STEP: i64 = 10_000;

impl<'c, 's> Matches<'c, 's> {
    fn new(conn: &'c Connection, expression: &'c str, top: i64, stream: Rows<'s>) -> Self {
        Self {
            conn,
            expression,
            stream,
            top,
            floor: top.saturating_add(1),
            bits: Vec::new(),
            above: Vec::new(),
            above_top: top,
            read: 0,
        }
    }

    fn contains(&mut self, id: i64) -> Result<bool, StoreError> {
        if id > self.top {
            if id > self.above_top {
                self.read_above(id.saturating_add(ABOVE_STEP))?;
            }
            return Ok(self.above.binary_search(&id).is_ok());
        }
        while id < self.floor {
            match self.stream.next()? {
                Some(r) => {
                    let rowid: i64 = r.get(0)?;
                    self.set(rowid);
                    self.floor = rowid;
                    self.read += 1;
                }
                None => self.floor = i64::MIN,
            }
        }
        Ok(self.is_set(id))
    }

    fn read_above(&mut self, upto: i64) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?1 AND rowid > ?2 AND rowid <= ?3")?;
        let more = stmt.query_map(rusqlite::params![self.expression, self.above_top, upto], |r| r.get::<_, i64>(0))?;
        for rowid in more {
            self.above.push(rowid?);
        }
        self.above.sort_unstable();
        self.above_top = upto;
        Ok(())
    }

    fn slot(&self, id: i64) -> (usize, u64) {
        let offset = usize::try_from(self.top - id).unwrap_or(usize::MAX);
        (offset / 64, 1 << (offset % 64))
    }

    fn set(&mut self, id: i64) {
        let (word, bit) = self.slot(id);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        self.bits[word] |= bit;
    }

    fn is_set(&self, id: i64) -> bool {
        let (word, bit) = self.slot(id);
        self.bits.get(word).is_some_and(|w| w & bit != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with(messages: &[&str]) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::migrate::run(&mut conn).unwrap();
        for m in messages {
            conn.execute(
                "INSERT INTO logs (lambda_uuid, request_id, level, message, at) VALUES ('l', 'r', 'Info', ?1, 0)",
                [m],
            )
            .unwrap();
        }
        conn
    }

    fn expression(conn: &Connection, text: &str) -> String {
        Words::parse(text).unwrap().expression(conn).unwrap()
    }

    #[test]
    fn the_last_word_becomes_the_indexed_terms_it_prefixes() {
        let conn = store_with(&["Invoice sent", "invoices due", "INVOICED", "invoke", "order #4242"]);
        assert_eq!(
            expression(&conn, "sent INVOIC"),
            r#"("sent") AND ("invoic" OR "invoice" OR "invoiced" OR "invoices")"#
        );
        assert_eq!(expression(&conn, "invoice"), r#"("invoice" OR "invoiced" OR "invoices")"#);
        assert_eq!(expression(&conn, "#4242"), r#"("4242")"#);
        assert_eq!(expression(&conn, "nothing"), r#"("nothing")"#);
    }

    fn matching(conn: &Connection, lambda: Option<&str>, text: &str) -> Vec<i64> {
        let words = Words::parse(text).unwrap().expression(conn).unwrap();
        let mut stmt = conn.prepare("SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?1 ORDER BY rowid").unwrap();
        stmt.query_map([scoped(&words, lambda)], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn the_lambda_column_narrows_a_search_and_never_matches_words() {
        let conn = store_with(&[]);
        let uuid = "0F1E2D3C-aaaa-4bbb-8ccc-000000000001";
        for (lambda, message) in [(uuid, "emea order"), ("other", "emea order"), (uuid, "order"), ("a\"b c", "emea")] {
            conn.execute(
                "INSERT INTO logs (lambda_uuid, request_id, level, message, at) VALUES (?1, 'r', 'Info', ?2, 0)",
                [lambda, message],
            )
            .unwrap();
        }
        assert_eq!(matching(&conn, None, "emea"), [1, 2, 4]);
        assert_eq!(matching(&conn, Some(uuid), "emea"), [1]);
        assert_eq!(matching(&conn, Some(&uuid.to_lowercase()), "ord"), [1, 3]);
        assert_eq!(matching(&conn, Some("other"), "emea ord"), [2]);
        assert_eq!(matching(&conn, Some("a\"b c"), "emea"), [4]);
        assert_eq!(matching(&conn, Some("nobody"), "emea"), Vec::<i64>::new());
        // Words never reach the lambda column, whatever they look like.
        assert_eq!(matching(&conn, None, &lambda_term(uuid)), Vec::<i64>::new());
        assert_eq!(matching(&conn, None, "other"), Vec::<i64>::new());
        // Deleting entries keeps the index consistent (the delete trigger names the same term).
        conn.execute("DELETE FROM logs WHERE id = 1", []).unwrap();
        conn.execute("INSERT INTO logs_fts (logs_fts, rank) VALUES ('integrity-check', 1)", []).unwrap();
        assert_eq!(matching(&conn, Some(uuid), "emea ord"), Vec::<i64>::new());
    }

    #[test]
    fn other_words_and_too_many_terms_keep_the_fts5_prefix() {
        let many: Vec<String> = (0..MAX_PREFIX_TERMS).map(|i| format!("x{i}")).collect();
        let conn = store_with(&[many.join(" ").as_str(), "café"]);
        assert_eq!(expression(&conn, "x"), r#"("x"*)"#);
        assert_eq!(expression(&conn, "caf"), r#"("caf" OR "cafe")"#);
        assert_eq!(expression(&conn, "café"), r#"("café"*)"#);
        assert_eq!(expression(&conn, "a-b"), r#"("a-b"*)"#);
        assert_eq!(Words::parse(r#" "" "#), None);
    }
}
