//! The seam for ways of proving who someone is. Today there is one provider, e-mail and
//! password. A national login (login.gov.pl over SAML 2.0, or eIDAS) becomes another
//! `IdentityProvider`: it checks the signed assertion, finds or links the account (by PESEL
//! from the assertion, which the profile already stores), and the sign-in then completes
//! exactly as for a password (`auth::complete_sign_in`: new session id, audit entry).

use super::User;
use crate::domain::Email;
use crate::store::{Store, StoreResult};

/// What a person presents to sign in.
pub enum Proof {
    Password { email: Email, password: String },
}

#[async_trait::async_trait]
pub trait IdentityProvider: Send + Sync {
    /// A stable code for logs ("password", later e.g. "login.gov.pl").
    fn code(&self) -> &'static str;
    /// The active account the proof belongs to, or `None` when it does not hold.
    async fn authenticate(&self, store: &Store, proof: &Proof) -> StoreResult<Option<User>>;
}

/// E-mail and password (argon2 hashes in `users`).
pub struct PasswordProvider;

#[async_trait::async_trait]
impl IdentityProvider for PasswordProvider {
    fn code(&self) -> &'static str {
        "password"
    }

    async fn authenticate(&self, store: &Store, proof: &Proof) -> StoreResult<Option<User>> {
        let Proof::Password { email, password } = proof;
        if store.verify_password(email, password).await? != Some(true) {
            return Ok(None);
        }
        Ok(Some(store.user_by_email(email).await?).filter(|user| user.active))
    }
}
