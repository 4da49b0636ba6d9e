function lambda(input, callback) {
  const _ = require('lodash');
  callback(null, {
    chunk: _.chunk([1, 2, 3, 4, 5], 2),
    get: _.get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c'),
    sorted: _.sortBy([{ n: 'b' }, { n: 'a' }], 'n').map((x) => x.n),
    merged: _.merge({ a: { x: 1 } }, { a: { y: 2 } }),
    same: require('lodash') === _,
    version: _.VERSION,
  });
}
// expect: ok {"chunk":[[1,2],[3,4],[5]],"get":3,"sorted":["a","b"],"merged":{"a":{"x":1,"y":2}},"same":true,"version":"4.17.21"}
