//! Dates: IANA zone names and offsets from jiff's bundled tzdb; CLDR patterns from
//! icu_datetime (its ECMA-402-shaped field bag, or a field set for dateStyle/timeStyle), in
//! the Gregorian calendar.

use super::{Cache, Parts, locale, options};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldbag::DateTimeFieldBag;
use icu_datetime::fieldsets::builder::{DateFields, FieldSetBuilder, ZoneStyle};
use icu_datetime::fieldsets::enums::CompositeFieldSet;
use icu_datetime::options::{Length, TimePrecision};
use icu_datetime::preferences::HourCycle;
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu_time::zone::{IanaParser, UtcOffset};
use icu_time::{DateTime, Time, TimeZone, ZonedDateTime};
use rquickjs::{Ctx, Exception, Result};
use serde::Deserialize;
use writeable::Writeable;

type Formatter = FixedCalendarDateTimeFormatter<Gregorian, CompositeFieldSet>;

thread_local! {
    static FORMATTERS: Cache<Formatter> = Cache::new();
}

/// The options js/intl.js resolved (hourCycle already folded into `hour12`).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct DateOptions {
    date_style: Option<String>,
    time_style: Option<String>,
    era: Option<String>,
    year: Option<String>,
    month: Option<String>,
    day: Option<String>,
    weekday: Option<String>,
    hour: Option<String>,
    minute: Option<String>,
    second: Option<String>,
    fractional_second_digits: Option<u8>,
    time_zone_name: Option<String>,
    hour12: Option<bool>,
}

/// A fixed offset written `±HH:MM` (or `±HHMM`, `±HH`), in seconds.
fn fixed_offset(zone: &str) -> Option<i32> {
    let (sign, rest) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) || rest.len() > 5 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = if digits.len() == 4 { digits[2..].parse().ok()? } else { 0 };
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 3600 + minutes * 60))
}

/// The canonical name of a time zone (`europe/berlin` → `Europe/Berlin`, `+0200` →
/// `+02:00`), or null when it is unknown.
pub(super) fn canonical_zone(name: String) -> Option<String> {
    if let Some(seconds) = fixed_offset(&name) {
        let minutes = seconds.abs() / 60;
        let sign = if seconds < 0 { '-' } else { '+' };
        return Some(format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
    }
    if ["utc", "etc/utc", "gmt", "etc/gmt"].contains(&name.to_ascii_lowercase().as_str()) {
        return Some("UTC".into());
    }
    let zone = jiff::tz::TimeZone::get(&name).ok()?;
    Some(zone.iana_name().unwrap_or(&name).to_owned())
}

/// The zone's offset from UTC at `ms` (milliseconds since the epoch), in seconds.
fn offset_seconds(ctx: &Ctx<'_>, zone: &str, ms: f64) -> Result<(i32, jiff::Timestamp)> {
    let invalid = || Exception::throw_range(ctx, &format!("Invalid time zone specified: {zone}"));
    let instant = jiff::Timestamp::from_millisecond(ms.floor() as i64)
        .map_err(|_| Exception::throw_range(ctx, "Invalid time value"))?;
    if let Some(seconds) = fixed_offset(zone) {
        return Ok((seconds, instant));
    }
    let tz = jiff::tz::TimeZone::get(zone).map_err(|_| invalid())?;
    Ok((tz.to_offset(instant).seconds(), instant))
}

/// The zone's offset from UTC at `ms`, in minutes (for luxon's `IANAZone#offset`).
pub(super) fn offset_minutes(ctx: Ctx<'_>, zone: String, ms: f64) -> Result<f64> {
    Ok(f64::from(offset_seconds(&ctx, &zone, ms)?.0) / 60.0)
}

/// Formats the instant `ms` in `zone` as ECMA-402 parts (a JSON array of `[type, value]`).
pub(super) fn format(ctx: Ctx<'_>, tag: String, options_json: String, zone: String, ms: f64) -> Result<String> {
    let (seconds, instant) = offset_seconds(&ctx, &zone, ms)?;
    let key = format!("{tag}\u{1}{options_json}");
    let formatter = FORMATTERS.with(|cache| {
        cache.get_or(key, || {
            let opts: DateOptions = options(&options_json);
            let mut prefs = DateTimeFormatterPreferences::from(&locale(&ctx, &tag)?);
            if let Some(hour12) = opts.hour12 {
                prefs.hour_cycle = Some(if hour12 { HourCycle::H12 } else { HourCycle::H23 });
            }
            Formatter::try_new(prefs, field_set(&opts))
                .map_err(|e| Exception::throw_range(&ctx, &format!("Unsupported date format for {tag}: {e}")))
        })
    })?;
    let invalid = || Exception::throw_range(&ctx, "Invalid time value");
    let local = jiff::tz::Offset::from_seconds(seconds).map_err(|_| invalid())?.to_datetime(instant);
    let date =
        Date::try_new_gregorian(local.year().into(), local.month() as u8, local.day() as u8).map_err(|_| invalid())?;
    let time =
        Time::try_new(local.hour() as u8, local.minute() as u8, local.second() as u8, local.subsec_nanosecond() as u32)
            .map_err(|_| invalid())?;
    let id = if fixed_offset(&zone).is_some() { TimeZone::UNKNOWN } else { IanaParser::new().parse(&zone) };
    let zone_info = id.with_offset(UtcOffset::try_from_seconds(seconds).ok()).at_date_time(DateTime { date, time });
    let input = ZonedDateTime { date, time, zone: zone_info };
    let mut parts = Parts::new(|part| (part.category == "datetime").then_some(part_name(part.value)));
    formatter
        .format(&input)
        .write_to_parts(&mut parts)
        .map_err(|_| Exception::throw_range(&ctx, "Invalid time value"))?;
    Ok(parts.into_json())
}

/// ICU4X's part names are ECMA-402's, but for the ones ECMA-402 does not have.
fn part_name(value: &'static str) -> &'static str {
    match value {
        "relatedYear" | "yearName" | "extendedYear" => "year",
        other => other,
    }
}

/// The field set for the options: a style's, or the one closest to the fields asked for.
fn field_set(opts: &DateOptions) -> CompositeFieldSet {
    let fallback = || {
        CompositeFieldSet::Date(
            icu_datetime::fieldsets::enums::DateFieldSet::YMD(icu_datetime::fieldsets::YMD::short()),
        )
    };
    if opts.date_style.is_some() || opts.time_style.is_some() {
        return style_builder(opts.date_style.as_deref(), opts.time_style.as_deref())
            .build_composite()
            .unwrap_or_else(|_| fallback());
    }
    let mut skeleton = String::new();
    let mut add = |value: &Option<String>, table: &[(&str, &str)]| {
        if let Some(value) = value
            && let Some((_, symbol)) = table.iter().find(|(name, _)| name == value)
        {
            skeleton.push_str(symbol);
        }
    };
    add(&opts.era, &[("narrow", "GGGGG"), ("short", "G"), ("long", "GGGG")]);
    add(&opts.year, &[("numeric", "y"), ("2-digit", "yy")]);
    add(&opts.month, &[("numeric", "M"), ("2-digit", "MM"), ("short", "MMM"), ("long", "MMMM"), ("narrow", "MMMMM")]);
    add(&opts.day, &[("numeric", "d"), ("2-digit", "dd")]);
    add(&opts.weekday, &[("short", "E"), ("long", "EEEE"), ("narrow", "EEEEE")]);
    let hour = match opts.hour12 {
        Some(true) => [("numeric", "h"), ("2-digit", "hh")],
        Some(false) => [("numeric", "H"), ("2-digit", "HH")],
        None => [("numeric", "j"), ("2-digit", "jj")],
    };
    add(&opts.hour, &hour);
    add(&opts.minute, &[("numeric", "m"), ("2-digit", "mm")]);
    add(&opts.second, &[("numeric", "s"), ("2-digit", "ss")]);
    add(
        &opts.time_zone_name,
        &[
            ("short", "z"),
            ("long", "zzzz"),
            ("shortOffset", "O"),
            ("longOffset", "OOOO"),
            ("shortGeneric", "v"),
            ("longGeneric", "vvvv"),
        ],
    );
    if let Some(digits @ 1..=3) = opts.fractional_second_digits {
        skeleton.push_str(&"S".repeat(digits.into()));
    }
    DateTimeFieldBag::from_skeleton(&skeleton).to_field_set_builder().build_composite().unwrap_or_else(|_| fallback())
}

/// dateStyle and timeStyle as ICU4X lengths, fields and zone styles.
fn style_builder(date: Option<&str>, time: Option<&str>) -> FieldSetBuilder {
    let length = |style: &str| match style {
        "full" | "long" => Length::Long,
        "medium" => Length::Medium,
        _ => Length::Short,
    };
    let mut builder = FieldSetBuilder::new();
    builder.length = date.or(time).map(length);
    builder.date_fields = date.map(|style| if style == "full" { DateFields::YMDE } else { DateFields::YMD });
    builder.time_precision =
        time.map(|style| if style == "short" { TimePrecision::Minute } else { TimePrecision::Second });
    builder.zone_style = match time {
        Some("full") => Some(ZoneStyle::SpecificLong),
        Some("long") => Some(ZoneStyle::SpecificShort),
        _ => None,
    };
    builder
}
