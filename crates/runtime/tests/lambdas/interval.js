function lambda(input, callback) {
  let n = 0;
  const id = setInterval(() => {
    n += 1;
    if (n === 3) {
      clearInterval(id);
      callback(null, n);
    }
  }, 5);
  const never = setTimeout(() => callback(new Error('cleared timer fired')), 1);
  clearTimeout(never);
}
// expect: ok 3
