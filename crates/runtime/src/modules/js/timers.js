// Node's `timers`: the sandbox's own timers (the globals, as `require('timers').setTimeout ===
// setTimeout` in Node), and `timers/promises` (module.exports.promises).
'use strict';

const timers = { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate };

function abortError(signal) {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  error.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) error.cause = signal.reason;
  return error;
}

// setTimeout(delay, value, { signal }) and setImmediate(value, { signal }) resolving to value.
function later(start, stop, options) {
  const signal = options && options.signal;
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(abortError(signal));
    const id = start(resolve);
    if (signal && typeof signal.addEventListener === 'function') {
      signal.addEventListener('abort', () => {
        stop(id);
        reject(abortError(signal));
      }, { once: true });
    }
  });
}

timers.promises = {
  setTimeout: (delay, value, options) => later((done) => setTimeout(done, delay, value), clearTimeout, options),
  setImmediate: (value, options) => later((done) => setImmediate(done, value), clearImmediate, options),
};

module.exports = timers;
