//! `Intl`, the locale-sensitive built-ins and luxon's time zones, checked against what Node 20
//! (full ICU) prints for the same expressions. Differences in CLDR versions between Node's ICU
//! and ICU4X are noted where a case keeps the box's own answer.

use super::helpers::*;

/// Intl and the locale-sensitive built-ins: an expression and what Node 20 (full ICU, TZ=UTC)
/// gives for it, but where a comment says why the box differs.
const FORMATS: &[(&str, &str)] = &[
    (
        r#"new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', dateStyle: 'full', timeStyle: 'long' }).format(Date.UTC(2026, 2, 7, 12, 0))"#,
        r#"Saturday, March 7, 2026 at 7:00:00 AM EST"#,
    ),
    (
        r#"new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', dateStyle: 'full', timeStyle: 'long' }).format(Date.UTC(2026, 2, 9, 12, 0))"#,
        r#"Monday, March 9, 2026 at 8:00:00 AM EDT"#,
    ),
    (
        r#"new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'full', timeStyle: 'long' }).format(Date.UTC(2026, 2, 28, 12, 0))"#,
        r#"Samstag, 28. März 2026 um 13:00:00 MEZ"#,
    ),
    (
        r#"new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'full', timeStyle: 'long' }).format(Date.UTC(2026, 2, 29, 12, 0))"#,
        r#"Sonntag, 29. März 2026 um 14:00:00 MESZ"#,
    ),
    (
        r#"new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' }).format(Date.UTC(2026, 6, 1, 12, 0))"#,
        r#"1 Jul 2026, 17:30"#,
    ),
    (
        r#"new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(Date.UTC(2026, 9, 25, 0, 30))"#,
        r#"2:30 AM GMT+2"#,
    ),
    (
        r#"new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(Date.UTC(2026, 9, 25, 1, 30))"#,
        r#"2:30 AM GMT+1"#,
    ),
    (
        r#"new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(Date.UTC(2026, 6, 14, 10))"#,
        r#"mardi 14 juillet 2026"#,
    ),
    (
        r#"new Intl.DateTimeFormat('es-ES', { timeZone: 'Europe/Madrid', dateStyle: 'long' }).format(Date.UTC(2026, 6, 14, 10))"#,
        r#"14 de julio de 2026"#,
    ),
    (
        r#"new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(Date.UTC(2026, 6, 14, 10))"#,
        r#"14/07/26, 12:00"#,
    ),
    (
        r#"new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium' }).format(Date.UTC(2026, 6, 14, 10))"#,
        r#"14 jul 2026"#,
    ),
    (
        r#"new Intl.DateTimeFormat('pt-PT', { timeZone: 'Europe/Lisbon', dateStyle: 'long' }).format(Date.UTC(2026, 6, 14, 10))"#,
        r#"14 de julho de 2026"#,
    ),
    (
        r#"new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', dateStyle: 'long' }).format(Date.UTC(2026, 6, 14, 10))"#,
        r#"14 lipca 2026"#,
    ),
    (
        r#"new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' }).format(Date.UTC(2026, 6, 14, 10))"#,
        r#"2026-07-14 12:00:00"#,
    ),
    (r#"new Intl.DateTimeFormat('en-US').format(Date.UTC(2026, 6, 14, 10))"#, r#"7/14/2026"#),
    // Node 20 refuses offset zones; ECMA-402 accepts them since 2024 (Node 22 too), so the box does.
    (
        r#"new Intl.DateTimeFormat('en-US', { timeZone: '+05:30', hour: '2-digit', minute: '2-digit', hour12: false }).format(Date.UTC(2026, 6, 14, 10))"#,
        r#"15:30"#,
    ),
    (
        r#"new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).formatToParts(Date.UTC(2026, 6, 1, 12)).map((p) => p.type + ':' + p.value).join('|')"#,
        r#"month:07|literal:/|day:01|literal:/|year:2026|literal:, |hour:14|literal::|minute:00|literal::|second:00"#,
    ),
    // Node 20's ICU reports the legacy alias Asia/Calcutta; the IANA name (as in Node 22) is kept.
    (r#"new Intl.DateTimeFormat('en-US', { timeZone: 'asia/kolkata' }).resolvedOptions().timeZone"#, r#"Asia/Kolkata"#),
    (r#"new Intl.DateTimeFormat().resolvedOptions().timeZone"#, r#"UTC"#),
    (
        r#"(() => { try { new Intl.DateTimeFormat('en-US', { timeZone: 'Mars/Olympus' }); return 'no error'; } catch (e) { return e.name; } })()"#,
        r#"RangeError"#,
    ),
    (
        r#"new Date(Date.UTC(2026, 6, 1, 12)).toLocaleString('en-US', { timeZone: 'America/New_York' })"#,
        r#"7/1/2026, 8:00:00 AM"#,
    ),
    // ICU4X picks de's padded numeric date (CLDR's short date with a full year); Node: "1.7.2026, 14:00:00".
    (
        r#"new Date(Date.UTC(2026, 6, 1, 12)).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })"#,
        r#"01.07.2026, 14:00:00"#,
    ),
    (
        r#"new Date(Date.UTC(2026, 6, 1, 12)).toLocaleDateString('en-GB', { timeZone: 'Europe/London' })"#,
        r#"01/07/2026"#,
    ),
    (
        r#"new Date(Date.UTC(2026, 6, 1, 12)).toLocaleTimeString('en-US', { timeZone: 'Asia/Kolkata' })"#,
        r#"5:30:00 PM"#,
    ),
    (r#"new Date(Date.UTC(2026, 6, 1, 12)).toLocaleString()"#, r#"7/1/2026, 12:00:00 PM"#),
    (
        r#"new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234567.891)"#,
        r#"1.234.567,89 €"#,
    ),
    (
        r#"new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1234567.891)"#,
        r#"$1,234,567.89"#,
    ),
    (r#"new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(-5)"#, r#"-$5.00"#),
    (r#"new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(1234.5)"#, r#"¥1,235"#),
    (r#"new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1234.5)"#, r#"1 234,50 €"#),
    (
        r#"new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', currencyDisplay: 'code' }).format(12.5)"#,
        r#"EUR 12.50"#,
    ),
    (r#"new Intl.NumberFormat('de-DE', { style: 'percent' }).format(0.256)"#, r#"26 %"#),
    (r#"new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(0.12345)"#, r#"12.3%"#),
    (r#"new Intl.NumberFormat('en-US').format(1234567.891)"#, r#"1,234,567.891"#),
    (r#"new Intl.NumberFormat('de-DE').format(1234567.891)"#, r#"1.234.567,891"#),
    (r#"new Intl.NumberFormat('fr-FR').format(1234567.891)"#, r#"1 234 567,891"#),
    (r#"new Intl.NumberFormat('sv-SE').format(-1234567.891)"#, r#"−1 234 567,891"#),
    (
        r#"new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(2.005)"#,
        r#"2.01"#,
    ),
    (r#"new Intl.NumberFormat('en-US', { useGrouping: false }).format(1234567)"#, r#"1234567"#),
    (r#"new Intl.NumberFormat('en-US', { minimumIntegerDigits: 3 }).format(7)"#, r#"007"#),
    (
        r#"new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).formatToParts(-1234.5).map((p) => p.type + ':' + p.value).join('|')"#,
        r#"minusSign:-|integer:1|group:.|integer:234|decimal:,|fraction:50|literal: |currency:€"#,
    ),
    (
        r#"JSON.stringify(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).resolvedOptions())"#,
        r#"{"locale":"de-DE","numberingSystem":"latn","style":"currency","currency":"EUR","currencyDisplay":"symbol","currencySign":"standard","minimumIntegerDigits":1,"minimumFractionDigits":2,"maximumFractionDigits":2,"useGrouping":"auto","notation":"standard","signDisplay":"auto","roundingMode":"halfExpand","roundingIncrement":1,"trailingZeroDisplay":"auto","roundingPriority":"auto"}"#,
    ),
    (r#"(1234567.891).toLocaleString()"#, r#"1,234,567.891"#),
    (r#"(1234567.891).toLocaleString('de-DE')"#, r#"1.234.567,891"#),
    (r#"(0.5).toLocaleString('en-US', { style: 'percent' })"#, r#"50%"#),
    (
        r#"[0, 1, 2, 5, 1.5].map((n) => new Intl.PluralRules('en').select(n)).join(',')"#,
        r#"other,one,other,other,other"#,
    ),
    (
        r#"[1, 2, 3, 4, 11, 21, 22, 23, 101].map((n) => new Intl.PluralRules('en', { type: 'ordinal' }).select(n)).join(',')"#,
        r#"one,two,few,other,other,one,two,few,one"#,
    ),
    (
        r#"[0, 1, 1.5, 2, 1000000].map((n) => new Intl.PluralRules('fr').select(n)).join(',')"#,
        r#"one,one,one,other,many"#,
    ),
    (
        r#"[1, 2, 5, 12, 22, 25, 1.5].map((n) => new Intl.PluralRules('pl').select(n)).join(',')"#,
        r#"one,few,many,many,few,many,other"#,
    ),
    (
        r#"['Zebra', 'Äpfel', 'apfel', 'Ähre', 'Ofen', 'Öl'].sort(new Intl.Collator('de').compare).join(',')"#,
        r#"Ähre,apfel,Äpfel,Ofen,Öl,Zebra"#,
    ),
    (r#"['z', 'ä', 'a', 'ö', 'o', 'å'].sort(new Intl.Collator('sv').compare).join(',')"#, r#"a,o,z,å,ä,ö"#),
    (r#"['z', 'ä', 'a', 'ö', 'o', 'å'].sort(new Intl.Collator('de').compare).join(',')"#, r#"a,å,ä,o,ö,z"#),
    (r#"new Intl.Collator('de', { sensitivity: 'base' }).compare('a', 'Ä')"#, r#"0"#),
    (r#"new Intl.Collator('de', { sensitivity: 'accent' }).compare('a', 'A')"#, r#"0"#),
    (r#"new Intl.Collator('de', { sensitivity: 'accent' }).compare('a', 'ä')"#, r#"-1"#),
    (r#"new Intl.Collator('en', { numeric: true }).compare('item10', 'item9')"#, r#"1"#),
    (r#"'a'.localeCompare('B')"#, r#"-1"#),
    (r#"'ä'.localeCompare('z', 'sv')"#, r#"1"#),
    (r#"'ä'.localeCompare('z', 'de')"#, r#"-1"#),
    (r#"Intl.getCanonicalLocales(['EN-us', 'de-de']).join(',')"#, r#"en-US,de-DE"#),
    (
        r#"new Intl.Locale('en-Latn-US').language + '/' + new Intl.Locale('en-Latn-US').script + '/' + new Intl.Locale('en-Latn-US').region + '/' + new Intl.Locale('en-Latn-US').baseName"#,
        r#"en/Latn/US/en-Latn-US"#,
    ),
    (r#"Intl.DateTimeFormat.supportedLocalesOf(['de-DE', 'fr']).join(',')"#, r#"de-DE,fr"#),
];

/// luxon (bundled) on the real Intl: an expression and what Node 20 gives for it with the same
/// luxon build.
const LUXON: &[(&str, &str)] = &[
    (r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Europe/Berlin').offset"#, r#"120"#),
    (r#"require('luxon').DateTime.fromISO('2026-01-15T12:00:00Z').setZone('Europe/Berlin').offset"#, r#"60"#),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('America/New_York').toFormat('yyyy-MM-dd HH:mm ZZZZ')"#,
        r#"2026-07-01 08:00 EDT"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Asia/Kolkata').toISO()"#,
        r#"2026-07-01T17:30:00.000+05:30"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Europe/Berlin').setLocale('de-DE').toLocaleString(require('luxon').DateTime.DATETIME_FULL)"#,
        r#"1. Juli 2026 um 14:00 MESZ"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Europe/Berlin').setLocale('de-DE').toFormat('cccc, d. LLLL yyyy')"#,
        r#"Mittwoch, 1. Juli 2026"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('America/New_York').toLocaleString(require('luxon').DateTime.DATETIME_MED)"#,
        r#"Jul 1, 2026, 8:00 AM"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-03-29T00:30:00Z').setZone('Europe/Berlin').plus({ hours: 1 }).toISO()"#,
        r#"2026-03-29T03:30:00.000+02:00"#,
    ),
    (
        r#"require('luxon').DateTime.fromObject({ year: 2026, month: 10, day: 25, hour: 12 }, { zone: 'Europe/Berlin' }).toUTC().toISO()"#,
        r#"2026-10-25T11:00:00.000Z"#,
    ),
    (r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Mars/Olympus').isValid"#, r#"false"#),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Europe/Berlin').zoneName"#,
        r#"Europe/Berlin"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Europe/Berlin').offsetNameShort"#,
        r#"GMT+2"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Europe/Berlin').offsetNameLong"#,
        r#"Central European Summer Time"#,
    ),
    (
        r#"require('luxon').Info.isValidIANAZone('Europe/Berlin') + ',' + require('luxon').Info.isValidIANAZone('Nowhere/Land')"#,
        r#"true,false"#,
    ),
    (r#"require('luxon').DateTime.local().zoneName"#, r#"UTC"#),
    (
        r#"[Date.UTC(2026, 6, 3, 7, 30), Date.UTC(2026, 6, 3, 8, 30), Date.UTC(2026, 6, 3, 15, 30), Date.UTC(2026, 6, 4, 10)].map((ms) => { const t = require('luxon').DateTime.fromMillis(ms).setZone('Europe/Berlin'); return t.weekday <= 5 && t.hour >= 9 && t.hour < 17; }).join(',')"#,
        r#"true,true,false,false"#,
    ),
    (
        r#"[Date.UTC(2026, 0, 5, 7, 30), Date.UTC(2026, 0, 5, 8, 30), Date.UTC(2026, 0, 5, 15, 59), Date.UTC(2026, 0, 5, 16, 0)].map((ms) => { const p = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(ms); const get = (t) => p.find((x) => x.type === t).value; return !['Sat', 'Sun'].includes(get('weekday')) && +get('hour') >= 9 && +get('hour') < 17; }).join(',')"#,
        r#"false,true,true,false"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Europe/Berlin').setLocale('fr').toFormat('EEEE d MMMM yyyy HH:mm')"#,
        r#"mercredi 1 juillet 2026 14:00"#,
    ),
    (
        r#"require('luxon').DateTime.fromISO('2026-07-01T12:00:00Z').setZone('Europe/Berlin').setLocale('en-GB').toLocaleString(require('luxon').DateTime.DATE_HUGE)"#,
        r#"Wednesday, 1 July 2026"#,
    ),
];

/// Runs every expression in one lambda and fails with the list of those whose text differs.
async fn check(cases: &[(&str, &str)]) {
    let functions: Vec<String> = cases.iter().map(|(expr, _)| format!("() => ({expr})")).collect();
    let code = format!(
        "function lambda(input, callback) {{\n  const cases = [\n{}\n  ];\n  callback(null, cases.map((f) => {{ try {{ return String(f()); }} catch (e) {{ return 'throws ' + e.name + ': ' + e.message; }} }}));\n}}",
        functions.join(",\n")
    );
    let result = run(&sandbox(), &code).await;
    let got = ok(&result).as_array().cloned().unwrap_or_default();
    assert_eq!(got.len(), cases.len(), "one answer per case");
    let wrong: Vec<String> = cases
        .iter()
        .zip(&got)
        .filter(|((_, expected), got)| got.as_str() != Some(expected))
        .map(|((expr, expected), got)| format!("{expr}\n  expected {expected:?}\n  got      {got}"))
        .collect();
    assert!(wrong.is_empty(), "{} of {} differ:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[tokio::test]
async fn intl_formats_dates_numbers_plurals_and_collation_as_node_does() {
    check(FORMATS).await;
}

#[tokio::test]
async fn luxon_uses_the_real_intl_for_zones_and_locales() {
    check(LUXON).await;
}

#[tokio::test]
async fn an_invalid_time_zone_is_a_range_error() {
    let code = "function lambda(input, callback) {\n  try {\n    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Nowhere' });\n    callback(null, 'accepted');\n  } catch (e) {\n    callback(null, [e instanceof RangeError, e.message, new Date(0).toLocaleString('en-US', { timeZone: 'Etc/GMT-1' })]);\n  }\n}";
    let result = run(&sandbox(), code).await;
    assert_eq!(
        ok(&result),
        serde_json::json!([true, "Invalid time zone specified: Europe/Nowhere", "1/1/1970, 1:00:00 AM"])
    );
}
