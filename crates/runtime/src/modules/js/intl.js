// ECMA-402 `Intl` (the global, made on first use) and the locale-aware methods of Date,
// Number and String. Locale data, time zones, formatting, plural rules and collation are the
// host's (ICU4X and the IANA database, modules/intl); this is the options handling around it.
'use strict';

const { intlLocale, intlZone, intlOffset, intlFormatDate, intlFormatNumber, intlPlural, intlCompare } = natives;
const { parse, stringify } = JSON;
const DEFAULT_LOCALE = 'en-US';
// The box's own zone, as Node reports it on a server without TZ.
const DEFAULT_ZONE = 'UTC';

function canonicalLocales(locales) {
  if (locales === undefined) return [];
  const list = typeof locales === 'string' || locales instanceof Locale ? [locales] : Array.from(Object(locales));
  const seen = [];
  for (const item of list) {
    if (typeof item !== 'string' && !(item instanceof Locale) && (typeof item !== 'object' || item === null)) {
      throw new TypeError('Language ID should be string or object.');
    }
    const tag = intlLocale(String(item));
    if (!seen.includes(tag)) seen.push(tag);
  }
  return seen;
}
const localeOf = (locales) => canonicalLocales(locales)[0] || DEFAULT_LOCALE;

function getOption(options, name, allowed, fallback) {
  let value = options[name];
  if (value === undefined) return fallback;
  if (allowed === 'boolean') return Boolean(value);
  value = String(value);
  if (allowed && !allowed.includes(value)) {
    throw new RangeError('Value ' + value + ' out of range for Intl options property ' + name);
  }
  return value;
}
function getNumberOption(options, name, min, max, fallback) {
  let value = options[name];
  if (value === undefined) return fallback;
  value = Number(value);
  if (!(value >= min && value <= max)) throw new RangeError(name + ' value is out of range.');
  return Math.floor(value);
}
const optionsObject = (options) => (options === undefined ? Object.create(null) : Object(options));
const toParts = (json) => parse(json).map(([type, value]) => ({ type, value }));
// CLDR 42 put a narrow no-break space before AM/PM (and in some time ranges); Node keeps a
// plain space there (its ICU reverts it), and lambdas parse such strings, so dates follow Node.
const nodeSpaces = (parts) => {
  for (const part of parts) if (part.type === 'literal') part.value = part.value.replace(/\u202f/g, ' ');
  return parts;
};
const dateParts = (json) => nodeSpaces(toParts(json));

// Intl.Locale: the tag and its subtags.
class Locale {
  #tag;
  constructor(tag, options) {
    if (new.target === undefined) throw new TypeError("Constructor Intl.Locale requires 'new'");
    if (typeof tag !== 'string' && !(tag instanceof Locale)) throw new TypeError('First argument to Intl.Locale constructor can\'t be empty or missing');
    let text = String(tag);
    const opts = optionsObject(options);
    const base = text.split(/-(?=[a-z0-9]-)/i)[0];
    const rest = text.slice(base.length);
    const subtags = base.split('-');
    if (opts.language !== undefined) subtags[0] = String(opts.language);
    if (opts.script !== undefined) subtags.splice(1, /^[a-z]{4}$/i.test(subtags[1] || '') ? 1 : 0, String(opts.script));
    if (opts.region !== undefined) {
      const at = subtags.findIndex((s, i) => i > 0 && /^([a-z]{2}|\d{3})$/i.test(s));
      if (at > 0) subtags[at] = String(opts.region);
      else subtags.splice(/^[a-z]{4}$/i.test(subtags[1] || '') ? 2 : 1, 0, String(opts.region));
    }
    this.#tag = intlLocale(subtags.join('-') + rest);
  }
  #base() {
    return this.#tag.split(/-(?=[a-z0-9]-)/i)[0].split('-');
  }
  get baseName() {
    return this.#base().join('-');
  }
  get language() {
    return this.#base()[0];
  }
  get script() {
    return this.#base().find((s, i) => i > 0 && /^[A-Z][a-z]{3}$/.test(s));
  }
  get region() {
    return this.#base().find((s, i) => i > 0 && /^([A-Z]{2}|\d{3})$/.test(s));
  }
  toString() {
    return this.#tag;
  }
  toJSON() {
    return this.#tag;
  }
  get [Symbol.toStringTag]() {
    return 'Intl.Locale';
  }
}

// Intl.DateTimeFormat. `required`/`defaults` are ECMA-402's ToDateTimeOptions arguments:
// what toLocaleString, toLocaleDateString and toLocaleTimeString show when asked for nothing.
const DATE_FIELDS = ['weekday', 'year', 'month', 'day'];
const TIME_FIELDS = ['hour', 'minute', 'second', 'fractionalSecondDigits'];
const FIELD_VALUES = {
  weekday: ['narrow', 'short', 'long'],
  era: ['narrow', 'short', 'long'],
  year: ['2-digit', 'numeric'],
  month: ['2-digit', 'numeric', 'narrow', 'short', 'long'],
  day: ['2-digit', 'numeric'],
  hour: ['2-digit', 'numeric'],
  minute: ['2-digit', 'numeric'],
  second: ['2-digit', 'numeric'],
  timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'],
};
const STYLES = ['full', 'long', 'medium', 'short'];

function timeZoneOf(value) {
  if (value === undefined) return DEFAULT_ZONE;
  const zone = intlZone(String(value));
  if (zone === null || zone === undefined) throw new RangeError('Invalid time zone specified: ' + value);
  return zone;
}

function resolveDateOptions(locales, options, required, defaults) {
  const opts = optionsObject(options);
  const resolved = { locale: localeOf(locales), calendar: 'gregory', numberingSystem: 'latn' };
  const hour12 = getOption(opts, 'hour12', 'boolean', undefined);
  const hourCycle = getOption(opts, 'hourCycle', ['h11', 'h12', 'h23', 'h24'], undefined);
  resolved.timeZone = timeZoneOf(opts.timeZone);
  const fields = {};
  for (const name of Object.keys(FIELD_VALUES)) {
    const value = getOption(opts, name, FIELD_VALUES[name], undefined);
    if (value !== undefined) fields[name] = value;
  }
  const fractional = getNumberOption(opts, 'fractionalSecondDigits', 1, 3, undefined);
  if (fractional !== undefined) fields.fractionalSecondDigits = fractional;
  const dateStyle = getOption(opts, 'dateStyle', STYLES, undefined);
  const timeStyle = getOption(opts, 'timeStyle', STYLES, undefined);
  const styled = dateStyle !== undefined || timeStyle !== undefined;
  if (styled) {
    for (const name in fields) {
      throw new TypeError("Can't set option " + name + ' when ' + (dateStyle ? 'dateStyle' : 'timeStyle') + ' is used');
    }
    if (dateStyle !== undefined) resolved.dateStyle = dateStyle;
    if (timeStyle !== undefined) resolved.timeStyle = timeStyle;
  } else {
    const hasDate = DATE_FIELDS.some((name) => fields[name] !== undefined);
    const hasTime = TIME_FIELDS.some((name) => fields[name] !== undefined);
    const needed = (required === 'date' && !hasDate) || (required === 'time' && !hasTime) || (required === 'any' && !hasDate && !hasTime);
    if (needed && (defaults === 'date' || defaults === 'all')) fields.year = fields.month = fields.day = 'numeric';
    if (needed && (defaults === 'time' || defaults === 'all')) fields.hour = fields.minute = fields.second = 'numeric';
  }
  const native = Object.assign({}, fields);
  if (styled) {
    native.dateStyle = dateStyle;
    native.timeStyle = timeStyle;
  }
  const clock12 = hour12 !== undefined ? hour12 : hourCycle !== undefined ? hourCycle === 'h11' || hourCycle === 'h12' : undefined;
  if (clock12 !== undefined) native.hour12 = clock12;
  return { resolved, fields, native: stringify(native), showsHour: fields.hour !== undefined || timeStyle !== undefined };
}

function timeValue(date) {
  const x = date === undefined ? Date.now() : Number(date);
  if (!isFinite(x)) throw new RangeError('Invalid time value');
  return x;
}

class DateTimeFormat {
  #locale;
  #zone;
  #native;
  #resolved;
  #fields;
  #showsHour;
  #bound;
  constructor(locales, options) {
    const r = resolveDateOptions(locales, options, arguments[2] || 'any', arguments[3] || 'date');
    this.#locale = r.resolved.locale;
    this.#zone = r.resolved.timeZone;
    this.#native = r.native;
    this.#resolved = r.resolved;
    this.#fields = r.fields;
    this.#showsHour = r.showsHour;
  }
  formatToParts(date) {
    return dateParts(intlFormatDate(this.#locale, this.#native, this.#zone, timeValue(date)));
  }
  get format() {
    if (!this.#bound) this.#bound = (date) => this.formatToParts(date).map((part) => part.value).join('');
    return this.#bound;
  }
  formatRange(start, end) {
    return this.format(start) + ' – ' + this.format(end);
  }
  resolvedOptions() {
    const out = Object.assign({}, this.#resolved);
    if (this.#showsHour) {
      // The locale's clock, as the formatter shows it (h12 when it shows a day period).
      const parts = parse(intlFormatDate(this.#locale, this.#native, 'UTC', 13 * 3600000));
      const clock12 = parts.some((pair) => pair[0] === 'dayPeriod');
      out.hourCycle = clock12 ? 'h12' : 'h23';
      out.hour12 = clock12;
    }
    return Object.assign(out, this.#fields);
  }
  static supportedLocalesOf(locales) {
    return canonicalLocales(locales);
  }
  get [Symbol.toStringTag]() {
    return 'Intl.DateTimeFormat';
  }
}

// Intl.NumberFormat.
// ISO 4217 minor units differ from 2 for few currencies; ECMA-402 takes them from ISO 4217.
const CURRENCY_DIGITS = { BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0, KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0 };

class NumberFormat {
  #locale;
  #native;
  #resolved;
  #bound;
  constructor(locales, options) {
    const opts = optionsObject(options);
    const locale = localeOf(locales);
    const style = getOption(opts, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal');
    if (style === 'unit') throw new RangeError('Intl.NumberFormat: style "unit" is not supported');
    let currency = getOption(opts, 'currency', undefined, undefined);
    if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) throw new RangeError('Invalid currency code : ' + currency);
    if (style === 'currency' && currency === undefined) throw new TypeError('Currency code is required with currency style.');
    const currencyDisplay = getOption(opts, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol');
    let digits = 0;
    let maxDefault = 3;
    if (style === 'currency') {
      currency = currency.toUpperCase();
      digits = currency in CURRENCY_DIGITS ? CURRENCY_DIGITS[currency] : 2;
      maxDefault = digits;
    } else if (style === 'percent') {
      maxDefault = 0;
    }
    const minimumIntegerDigits = getNumberOption(opts, 'minimumIntegerDigits', 1, 21, 1);
    let minimumFractionDigits = getNumberOption(opts, 'minimumFractionDigits', 0, 100, undefined);
    let maximumFractionDigits = getNumberOption(opts, 'maximumFractionDigits', 0, 100, undefined);
    if (minimumFractionDigits === undefined) minimumFractionDigits = Math.min(digits, maximumFractionDigits === undefined ? digits : maximumFractionDigits);
    if (maximumFractionDigits === undefined) maximumFractionDigits = Math.max(minimumFractionDigits, maxDefault);
    if (minimumFractionDigits > maximumFractionDigits) throw new RangeError('maximumFractionDigits value is out of range.');
    const grouping = opts.useGrouping;
    const useGrouping = grouping === undefined ? 'auto' : grouping === false || grouping === 'false' ? false : grouping === true ? 'always' : String(grouping);
    this.#locale = locale;
    this.#resolved = { locale, numberingSystem: 'latn', style };
    if (style === 'currency') Object.assign(this.#resolved, { currency, currencyDisplay, currencySign: 'standard' });
    Object.assign(this.#resolved, {
      minimumIntegerDigits, minimumFractionDigits, maximumFractionDigits, useGrouping,
      notation: 'standard', signDisplay: 'auto', roundingMode: 'halfExpand', roundingIncrement: 1,
      trailingZeroDisplay: 'auto', roundingPriority: 'auto',
    });
    this.#native = stringify({
      style, currency, currencyDisplay, minimumIntegerDigits, minimumFractionDigits, maximumFractionDigits,
      useGrouping: useGrouping !== false,
    });
  }
  formatToParts(value) {
    const x = Number(value);
    if (x !== x) return [{ type: 'nan', value: 'NaN' }];
    if (!isFinite(x)) return (x < 0 ? [{ type: 'minusSign', value: '-' }] : []).concat([{ type: 'infinity', value: '∞' }]);
    const parts = toParts(intlFormatNumber(this.#locale, this.#native, x));
    if (this.#resolved.style !== 'currency') return parts;
    // The currency comes as literal text (ICU4X's currency formatter marks no parts): what
    // is not spacing in a literal is the currency.
    const out = [];
    for (const part of parts) {
      const m = part.type === 'literal' ? /^(\s*)(.*?)(\s*)$/su.exec(part.value) : null;
      if (!m || m[2] === '') out.push(part);
      else {
        if (m[1]) out.push({ type: 'literal', value: m[1] });
        out.push({ type: 'currency', value: m[2] });
        if (m[3]) out.push({ type: 'literal', value: m[3] });
      }
    }
    return out;
  }
  get format() {
    if (!this.#bound) this.#bound = (value) => this.formatToParts(value).map((p) => p.value).join('');
    return this.#bound;
  }
  resolvedOptions() {
    return Object.assign({}, this.#resolved);
  }
  static supportedLocalesOf(locales) {
    return canonicalLocales(locales);
  }
  get [Symbol.toStringTag]() {
    return 'Intl.NumberFormat';
  }
}

// Intl.PluralRules.
class PluralRules {
  #locale;
  #type;
  constructor(locales, options) {
    if (new.target === undefined) throw new TypeError("Constructor Intl.PluralRules requires 'new'");
    const opts = optionsObject(options);
    this.#locale = localeOf(locales);
    this.#type = getOption(opts, 'type', ['cardinal', 'ordinal'], 'cardinal');
  }
  select(value) {
    const x = Number(value);
    if (!isFinite(x)) return 'other';
    return intlPlural(this.#locale, this.#type === 'ordinal', Math.abs(x));
  }
  resolvedOptions() {
    return { locale: this.#locale, type: this.#type, minimumIntegerDigits: 1, minimumFractionDigits: 0, maximumFractionDigits: 3 };
  }
  static supportedLocalesOf(locales) {
    return canonicalLocales(locales);
  }
  get [Symbol.toStringTag]() {
    return 'Intl.PluralRules';
  }
}

// Intl.Collator.
class Collator {
  #locale;
  #tag;
  #resolved;
  #bound;
  constructor(locales, options) {
    const opts = optionsObject(options);
    const locale = localeOf(locales);
    const usage = getOption(opts, 'usage', ['sort', 'search'], 'sort');
    const sensitivity = getOption(opts, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant');
    const numeric = getOption(opts, 'numeric', 'boolean', false);
    const ignorePunctuation = getOption(opts, 'ignorePunctuation', 'boolean', false);
    this.#locale = locale;
    this.#tag = numeric ? locale.replace(/-u-.*$/, '') + '-u-kn' : locale;
    this.#resolved = { locale, usage, sensitivity, ignorePunctuation, collation: 'default', numeric, caseFirst: 'false' };
  }
  get compare() {
    if (!this.#bound) {
      this.#bound = (a, b) => intlCompare(this.#tag, this.#resolved.sensitivity, String(a), String(b));
    }
    return this.#bound;
  }
  resolvedOptions() {
    return Object.assign({}, this.#resolved);
  }
  static supportedLocalesOf(locales) {
    return canonicalLocales(locales);
  }
  get [Symbol.toStringTag]() {
    return 'Intl.Collator';
  }
}

// Constructors ECMA-402 lets be called without `new`.
function callable(Class) {
  const wrapper = function (locales, options) {
    return new Class(locales, options);
  };
  Object.defineProperty(wrapper, 'name', { value: Class.name });
  Object.defineProperty(wrapper, 'length', { value: 0 });
  wrapper.prototype = Class.prototype;
  Object.defineProperty(Class.prototype, 'constructor', { value: wrapper, writable: true, configurable: true });
  wrapper.supportedLocalesOf = Class.supportedLocalesOf;
  return wrapper;
}

const Intl = {};
const defineHidden = (target, name, value) =>
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
defineHidden(Intl, 'DateTimeFormat', callable(DateTimeFormat));
defineHidden(Intl, 'NumberFormat', callable(NumberFormat));
defineHidden(Intl, 'Collator', callable(Collator));
defineHidden(Intl, 'PluralRules', PluralRules);
defineHidden(Intl, 'Locale', Locale);
defineHidden(Intl, 'getCanonicalLocales', (locales) => canonicalLocales(locales));
defineHidden(Intl, 'supportedValuesOf', (key) => {
  if (key === 'calendar') return ['gregory'];
  if (key === 'numberingSystem') return ['latn'];
  throw new RangeError('Invalid key : ' + key);
});
Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });

// The engine's locale-sensitive built-ins route here through the prelude (the engine's
// locale kinds: 0-2 Date.prototype.toLocaleString, toLocaleDateString, toLocaleTimeString
// with the time value, 3 Number.prototype.toLocaleString with the number, 4
// String.prototype.localeCompare with both strings). Formats without locales and options are
// kept: a lambda that formats in a loop builds each once.
const DATE_KINDS = [['any', 'all'], ['date', 'date'], ['time', 'time']];
const plain = [];
function builtin(kind, value, a, b, c) {
  if (kind === 4) return new Collator(b, c).compare(value, a);
  const simple = a === undefined && b === undefined;
  if (kind === 3) {
    const format = simple ? plain[3] || (plain[3] = new NumberFormat()) : new NumberFormat(a, b);
    return format.format(value);
  }
  const [required, defaults] = DATE_KINDS[kind];
  const format = simple ? plain[kind] || (plain[kind] = new DateTimeFormat(a, b, required, defaults)) : new DateTimeFormat(a, b, required, defaults);
  return format.format(value);
}

module.exports = { Intl, builtin };
