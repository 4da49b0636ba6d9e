//! Strings compared by a locale's collation (icu_collator), with ECMA-402's sensitivity.

use super::{Cache, locale};
use icu_collator::options::{CaseLevel, CollatorOptions, Strength};
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use rquickjs::{Ctx, Exception, Result};
use std::cmp::Ordering;

thread_local! {
    static COLLATORS: Cache<CollatorBorrowed<'static>> = Cache::new();
}

/// -1, 0 or 1 as `a` sorts before, with or after `b`. `sensitivity` is ECMA-402's (`base`,
/// `accent`, `case`, `variant`); numeric ordering comes with the tag (`-u-kn`).
pub(super) fn compare(ctx: Ctx<'_>, tag: String, sensitivity: String, a: String, b: String) -> Result<i32> {
    let key = format!("{tag}\u{1}{sensitivity}");
    let collator = COLLATORS.with(|cache| {
        cache.get_or(key, || {
            let mut options = CollatorOptions::default();
            options.strength = Some(match sensitivity.as_str() {
                "base" | "case" => Strength::Primary,
                "accent" => Strength::Secondary,
                _ => Strength::Tertiary,
            });
            if sensitivity == "case" {
                options.case_level = Some(CaseLevel::On);
            }
            let prefs = CollatorPreferences::from(&locale(&ctx, &tag)?);
            CollatorBorrowed::try_new(prefs, options)
                .map_err(|e| Exception::throw_range(&ctx, &format!("no collation for {tag}: {e}")))
        })
    })?;
    Ok(match collator.compare(&a, &b) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    })
}
