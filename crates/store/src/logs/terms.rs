//! The terms of a text as SQLite's FTS5 tokenizer (unicode61 with its defaults) makes them:
//! runs of letters and digits, folded to lower case, without diacritics. PostgreSQL's `search`
//! column is built from them here rather than by PostgreSQL's own parser (which keeps e-mail
//! addresses, paths and hyphenated words whole and keeps accents), so that a search finds the
//! same entries on both engines.

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Highest position PostgreSQL keeps in a tsvector (later ones are clamped to it).
const MAX_POSITION: usize = 16_383;
/// Positions left between the message's terms and the extras', so that no phrase spans both.
const FIELD_GAP: usize = 64;
/// Longest lexeme PostgreSQL accepts, in bytes.
pub(super) const MAX_LEXEME: usize = 2046;
/// Terms indexed per entry at most (a tsvector is limited to 1 MB).
const MAX_TERMS: usize = 50_000;

/// The terms of `text`, in order.
pub fn terms(text: &str) -> Vec<String> {
    let folded: String = text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    folded.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// The `search` tsvector of an entry, as text (`'term':position …`): the message's terms, then,
/// after a gap, the extras'.
pub fn tsvector(message: &str, extras: &str) -> String {
    let mut out = String::new();
    let mut position = 1;
    for field in [message, extras] {
        for term in terms(field).into_iter().take(MAX_TERMS) {
            if term.len() <= MAX_LEXEME {
                let _ = write!(out, "'{term}':{} ", position.min(MAX_POSITION));
            }
            position += 1;
        }
        position += FIELD_GAP;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_runs_of_letters_and_digits_folded() {
        assert_eq!(terms("Invoice #4242 for user@Example.COM"), ["invoice", "4242", "for", "user", "example", "com"]);
        assert_eq!(terms("Café Ærø naïve_ÉTÉ"), ["cafe", "ærø", "naive", "ete"]);
        assert_eq!(terms("=> / --"), Vec::<String>::new());
    }

    #[test]
    fn the_extras_start_past_a_gap() {
        assert_eq!(tsvector("step done", "[\"trace-id\"]"), "'step':1 'done':2 'trace':67 'id':68 ");
    }
}
