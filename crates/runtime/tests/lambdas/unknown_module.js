function lambda(input, callback) {
  require('fs');
}
// expect: custom-failure module fs is not available
