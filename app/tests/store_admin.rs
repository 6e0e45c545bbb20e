//! Store functions of the audit log viewer and the administrator's account pages, on every
//! configured backend (`CUS_TEST_BACKENDS=sqlite,postgres`). Kept apart from `store.rs` so the
//! identity work in parallel merges cleanly.

use app::audit::{AuditAction, AuditEvent, AuditFilter, AuditQuery};
use app::domain::{Email, Role};
use app::identity::accounts::NewProviderUser;
use app::identity::{NewStaffUser, UserKind};
use app::store::testing::for_each_backend;
use app::store::{Store, StoreError};
use chrono::{Duration, TimeZone, Utc};

fn email(text: &str) -> Email {
    Email::parse(text).unwrap()
}

async fn staff(store: &Store, address: &str, name: &str, roles: Vec<Role>) -> String {
    let user = NewStaffUser {
        email: email(address),
        display_name: name.into(),
        roles,
    };
    store
        .create_staff_user(&user, "długie-hasło-123", Utc::now())
        .await
        .unwrap()
}

#[tokio::test]
async fn audit_filter_pages_and_counts() {
    for_each_backend(|store| async move {
        let iod = staff(
            &store,
            "IOD@cus.example",
            "Irena",
            vec![Role::DataProtectionOfficer],
        )
        .await;
        // 23 Nov 2026, 00:30 in Warsaw is 22 Nov 23:30 UTC.
        let start = Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap();
        for i in 0..60 {
            let event = AuditEvent {
                actor_id: Some(if i % 2 == 0 {
                    iod.clone()
                } else {
                    "other".into()
                }),
                actor_role: Some("data_protection_officer".into()),
                record_type: Some(if i < 55 { "case" } else { "account" }.into()),
                record_id: Some(format!("r{i}")),
                person_id: Some(format!("p{}", i % 3)),
                ip: Some(if i == 7 { "10.0.0.7" } else { "127.0.0.1" }.into()),
                purpose: Some("qualification".into()),
                ..AuditEvent::new(if i < 50 {
                    AuditAction::Read
                } else {
                    AuditAction::Update
                })
            };
            store
                .audit(&event, start + Duration::hours(i))
                .await
                .unwrap();
        }
        let all = AuditFilter::default();
        assert_eq!(store.audit_count(&all).await.unwrap(), 60);
        let first = store.audit_search(&all, 50, 0).await.unwrap();
        assert_eq!(first.len(), 50);
        assert_eq!(first[0].entry.seq, 60, "newest first");
        let second = store.audit_search(&all, 50, 50).await.unwrap();
        assert_eq!(
            second.iter().map(|l| l.entry.seq).collect::<Vec<_>>(),
            (1..=10).rev().collect::<Vec<_>>()
        );

        let by_email = AuditQuery {
            actor: "iod@CUS.example".into(),
            ..Default::default()
        }
        .to_filter()
        .unwrap();
        let lines = store.audit_search(&by_email, 100, 0).await.unwrap();
        assert_eq!(lines.len(), 30);
        assert_eq!(lines[0].actor_email.as_deref(), Some("iod@cus.example"));
        let by_id = AuditFilter {
            actor_id: Some("other".into()),
            ..Default::default()
        };
        assert_eq!(store.audit_count(&by_id).await.unwrap(), 30);

        // One Warsaw day: 23 Nov 00:00–24 Nov 00:00 local = entries 1..=24 (hours 0..23).
        let day = AuditQuery {
            from: "2026-11-23".into(),
            to: "2026-11-23".into(),
            ..Default::default()
        }
        .to_filter()
        .unwrap();
        assert_eq!(store.audit_count(&day).await.unwrap(), 24);
        let before = AuditQuery {
            to: "2026-11-22".into(),
            ..Default::default()
        }
        .to_filter()
        .unwrap();
        assert_eq!(store.audit_count(&before).await.unwrap(), 0);

        let combined = AuditFilter {
            action: Some(AuditAction::Update),
            record_type: Some("account".into()),
            person_id: Some("p1".into()),
            ..Default::default()
        };
        let lines = store.audit_search(&combined, 50, 0).await.unwrap();
        assert_eq!(
            lines.iter().map(|l| l.entry.seq).collect::<Vec<_>>(),
            [59, 56]
        );
        let one = AuditFilter {
            ip: Some("10.0.0.7".into()),
            record_id: Some("r7".into()),
            ..Default::default()
        };
        assert_eq!(store.audit_count(&one).await.unwrap(), 1);
    })
    .await;
}

#[tokio::test]
async fn accounts_are_listed_created_edited_and_deactivated() {
    for_each_backend(|store| async move {
        let admin = staff(
            &store,
            "admin@cus.example",
            "Adam Administrator",
            vec![Role::Administrator],
        )
        .await;
        staff(
            &store,
            "dyrektor@cus.example",
            "Dorota Dyrektor",
            vec![Role::Director],
        )
        .await;
        let provider = NewProviderUser {
            email: email("Opiekunka@Fundacja.example"),
            display_name: "Olga Opiekunka".into(),
            provider_id: "fundacja-1".into(),
        };
        let pid = store
            .create_provider_user(&provider, "długie-hasło-123", Utc::now())
            .await
            .unwrap();
        assert!(matches!(
            store
                .create_provider_user(&provider, "długie-hasło-123", Utc::now())
                .await,
            Err(StoreError::Conflict)
        ));
        let account = store.account_by_id(&pid).await.unwrap();
        assert_eq!(account.kind, UserKind::Provider);
        assert_eq!(account.roles, [Role::ProviderStaff]);
        assert_eq!(account.provider_id.as_deref(), Some("fundacja-1"));
        assert_eq!(account.email, "opiekunka@fundacja.example");

        let all = store.list_accounts("", 100).await.unwrap();
        assert_eq!(
            all.iter()
                .map(|a| a.display_name.as_str())
                .collect::<Vec<_>>(),
            ["Adam Administrator", "Dorota Dyrektor", "Olga Opiekunka"]
        );
        assert_eq!(all[0].roles, [Role::Administrator]);
        let found = store.list_accounts("DYREKTOR", 100).await.unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].roles, [Role::Director]);
        assert_eq!(store.list_accounts("fundacja", 100).await.unwrap().len(), 1);

        assert_eq!(store.count_active_administrators().await.unwrap(), 1);
        store
            .update_account(
                &found[0].id,
                "Dorota Nowak",
                &[Role::Director, Role::Administrator],
            )
            .await
            .unwrap();
        let edited = store.account_by_id(&found[0].id).await.unwrap();
        assert_eq!(edited.display_name, "Dorota Nowak");
        assert_eq!(edited.roles.len(), 2);
        assert_eq!(store.count_active_administrators().await.unwrap(), 2);

        store.set_account_active(&admin, false).await.unwrap();
        assert!(!store.account_by_id(&admin).await.unwrap().active);
        assert_eq!(store.count_active_administrators().await.unwrap(), 1);
        store.set_account_active(&admin, true).await.unwrap();
        assert!(store.user_by_id(&admin).await.unwrap().active);
        assert!(matches!(
            store.set_account_active("nobody", false).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.update_account("nobody", "X", &[]).await,
            Err(StoreError::NotFound)
        ));
    })
    .await;
}
