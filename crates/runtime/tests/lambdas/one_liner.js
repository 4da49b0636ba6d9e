function lambda(input, callback) { callback(null, { payload: input.payload, headers: input.headers }); }
// expect: ok {"payload":{"n":1},"headers":[{"key":"h","value":"v"}]}
