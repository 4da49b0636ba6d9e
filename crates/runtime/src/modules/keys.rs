//! Asymmetric keys for the bundled `crypto`: RSA and EC P-256 keys read from PEM, DER or JWK
//! (rsa, p256 and pkcs8 crates) and handed back to JS as one normal form, PKCS#8 DER for
//! private keys and SPKI DER for public ones, which the signing helpers read again.

use super::helpers::{Bytes, copy};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use p256::elliptic_curve::sec1::{FromEncodedPoint, ToEncodedPoint};
use rquickjs::{Ctx, Exception, Function, Result};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, RsaPrivateKey, RsaPublicKey};

/// A parsed key of one of the supported kinds.
pub(crate) enum Key {
    RsaPrivate(Box<RsaPrivateKey>),
    RsaPublic(RsaPublicKey),
    EcPrivate(p256::SecretKey),
    EcPublic(p256::PublicKey),
}

const UNSUPPORTED: &str = "Unsupported key: only RSA and EC P-256 keys in PEM, DER or JWK are supported";

impl Key {
    /// Reads DER of the given structure (`pkcs8`, `spki`, `pkcs1`, `sec1`; empty tries each).
    pub(crate) fn from_der(der: &[u8], structure: &str) -> std::result::Result<Self, String> {
        let pkcs8 = || {
            RsaPrivateKey::from_pkcs8_der(der)
                .map(|k| Key::RsaPrivate(Box::new(k)))
                .or_else(|_| p256::SecretKey::from_pkcs8_der(der).map(Key::EcPrivate))
                .ok()
        };
        let spki = || {
            RsaPublicKey::from_public_key_der(der)
                .map(Key::RsaPublic)
                .or_else(|_| p256::PublicKey::from_public_key_der(der).map(Key::EcPublic))
                .ok()
        };
        let pkcs1 = || {
            RsaPrivateKey::from_pkcs1_der(der)
                .map(|k| Key::RsaPrivate(Box::new(k)))
                .or_else(|_| RsaPublicKey::from_pkcs1_der(der).map(Key::RsaPublic))
                .ok()
        };
        let sec1 = || p256::SecretKey::from_sec1_der(der).map(Key::EcPrivate).ok();
        let key = match structure {
            "pkcs8" => pkcs8(),
            "spki" => spki(),
            "pkcs1" => pkcs1(),
            "sec1" => sec1(),
            _ => pkcs8().or_else(spki).or_else(pkcs1).or_else(sec1),
        };
        key.ok_or_else(|| UNSUPPORTED.to_owned())
    }

    /// Reads the first PEM block of `text`; its label says the structure.
    fn from_pem(text: &str) -> std::result::Result<Self, String> {
        let (label, der) = pem_decode(text).ok_or_else(|| UNSUPPORTED.to_owned())?;
        let structure = match label.as_str() {
            "PRIVATE KEY" => "pkcs8",
            "PUBLIC KEY" => "spki",
            "RSA PRIVATE KEY" | "RSA PUBLIC KEY" => "pkcs1",
            "EC PRIVATE KEY" => "sec1",
            "ENCRYPTED PRIVATE KEY" => return Err("Encrypted private keys are not supported".to_owned()),
            _ => return Err(UNSUPPORTED.to_owned()),
        };
        Self::from_der(&der, structure)
    }

    /// Reads a JSON Web Key (RSA, or EC on P-256).
    fn from_jwk(json: &str) -> std::result::Result<Self, String> {
        let jwk: serde_json::Value = serde_json::from_str(json).map_err(|_| "Invalid JWK".to_owned())?;
        let field = |name: &str| {
            jwk.get(name).and_then(|v| v.as_str()).map(|v| URL_SAFE_NO_PAD.decode(v.trim_end_matches('=')))
        };
        let bytes = |name: &str| match field(name) {
            Some(Ok(bytes)) => Ok(bytes),
            _ => Err(format!("Invalid JWK: missing or bad \"{name}\"")),
        };
        match jwk.get("kty").and_then(|v| v.as_str()) {
            Some("RSA") => {
                let n = BigUint::from_bytes_be(&bytes("n")?);
                let e = BigUint::from_bytes_be(&bytes("e")?);
                if field("d").is_none() {
                    return RsaPublicKey::new(n, e).map(Key::RsaPublic).map_err(|e| format!("Invalid JWK: {e}"));
                }
                let d = BigUint::from_bytes_be(&bytes("d")?);
                let primes = match (bytes("p"), bytes("q")) {
                    (Ok(p), Ok(q)) => vec![BigUint::from_bytes_be(&p), BigUint::from_bytes_be(&q)],
                    _ => Vec::new(),
                };
                RsaPrivateKey::from_components(n, e, d, primes)
                    .map(|k| Key::RsaPrivate(Box::new(k)))
                    .map_err(|e| format!("Invalid JWK: {e}"))
            }
            Some("EC") if jwk.get("crv").and_then(|v| v.as_str()) == Some("P-256") => {
                if field("d").is_some() {
                    return p256::SecretKey::from_slice(&bytes("d")?)
                        .map(Key::EcPrivate)
                        .map_err(|_| "Invalid JWK: bad \"d\"".to_owned());
                }
                let (x, y) = (bytes("x")?, bytes("y")?);
                if x.len() != 32 || y.len() != 32 {
                    return Err("Invalid JWK: bad \"x\" or \"y\"".to_owned());
                }
                let point = p256::EncodedPoint::from_affine_coordinates(
                    p256::FieldBytes::from_slice(&x),
                    p256::FieldBytes::from_slice(&y),
                    false,
                );
                Option::from(p256::PublicKey::from_encoded_point(&point))
                    .map(Key::EcPublic)
                    .ok_or_else(|| "Invalid JWK: the point is not on P-256".to_owned())
            }
            _ => Err(UNSUPPORTED.to_owned()),
        }
    }

    /// The public half (a public key is its own).
    pub(crate) fn public(self) -> Self {
        match self {
            Key::RsaPrivate(key) => Key::RsaPublic(key.to_public_key()),
            Key::EcPrivate(key) => Key::EcPublic(key.public_key()),
            public => public,
        }
    }

    fn is_private(&self) -> bool {
        matches!(self, Key::RsaPrivate(_) | Key::EcPrivate(_))
    }

    fn asymmetric_type(&self) -> &'static str {
        match self {
            Key::RsaPrivate(_) | Key::RsaPublic(_) => "rsa",
            Key::EcPrivate(_) | Key::EcPublic(_) => "ec",
        }
    }

    /// DER of `structure` (`pkcs8`/`spki`, `pkcs1`, `sec1`; empty for the normal form).
    fn to_der(&self, structure: &str) -> std::result::Result<Vec<u8>, String> {
        let failed = |e: &dyn std::fmt::Display| format!("The key cannot be exported: {e}");
        match (self, structure) {
            (Key::RsaPrivate(k), "pkcs8" | "") => {
                k.to_pkcs8_der().map(|d| d.as_bytes().to_vec()).map_err(|e| failed(&e))
            }
            (Key::RsaPrivate(k), "pkcs1") => k.to_pkcs1_der().map(|d| d.as_bytes().to_vec()).map_err(|e| failed(&e)),
            (Key::EcPrivate(k), "pkcs8" | "") => {
                k.to_pkcs8_der().map(|d| d.as_bytes().to_vec()).map_err(|e| failed(&e))
            }
            (Key::EcPrivate(k), "sec1") => sec1_der(k).map_err(|e| failed(&e)),
            (Key::RsaPublic(k), "spki" | "") => {
                k.to_public_key_der().map(|d| d.as_bytes().to_vec()).map_err(|e| failed(&e))
            }
            (Key::RsaPublic(k), "pkcs1") => k.to_pkcs1_der().map(|d| d.as_bytes().to_vec()).map_err(|e| failed(&e)),
            (Key::EcPublic(k), "spki" | "") => {
                k.to_public_key_der().map(|d| d.as_bytes().to_vec()).map_err(|e| failed(&e))
            }
            _ => Err(format!("The key cannot be exported as {structure}")),
        }
    }

    /// A JSON Web Key of the key.
    fn to_jwk(&self) -> serde_json::Value {
        let b64 = |n: &BigUint| URL_SAFE_NO_PAD.encode(n.to_bytes_be());
        match self {
            Key::RsaPublic(k) => serde_json::json!({ "kty": "RSA", "n": b64(k.n()), "e": b64(k.e()) }),
            Key::RsaPrivate(k) => {
                let mut jwk = serde_json::json!({ "kty": "RSA", "n": b64(k.n()), "e": b64(k.e()), "d": b64(k.d()) });
                if let ([p, q, ..], Some(dp), Some(dq), Some(qi)) = (k.primes(), k.dp(), k.dq(), k.crt_coefficient()) {
                    for (name, value) in [("p", p), ("q", q), ("dp", dp), ("dq", dq), ("qi", &qi)] {
                        jwk[name] = b64(value).into();
                    }
                }
                jwk
            }
            Key::EcPrivate(k) => {
                let mut jwk = ec_jwk(&k.public_key());
                jwk["d"] = URL_SAFE_NO_PAD.encode(k.to_bytes()).into();
                jwk
            }
            Key::EcPublic(k) => ec_jwk(k),
        }
    }
}

/// SEC1 `ECPrivateKey` naming its curve, as OpenSSL writes it (p256's own leaves it out).
fn sec1_der(key: &p256::SecretKey) -> std::result::Result<Vec<u8>, sec1::der::Error> {
    use p256::pkcs8::AssociatedOid;
    use sec1::der::Encode;
    let (private_key, public_key) = (key.to_bytes(), key.public_key().to_encoded_point(false));
    let structure = sec1::EcPrivateKey {
        private_key: &private_key,
        parameters: Some(sec1::EcParameters::NamedCurve(p256::NistP256::OID)),
        public_key: Some(public_key.as_bytes()),
    };
    structure.to_der()
}

fn ec_jwk(key: &p256::PublicKey) -> serde_json::Value {
    let point = key.to_encoded_point(false);
    let coordinate = |c: Option<&p256::FieldBytes>| c.map(|c| URL_SAFE_NO_PAD.encode(c)).unwrap_or_default();
    serde_json::json!({ "kty": "EC", "crv": "P-256", "x": coordinate(point.x()), "y": coordinate(point.y()) })
}

/// The label and bytes of the first PEM block in `text`, read as leniently as OpenSSL does
/// (any line length, surrounding text ignored); encrypted legacy blocks are refused.
fn pem_decode(text: &str) -> Option<(String, Vec<u8>)> {
    let rest = &text[text.find("-----BEGIN ")? + 11..];
    let label_end = rest.find("-----")?;
    let body = &rest[label_end + 5..];
    let body = &body[..body.find("-----END ")?];
    if body.contains(':') {
        return None;
    }
    let base64: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    Some((rest[..label_end].to_owned(), STANDARD.decode(base64).ok()?))
}

fn pem_encode(label: &str, der: &[u8]) -> String {
    let base64 = STANDARD.encode(der);
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in base64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}

/// Reads a key given as `format` (`pem`, `der` or `jwk`) and `structure` (DER only).
pub(crate) fn read(data: &[u8], format: &str, structure: &str) -> std::result::Result<Key, String> {
    match format {
        "der" => Key::from_der(data, structure),
        "jwk" => Key::from_jwk(&String::from_utf8_lossy(data)),
        _ => Key::from_pem(&String::from_utf8_lossy(data)),
    }
}

/// Reads the key of a JS `[data, format, structure]` triple, or throws.
pub(crate) fn from_js<'js>(ctx: &Ctx<'js>, key: &rquickjs::Array<'js>) -> Result<Key> {
    let data: Bytes<'js> = key.get(0)?;
    let (format, structure): (String, String) = (key.get(1)?, key.get(2)?);
    read(&copy(&data), &format, &structure).map_err(|e| Exception::throw_message(ctx, &e))
}

/// `keyImport(data, format, structure, wantPublic)` → `[type, asymmetricKeyType, der]`.
fn key_import<'js>(
    ctx: Ctx<'js>,
    data: Bytes<'js>,
    format: String,
    structure: String,
    want_public: bool,
) -> Result<rquickjs::Array<'js>> {
    let mut key = read(&copy(&data), &format, &structure).map_err(|e| Exception::throw_message(&ctx, &e))?;
    if want_public {
        key = key.public();
    }
    let der = key.to_der("").map_err(|e| Exception::throw_message(&ctx, &e))?;
    let out = rquickjs::Array::new(ctx.clone())?;
    out.set(0, if key.is_private() { "private" } else { "public" })?;
    out.set(1, key.asymmetric_type())?;
    out.set(2, Bytes::new(ctx, der)?)?;
    Ok(out)
}

/// `keyExport(der, structure, format)`: the normal-form DER of a key re-encoded as `structure`
/// in `format` (`der` bytes, `pem` text, `jwk` JSON text).
fn key_export<'js>(ctx: Ctx<'js>, der: Bytes<'js>, structure: String, format: String) -> Result<rquickjs::Value<'js>> {
    let fail = |e: String| Exception::throw_message(&ctx, &e);
    let key = Key::from_der(&copy(&der), "").map_err(fail)?;
    if format == "jwk" {
        return rquickjs::IntoJs::into_js(key.to_jwk().to_string(), &ctx);
    }
    let der = key.to_der(&structure).map_err(fail)?;
    if format == "der" {
        return rquickjs::IntoJs::into_js(Bytes::new(ctx.clone(), der)?, &ctx);
    }
    let label = match (&key, structure.as_str()) {
        (Key::RsaPrivate(_), "pkcs1") => "RSA PRIVATE KEY",
        (Key::RsaPublic(_), "pkcs1") => "RSA PUBLIC KEY",
        (Key::EcPrivate(_), "sec1") => "EC PRIVATE KEY",
        (Key::RsaPublic(_) | Key::EcPublic(_), _) => "PUBLIC KEY",
        _ => "PRIVATE KEY",
    };
    rquickjs::IntoJs::into_js(pem_encode(label, &der), &ctx)
}

/// Defines the key helpers on the natives object.
pub(crate) fn define<'js>(ctx: &Ctx<'js>, natives: &crate::natives::Inert<'js>) -> Result<()> {
    natives.define("keyImport", Function::new(ctx.clone(), key_import)?)?;
    natives.define("keyExport", Function::new(ctx.clone(), key_export)?)?;
    Ok(())
}
