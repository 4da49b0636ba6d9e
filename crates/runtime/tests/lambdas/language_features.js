function lambda(input, callback) {
  const big = 2n ** 64n;
  const weak = new WeakRef({});
  const map = new Map([[1, 'a']]);
  const { a, ...rest } = { a: 1, b: 2, c: 3 };
  callback(null, {
    big: big.toString(),
    weak: typeof weak.deref,
    map: map.get(1),
    rest,
    optional: input?.payload?.missing ?? 'fallback',
    date: new Date(0).toISOString(),
    regex: 'a-b-c'.replace(/-/g, '+'),
    global: global === globalThis,
    perf: typeof performance.now(),
  });
}
// expect: ok {"big":"18446744073709551616","weak":"function","map":"a","rest":{"b":2,"c":3},"optional":"fallback","date":"1970-01-01T00:00:00.000Z","regex":"a+b+c","global":true,"perf":"number"}
