//! require(): what the fixtures cannot cover alone (RS256 keys from files, load cost sanity).

use crate::helpers::{ok, run, sandbox};
use serde_json::json;

#[tokio::test]
async fn jsonwebtoken_signs_and_verifies_rs256() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lambdas/keys");
    let private = std::fs::read_to_string(format!("{dir}/test_rsa_private.pem")).unwrap();
    let public = std::fs::read_to_string(format!("{dir}/test_rsa_public.pem")).unwrap();
    let code = format!(
        "function lambda(input, callback) {{\n const jwt = require('jsonwebtoken');\n const token = jwt.sign({{ sub: 'rs' }}, {private:?}, {{ algorithm: 'RS256' }});\n let tampered;\n try {{ jwt.verify(token.slice(0, -4) + 'AAAA', {public:?}); }} catch (e) {{ tampered = e.message; }}\n jwt.verify(token, {public:?}, {{ algorithms: ['RS256'] }}, (err, claims) => callback(err, {{ sub: claims.sub, alg: jwt.decode(token, {{ complete: true }}).header.alg, tampered }}));\n}}"
    );
    let result = run(&sandbox(), &code).await;
    assert_eq!(ok(&result), json!({ "sub": "rs", "alg": "RS256", "tampered": "invalid signature" }));
}

#[tokio::test]
async fn every_allowed_module_loads_and_others_are_refused() {
    let code = "function lambda(input, callback) {\n const names = ['lp-faas-toolbelt', 'lodash', 'luxon', 'jsonwebtoken', 'oauth-1.0a', 'crypto', 'fs', 'net', 'child_process', 'lambdabox:fetch'];\n callback(null, names.map((n) => { try { return typeof require(n); } catch (e) { return e.message; } }));\n}";
    let result = run(&sandbox(), code).await;
    assert_eq!(
        ok(&result),
        json!([
            "object",
            "function",
            "object",
            "object",
            "function",
            "object",
            "module fs is not available",
            "module net is not available",
            "module child_process is not available",
            "module lambdabox:fetch is not available"
        ])
    );
}
