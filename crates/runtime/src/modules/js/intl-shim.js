// A minimal `Intl` for luxon only (QuickJS has no Intl): locale en-US, numbering latn,
// time zones UTC and fixed offsets. It is scoped to the luxon module, not a global. Other
// IANA zones are refused, which luxon reports as an invalid zone.
const Intl = (function () {
  'use strict';
  const UTC_NAMES = ['UTC', 'ETC/UTC', 'GMT', 'ETC/GMT', 'Z'];
  const zoneOf = (opts) => {
    const zone = opts && opts.timeZone;
    if (zone === undefined) return 'UTC';
    if (UTC_NAMES.includes(String(zone).toUpperCase())) return 'UTC';
    throw new RangeError('Invalid time zone specified: ' + zone + ' (lambdabox supports UTC and fixed offsets only)');
  };
  const pad = (n, width) => String(n).padStart(width || 2, '0');
  class DateTimeFormat {
    constructor(locale, opts) {
      this._opts = Object.assign({}, opts);
      this._zone = zoneOf(opts);
    }
    resolvedOptions() {
      return Object.assign({ locale: 'en-US', numberingSystem: 'latn', calendar: 'gregory', timeZone: this._zone }, this._opts, { timeZone: this._zone });
    }
    formatToParts(date) {
      const d = new Date(date === undefined ? Date.now() : date);
      const parts = [
        ['month', pad(d.getUTCMonth() + 1)], ['literal', '/'], ['day', pad(d.getUTCDate())], ['literal', '/'],
        ['year', String(d.getUTCFullYear())], ['literal', ', '], ['hour', pad(d.getUTCHours())], ['literal', ':'],
        ['minute', pad(d.getUTCMinutes())], ['literal', ':'], ['second', pad(d.getUTCSeconds())],
      ];
      return parts.map(([type, value]) => ({ type, value }));
    }
    format(date) {
      return this.formatToParts(date).map((p) => p.value).join('');
    }
    static supportedLocalesOf() {
      return ['en-US'];
    }
  }
  class NumberFormat {
    constructor(locale, opts) {
      this._opts = Object.assign({}, opts);
    }
    resolvedOptions() {
      return Object.assign({ locale: 'en-US', numberingSystem: 'latn' }, this._opts);
    }
    format(n) {
      const o = this._opts;
      let text = o.maximumFractionDigits !== undefined ? Number(n).toFixed(o.maximumFractionDigits).replace(/\.?0+$/, '') : String(n);
      if (o.minimumIntegerDigits) {
        const negative = text[0] === '-';
        const [int, frac] = (negative ? text.slice(1) : text).split('.');
        text = (negative ? '-' : '') + int.padStart(o.minimumIntegerDigits, '0') + (frac ? '.' + frac : '');
      }
      return text;
    }
  }
  class Locale {
    constructor(tag) {
      this.baseName = String(tag || 'en-US');
    }
    getWeekInfo() {
      return { firstDay: 1, weekend: [6, 7], minimalDays: 4 };
    }
  }
  return { DateTimeFormat, NumberFormat, Locale };
})();
