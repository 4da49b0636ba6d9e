function lambda(input, callback) {
  setTimeout(() => { throw new Error('timer threw'); }, 5);
}
// expect: runtime-exception Error: timer threw
