// Appended to the url package (vendor/url/url.js: Node's legacy parse / format / resolve as
// browserify ships it): the WHATWG URL and URLSearchParams, the same classes as the globals.
{
  const whatwg = require('lambdabox:url');
  module.exports.URL = whatwg.URL;
  module.exports.URLSearchParams = whatwg.URLSearchParams;
}
