//! Rust helpers behind the bundled `crypto`, `jsonwebtoken`, `Buffer`, `TextEncoder` and
//! `URL`: digests, HMAC, randomness, UTF-8/base64, JWS signatures (jsonwebtoken crate) and
//! WHATWG URL parsing (url crate), plus those of `keys`, `sign` and `ciphers`. Exposed only
//! on the `natives` object that the bundled modules which need them receive.

use crate::natives::Inert;
use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
use rand::RngCore;
use rquickjs::function::Opt;
use rquickjs::object::Property;
use rquickjs::{Ctx, Exception, Function, Object, Result, TypedArray};
use sha2::Digest;

pub(super) type Bytes<'js> = TypedArray<'js, u8>;

/// Copies a Uint8Array's bytes out of the JS heap.
#[allow(unsafe_code)]
pub(super) fn copy(bytes: &Bytes<'_>) -> Vec<u8> {
    match bytes.as_raw() {
        // SAFETY: the pointer covers the array's live bytes; no JS runs (nothing can detach or
        // resize the buffer) while they are copied.
        Some(raw) => unsafe { raw.as_ref() }.to_vec(),
        None => Vec::new(),
    }
}

/// Makes the frozen, prototype-less object of every helper.
pub(crate) fn make<'js>(ctx: &Ctx<'js>) -> Result<Object<'js>> {
    let natives = Inert::new(ctx)?;
    natives.define("digest", Function::new(ctx.clone(), digest)?)?;
    natives.define("hmac", Function::new(ctx.clone(), hmac)?)?;
    natives.define(
        "randomBytes",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, n: usize| {
            let mut bytes = vec![0u8; n.min(65_536)];
            rand::thread_rng().fill_bytes(&mut bytes);
            Bytes::new(ctx, bytes)
        })?,
    )?;
    natives.define("randomUUID", Function::new(ctx.clone(), || uuid::Uuid::new_v4().to_string())?)?;
    natives.define(
        "utf8Encode",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, text: String| Bytes::new(ctx, text.into_bytes()))?,
    )?;
    natives.define(
        "utf8Decode",
        Function::new(ctx.clone(), |bytes: Bytes<'js>| String::from_utf8_lossy(&copy(&bytes)).into_owned())?,
    )?;
    natives.define(
        "base64Encode",
        Function::new(ctx.clone(), |bytes: Bytes<'js>, url: Opt<bool>| {
            if url.0.unwrap_or(false) { URL_SAFE_NO_PAD.encode(copy(&bytes)) } else { STANDARD.encode(copy(&bytes)) }
        })?,
    )?;
    natives.define("base64Decode", Function::new(ctx.clone(), base64_decode)?)?;
    natives.define("jwsSign", Function::new(ctx.clone(), jws_sign)?)?;
    natives.define("jwsVerify", Function::new(ctx.clone(), jws_verify)?)?;
    natives.define("parseUrl", Function::new(ctx.clone(), parse_url)?)?;
    super::intl::define(ctx, &natives)?;
    super::keys::define(ctx, &natives)?;
    super::sign::define(ctx, &natives)?;
    super::ciphers::define(ctx, &natives)?;
    natives.freeze()
}

fn digest<'js>(ctx: Ctx<'js>, algorithm: String, data: Bytes<'js>) -> Result<Bytes<'js>> {
    let data = copy(&data);
    let out = match algorithm.to_ascii_lowercase().as_str() {
        "md5" => md5::Md5::digest(&*data).to_vec(),
        "sha1" => sha1::Sha1::digest(&*data).to_vec(),
        "sha256" => sha2::Sha256::digest(&*data).to_vec(),
        "sha384" => sha2::Sha384::digest(&*data).to_vec(),
        "sha512" => sha2::Sha512::digest(&*data).to_vec(),
        other => {
            return Err(Exception::throw_message(&ctx, &format!("Digest method not supported: {other}")));
        }
    };
    Bytes::new(ctx, out)
}

fn hmac<'js>(ctx: Ctx<'js>, algorithm: String, key: Bytes<'js>, data: Bytes<'js>) -> Result<Bytes<'js>> {
    fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
        match <M as hmac::digest::KeyInit>::new_from_slice(key) {
            Ok(mut m) => {
                m.update(data);
                m.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        }
    }
    let (key, data) = (copy(&key), copy(&data));
    let out = match algorithm.to_ascii_lowercase().as_str() {
        "md5" => mac::<Hmac<md5::Md5>>(&key, &data),
        "sha1" => mac::<Hmac<sha1::Sha1>>(&key, &data),
        "sha256" => mac::<Hmac<sha2::Sha256>>(&key, &data),
        "sha384" => mac::<Hmac<sha2::Sha384>>(&key, &data),
        "sha512" => mac::<Hmac<sha2::Sha512>>(&key, &data),
        other => {
            return Err(Exception::throw_message(&ctx, &format!("Invalid digest: {other}")));
        }
    };
    Bytes::new(ctx, out)
}

/// Base64 as Node's Buffer reads it: the unused bits of the last character may be set.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// Decodes standard or URL-safe base64, with or without padding (like Node's Buffer): a last
/// lone character (six bits, no whole byte) is dropped.
fn base64_decode<'js>(ctx: Ctx<'js>, text: String) -> Result<Bytes<'js>> {
    let mut cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            other => other,
        })
        .collect();
    if cleaned.len() % 4 == 1 {
        cleaned.pop();
    }
    let decoded = LENIENT.decode(cleaned.as_bytes()).unwrap_or_default();
    Bytes::new(ctx, decoded)
}

fn algorithm(ctx: &Ctx<'_>, name: &str) -> Result<Algorithm> {
    name.parse::<Algorithm>()
        .map_err(|_| Exception::throw_message(ctx, &format!("\"algorithm\" must be a valid string enum value: {name}")))
}

/// Signs `signing_input` (base64url header '.' base64url payload) with an HMAC secret or a
/// PEM private key; returns the base64url signature.
fn jws_sign(ctx: Ctx<'_>, alg: String, signing_input: String, key: String) -> Result<String> {
    let alg = algorithm(&ctx, &alg)?;
    let key = match alg {
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => EncodingKey::from_secret(key.as_bytes()),
        Algorithm::ES256 | Algorithm::ES384 => EncodingKey::from_ec_pem(key.as_bytes()).map_err(|e| throw(&ctx, &e))?,
        _ => EncodingKey::from_rsa_pem(key.as_bytes()).map_err(|e| throw(&ctx, &e))?,
    };
    jsonwebtoken::crypto::sign(signing_input.as_bytes(), &key, alg).map_err(|e| throw(&ctx, &e))
}

/// Checks a signature with an HMAC secret or a PEM public key.
fn jws_verify(ctx: Ctx<'_>, alg: String, signing_input: String, signature: String, key: String) -> Result<bool> {
    let alg = algorithm(&ctx, &alg)?;
    let key = match alg {
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => DecodingKey::from_secret(key.as_bytes()),
        Algorithm::ES256 | Algorithm::ES384 => DecodingKey::from_ec_pem(key.as_bytes()).map_err(|e| throw(&ctx, &e))?,
        _ => DecodingKey::from_rsa_pem(key.as_bytes()).map_err(|e| throw(&ctx, &e))?,
    };
    Ok(jsonwebtoken::crypto::verify(&signature, signing_input.as_bytes(), &key, alg).unwrap_or(false))
}

fn throw(ctx: &Ctx<'_>, error: &jsonwebtoken::errors::Error) -> rquickjs::Error {
    Exception::throw_message(ctx, &format!("secretOrPrivateKey is not valid: {error}"))
}

/// Parses `input` (against `base`) and returns the URL's components, or throws TypeError.
fn parse_url<'js>(ctx: Ctx<'js>, input: String, base: Opt<String>) -> Result<Object<'js>> {
    let parsed = match base.0 {
        Some(base) => url::Url::parse(&base).and_then(|b| b.join(&input)),
        None => url::Url::parse(&input),
    }
    .map_err(|e| Exception::throw_type(&ctx, &format!("Invalid URL: {input} ({e})")))?;
    // Defined, not set (lambda code may have put setters on Object.prototype), on an object
    // without prototype.
    let parts = Object::new_proto(ctx, None)?;
    let search = parsed.query().filter(|q| !q.is_empty()).map(|q| format!("?{q}")).unwrap_or_default();
    let hash = parsed.fragment().filter(|f| !f.is_empty()).map(|f| format!("#{f}")).unwrap_or_default();
    let fields: [(&str, String); 10] = [
        ("href", parsed.as_str().to_owned()),
        ("protocol", format!("{}:", parsed.scheme())),
        ("username", parsed.username().to_owned()),
        ("password", parsed.password().unwrap_or("").to_owned()),
        ("hostname", parsed.host_str().unwrap_or("").to_owned()),
        ("port", parsed.port().map(|p| p.to_string()).unwrap_or_default()),
        ("pathname", parsed.path().to_owned()),
        ("search", search),
        ("hash", hash),
        ("origin", parsed.origin().ascii_serialization()),
    ];
    for (name, value) in fields {
        parts.prop(name, Property::from(value).writable().enumerable().configurable())?;
    }
    Ok(parts)
}
