function lambda(input, callback) {
  const hog = [];
  while (true) hog.push(new Array(100000).fill(7));
}
// expect: runtime-exception out of memory
