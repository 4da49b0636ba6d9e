//! Report periods in UTC: a daily report covers the previous day, a weekly one the previous
//! Monday to Sunday. The key names a period uniquely, so it can be claimed exactly once.

use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};

use lambdabox_domain::report::Frequency;

/// A completed period `[start, end)` of a daily or weekly report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// Daily or weekly.
    pub frequency: Frequency,
    /// First day (00:00 UTC).
    pub start: Date,
    /// Day after the last day (00:00 UTC, exclusive).
    pub end: Date,
}

impl Period {
    /// The newest period of `frequency` that has ended by `now`; `None` when paused.
    pub fn latest_completed(frequency: Frequency, now: OffsetDateTime) -> Option<Self> {
        let today = now.to_offset(UtcOffset::UTC).date();
        let end = match frequency {
            Frequency::None => return None,
            Frequency::Daily => today,
            Frequency::Weekly => today - Duration::days(i64::from(today.weekday().number_days_from_monday())),
        };
        let days = if frequency == Frequency::Weekly { 7 } else { 1 };
        Some(Self { frequency, start: end - Duration::days(days), end })
    }

    /// The period of the same length just before this one (for the deltas).
    pub fn previous(&self) -> Self {
        let length = self.end - self.start;
        Self { frequency: self.frequency, start: self.start - length, end: self.start }
    }

    /// Unique key: `daily:2025-01-14`, `weekly:2025-01-06` (the first day).
    pub fn key(&self) -> String {
        format!("{}:{}", self.frequency, self.start)
    }

    /// For people: `2025-01-14`, or `2025-01-06 to 2025-01-12` (both days included).
    pub fn label(&self) -> String {
        let last = self.end - Duration::days(1);
        if last == self.start { self.start.to_string() } else { format!("{} to {last}", self.start) }
    }

    /// Start in Unix milliseconds.
    pub fn start_ms(&self) -> i64 {
        midnight_ms(self.start)
    }

    /// End (exclusive) in Unix milliseconds.
    pub fn end_ms(&self) -> i64 {
        midnight_ms(self.end)
    }
}

fn midnight_ms(day: Date) -> i64 {
    let at = day.with_time(Time::MIDNIGHT).assume_utc();
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// Unix milliseconds of a point in time.
pub fn unix_ms(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn daily_is_the_previous_utc_day() {
        let p = Period::latest_completed(Frequency::Daily, datetime!(2025-01-15 00:00:30 UTC)).unwrap();
        assert_eq!((p.start, p.end), (date!(2025 - 01 - 14), date!(2025 - 01 - 15)));
        assert_eq!(p.key(), "daily:2025-01-14");
        assert_eq!(p.label(), "2025-01-14");
        assert_eq!(p.end_ms() - p.start_ms(), 86_400_000);
        assert_eq!(p.previous().start, date!(2025 - 01 - 13));
        // Local offsets do not matter: 2025-01-15 01:00 at +02:00 is still the 14th in UTC.
        let p = Period::latest_completed(Frequency::Daily, datetime!(2025-01-15 01:00 +2)).unwrap();
        assert_eq!(p.start, date!(2025 - 01 - 13));
    }

    #[test]
    fn weekly_is_the_previous_monday_to_sunday() {
        // 2025-01-13 is a Monday; every day of that week reports 2025-01-06..12.
        for day in 13..=19 {
            let now = date!(2025 - 01 - 01).replace_day(day).unwrap().with_hms(12, 0, 0).unwrap().assume_utc();
            let p = Period::latest_completed(Frequency::Weekly, now).unwrap();
            assert_eq!((p.start, p.end), (date!(2025 - 01 - 06), date!(2025 - 01 - 13)), "day {day}");
        }
        let p = Period::latest_completed(Frequency::Weekly, datetime!(2025-01-13 00:00 UTC)).unwrap();
        assert_eq!(p.key(), "weekly:2025-01-06");
        assert_eq!(p.label(), "2025-01-06 to 2025-01-12");
        assert_eq!(p.previous().start, date!(2024 - 12 - 30));
    }

    #[test]
    fn paused_has_no_period() {
        assert!(Period::latest_completed(Frequency::None, OffsetDateTime::now_utc()).is_none());
    }
}
