function lambda(input, callback) {
  function f(n) { return f(n + 1) + 1; }
  f(0);
}
// expect: runtime-exception stack overflow
