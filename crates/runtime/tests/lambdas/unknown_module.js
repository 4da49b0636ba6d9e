function lambda(input, callback) {
  require('fs');
}
// expect: runtime-exception module fs is not available
