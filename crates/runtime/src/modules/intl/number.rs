//! Numbers: CLDR decimal, percent and currency patterns (icu_decimal, icu_experimental) and
//! plural rules (icu_plurals), with ECMA-402's rounding (half away from zero).

use super::{Cache, Parts, locale, options};
use fixed_decimal::{Decimal, SignedRoundingMode, UnsignedRoundingMode};
use icu_decimal::DecimalFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use rquickjs::{Ctx, Exception, Result};
use serde::Deserialize;
use writeable::Writeable;

enum Formatter {
    Decimal(DecimalFormatter),
    Percent(PercentFormatter<DecimalFormatter>),
    Currency(Box<CurrencyFormatter<DecimalFormatter>>),
}

thread_local! {
    static FORMATTERS: Cache<Formatter> = Cache::new();
    static PLURALS: Cache<PluralRules> = Cache::new();
}

/// The options js/intl.js resolved (digits defaulted per style and currency).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct NumberOptions {
    style: Option<String>,
    currency: Option<String>,
    currency_display: Option<String>,
    minimum_integer_digits: Option<i16>,
    minimum_fraction_digits: Option<i16>,
    maximum_fraction_digits: Option<i16>,
    use_grouping: Option<bool>,
}

/// `value` as a decimal rounded half away from zero to `max` fraction digits, with at least
/// `min` fraction and `integers` integer digits.
fn decimal(value: f64, min: i16, max: i16, integers: i16) -> Decimal {
    // Rust prints the shortest text that reads back as the same f64, without an exponent.
    let mut decimal = Decimal::try_from_str(&format!("{value}")).unwrap_or_default();
    decimal.round_with_mode(-max, SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand));
    decimal.absolute.trim_end();
    decimal.absolute.pad_end(-min);
    decimal.absolute.pad_start(integers);
    decimal
}

/// Formats a finite number as ECMA-402 parts (a JSON array of `[type, value]`).
pub(super) fn format(ctx: Ctx<'_>, tag: String, options_json: String, value: f64) -> Result<String> {
    let opts: NumberOptions = options(&options_json);
    let percent = opts.style.as_deref() == Some("percent");
    let key = format!("{tag}\u{1}{options_json}");
    let formatter = FORMATTERS.with(|cache| cache.get_or(key, || make(&ctx, &tag, &opts)))?;
    let scaled = if percent { value * 100.0 } else { value };
    let min = opts.minimum_fraction_digits.unwrap_or(0).clamp(0, 100);
    let max = opts.maximum_fraction_digits.unwrap_or(3).clamp(min, 100);
    let number = decimal(scaled, min, max, opts.minimum_integer_digits.unwrap_or(1).clamp(1, 21));
    let mut parts = Parts::new(|part| match (part.category, part.value) {
        ("decimal", name) => Some(name),
        (_, "currency") => Some("currency"),
        _ => None,
    });
    let written = match &*formatter {
        Formatter::Decimal(f) => f.format(&number).write_to_parts(&mut parts),
        Formatter::Percent(f) => f.format(&number).write_to_parts(&mut parts),
        Formatter::Currency(f) => f.format_fixed_decimal(&number).write_to_parts(&mut parts),
    };
    written.map_err(|_| Exception::throw_range(&ctx, "the number could not be formatted"))?;
    Ok(parts.into_json())
}

fn make(ctx: &Ctx<'_>, tag: &str, opts: &NumberOptions) -> Result<Formatter> {
    fn failed<'a, E: std::fmt::Display>(ctx: &'a Ctx<'_>, tag: &'a str) -> impl Fn(E) -> rquickjs::Error + 'a {
        move |e| Exception::throw_range(ctx, &format!("no number format for {tag}: {e}"))
    }
    let locale: Locale = locale(ctx, tag)?;
    let mut decimal_options = DecimalFormatterOptions::default();
    decimal_options.grouping_strategy =
        Some(if opts.use_grouping == Some(false) { GroupingStrategy::Never } else { GroupingStrategy::Auto });
    let decimal = DecimalFormatter::try_new((&locale).into(), decimal_options).map_err(failed(ctx, tag))?;
    match opts.style.as_deref() {
        Some("percent") => Ok(Formatter::Percent(
            PercentFormatter::try_new_with_decimal_formatter((&locale).into(), decimal, Default::default())
                .map_err(failed(ctx, tag))?,
        )),
        Some("currency") => {
            let code = opts.currency.as_deref().unwrap_or("USD").to_ascii_uppercase();
            let currency = CurrencyType::try_from_str(&code)
                .map_err(|_| Exception::throw_range(ctx, &format!("Invalid currency code : {code}")))?;
            let prefs = (&locale).into();
            let made = match opts.currency_display.as_deref() {
                Some("code") => CurrencyFormatter::try_new_code(prefs, currency, Default::default()),
                Some("name") => CurrencyFormatter::try_new_name(prefs, currency),
                Some("narrowSymbol") => CurrencyFormatter::try_new_symbol_narrow(prefs, currency, Default::default()),
                _ => CurrencyFormatter::try_new_symbol(prefs, currency, Default::default()),
            };
            Ok(Formatter::Currency(Box::new(made.map_err(failed(ctx, tag))?)))
        }
        _ => Ok(Formatter::Decimal(decimal)),
    }
}

/// The plural category of `value` (`one`, `few`, `other`…) with at most three fraction digits.
pub(super) fn plural(ctx: Ctx<'_>, tag: String, ordinal: bool, value: f64) -> Result<&'static str> {
    let key = format!("{tag}\u{1}{ordinal}");
    let rules = PLURALS.with(|cache| {
        cache.get_or(key, || {
            let prefs = (&locale(&ctx, &tag)?).into();
            let made = if ordinal { PluralRules::try_new_ordinal(prefs) } else { PluralRules::try_new_cardinal(prefs) };
            made.map_err(|e| Exception::throw_range(&ctx, &format!("no plural rules for {tag}: {e}")))
        })
    })?;
    Ok(match rules.category_for(&decimal(value, 0, 3, 1)) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    })
}
