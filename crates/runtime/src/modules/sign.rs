//! Signatures for the bundled `crypto`: RSA PKCS#1 v1.5 and PSS (rsa crate) and ECDSA on P-256
//! (p256 crate), over a digest of the data made here, with Node's options (padding, salt
//! length, DER or IEEE P1363 ECDSA signatures).

use super::helpers::{Bytes, copy};
use super::keys::{self, Key};
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use rquickjs::{Array, Ctx, Exception, Function, Result};
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, Pss, RsaPublicKey};
use sha2::Digest;

/// Node's `RSA_PKCS1_PSS_PADDING`.
const PSS_PADDING: i32 = 6;
/// Node's `RSA_PSS_SALTLEN_DIGEST`: the salt is as long as the digest.
const SALT_DIGEST: i32 = -1;

/// The digests a signature may use.
#[derive(Clone, Copy)]
enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "sha1" => Hash::Sha1,
            "sha224" => Hash::Sha224,
            "sha256" => Hash::Sha256,
            "sha384" => Hash::Sha384,
            "sha512" => Hash::Sha512,
            _ => return None,
        })
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Hash::Sha224 => sha2::Sha224::digest(data).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    fn len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    fn pkcs1v15(self) -> Pkcs1v15Sign {
        match self {
            Hash::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
            Hash::Sha224 => Pkcs1v15Sign::new::<sha2::Sha224>(),
            Hash::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
            Hash::Sha384 => Pkcs1v15Sign::new::<sha2::Sha384>(),
            Hash::Sha512 => Pkcs1v15Sign::new::<sha2::Sha512>(),
        }
    }

    fn pss(self, salt: usize) -> Pss {
        match self {
            Hash::Sha1 => Pss::new_with_salt::<sha1::Sha1>(salt),
            Hash::Sha224 => Pss::new_with_salt::<sha2::Sha224>(salt),
            Hash::Sha256 => Pss::new_with_salt::<sha2::Sha256>(salt),
            Hash::Sha384 => Pss::new_with_salt::<sha2::Sha384>(salt),
            Hash::Sha512 => Pss::new_with_salt::<sha2::Sha512>(salt),
        }
    }

    /// The longest salt a PSS signature with this key can carry (Node's default when signing).
    fn max_salt(self, key: &RsaPublicKey) -> usize {
        let em_len = (key.n().bits() - 1).div_ceil(8);
        em_len.saturating_sub(self.len() + 2)
    }
}

/// How a signature is made: the digest and the JS options `[padding, saltLength, p1363]`.
struct Scheme {
    hash: Hash,
    pss: bool,
    salt: i32,
    p1363: bool,
}

impl Scheme {
    fn new(hash: &str, options: &Array<'_>) -> std::result::Result<Self, String> {
        let hash = Hash::parse(hash).ok_or_else(|| "Invalid digest".to_owned())?;
        let option = |i: usize| options.get::<Option<i32>>(i).ok().flatten().unwrap_or_default();
        let p1363 = options.get::<Option<bool>>(2).ok().flatten().unwrap_or_default();
        Ok(Self { hash, pss: option(0) == PSS_PADDING, salt: option(1), p1363 })
    }

    fn sign(&self, key: Key, data: &[u8]) -> std::result::Result<Vec<u8>, String> {
        let hashed = self.hash.digest(data);
        let mut rng = rand::thread_rng();
        match key {
            Key::RsaPrivate(key) if self.pss => {
                let salt = match self.salt {
                    SALT_DIGEST => self.hash.len(),
                    n if n < 0 => self.hash.max_salt(&key.to_public_key()),
                    n => n.unsigned_abs() as usize,
                };
                key.sign_with_rng(&mut rng, self.hash.pss(salt), &hashed).map_err(|e| e.to_string())
            }
            Key::RsaPrivate(key) => {
                key.sign_with_rng(&mut rng, self.hash.pkcs1v15(), &hashed).map_err(|e| e.to_string())
            }
            Key::EcPrivate(key) => {
                let signature: Signature = SigningKey::from(key).sign_prehash(&hashed).map_err(|e| e.to_string())?;
                Ok(if self.p1363 { signature.to_bytes().to_vec() } else { signature.to_der().as_bytes().to_vec() })
            }
            Key::RsaPublic(_) | Key::EcPublic(_) => Err("A private key is needed to sign".to_owned()),
        }
    }

    fn verify(&self, key: Key, data: &[u8], signature: &[u8]) -> bool {
        let hashed = self.hash.digest(data);
        match key.public() {
            Key::RsaPublic(key) if self.pss => {
                let salts: Vec<usize> = match self.salt {
                    SALT_DIGEST => vec![self.hash.len()],
                    // auto: the usual lengths first, then every length the key allows
                    n if n < 0 => {
                        let max = self.hash.max_salt(&key);
                        [self.hash.len(), max].into_iter().chain(0..=max).collect()
                    }
                    n => vec![n.unsigned_abs() as usize],
                };
                salts.into_iter().any(|salt| key.verify(self.hash.pss(salt), &hashed, signature).is_ok())
            }
            Key::RsaPublic(key) => key.verify(self.hash.pkcs1v15(), &hashed, signature).is_ok(),
            Key::EcPublic(key) => {
                let parsed = if self.p1363 { Signature::from_slice(signature) } else { Signature::from_der(signature) };
                parsed.is_ok_and(|s| VerifyingKey::from(key).verify_prehash(&hashed, &s).is_ok())
            }
            Key::RsaPrivate(_) | Key::EcPrivate(_) => false,
        }
    }
}

/// `sign(digest, [key, keyFormat, keyType], data, [padding, saltLength, p1363])` → signature.
fn sign<'js>(
    ctx: Ctx<'js>,
    hash: String,
    key: Array<'js>,
    data: Bytes<'js>,
    options: Array<'js>,
) -> Result<Bytes<'js>> {
    let fail = |e: String| Exception::throw_message(&ctx, &e);
    let scheme = Scheme::new(&hash, &options).map_err(fail)?;
    let key = keys::from_js(&ctx, &key)?;
    let signature = scheme.sign(key, &copy(&data)).map_err(fail)?;
    Bytes::new(ctx, signature)
}

/// `verify(digest, [key, keyFormat, keyType], data, signature, [padding, saltLength, p1363])`.
fn verify<'js>(
    ctx: Ctx<'js>,
    hash: String,
    key: Array<'js>,
    data: Bytes<'js>,
    signature: Bytes<'js>,
    options: Array<'js>,
) -> Result<bool> {
    let fail = |e: String| Exception::throw_message(&ctx, &e);
    let scheme = Scheme::new(&hash, &options).map_err(fail)?;
    let key = keys::from_js(&ctx, &key)?;
    Ok(scheme.verify(key, &copy(&data), &copy(&signature)))
}

/// Defines the signature helpers on the natives object.
pub(crate) fn define<'js>(ctx: &Ctx<'js>, natives: &crate::natives::Inert<'js>) -> Result<()> {
    natives.define("sign", Function::new(ctx.clone(), sign)?)?;
    natives.define("verify", Function::new(ctx.clone(), verify)?)?;
    Ok(())
}
