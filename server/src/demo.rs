//! Demo data for a fresh installation: grows with every capability.

use app::domain::{Clock, Email, Role};
use app::identity::NewStaffUser;
use app::store::{Store, StoreError};

/// Password of every demo account (documented in the README; never use demo data in production).
pub const DEMO_PASSWORD: &str = "demo-cus-2026!";

/// The demo's resident; residents otherwise choose their own passwords.
const DEMO_RESIDENT: &str = "mieszkanka@debica.example";

/// Refuses to serve while an active staff or provider account, or the demo resident, still has
/// the demo password (a database that once held the demo, moved into production).
pub async fn refuse_demo_passwords(
    store: &Store,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let exposed = store
        .active_accounts_with_password(DEMO_PASSWORD, &[DEMO_RESIDENT])
        .await?;
    if exposed.is_empty() {
        return Ok(());
    }
    Err(format!(
        "Konta z jawnym hasłem demonstracyjnym: {}. Zmień ich hasła (cus set-password --email …) \
         albo wyłącz konta, zanim serwer przyjmie ruch.",
        exposed.join(", ")
    )
    .into())
}

/// Loads the demo data when the database has no accounts yet: the accounts, the catalogue and
/// the cases on the staff's desks. Returns whether it did.
pub async fn seed(store: &Store, clock: &Clock) -> Result<bool, StoreError> {
    let seeded = seed_accounts_and_catalogue(store, clock).await?;
    if seeded {
        crate::demo_cases::seed_cases(store, clock).await?;
        crate::demo_community::seed_communities(store, clock).await?;
        tracing::info!("demo cases and communities loaded");
    }
    Ok(seeded)
}

/// The demo's accounts and catalogue without its cases (the benchmarks make their own).
pub async fn seed_accounts_and_catalogue(store: &Store, clock: &Clock) -> Result<bool, StoreError> {
    if store.count_users().await? > 0 {
        return Ok(false);
    }
    let staff = [
        (
            "admin@cus.debica.example",
            "Adam Administrator",
            vec![Role::Administrator],
        ),
        (
            "dyrektor@cus.debica.example",
            "Dorota Dyrektor",
            vec![Role::Director],
        ),
        (
            "organizator@cus.debica.example",
            "Olga Organizator",
            vec![Role::ServicesOrganiser],
        ),
        (
            "koordynator@cus.debica.example",
            "Karol Koordynator",
            vec![Role::PlanCoordinator],
        ),
        (
            "punkt@cus.debica.example",
            "Paweł Punkt",
            vec![Role::InfoPointClerk],
        ),
        (
            "osl@cus.debica.example",
            "Sylwia Społeczność",
            vec![Role::CommunityOrganiser],
        ),
        (
            "iod@cus.debica.example",
            "Irena Inspektor",
            vec![Role::DataProtectionOfficer],
        ),
    ];
    for (email, name, roles) in staff {
        let user = NewStaffUser {
            email: Email::parse(email).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            display_name: name.into(),
            roles,
        };
        store
            .create_staff_user(&user, DEMO_PASSWORD, clock.now())
            .await?;
    }
    // A resident with a confirmed address, to try "Moje sprawy" without registering.
    let resident = Email::parse(DEMO_RESIDENT).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id = store
        .create_resident(&resident, "Maria Mieszkanka", DEMO_PASSWORD, clock.now())
        .await?;
    store.mark_email_confirmed(&id, clock.now()).await?;
    crate::demo_catalogue::seed_catalogue(store, clock).await?;
    tracing::info!("demo data loaded");
    Ok(true)
}
