function lambda(input, callback) {
  callback(null, [process.env.BRAND_ID, process.env.LAMBDA_UUID, process.env.GREETING]);
}
// expect: ok ["le12345","lambda-uuid-1","hi"]
