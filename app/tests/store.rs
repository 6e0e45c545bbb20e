//! The store on every configured backend (`CUS_TEST_BACKENDS=sqlite,postgres`).

use app::domain::{Clock, Email, Role};
use app::identity::{NewStaffUser, UserKind};
use app::notifications::store::Delivery;
use app::store::StoreError;
use app::store::testing::for_each_backend;
use chrono::{Duration, TimeZone, Utc};

fn email(text: &str) -> Email {
    Email::parse(text).unwrap()
}

#[tokio::test]
async fn migrations_are_idempotent_and_database_is_healthy() {
    for_each_backend(|store| async move {
        store
            .migrate()
            .await
            .expect("a second run applies nothing and succeeds");
        assert!(store.is_healthy().await);
    })
    .await;
}

#[tokio::test]
async fn staff_accounts_with_roles() {
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let user = NewStaffUser {
            email: email("Koordynator@CUS.example"),
            display_name: "Karol Koordynator".into(),
            roles: vec![Role::PlanCoordinator, Role::ServicesOrganiser],
        };
        let id = store
            .create_staff_user(&user, "długie-hasło-123", now)
            .await
            .unwrap();

        let found = store
            .user_by_email(&email("koordynator@cus.example"))
            .await
            .unwrap();
        assert_eq!(found.id, id);
        assert_eq!(found.kind, UserKind::Staff);
        assert!(found.active);
        assert_eq!(found.roles.len(), 2);
        assert!(found.roles.contains(&Role::PlanCoordinator));

        let again = store
            .create_staff_user(&user, "inne-hasło-12345", now)
            .await;
        assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");

        let key = email("koordynator@cus.example");
        assert_eq!(
            store
                .verify_password(&key, "długie-hasło-123")
                .await
                .unwrap(),
            Some(true)
        );
        assert_eq!(
            store.verify_password(&key, "złe-hasło").await.unwrap(),
            Some(false)
        );
        assert_eq!(
            store
                .verify_password(&email("nikt@cus.example"), "x")
                .await
                .unwrap(),
            None
        );
        assert_eq!(store.count_users().await.unwrap(), 1);
        assert!(matches!(
            store.user_by_email(&email("nikt@cus.example")).await,
            Err(StoreError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn outbox_delivers_each_message_once() {
    for_each_backend(|store| async move {
        let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap());
        let to = email("mieszkaniec@example.com");
        let first = store
            .enqueue_email(&to, "Potwierdzenie", "Treść 1", clock.now())
            .await
            .unwrap();
        clock.advance(Duration::seconds(1));
        let second = store
            .enqueue_email(&to, "Przypomnienie", "Treść 2", clock.now())
            .await
            .unwrap();

        let pending = store.pending_emails(10).await.unwrap();
        assert_eq!(
            pending.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
            [first.clone(), second.clone()]
        );

        assert!(store.claim_email(&first, clock.now()).await.unwrap());
        assert!(
            !store.claim_email(&first, clock.now()).await.unwrap(),
            "a second instance backs off"
        );
        store
            .mark_email_delivered(&first, Delivery::Logged, clock.now())
            .await
            .unwrap();

        // A crashed sender's claim expires after ten minutes.
        assert!(store.claim_email(&second, clock.now()).await.unwrap());
        clock.advance(Duration::minutes(11));
        assert!(store.claim_email(&second, clock.now()).await.unwrap());
        store
            .mark_email_failed(&second, "smtp down", 1)
            .await
            .unwrap();

        assert!(store.pending_emails(10).await.unwrap().is_empty());
        let sent = store.emails_to(&to).await.unwrap();
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[0].subject, "Przypomnienie", "newest first");
    })
    .await;
}

#[tokio::test]
async fn audit_chain_detects_tampering() {
    use app::audit::{AuditAction, AuditEvent, ChainCheck};
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        for person in ["p1", "p2", "p1"] {
            let event = AuditEvent {
                actor_id: Some("u1".into()),
                actor_role: Some("plan_coordinator".into()),
                record_type: Some("case".into()),
                record_id: Some("c1".into()),
                person_id: Some(person.into()),
                ip: Some("127.0.0.1".into()),
                purpose: Some("qualification".into()),
                ..AuditEvent::new(AuditAction::Read)
            };
            store.audit(&event, now).await.unwrap();
        }
        assert_eq!(
            store.verify_audit_chain().await.unwrap(),
            ChainCheck::Intact { entries: 3 }
        );
        let about_p1 = store.audit_entries(Some("p1"), None, 10).await.unwrap();
        assert_eq!(about_p1.iter().map(|e| e.seq).collect::<Vec<_>>(), [3, 1]);
        assert_eq!(store.audit_entries(None, None, 10).await.unwrap().len(), 3);

        for change in [
            "UPDATE audit_log SET person_id = 'someone-else' WHERE seq = 2",
            "DELETE FROM audit_log WHERE seq = 3",
        ] {
            assert!(
                sqlx::query(change).execute(store.pool()).await.is_err(),
                "the application cannot change the audit trail: {change}"
            );
        }
        app::store::testing::act_as_database_owner(&store).await;
        sqlx::query("UPDATE audit_log SET person_id = 'someone-else' WHERE seq = 2")
            .execute(store.pool())
            .await
            .unwrap();
        assert_eq!(
            store.verify_audit_chain().await.unwrap(),
            ChainCheck::Broken { seq: 2 }
        );
    })
    .await;
}

#[tokio::test]
async fn concurrent_audit_writers_keep_one_chain() {
    use app::audit::{AuditAction, AuditEvent, ChainCheck};
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let writers = (0..20).map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let event = AuditEvent {
                    record_id: Some(format!("r{i}")),
                    ..AuditEvent::new(AuditAction::Update)
                };
                store.audit(&event, now).await.unwrap()
            })
        });
        for writer in writers.collect::<Vec<_>>() {
            writer.await.unwrap();
        }
        assert_eq!(
            store.verify_audit_chain().await.unwrap(),
            ChainCheck::Intact { entries: 20 }
        );
    })
    .await;
}

#[tokio::test]
async fn sessions_are_stored_loaded_and_ended() {
    use app::identity::sessions::{DbSessionStore, USER_ID_KEY};
    use tower_sessions::SessionStore;
    use tower_sessions::session::{Id, Record};
    for_each_backend(|store| async move {
        let sessions = DbSessionStore::new(store.clone());
        let mut record = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::minutes(30),
        };
        record
            .data
            .insert(USER_ID_KEY.into(), serde_json::json!("user-1"));
        sessions.create(&mut record).await.unwrap();
        let loaded = sessions.load(&record.id).await.unwrap().expect("stored");
        assert_eq!(loaded.data[USER_ID_KEY], "user-1");

        record.data.insert("lang".into(), serde_json::json!("uk"));
        sessions.save(&record).await.unwrap();
        assert_eq!(
            sessions.load(&record.id).await.unwrap().unwrap().data["lang"],
            "uk"
        );

        let expired = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: time::OffsetDateTime::now_utc() - time::Duration::minutes(1),
        };
        sessions.save(&expired).await.unwrap();
        assert!(
            sessions.load(&expired.id).await.unwrap().is_none(),
            "expired sessions do not load"
        );
        assert_eq!(store.delete_expired_sessions(Utc::now()).await.unwrap(), 1);

        assert_eq!(
            store.delete_sessions_of("user-1").await.unwrap(),
            1,
            "log out everywhere"
        );
        assert!(sessions.load(&record.id).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn single_use_links_expire_and_work_once() {
    use app::identity::credentials::TokenPurpose;
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let id = store
            .create_resident(
                &email("anna@example.pl"),
                "Anna Nowak",
                "Zielony-Rower-42",
                now,
            )
            .await
            .unwrap();
        assert!(!store.email_confirmed(&id).await.unwrap());

        let token = store
            .issue_token(&id, TokenPurpose::ConfirmEmail, now)
            .await
            .unwrap();
        let wrong_purpose = store
            .consume_token(&token, TokenPurpose::ResetPassword, now)
            .await
            .unwrap();
        assert_eq!(wrong_purpose, None);
        let later = now + Duration::hours(1);
        assert_eq!(
            store
                .consume_token(&token, TokenPurpose::ConfirmEmail, later)
                .await
                .unwrap(),
            Some(id.clone())
        );
        assert_eq!(
            store
                .consume_token(&token, TokenPurpose::ConfirmEmail, later)
                .await
                .unwrap(),
            None,
            "single use"
        );
        store.mark_email_confirmed(&id, later).await.unwrap();
        assert!(store.email_confirmed(&id).await.unwrap());

        let reset = store
            .issue_token(&id, TokenPurpose::ResetPassword, now)
            .await
            .unwrap();
        let expired = now + TokenPurpose::ResetPassword.lifetime() + Duration::seconds(1);
        assert_eq!(
            store
                .consume_token(&reset, TokenPurpose::ResetPassword, expired)
                .await
                .unwrap(),
            None,
            "expired"
        );
        let first = store
            .issue_token(&id, TokenPurpose::ResetPassword, now)
            .await
            .unwrap();
        let second = store
            .issue_token(&id, TokenPurpose::ResetPassword, now)
            .await
            .unwrap();
        assert_eq!(
            store
                .token_owner(&first, TokenPurpose::ResetPassword, now)
                .await
                .unwrap(),
            None,
            "a newer link replaces older ones"
        );
        assert!(
            store
                .consume_token(&second, TokenPurpose::ResetPassword, now)
                .await
                .unwrap()
                .is_some()
        );
        store.set_password(&id, "Nowe-Haslo-2026").await.unwrap();
        assert_eq!(
            store
                .verify_password(&email("anna@example.pl"), "Nowe-Haslo-2026")
                .await
                .unwrap(),
            Some(true)
        );
    })
    .await;
}

#[tokio::test]
async fn second_factor_steps_and_recovery_codes_are_used_once() {
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let user = NewStaffUser {
            email: email("iod@cus.example"),
            display_name: "Irena Inspektor".into(),
            roles: vec![Role::DataProtectionOfficer],
        };
        let id = store
            .create_staff_user(&user, "długie-hasło-123", now)
            .await
            .unwrap();
        assert_eq!(store.totp_of(&id).await.unwrap(), None);
        let codes = vec!["aaaa-bbbb-cccc".to_owned(), "dddd-eeee-ffff".to_owned()];
        store
            .enable_totp(&id, "JBSWY3DPEHPK3PXP", 100, &codes, now)
            .await
            .unwrap();
        let state = store.totp_of(&id).await.unwrap().unwrap();
        assert_eq!(state.secret, "JBSWY3DPEHPK3PXP");
        assert_eq!(state.last_step, Some(100));
        assert!(!store.accept_totp_step(&id, 100).await.unwrap(), "reuse");
        assert!(
            !store.accept_totp_step(&id, 99).await.unwrap(),
            "older step"
        );
        assert!(store.accept_totp_step(&id, 101).await.unwrap());

        assert_eq!(store.recovery_codes_left(&id).await.unwrap(), 2);
        assert!(
            store
                .use_recovery_code(&id, "aaaa-bbbb-cccc", now)
                .await
                .unwrap()
        );
        assert!(
            !store
                .use_recovery_code(&id, "aaaa-bbbb-cccc", now)
                .await
                .unwrap()
        );
        assert!(
            !store
                .use_recovery_code(&id, "zzzz-zzzz-zzzz", now)
                .await
                .unwrap()
        );
        assert_eq!(store.recovery_codes_left(&id).await.unwrap(), 1);
    })
    .await;
}

#[tokio::test]
async fn profiles_keep_optional_fields() {
    use app::identity::Profile;
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let id = store
            .create_resident(
                &email("jan@example.pl"),
                "Jan Kowalski",
                "Zielony-Rower-42",
                now,
            )
            .await
            .unwrap();
        let empty = store.profile_of(&id).await.unwrap();
        assert_eq!(empty.email, "jan@example.pl");
        assert_eq!(empty.pesel, "");
        let profile = Profile::parse("Jan Kowalski", "600700800", "Dębica", "44051401458").unwrap();
        store.update_profile(&id, &profile).await.unwrap();
        let saved = store.profile_of(&id).await.unwrap();
        assert_eq!(saved.phone, "+48600700800");
        assert_eq!(saved.pesel, "44051401458");
        assert_eq!(saved.address, "Dębica");
    })
    .await;
}
