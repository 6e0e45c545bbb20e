//! The key kept outside the database. From one 256-bit key two are derived (HMAC-SHA256 of a
//! label): one encrypts secrets stored in the database (the staff's TOTP secrets, with
//! XChaCha20-Poly1305), one keys the audit trail's hash chain. A copy of the database alone then
//! opens no second factor, and whoever rewrites the trail cannot recompute its chain.

use super::{StoreError, StoreResult};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Marks a value encrypted by `Keys::seal` (the version of the scheme).
const SEALED: &str = "enc1:";

pub struct Keys {
    cipher: XChaCha20Poly1305,
    audit: [u8; 32],
    fingerprint: String,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(…)")
    }
}

impl Keys {
    /// A new random key, as configuration holds it (base64 of 32 bytes).
    pub fn generate() -> String {
        let bytes: [u8; 32] = rand::random();
        STANDARD.encode(bytes)
    }

    /// The key from its base64 text.
    pub fn from_base64(text: &str) -> Result<Keys, String> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| "klucz nie jest zapisany w base64".to_owned())?;
        let master: [u8; 32] = bytes
            .try_into()
            .map_err(|_| "klucz musi mieć 32 bajty (44 znaki base64)".to_owned())?;
        Ok(Keys::from_master(&master))
    }

    /// A throw-away key (tests, benchmarks).
    pub fn random() -> Keys {
        Keys::from_master(&rand::random())
    }

    fn from_master(master: &[u8; 32]) -> Keys {
        let derive = |label: &str| -> [u8; 32] {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master)
                .expect("HMAC takes a key of any length");
            mac.update(label.as_bytes());
            mac.finalize().into_bytes().into()
        };
        let fingerprint: String = derive("cus key fingerprint v1")[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Keys {
            cipher: XChaCha20Poly1305::new(&derive("cus secrets v1").into()),
            audit: derive("cus audit chain v1"),
            fingerprint,
        }
    }

    /// `enc1:` and base64 of a random nonce followed by the ciphertext.
    pub fn seal(&self, plaintext: &str) -> String {
        let nonce_bytes: [u8; 24] = rand::random();
        let nonce = XNonce::from(nonce_bytes);
        let ciphertext = self
            .cipher
            .encrypt(&nonce, plaintext.as_bytes())
            .expect("encrypting a short text cannot fail");
        let mut sealed = nonce_bytes.to_vec();
        sealed.extend(ciphertext);
        format!("{SEALED}{}", STANDARD.encode(sealed))
    }

    /// The plaintext of a sealed value; a value stored before encryption was introduced is
    /// answered as it is (`is_sealed` tells them apart).
    pub fn open(&self, stored: &str) -> StoreResult<String> {
        let Some(encoded) = stored.strip_prefix(SEALED) else {
            return Ok(stored.to_owned());
        };
        let corrupt = || StoreError::Corrupt("a sealed secret does not open with this key".into());
        let bytes = STANDARD.decode(encoded).map_err(|_| corrupt())?;
        if bytes.len() < 24 {
            return Err(corrupt());
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let nonce = XNonce::from_slice(nonce);
        let plaintext = self
            .cipher
            .decrypt(nonce, ciphertext)
            .map_err(|_| corrupt())?;
        String::from_utf8(plaintext).map_err(|_| corrupt())
    }

    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED)
    }

    /// The key of the audit trail's chain.
    pub fn audit_key(&self) -> &[u8; 32] {
        &self.audit
    }

    /// HMAC-SHA256 of `text` under the audit key, in hex.
    pub fn audit_mac(&self, text: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.audit)
            .expect("HMAC takes a key of any length");
        mac.update(text.as_bytes());
        format!("{:x}", mac.finalize().into_bytes())
    }

    /// Tells this key from another without revealing it (stored in the database).
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_open_only_with_their_key() {
        let text = Keys::generate();
        let keys = Keys::from_base64(&text).unwrap();
        let sealed = keys.seal("JBSWY3DPEHPK3PXP");
        assert!(Keys::is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(
            sealed,
            keys.seal("JBSWY3DPEHPK3PXP"),
            "a new nonce each time"
        );
        assert_eq!(keys.open(&sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        assert_eq!(
            Keys::from_base64(&text).unwrap().open(&sealed).unwrap(),
            "JBSWY3DPEHPK3PXP",
            "the same key text opens it after a restart"
        );
        assert!(Keys::random().open(&sealed).is_err());
        assert_eq!(
            keys.open("PLAIN").unwrap(),
            "PLAIN",
            "an old plaintext value"
        );
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push('A');
        assert!(keys.open(&tampered).is_err());
    }

    #[test]
    fn a_key_must_be_32_bytes_of_base64() {
        assert!(Keys::from_base64("krótki").is_err());
        assert!(Keys::from_base64(&STANDARD.encode([1u8; 16])).is_err());
        assert!(Keys::from_base64(&STANDARD.encode([1u8; 32])).is_ok());
        assert_ne!(
            Keys::from_base64(&STANDARD.encode([1u8; 32]))
                .unwrap()
                .audit_key(),
            Keys::from_base64(&STANDARD.encode([2u8; 32]))
                .unwrap()
                .audit_key()
        );
    }
}
