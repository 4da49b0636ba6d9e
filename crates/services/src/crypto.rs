//! The instance master key and authenticated encryption under it. The key lives outside the
//! database: in `LAMBDABOX_MASTER_KEY` (base64 of 32 bytes) or in `master.key` in the data dir,
//! created on first start with mode 0600. Sub-keys (e.g. for signing tokens) are derived with
//! HMAC-SHA256 so the master key itself is used only for sealing.

use std::fmt;
use std::io::Write;
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// File name of the generated key inside the data dir.
pub const KEY_FILE: &str = "master.key";
/// A new key waiting to replace `master.key` (a key rotation in progress).
pub const NEXT_KEY_FILE: &str = "master.key.next";
/// Environment variable that supplies the key instead of the file.
pub const KEY_ENV: &str = "LAMBDABOX_MASTER_KEY";
const NONCE_LEN: usize = 12;

/// Failures loading or using the key.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The key is not base64 of exactly 32 bytes.
    #[error("{source_name} must be base64 of exactly 32 bytes")]
    BadKey {
        /// Where the key came from.
        source_name: String,
    },
    /// Reading or writing the key file failed.
    #[error("master key file {path}: {err}")]
    Io {
        /// The key file.
        path: String,
        /// What went wrong.
        err: std::io::Error,
    },
    /// Encryption failed (the plaintext is beyond AES-GCM's limits).
    #[error("cannot encrypt")]
    Seal,
    /// Decryption failed: wrong key, tampered data or data bound to another name.
    #[error("cannot decrypt: wrong key or tampered data")]
    Open,
}

/// The 256-bit instance key. `Debug` never shows it.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey([REDACTED])")
    }
}

impl MasterKey {
    /// Uses `env_value` if given, else the key file in `data_dir`, creating it if missing.
    pub fn load(data_dir: &Path, env_value: Option<&str>) -> Result<Self, CryptoError> {
        if let Some(value) = env_value {
            return Self::from_base64(value, KEY_ENV);
        }
        let path = data_dir.join(KEY_FILE);
        let io = |err| CryptoError::Io { path: path.display().to_string(), err };
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_base64(text.trim(), &path.display().to_string()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate();
                write_private_file(&path, STANDARD.encode(key.0).as_bytes()).map_err(io)?;
                tracing::info!(path = %path.display(), "generated a new master key");
                Ok(key)
            }
            Err(err) => Err(io(err)),
        }
    }

    /// The key of an unfinished rotation, if `master.key.next` exists.
    pub fn load_next(data_dir: &Path) -> Result<Option<Self>, CryptoError> {
        let path = data_dir.join(NEXT_KEY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_base64(text.trim(), &path.display().to_string()).map(Some),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(CryptoError::Io { path: path.display().to_string(), err }),
        }
    }

    /// Writes this key as `master.key.next` (0600, synced), the first step of a rotation.
    pub fn write_next(&self, data_dir: &Path) -> Result<(), CryptoError> {
        let path = data_dir.join(NEXT_KEY_FILE);
        let io = |err| CryptoError::Io { path: path.display().to_string(), err };
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(io(err)),
        }
        write_private_file(&path, self.to_base64().as_bytes()).map_err(io)
    }

    /// Makes `master.key.next` the key (atomic rename), the last step of a rotation.
    pub fn promote_next(data_dir: &Path) -> Result<(), CryptoError> {
        let (next, current) = (data_dir.join(NEXT_KEY_FILE), data_dir.join(KEY_FILE));
        let io = |err| CryptoError::Io { path: current.display().to_string(), err };
        std::fs::rename(&next, &current).map_err(io)?;
        std::fs::File::open(data_dir).and_then(|d| d.sync_all()).map_err(io)
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        Self(key)
    }

    fn from_base64(value: &str, source_name: &str) -> Result<Self, CryptoError> {
        let bad = || CryptoError::BadKey { source_name: source_name.to_owned() };
        let bytes = STANDARD.decode(value.trim()).map_err(|_| bad())?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
        Ok(Self(key))
    }

    /// A short public fingerprint naming this key (stored beside sealed values).
    pub fn id(&self) -> String {
        let digest = <sha2::Sha256 as sha2::Digest>::digest(self.derive("key-id"));
        digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
    }

    /// The key as base64 (for writing the key file).
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    /// A key for `purpose`, derived from the master key.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        // HMAC accepts keys of any length, so this cannot fail; fall back to hashing anyway.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| <Hmac<Sha256> as Mac>::new(&Default::default()));
        mac.update(b"lambdabox:");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// A key of its own for `purpose` (sealing what only one part of lambdabox opens).
    pub fn derived(&self, purpose: &str) -> Self {
        Self(self.derive(purpose))
    }

    /// Encrypts `plaintext` with AES-256-GCM under a fresh random nonce, binding `aad`
    /// (authenticated, not encrypted). Output: nonce || ciphertext+tag.
    pub fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let cipher = Aes256Gcm::new(&self.0.into());
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad })
            .map_err(|_| CryptoError::Seal)?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Decrypts what `seal` produced with the same `aad`.
    pub fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < NONCE_LEN {
            return Err(CryptoError::Open);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        Aes256Gcm::new(&self.0.into())
            .decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad })
            .map_err(|_| CryptoError::Open)
    }
}

/// Creates `path` readable by the owner only, failing if it exists.
fn write_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_and_open_round_trip_bound_to_aad() {
        let key = MasterKey::generate();
        let sealed = key.seal(b"hunter2", b"acct/secret-a").unwrap();
        assert_eq!(key.open(&sealed, b"acct/secret-a").unwrap(), b"hunter2");
        assert!(key.open(&sealed, b"acct/secret-b").is_err());
        assert!(MasterKey::generate().open(&sealed, b"acct/secret-a").is_err());
        assert_ne!(key.seal(b"a", b"x").unwrap(), key.seal(b"a", b"x").unwrap(), "fresh nonce");
    }

    #[test]
    fn key_file_is_created_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let a = MasterKey::load(dir.path(), None).unwrap();
        let b = MasterKey::load(dir.path(), None).unwrap();
        assert_eq!(a.0, b.0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn env_key_must_be_32_bytes() {
        let dir = tempfile::tempdir().unwrap();
        assert!(MasterKey::load(dir.path(), Some("c2hvcnQ=")).is_err());
        let good = STANDARD.encode([7u8; 32]);
        assert!(MasterKey::load(dir.path(), Some(&good)).is_ok());
        assert!(!dir.path().join(KEY_FILE).exists());
    }
}
