//! The staff second factor: RFC 6238 codes (SHA-1, 6 digits, 30 s, one step of skew — what
//! every authenticator app understands) via totp-rs, the enrolment QR code, and recovery codes.

use totp_rs::{Builder, Secret, Totp};

/// Recovery codes issued at enrolment; each works once.
pub const RECOVERY_CODE_COUNT: usize = 10;

/// A new 160-bit shared secret, base32 (as typed into an app by hand).
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    Secret::from(bytes).to_base32()
}

fn totp(secret: &str, issuer: &str, account: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(Secret::try_from_base32(secret).ok()?)
        .with_issuer(Some(issuer.replace(':', " ")))
        .with_account_name(account.replace(':', " "))
        .build()
        .ok()
}

/// The time step a code belongs to (current, previous or next), if it is valid at `unix_time`.
pub fn matching_step(secret: &str, code: &str, unix_time: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = totp(secret, "CUS", "")?;
    let step = totp.check(&code, u64::try_from(unix_time).ok()?)?;
    i64::try_from(step).ok()
}

/// The code an app would show at `unix_time` (tests and the demo).
pub fn code_at(secret: &str, unix_time: i64) -> Option<String> {
    let totp = totp(secret, "CUS", "")?;
    Some(totp.generate(u64::try_from(unix_time).ok()?).to_string())
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn enrolment_url(secret: &str, issuer: &str, account: &str) -> Option<String> {
    totp(secret, issuer, account)?.to_url().ok()
}

/// The QR code of `text` as an SVG data URL, for an `<img>` (allowed by the page CSP).
pub fn qr_data_url(text: &str) -> Option<String> {
    use base64::Engine;
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .build();
    let encoded = base64::engine::general_purpose::STANDARD.encode(svg);
    Some(format!("data:image/svg+xml;base64,{encoded}"))
}

/// Ten codes like `k7dm-2xqp-9fwh`: unambiguous letters and digits, easy to read aloud.
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..RECOVERY_CODE_COUNT)
        .map(|_| {
            let chars: Vec<char> = (0..12)
                .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
                .collect();
            chars
                .chunks(4)
                .map(|chunk| chunk.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// A recovery code as typed: case, spaces and dashes do not matter.
pub fn normalise_recovery_code(typed: &str) -> String {
    let plain: Vec<char> = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    plain
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 (the secret "12345678901234567890", 8 digits there; the
    /// last 6 digits here).
    #[test]
    fn rfc_6238_test_vectors() {
        let secret = Secret::from(b"12345678901234567890".as_slice()).to_base32();
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(code_at(&secret, 1_111_111_109).unwrap(), "081804");
        assert_eq!(code_at(&secret, 1_234_567_890).unwrap(), "005924");
        assert_eq!(code_at(&secret, 2_000_000_000).unwrap(), "279037");
    }

    #[test]
    fn accepts_one_step_of_skew_and_reports_the_step() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).unwrap();
        assert_eq!(matching_step(&secret, &code, now), Some(now / 30));
        assert_eq!(matching_step(&secret, &code, now + 30), Some(now / 30));
        assert_eq!(matching_step(&secret, &code, now + 90), None);
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(matching_step(&secret, &spaced, now), Some(now / 30));
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step("not base32!", &code, now), None);
    }

    #[test]
    fn enrolment_url_and_qr() {
        let secret = new_secret();
        let url = enrolment_url(&secret, "CUS: Dębica", "jan@cus.example").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains(&format!("secret={secret}")), "{url}");
        assert!(
            qr_data_url(&url)
                .unwrap()
                .starts_with("data:image/svg+xml;base64,")
        );
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalise() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODE_COUNT);
        let unique: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODE_COUNT);
        assert!(codes.iter().all(|c| c.len() == 14));
        let typed = codes[0].to_uppercase().replace('-', " ");
        assert_eq!(normalise_recovery_code(&typed), codes[0]);
    }
}
