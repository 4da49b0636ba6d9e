//! `require('crypto')` against Node: `fixtures/crypto_vectors.json` holds keys, signatures,
//! ciphertexts and derived keys made by Node 20 (`fixtures/crypto_vectors.js`); lambdabox
//! must give the same bytes for deterministic algorithms, accept Node's randomized signatures
//! (PSS, ECDSA), round-trip its own, and throw catchable errors on bad input.

use crate::helpers::{ok, run, sandbox_with};
use serde_json::{Value, json};

const VECTORS: &str = include_str!("fixtures/crypto_vectors.json");

#[allow(clippy::unwrap_used)] // the fixture is committed JSON
fn vectors() -> Value {
    serde_json::from_str(VECTORS).unwrap()
}

/// Runs `body` inside a lambda that sees the vectors as `V` and the module as `crypto`.
async fn run_body(body: &str) -> Value {
    let code = format!(
        "function lambda(input, callback) {{\nconst V = {VECTORS};\nconst crypto = require('crypto');\n{body}\n}}"
    );
    ok(&run(&sandbox_with(10_000, 1), &code).await)
}

#[tokio::test]
async fn crypto_rsa_pkcs1_signatures_are_nodes_bytes() {
    let out = run_body(
        "const out = {};
        for (const [alg, sig] of Object.entries(V.signatures.pkcs1)) {
          out[alg] = [
            crypto.createSign(alg).update(V.data.slice(0, 9)).update(V.data.slice(9)).sign(V.keys.rsaPkcs8, 'base64'),
            crypto.sign(alg, Buffer.from(V.data), crypto.createPrivateKey(V.keys.rsaPkcs1)).toString('base64'),
            crypto.createVerify(alg).update(V.data).verify(V.keys.rsaSpki, sig, 'base64'),
            crypto.verify(alg, Buffer.from(V.data), V.keys.rsaPkcs1Public, Buffer.from(sig, 'base64')),
            crypto.createVerify(alg).update(V.data + '.').verify(V.keys.rsaSpki, sig, 'base64'),
          ];
        }
        callback(null, out);",
    )
    .await;
    let v = vectors();
    for (alg, sig) in v["signatures"]["pkcs1"].as_object().unwrap() {
        assert_eq!(out[alg], json!([sig, sig, true, true, false]), "{alg}");
    }
}

#[tokio::test]
async fn crypto_pss_and_ecdsa_accept_nodes_signatures_and_their_own() {
    let out = run_body(
        "const data = Buffer.from(V.data);
        const pss = { key: V.keys.rsaSpki, padding: crypto.constants.RSA_PKCS1_PSS_PADDING };
        const mine = crypto.sign('sha256', data, { key: V.keys.rsaPkcs8, padding: crypto.constants.RSA_PKCS1_PSS_PADDING });
        const ecMine = crypto.createSign('SHA256').update(V.data).sign(V.keys.ecSec1);
        const p1363 = crypto.sign('sha256', data, { key: V.keys.ecPkcs8, dsaEncoding: 'ieee-p1363' });
        const nodeDer = Buffer.from(V.signatures.ecdsaDer, 'base64');
        callback(null, {
          nodePss: crypto.verify('sha256', data, pss, Buffer.from(V.signatures.pss, 'base64')),
          nodePssDigestSalt: crypto.verify('sha256', data, { ...pss, saltLength: 32 }, Buffer.from(V.signatures.pssDigestSalt, 'base64')),
          nodePssOtherSalt: crypto.verify('sha256', data, { ...pss, saltLength: 32 }, Buffer.from(V.signatures.pss, 'base64')),
          pssRoundTrip: crypto.verify('sha256', data, pss, mine),
          pssIsNotPkcs1: crypto.verify('sha256', data, V.keys.rsaSpki, mine),
          nodeEcdsa: crypto.createVerify('sha256').update(V.data).verify(V.keys.ecSpki, V.signatures.ecdsaDer, 'base64'),
          nodeEcdsaP1363: crypto.verify('sha256', data, { key: V.keys.ecSpki, dsaEncoding: 'ieee-p1363' }, Buffer.from(V.signatures.ecdsaP1363, 'base64')),
          ecdsaRoundTrip: crypto.verify('sha256', data, crypto.createPublicKey(V.keys.ecPkcs8), ecMine),
          ecdsaIsDer: ecMine[0] === 0x30,
          p1363Length: p1363.length,
          p1363RoundTrip: crypto.verify(null, data, { key: V.keys.ecSpki, dsaEncoding: 'ieee-p1363' }, p1363),
          ecdsaTampered: crypto.verify('sha256', Buffer.from(V.data + '!'), V.keys.ecSpki, nodeDer),
          ecdsaWithPrivateKey: crypto.verify('sha256', data, V.keys.ecPkcs8, nodeDer),
          jwkEc: crypto.verify('sha256', data, { key: V.keys.ecJwk, format: 'jwk' }, nodeDer),
          jwkRsa: crypto.sign('RSA-SHA256', data, { key: V.keys.rsaJwk, format: 'jwk' }).toString('base64') === V.signatures.pkcs1['RSA-SHA256'],
          rsaSignatureEcKey: crypto.verify('sha256', data, V.keys.ecSpki, Buffer.from(V.signatures.pkcs1['RSA-SHA256'], 'base64')),
        });",
    )
    .await;
    assert_eq!(
        out,
        json!({
            "nodePss": true, "nodePssDigestSalt": true, "nodePssOtherSalt": false, "pssRoundTrip": true,
            "pssIsNotPkcs1": false, "nodeEcdsa": true, "nodeEcdsaP1363": true, "ecdsaRoundTrip": true,
            "ecdsaIsDer": true, "p1363Length": 64, "p1363RoundTrip": true, "ecdsaTampered": false,
            "ecdsaWithPrivateKey": true, "jwkEc": true, "jwkRsa": true, "rsaSignatureEcKey": false
        })
    );
}

#[tokio::test]
async fn crypto_key_objects_read_and_export_as_node() {
    let out = run_body(
        "const priv = crypto.createPrivateKey(V.keys.rsaPkcs1);
        const pub = crypto.createPublicKey(V.keys.rsaPkcs8);
        const ec = crypto.createPrivateKey({ key: V.keys.ecSec1, format: 'pem' });
        const der = Buffer.from(V.keys.ecSpkiDer, 'hex');
        const jwk = crypto.createPublicKey(V.keys.ecSpki).export({ format: 'jwk' });
        callback(null, {
          types: [priv.type, priv.asymmetricKeyType, pub.type, pub.asymmetricKeyType, ec.type, ec.asymmetricKeyType],
          pkcs8: priv.export({ type: 'pkcs8', format: 'pem' }) === V.keys.rsaPkcs8,
          pkcs1: priv.export({ type: 'pkcs1', format: 'pem' }) === V.keys.rsaPkcs1,
          spki: pub.export({ type: 'spki', format: 'pem' }) === V.keys.rsaSpki,
          pkcs1Public: pub.export({ type: 'pkcs1', format: 'pem' }) === V.keys.rsaPkcs1Public,
          ecSpki: crypto.createPublicKey(ec).export({ type: 'spki', format: 'pem' }) === V.keys.ecSpki,
          ecSec1: ec.export({ type: 'sec1', format: 'pem' }) === V.keys.ecSec1,
          ecDer: crypto.createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ format: 'der', type: 'spki' }).equals(der),
          jwk: ['kty', 'crv', 'x', 'y'].map((k) => jwk[k] === V.keys.ecJwk[k]),
          equals: pub.equals(crypto.createPublicKey(V.keys.rsaSpki)),
          secret: crypto.createSecretKey(Buffer.from('k')).symmetricKeySize,
        });",
    )
    .await;
    assert_eq!(
        out,
        json!({
            "types": ["private", "rsa", "public", "rsa", "private", "ec"], "pkcs8": true, "pkcs1": true, "spki": true,
            "pkcs1Public": true, "ecSpki": true, "ecSec1": true, "ecDer": true, "jwk": [true, true, true, true],
            "equals": true, "secret": 1
        })
    );
}

#[tokio::test]
async fn crypto_aes_ciphers_give_nodes_bytes_in_any_chunking() {
    let out = run_body(
        "const ciphers = V.ciphers.map((c) => {
          const key = Buffer.from(c.key, 'hex');
          const iv = Buffer.from(c.iv, 'hex');
          const gcm = c.name.endsWith('gcm');
          const text = Buffer.from(V.plaintext);
          const e = crypto.createCipheriv(c.name, key, iv);
          if (gcm) e.setAAD(Buffer.from(V.aad));
          const parts = [e.update(text.subarray(0, 5)), e.update(text.subarray(5, 37)), e.update(text.subarray(37)), e.final()];
          const d = crypto.createDecipheriv(c.name, key, iv);
          if (gcm) d.setAAD(Buffer.from(V.aad)).setAuthTag(Buffer.from(c.tag, 'hex'));
          let plain = '';
          for (let i = 0; i < c.ciphertext.length; i += 14) plain += d.update(c.ciphertext.slice(i, i + 14), 'hex', 'utf8');
          plain += d.final('utf8');
          return { name: c.name, ciphertext: Buffer.concat(parts).toString('hex'), tag: gcm ? e.getAuthTag().toString('hex') : undefined, plain };
        });
        const key16 = Buffer.from(V.ciphers[0].key, 'hex');
        const iv = Buffer.from(V.ciphers[0].iv, 'hex');
        const raw = crypto.createCipheriv('aes-128-cbc', key16, iv).setAutoPadding(false);
        const noPadding = raw.update('exactly 32 bytes of plaintext!!!', 'utf8', 'hex') + raw.final('hex');
        const key32 = Buffer.from(V.ciphers.find((c) => c.name === 'aes-256-cbc').key, 'hex');
        const split = crypto.createCipheriv('aes-256-cbc', key32, iv);
        const splitBase64 = split.update(V.plaintext, 'utf8', 'base64') + split.update('!', 'utf8', 'base64') + split.final('base64');
        callback(null, { ciphers, noPadding, splitBase64 });",
    )
    .await;
    let v = vectors();
    let ciphers = v["ciphers"].as_array().unwrap();
    assert_eq!(out["ciphers"].as_array().unwrap().len(), ciphers.len());
    for (mine, node) in out["ciphers"].as_array().unwrap().iter().zip(ciphers) {
        let name = &node["name"];
        assert_eq!(mine["ciphertext"], node["ciphertext"], "{name} {}", node["iv"]);
        assert_eq!(mine.get("tag"), node.get("tag"), "{name}");
        assert_eq!(mine["plain"], v["plaintext"], "{name}");
    }
    assert_eq!(out["noPadding"], v["noPaddingHex"]);
    assert_eq!(out["splitBase64"], v["splitBase64"]);
}

#[tokio::test]
async fn crypto_pbkdf2_and_helpers_match_node() {
    let out = run_body(
        "const sync = V.pbkdf2.map((p) => crypto.pbkdf2Sync(...p.args).toString('hex'));
        const ints = Array.from({ length: 200 }, () => crypto.randomInt(3, 7));
        const values = crypto.getRandomValues(new Uint32Array(4));
        crypto.pbkdf2(...V.pbkdf2[1].args, (err, key) => callback(err, {
          sync,
          async: key.toString('hex'),
          equal: crypto.timingSafeEqual(Buffer.from('abc'), new Uint8Array([97, 98, 99])),
          unequal: crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')),
          intsInRange: ints.every((n) => n >= 3 && n < 7 && Number.isInteger(n)),
          intsVary: new Set(ints).size === 4,
          randomValues: values instanceof Uint32Array && values.length === 4,
        }));",
    )
    .await;
    let v = vectors();
    let expected: Vec<Value> = v["pbkdf2"].as_array().unwrap().iter().map(|p| p["hex"].clone()).collect();
    assert_eq!(out["sync"], json!(expected));
    assert_eq!(out["async"], expected[1]);
    for flag in ["equal", "intsInRange", "intsVary", "randomValues"] {
        assert_eq!(out[flag], true, "{flag}");
    }
    assert_eq!(out["unequal"], false);
}

#[tokio::test]
async fn crypto_webcrypto_subtle_matches_node() {
    let out = run_body(
        "const subtle = crypto.webcrypto.subtle;
        const data = Buffer.from(V.data);
        const hex = (b) => Buffer.from(b).toString('hex');
        const key32 = Buffer.from(V.ciphers.find((c) => c.name === 'aes-256-gcm').key, 'hex');
        const iv = Buffer.from('cafebabefacedbaddecaf888', 'hex');
        (async () => {
          const hmacKey = await subtle.importKey('raw', Buffer.from('secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
          const aesKey = await subtle.importKey('raw', key32, 'AES-GCM', true, ['encrypt', 'decrypt']);
          const ecPublic = await subtle.importKey('jwk', V.keys.ecJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
          const rsaPrivate = await subtle.importKey('jwk', V.keys.rsaJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
          const pbkdfKey = await subtle.importKey('raw', Buffer.from('password'), 'PBKDF2', false, ['deriveBits']);
          const sealed = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: Buffer.from(V.aad) }, aesKey, Buffer.from(V.plaintext));
          const opened = await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: Buffer.from(V.aad) }, aesKey, sealed);
          const tampered = new Uint8Array(sealed).slice();
          tampered[0] ^= 1;
          let tamperedError;
          await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: Buffer.from(V.aad) }, aesKey, tampered).catch((e) => { tamperedError = e.name; });
          return {
            sha256: hex(await subtle.digest('SHA-256', data)),
            hmac: hex(await subtle.sign('HMAC', hmacKey, data)),
            hmacVerify: await subtle.verify('HMAC', hmacKey, Buffer.from(V.webcrypto.hmac, 'hex'), data),
            aesGcm: hex(sealed),
            opened: Buffer.from(opened).toString(),
            tamperedError,
            ecdsa: await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecPublic, Buffer.from(V.webcrypto.ecdsa, 'hex'), data),
            rsa: Buffer.from(await subtle.sign('RSASSA-PKCS1-v1_5', rsaPrivate, data)).toString('base64'),
            pbkdf2: hex(await subtle.deriveBits({ name: 'PBKDF2', salt: Buffer.from('salt'), iterations: 1000, hash: 'SHA-256' }, pbkdfKey, 256)),
            exported: hex(await subtle.exportKey('raw', aesKey)) === key32.toString('hex'),
            promise: subtle.digest('SHA-1', data) instanceof Promise,
          };
        })().then((r) => callback(null, r), callback);",
    )
    .await;
    let v = vectors();
    let w = &v["webcrypto"];
    assert_eq!(
        out,
        json!({
            "sha256": w["sha256"], "hmac": w["hmac"], "hmacVerify": true, "aesGcm": w["aesGcm"],
            "opened": v["plaintext"], "tamperedError": "OperationError", "ecdsa": true,
            "rsa": v["signatures"]["pkcs1"]["RSA-SHA256"], "pbkdf2": w["pbkdf2"], "exported": true, "promise": true
        })
    );
}

#[tokio::test]
async fn crypto_bad_input_throws_catchable_node_errors() {
    let out = run_body(
        "const attempt = (fn) => { try { return ['returned', fn()]; } catch (e) { return [e.name, e.code, e.message]; } };
        const key = Buffer.alloc(16, 1);
        const iv = Buffer.alloc(16, 2);
        const zeros = crypto.createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false).update(Buffer.alloc(16));
        const gcm = crypto.createCipheriv('aes-128-gcm', key, iv.subarray(0, 12));
        const sealed = Buffer.concat([gcm.update('secret'), gcm.final()]);
        const tag = gcm.getAuthTag();
        tag[0] ^= 1;
        callback(null, {
          ivLength: attempt(() => crypto.createCipheriv('aes-128-cbc', key, Buffer.alloc(8))),
          keyLength: attempt(() => crypto.createDecipheriv('aes-256-ctr', key, iv)),
          unknownCipher: attempt(() => crypto.createCipheriv('aes-128-xyz', key, iv)),
          badDecrypt: attempt(() => { const d = crypto.createDecipheriv('aes-128-cbc', key, iv); d.update(zeros); return d.final(); }),
          wrongFinalBlock: attempt(() => { const d = crypto.createDecipheriv('aes-128-cbc', key, iv); d.update(Buffer.alloc(15)); return d.final(); }),
          wrongTag: attempt(() => { const d = crypto.createDecipheriv('aes-128-gcm', key, iv.subarray(0, 12)); d.setAuthTag(tag); d.update(sealed); return d.final(); }),
          noTag: attempt(() => { const d = crypto.createDecipheriv('aes-128-gcm', key, iv.subarray(0, 12)); d.update(sealed); return d.final(); }),
          timing: attempt(() => crypto.timingSafeEqual(Buffer.alloc(1), Buffer.alloc(2))),
          digest: attempt(() => crypto.createSign('foo')),
          garbageKey: attempt(() => crypto.createPrivateKey('garbage'))[0],
          truncatedKey: attempt(() => crypto.createSign('sha256').update('x').sign(V.keys.rsaPkcs8.slice(0, 300)))[0],
          publicKeySigns: attempt(() => crypto.sign('sha256', Buffer.from('x'), V.keys.rsaSpki))[0],
          wrongKeyVerifies: attempt(() => crypto.verify('sha256', Buffer.from(V.data), V.keys.ecSpki, Buffer.from(V.signatures.pkcs1.sha384, 'base64'))),
          badSignature: attempt(() => crypto.verify('sha256', Buffer.from(V.data), V.keys.ecSpki, Buffer.from('not DER'))),
        });",
    )
    .await;
    let bad_decrypt = "error:1C800064:Provider routines::bad decrypt";
    let wrong_final = "error:1C80006B:Provider routines::wrong final block length";
    let gcm = "Unsupported state or unable to authenticate data";
    assert_eq!(
        out,
        json!({
            "ivLength": ["TypeError", "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector"],
            "keyLength": ["RangeError", "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"],
            "unknownCipher": ["Error", "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher"],
            "badDecrypt": ["Error", "ERR_OSSL_BAD_DECRYPT", bad_decrypt],
            "wrongFinalBlock": ["Error", "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH", wrong_final],
            "wrongTag": ["Error", null, gcm],
            "noTag": ["Error", null, gcm],
            "timing": ["RangeError", "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length"],
            "digest": ["TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest"],
            "garbageKey": "Error", "truncatedKey": "Error", "publicKeySigns": "Error",
            "wrongKeyVerifies": ["returned", false], "badSignature": ["returned", false]
        })
    );
}
