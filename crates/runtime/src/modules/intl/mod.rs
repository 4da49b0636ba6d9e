//! The native side of the lambdas' `Intl` (js/intl.js): locale tags, IANA time zones (jiff's
//! bundled tzdb), and CLDR formatting, plural rules and collation (ICU4X with its compiled
//! data). Given only to the `lambdabox:intl` module, on the `natives` object. Formatters are
//! cached per thread, so a lambda that formats in a loop builds each one once.

use crate::natives::Inert;
use icu_locale_core::Locale;
use rquickjs::{Ctx, Exception, Function, Result};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use writeable::{Part, PartsWrite};

mod collate;
mod datetime;
mod number;

/// Defines the Intl helpers on the natives object.
pub(super) fn define<'js>(ctx: &Ctx<'js>, natives: &Inert<'js>) -> Result<()> {
    natives.define("intlLocale", Function::new(ctx.clone(), canonical_locale)?)?;
    natives.define("intlZone", Function::new(ctx.clone(), datetime::canonical_zone)?)?;
    natives.define("intlOffset", Function::new(ctx.clone(), datetime::offset_minutes)?)?;
    natives.define("intlFormatDate", Function::new(ctx.clone(), datetime::format)?)?;
    natives.define("intlFormatNumber", Function::new(ctx.clone(), number::format)?)?;
    natives.define("intlPlural", Function::new(ctx.clone(), number::plural)?)?;
    natives.define("intlCompare", Function::new(ctx.clone(), collate::compare)?)?;
    Ok(())
}

/// Parses a BCP 47 tag, or throws the RangeError ECMA-402 specifies.
fn locale(ctx: &Ctx<'_>, tag: &str) -> Result<Locale> {
    Locale::try_from_str(tag)
        .map_err(|_| Exception::throw_range(ctx, &format!("Incorrect locale information provided: {tag}")))
}

/// The canonical form of a locale tag (`en-us` → `en-US`).
fn canonical_locale(ctx: Ctx<'_>, tag: String) -> Result<String> {
    Ok(locale(&ctx, &tag)?.to_string())
}

fn options<T: serde::de::DeserializeOwned + Default>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_default()
}

/// A per-thread cache of built formatters, keyed by locale and options; dropped whole when
/// it reaches its size, which only a lambda with many distinct formats reaches.
struct Cache<V>(RefCell<HashMap<String, Rc<V>>>);

impl<V> Cache<V> {
    const SIZE: usize = 64;

    fn new() -> Self {
        Self(RefCell::new(HashMap::new()))
    }

    fn get_or<E>(
        &self,
        key: String,
        make: impl FnOnce() -> std::result::Result<V, E>,
    ) -> std::result::Result<Rc<V>, E> {
        if let Some(found) = self.0.borrow().get(&key) {
            return Ok(found.clone());
        }
        let made = Rc::new(make()?);
        let mut map = self.0.borrow_mut();
        if map.len() >= Self::SIZE {
            map.clear();
        }
        map.insert(key, made.clone());
        Ok(made)
    }
}

/// Collects a formatted value as ECMA-402 parts: text goes to the innermost enclosing part
/// that `name` names (so a year's digits are the year, not a number's integer), `literal`
/// outside them; neighbours of one type are merged.
struct Parts<F: Fn(Part) -> Option<&'static str>> {
    pieces: Vec<(&'static str, String)>,
    open: Vec<&'static str>,
    name: F,
}

impl<F: Fn(Part) -> Option<&'static str>> Parts<F> {
    fn new(name: F) -> Self {
        Self { pieces: Vec::new(), open: Vec::new(), name }
    }

    /// The parts as a JSON array of `[type, value]` pairs.
    fn into_json(self) -> String {
        serde_json::to_string(&self.pieces).unwrap_or_else(|_| "[]".into())
    }
}

impl<F: Fn(Part) -> Option<&'static str>> std::fmt::Write for Parts<F> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if s.is_empty() {
            return Ok(());
        }
        let kind = self.open.last().copied().unwrap_or("literal");
        match self.pieces.last_mut() {
            Some((last, text)) if *last == kind => text.push_str(s),
            _ => self.pieces.push((kind, s.to_owned())),
        }
        Ok(())
    }
}

impl<F: Fn(Part) -> Option<&'static str>> PartsWrite for Parts<F> {
    type SubPartsWrite = Self;

    fn with_part(&mut self, part: Part, mut f: impl FnMut(&mut Self) -> std::fmt::Result) -> std::fmt::Result {
        let Some(kind) = (self.name)(part) else { return f(self) };
        self.open.push(kind);
        let result = f(self);
        self.open.pop();
        result
    }
}
