function lambda(input, callback) {
  const { DateTime, Duration } = require('luxon');
  const start = DateTime.fromISO('2024-01-15T10:00:00Z', { zone: 'utc' });
  callback(null, {
    plus: start.plus({ days: 1, hours: 2 }).toISO(),
    format: start.toFormat('yyyy-MM-dd HH:mm'),
    diff: DateTime.fromISO('2024-03-01T00:00:00Z').diff(DateTime.fromISO('2024-02-01T00:00:00Z'), 'days').days,
    millis: start.toMillis(),
    duration: Duration.fromObject({ minutes: 90 }).as('hours'),
    nowValid: DateTime.now().isValid,
  });
}
// expect: ok {"plus":"2024-01-16T12:00:00.000Z","format":"2024-01-15 10:00","diff":29,"millis":1705312800000,"duration":1.5,"nowValid":true}
