//! Symmetric helpers for the bundled `crypto`: AES in CBC, CTR and GCM modes (aes, cbc, ctr,
//! aes-gcm and ghash crates), PBKDF2 and a constant-time comparison. Each call is stateless:
//! the JS cipher objects keep the chaining state (next IV, byte offset, buffered input).

use super::helpers::{Bytes, copy};
use aes::cipher::block_padding::{NoPadding, Pkcs7};
use aes::cipher::{
    BlockCipher, BlockDecryptMut, BlockEncrypt, BlockEncryptMut, BlockSizeUser, KeyInit, KeyIvInit, StreamCipher,
    StreamCipherSeek,
};
use aes::{Aes128, Aes192, Aes256};
use aes_gcm::AesGcm;
use aes_gcm::aead::consts::{U12, U16};
use aes_gcm::aead::generic_array::typenum::Unsigned;
use aes_gcm::aead::{AeadCore, AeadInPlace, Nonce, Tag};
use ghash::universal_hash::UniversalHash;
use rquickjs::{Ctx, Exception, Function, Result};
use subtle::ConstantTimeEq;

/// The largest PBKDF2 output handed back (Node allows more; nobody needs it).
const MAX_DERIVED: usize = 1 << 20;

/// Runs `$body` with `$cipher` bound to the AES type for the key's length.
macro_rules! with_aes {
    ($key:expr, $cipher:ident => $body:expr) => {
        match $key.len() {
            16 => {
                type $cipher = Aes128;
                $body
            }
            24 => {
                type $cipher = Aes192;
                $body
            }
            32 => {
                type $cipher = Aes256;
                $body
            }
            _ => None,
        }
    };
}

/// CBC over whole blocks; `pad` adds (encrypting) or checks and strips (decrypting) PKCS#7.
/// `None` for a bad key or IV, data that is not whole blocks, or bad padding.
fn cbc_with<C>(key: &[u8], iv: &[u8], data: &[u8], encrypt: bool, pad: bool) -> Option<Vec<u8>>
where
    C: BlockCipher + BlockEncryptMut + BlockDecryptMut + KeyInit,
{
    if !pad && !data.len().is_multiple_of(16) {
        return None;
    }
    if encrypt {
        let cipher = cbc::Encryptor::<C>::new_from_slices(key, iv).ok()?;
        Some(if pad {
            cipher.encrypt_padded_vec_mut::<Pkcs7>(data)
        } else {
            cipher.encrypt_padded_vec_mut::<NoPadding>(data)
        })
    } else {
        let cipher = cbc::Decryptor::<C>::new_from_slices(key, iv).ok()?;
        if pad {
            cipher.decrypt_padded_vec_mut::<Pkcs7>(data).ok()
        } else {
            cipher.decrypt_padded_vec_mut::<NoPadding>(data).ok()
        }
    }
}

/// The keystream of a 16-byte big-endian `counter` (128-bit CTR, or GCM's 32-bit increment)
/// from byte `offset` on, XORed into `data`.
fn ctr_with<C>(key: &[u8], counter: &[u8], offset: u64, data: &mut [u8], gcm: bool) -> Option<()>
where
    C: BlockCipher + BlockEncrypt + BlockEncryptMut + KeyInit + BlockSizeUser<BlockSize = U16>,
{
    if gcm {
        let mut cipher = ctr::Ctr32BE::<C>::new_from_slices(key, counter).ok()?;
        cipher.try_seek(offset).ok()?;
        cipher.try_apply_keystream(data).ok()
    } else {
        let mut cipher = ctr::Ctr128BE::<C>::new_from_slices(key, counter).ok()?;
        cipher.try_seek(offset).ok()?;
        cipher.try_apply_keystream(data).ok()
    }
}

/// GCM's first counter block after J0 (NIST SP 800-38D, 7.1): the IV and 1 for a 12-byte
/// IV, else GHASH of the IV and its length; then incremented once.
fn gcm_counter<C: BlockEncrypt + KeyInit + BlockSizeUser<BlockSize = U16>>(key: &[u8], iv: &[u8]) -> Option<[u8; 16]> {
    let mut j0 = [0u8; 16];
    if iv.len() == 12 {
        j0[..12].copy_from_slice(iv);
        j0[15] = 1;
    } else {
        let cipher = C::new_from_slice(key).ok()?;
        let mut h = ghash::Key::default();
        cipher.encrypt_block(&mut h);
        let mut ghash = ghash::GHash::new(&h);
        ghash.update_padded(iv);
        let mut lengths = ghash::Block::default();
        lengths[8..].copy_from_slice(&(iv.len() as u64 * 8).to_be_bytes());
        ghash.update(&[lengths]);
        j0.copy_from_slice(&ghash.finalize());
    }
    let low = u32::from_be_bytes([j0[12], j0[13], j0[14], j0[15]]).wrapping_add(1);
    j0[12..].copy_from_slice(&low.to_be_bytes());
    Some(j0)
}

/// Seals (`tag` None: returns ciphertext and tag) or opens (returns plaintext, None when the
/// tag does not match) with the aes-gcm crate.
fn gcm_with<A: AeadInPlace + KeyInit>(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    tag: Option<&[u8]>,
) -> Option<Vec<u8>> {
    if iv.len() != <A as AeadCore>::NonceSize::USIZE {
        return None;
    }
    let cipher = A::new_from_slice(key).ok()?;
    let nonce = Nonce::<A>::from_slice(iv);
    let mut buffer = data.to_vec();
    match tag {
        None => {
            let tag = cipher.encrypt_in_place_detached(nonce, aad, &mut buffer).ok()?;
            buffer.extend_from_slice(&tag);
        }
        Some(tag) if tag.len() == <A as AeadCore>::TagSize::USIZE => {
            cipher.decrypt_in_place_detached(nonce, aad, &mut buffer, Tag::<A>::from_slice(tag)).ok()?;
        }
        Some(_) => return None,
    }
    Some(buffer)
}

fn gcm(key: &[u8], iv: &[u8], aad: &[u8], data: &[u8], tag: Option<&[u8]>) -> Option<Vec<u8>> {
    match iv.len() {
        12 => with_aes!(key, C => gcm_with::<AesGcm<C, U12>>(key, iv, aad, data, tag)),
        16 => with_aes!(key, C => gcm_with::<AesGcm<C, U16>>(key, iv, aad, data, tag)),
        _ => None,
    }
}

fn bytes_or_null<'js>(ctx: Ctx<'js>, bytes: Option<Vec<u8>>) -> Result<Option<Bytes<'js>>> {
    bytes.map(|b| Bytes::new(ctx, b)).transpose()
}

/// Defines the cipher helpers on the natives object. Key and IV lengths are checked by the
/// JS side first (with Node's errors); here a bad length gives `null`, never a panic.
pub(crate) fn define<'js>(ctx: &Ctx<'js>, natives: &crate::natives::Inert<'js>) -> Result<()> {
    natives.define(
        "aesCbc",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, key: Bytes<'js>, iv: Bytes<'js>, data: Bytes<'js>, encrypt: bool, pad: bool| {
                let (key, iv, data) = (copy(&key), copy(&iv), copy(&data));
                bytes_or_null(ctx, with_aes!(key, C => cbc_with::<C>(&key, &iv, &data, encrypt, pad)))
            },
        )?,
    )?;
    natives.define(
        "aesCtr",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, key: Bytes<'js>, iv: Bytes<'js>, offset: f64, data: Bytes<'js>, gcm: bool| {
                let (key, iv, mut data) = (copy(&key), copy(&iv), copy(&data));
                let counter = if gcm { with_aes!(key, C => gcm_counter::<C>(&key, &iv)) } else { iv.try_into().ok() };
                let done = counter.and_then(|counter: [u8; 16]| {
                with_aes!(key, C => ctr_with::<C>(&key, &counter, offset as u64, &mut data, gcm))
            });
                bytes_or_null(ctx, done.map(|()| data))
            },
        )?,
    )?;
    natives.define(
        "aesGcm",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             key: Bytes<'js>,
             iv: Bytes<'js>,
             aad: Bytes<'js>,
             data: Bytes<'js>,
             tag: Option<Bytes<'js>>| {
                let tag = tag.map(|t| copy(&t));
                bytes_or_null(ctx, gcm(&copy(&key), &copy(&iv), &copy(&aad), &copy(&data), tag.as_deref()))
            },
        )?,
    )?;
    natives.define("pbkdf2", Function::new(ctx.clone(), pbkdf2)?)?;
    natives.define(
        "timingSafeEqual",
        Function::new(ctx.clone(), |a: Bytes<'js>, b: Bytes<'js>| bool::from(copy(&a).ct_eq(&copy(&b))))?,
    )?;
    Ok(())
}

/// `pbkdf2(digest, password, salt, iterations, length)` → derived key.
fn pbkdf2<'js>(
    ctx: Ctx<'js>,
    digest: String,
    password: Bytes<'js>,
    salt: Bytes<'js>,
    rounds: u32,
    length: usize,
) -> Result<Bytes<'js>> {
    if length > MAX_DERIVED || rounds == 0 {
        return Err(Exception::throw_range(&ctx, "The derived key length or iteration count is out of range"));
    }
    let (password, salt) = (copy(&password), copy(&salt));
    let mut out = vec![0u8; length];
    match digest.to_ascii_lowercase().as_str() {
        "md5" => pbkdf2::pbkdf2_hmac::<md5::Md5>(&password, &salt, rounds, &mut out),
        "sha1" => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(&password, &salt, rounds, &mut out),
        "sha224" => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(&password, &salt, rounds, &mut out),
        "sha256" => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(&password, &salt, rounds, &mut out),
        "sha384" => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(&password, &salt, rounds, &mut out),
        "sha512" => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(&password, &salt, rounds, &mut out),
        other => return Err(Exception::throw_type(&ctx, &format!("Invalid digest: {other}"))),
    }
    Bytes::new(ctx, out)
}
