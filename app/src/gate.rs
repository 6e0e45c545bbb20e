//! The one authorisation gate. Every server function starts with `require(permission)`; it
//! answers with the request's `Access` (state and who is asking) or an error. Which role may do
//! what is one table in code (`Permission::granted_to`); which permission each server function
//! needs is another (`SERVER_FUNCTIONS`), and a test fails when a server function is missing there.

use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// Everything a server function or a staff page may need permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Public pages: the centre's contact data, the catalogue, the accessibility statement.
    ViewPublicInformation,
    /// A signed-in person's own profile, applications and cases.
    ManageOwnData,
    /// The staff area's shell and the "who am I / my sessions" page.
    EnterStaffArea,
    /// Register paper and in-person applications and needs at the info point.
    RegisterOnBehalf,
    /// Read and handle cases (scoped further to assigned coordinators).
    HandleCases,
    /// Assign cases to any coordinator, act on every case and record the coordinators' meetings.
    AssignCases,
    /// Qualify and refuse; draft and update individual plans.
    QualifyAndPlan,
    /// Approve individual plans (director; services organiser when authorised).
    ApprovePlans,
    /// Read the half-yearly summary of the plans' realisation.
    ReviewPlans,
    /// Read the coordinators' meetings: those who attend them, the community organiser too.
    ReadMeetings,
    /// Edit the social services programme and the catalogue.
    ManageProgramme,
    /// Plan and record community organising.
    OrganiseCommunity,
    /// Read the communities, their stages and activities and who signed up.
    ReadCommunity,
    /// Referrals to the provider's own organisation and its public profile.
    ActForProvider,
    /// Read, filter and export the audit trail.
    ReadAuditLog,
    /// Accounts, roles and settings (no case content).
    ManageAccounts,
}

impl Permission {
    pub const ALL: [Permission; 16] = [
        Permission::ViewPublicInformation,
        Permission::ManageOwnData,
        Permission::EnterStaffArea,
        Permission::RegisterOnBehalf,
        Permission::HandleCases,
        Permission::AssignCases,
        Permission::QualifyAndPlan,
        Permission::ApprovePlans,
        Permission::ReviewPlans,
        Permission::ReadMeetings,
        Permission::ManageProgramme,
        Permission::OrganiseCommunity,
        Permission::ReadCommunity,
        Permission::ActForProvider,
        Permission::ReadAuditLog,
        Permission::ManageAccounts,
    ];

    /// Permissions granted to everybody, signed in or not.
    pub fn is_public(self) -> bool {
        matches!(self, Permission::ViewPublicInformation)
    }

    /// The role → permission table (DOMAIN.md §2). Shown read-only to administrators.
    pub fn granted_to(self, role: Role) -> bool {
        use Permission::*;
        use Role::*;
        match self {
            ViewPublicInformation | ManageOwnData => true,
            EnterStaffArea => role.is_staff(),
            RegisterOnBehalf => matches!(
                role,
                InfoPointClerk | PlanCoordinator | ServicesOrganiser | Director | DeputyDirector
            ),
            HandleCases => matches!(
                role,
                PlanCoordinator | ServicesOrganiser | Director | DeputyDirector | SocialWorker
            ),
            AssignCases => matches!(role, ServicesOrganiser | Director | DeputyDirector),
            QualifyAndPlan => matches!(role, PlanCoordinator | ServicesOrganiser),
            ApprovePlans => matches!(role, Director | DeputyDirector | ServicesOrganiser),
            ReviewPlans => matches!(
                role,
                ServicesOrganiser | Director | DeputyDirector | CommunityOrganiser
            ),
            ReadMeetings => matches!(
                role,
                PlanCoordinator
                    | ServicesOrganiser
                    | Director
                    | DeputyDirector
                    | SocialWorker
                    | CommunityOrganiser
            ),
            ManageProgramme => matches!(role, ServicesOrganiser | Director | DeputyDirector),
            OrganiseCommunity => matches!(role, CommunityOrganiser | Director | DeputyDirector),
            ReadCommunity => matches!(
                role,
                CommunityOrganiser | ServicesOrganiser | Director | DeputyDirector
            ),
            ActForProvider => matches!(role, ProviderStaff),
            ReadAuditLog => matches!(role, DataProtectionOfficer),
            ManageAccounts => matches!(role, Administrator),
        }
    }

    /// Permissions every signed-in person holds, whatever their roles (residents have none).
    pub fn is_personal(self) -> bool {
        matches!(self, Permission::ManageOwnData)
    }

    /// Whether a signed-in person with `roles` holds this permission.
    pub fn allowed_for(self, roles: &[Role]) -> bool {
        self.is_public() || self.is_personal() || roles.iter().any(|role| self.granted_to(*role))
    }
}

/// Every server function's path and the permission it requires. `require` is called with the
/// same permission inside the function; the matrix test checks the list is complete.
pub const SERVER_FUNCTIONS: &[(&str, Permission)] = &[
    ("/api/account", Permission::ManageAccounts),
    ("/api/account_roles", Permission::ManageAccounts),
    ("/api/accounts", Permission::ManageAccounts),
    ("/api/audit_log", Permission::ReadAuditLog),
    ("/api/create_account", Permission::ManageAccounts),
    ("/api/permission_table", Permission::ManageAccounts),
    ("/api/set_account_active", Permission::ManageAccounts),
    ("/api/update_account", Permission::ManageAccounts),
    ("/api/reset_second_factor", Permission::ManageAccounts),
    ("/api/centre_info", Permission::ViewPublicInformation),
    ("/api/login", Permission::ViewPublicInformation),
    ("/api/logout", Permission::ManageOwnData),
    ("/api/whoami", Permission::EnterStaffArea),
    ("/api/second_factor", Permission::ViewPublicInformation),
    ("/api/totp_enrolment", Permission::ViewPublicInformation),
    ("/api/totp_confirm", Permission::ViewPublicInformation),
    ("/api/recovery_codes", Permission::EnterStaffArea),
    ("/api/register", Permission::ViewPublicInformation),
    ("/api/confirm_email", Permission::ViewPublicInformation),
    (
        "/api/password_reset_request",
        Permission::ViewPublicInformation,
    ),
    ("/api/password_reset", Permission::ViewPublicInformation),
    ("/api/profile", Permission::ManageOwnData),
    ("/api/profile_save", Permission::ManageOwnData),
    ("/api/my_sessions", Permission::ManageOwnData),
    ("/api/logout_everywhere", Permission::ManageOwnData),
    ("/api/keep_alive", Permission::ViewPublicInformation),
    ("/api/session_user", Permission::ViewPublicInformation),
    ("/api/catalogue", Permission::ViewPublicInformation),
    ("/api/catalogue_service", Permission::ViewPublicInformation),
    ("/api/provider_directory", Permission::ViewPublicInformation),
    ("/api/self_check", Permission::ViewPublicInformation),
    ("/api/programmes", Permission::ManageProgramme),
    ("/api/create_programme", Permission::ManageProgramme),
    ("/api/programme_admin", Permission::ManageProgramme),
    ("/api/publish_programme", Permission::ManageProgramme),
    ("/api/programme_new_version", Permission::ManageProgramme),
    ("/api/programme_ending", Permission::ManageProgramme),
    ("/api/end_programme", Permission::ManageProgramme),
    ("/api/update_programme", Permission::ManageProgramme),
    ("/api/remove_from_programme", Permission::ManageProgramme),
    ("/api/service_admin", Permission::ManageProgramme),
    ("/api/save_service", Permission::ManageProgramme),
    ("/api/save_fee", Permission::ManageProgramme),
    ("/api/save_package", Permission::ManageProgramme),
    ("/api/save_activity", Permission::ManageProgramme),
    ("/api/application_form", Permission::ManageOwnData),
    ("/api/start_application", Permission::ManageOwnData),
    ("/api/start_on_behalf", Permission::RegisterOnBehalf),
    ("/api/open_programmes", Permission::RegisterOnBehalf),
    ("/api/choose_services", Permission::ManageOwnData),
    ("/api/save_who", Permission::ManageOwnData),
    ("/api/save_person", Permission::ManageOwnData),
    ("/api/save_declarations", Permission::ManageOwnData),
    ("/api/remove_attachment", Permission::ManageOwnData),
    ("/api/submit_application", Permission::ManageOwnData),
    ("/api/my_applications", Permission::ManageOwnData),
    ("/api/my_activities", Permission::ManageOwnData),
    ("/api/cancel_my_registration", Permission::ManageOwnData),
    ("/api/my_case", Permission::ManageOwnData),
    ("/api/withdraw_application", Permission::ManageOwnData),
    ("/api/resign_service", Permission::ManageOwnData),
    ("/api/report_need", Permission::ViewPublicInformation),
    ("/api/calendar", Permission::ViewPublicInformation),
    ("/api/public_activity", Permission::ViewPublicInformation),
    (
        "/api/sign_up_for_activity",
        Permission::ViewPublicInformation,
    ),
    ("/api/my_registration", Permission::ViewPublicInformation),
    (
        "/api/cancel_registration",
        Permission::ViewPublicInformation,
    ),
    ("/api/communities", Permission::ReadCommunity),
    ("/api/create_community", Permission::OrganiseCommunity),
    ("/api/community", Permission::ReadCommunity),
    ("/api/move_community_stage", Permission::OrganiseCommunity),
    ("/api/create_activity", Permission::OrganiseCommunity),
    ("/api/activity_registrations", Permission::ReadCommunity),
    ("/api/community_map", Permission::ReadCommunity),
    ("/api/add_map_entry", Permission::OrganiseCommunity),
    ("/api/map_reported_need", Permission::OrganiseCommunity),
    ("/api/remove_map_entry", Permission::OrganiseCommunity),
    ("/api/save_community_profile", Permission::OrganiseCommunity),
    ("/api/osl_plan", Permission::ReadCommunity),
    ("/api/add_plan_goal", Permission::OrganiseCommunity),
    ("/api/add_plan_task", Permission::OrganiseCommunity),
    ("/api/remove_plan_item", Permission::OrganiseCommunity),
    ("/api/adopt_osl_plan", Permission::OrganiseCommunity),
    ("/api/record_attendance", Permission::OrganiseCommunity),
    (
        "/api/record_stage_evaluation",
        Permission::OrganiseCommunity,
    ),
    ("/api/offer_volunteering", Permission::ViewPublicInformation),
    ("/api/my_volunteering", Permission::ViewPublicInformation),
    ("/api/answer_assignment", Permission::ViewPublicInformation),
    ("/api/volunteers", Permission::ReadCommunity),
    ("/api/volunteer", Permission::ReadCommunity),
    ("/api/decide_volunteer", Permission::OrganiseCommunity),
    ("/api/propose_assignment", Permission::OrganiseCommunity),
    ("/api/record_volunteer_hours", Permission::OrganiseCommunity),
    ("/api/volunteer_matches", Permission::ReadCommunity),
    ("/api/needs_overview", Permission::ManageProgramme),
    ("/api/triage_need", Permission::ManageProgramme),
    ("/api/inbox", Permission::HandleCases),
    ("/api/staff_case", Permission::HandleCases),
    ("/api/assign_case", Permission::HandleCases),
    ("/api/choose_path", Permission::QualifyAndPlan),
    ("/api/add_case_note", Permission::HandleCases),
    ("/api/qualification", Permission::HandleCases),
    ("/api/qualify_service", Permission::QualifyAndPlan),
    ("/api/complete_service", Permission::QualifyAndPlan),
    ("/api/overturn_refusal", Permission::QualifyAndPlan),
    ("/api/refuse_service", Permission::QualifyAndPlan),
    ("/api/record_delivery", Permission::HandleCases),
    ("/api/resignations", Permission::AssignCases),
    ("/api/decision_templates", Permission::AssignCases),
    ("/api/save_decision_templates", Permission::AssignCases),
    ("/api/record_recognition", Permission::QualifyAndPlan),
    ("/api/forward_case", Permission::QualifyAndPlan),
    ("/api/load_plan", Permission::HandleCases),
    ("/api/load_plan_desk", Permission::HandleCases),
    ("/api/start_plan", Permission::QualifyAndPlan),
    ("/api/save_plan", Permission::QualifyAndPlan),
    ("/api/sign_up_from_plan", Permission::QualifyAndPlan),
    ("/api/submit_plan", Permission::QualifyAndPlan),
    ("/api/decide_plan", Permission::ApprovePlans),
    ("/api/start_plan_update", Permission::QualifyAndPlan),
    ("/api/move_plan_to_programme", Permission::QualifyAndPlan),
    ("/api/grant_plan_approval", Permission::ApprovePlans),
    ("/api/revoke_plan_approval", Permission::ApprovePlans),
    ("/api/load_plan_authorisations", Permission::ApprovePlans),
    ("/api/add_plan_entry", Permission::QualifyAndPlan),
    ("/api/close_plan", Permission::QualifyAndPlan),
    ("/api/record_follow_up", Permission::QualifyAndPlan),
    ("/api/plan_realisation_summary", Permission::ReviewPlans),
    ("/api/coordinator_meetings", Permission::ReadMeetings),
    ("/api/record_coordinator_meeting", Permission::AssignCases),
    ("/api/data_requests", Permission::ReadAuditLog),
    ("/api/record_data_request", Permission::ReadAuditLog),
    ("/api/close_data_request", Permission::ReadAuditLog),
    ("/api/account_scope", Permission::ManageAccounts),
    ("/api/set_account_scope", Permission::ManageAccounts),
];

// What each of the gate's permissions allows, as the permissions page names it.
crate::domain::label::labels!(Permission, permissions {
    ViewPublicInformation => perm_view_public_information,
    ManageOwnData => perm_manage_own_data,
    EnterStaffArea => perm_enter_staff_area,
    RegisterOnBehalf => perm_register_on_behalf,
    HandleCases => perm_handle_cases,
    AssignCases => perm_assign_cases,
    QualifyAndPlan => perm_qualify_and_plan,
    ApprovePlans => perm_approve_plans,
    ManageProgramme => perm_manage_programme,
    OrganiseCommunity => perm_organise_community,
    ReadCommunity => perm_read_community,
    ReviewPlans => perm_review_plans,
    ReadMeetings => perm_read_meetings,
    ActForProvider => perm_act_for_provider,
    ReadAuditLog => perm_read_audit_log,
    ManageAccounts => perm_manage_accounts,
});

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::Permission;
    use crate::audit::{AuditAction, AuditEvent};
    use crate::error::AppError;
    use crate::identity::User;
    use crate::identity::sessions::{SIGNED_IN_AT_KEY, USER_ID_KEY};
    use crate::state::AppState;
    use crate::store::from_db_time;
    use leptos::prelude::use_context;
    use tower_sessions::Session;

    /// Staff are signed out this long after signing in, however active they were.
    const STAFF_ABSOLUTE_LIMIT_HOURS: i64 = 8;

    /// A user's role codes as the audit trail records them: `director,plan_coordinator`.
    pub fn roles_text(roles: &[crate::domain::Role]) -> String {
        roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
    }

    /// What a server function gets once the gate has let it through.
    pub struct Access {
        pub state: AppState,
        pub permission: Permission,
        pub user: Option<User>,
        pub session: Option<Session>,
        pub ip: Option<String>,
    }

    impl Access {
        /// The signed-in person; `Unauthenticated` when nobody is.
        pub fn signed_in(&self) -> Result<&User, AppError> {
            self.user.as_ref().ok_or(AppError::Unauthenticated)
        }

        /// Scoped check: the signed-in person may act on a record only when it is their own.
        /// Anyone else is told it does not exist, so no one learns which records there are.
        pub fn ensure_owner(&self, owner_id: &str) -> Result<(), AppError> {
            match &self.user {
                Some(user) if user.id == owner_id => Ok(()),
                Some(_) => Err(AppError::NotFound),
                None => Err(AppError::Unauthenticated),
            }
        }

        /// An audit event by the signed-in user (id, roles) from this request's address.
        pub fn event(&self, action: AuditAction) -> AuditEvent {
            AuditEvent {
                actor_id: self.user.as_ref().map(|u| u.id.clone()),
                actor_role: self.user.as_ref().map(|u| roles_text(&u.roles)),
                ip: self.ip.clone(),
                ..AuditEvent::new(action)
            }
        }

        /// Appends `event` to the audit trail at the clock's time.
        pub async fn record(&self, event: &AuditEvent) -> Result<(), AppError> {
            self.state
                .store
                .audit(event, self.state.clock.now())
                .await?;
            Ok(())
        }
    }

    /// The gate inside a server function or page: state, session and address come from the
    /// request's Leptos context; the check itself is `require_with`.
    #[tracing::instrument(skip_all, level = "debug")]
    pub async fn require(permission: Permission) -> Result<Access, AppError> {
        let state = use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from the request context");
            AppError::Internal
        })?;
        if let Some(parts) = use_context::<http::request::Parts>() {
            check_listed(parts.uri.path(), permission)?;
        }
        let session = leptos_axum::extract::<Session>().await.ok();
        let ip = leptos_axum::extract::<axum::Extension<crate::state::ClientIp>>()
            .await
            .ok()
            .map(|axum::Extension(ip)| ip.0);
        require_with(&state, session, ip, permission).await
    }

    /// A server function asks for the permission `SERVER_FUNCTIONS` lists for its path, so the
    /// table people read is the one enforced; a mismatch is a programming error, refused.
    /// (Pages call `require` while rendering, under their own paths, which are not listed.)
    pub fn check_listed(path: &str, permission: Permission) -> Result<(), AppError> {
        let listed = super::SERVER_FUNCTIONS
            .iter()
            .find(|(listed, _)| *listed == path)
            .map(|(_, listed)| *listed);
        match listed {
            Some(listed) if listed != permission => {
                tracing::error!(
                    path,
                    ?permission,
                    ?listed,
                    "server function asks for another permission than SERVER_FUNCTIONS lists"
                );
                Err(AppError::Internal)
            }
            _ => Ok(()),
        }
    }

    /// What `require_with` needs from a plain axum handler's request: its session and client
    /// address (taken before any await: a request's body cannot be held across one).
    pub fn request_parts(request: &axum::extract::Request) -> (Option<Session>, Option<String>) {
        let session = request.extensions().get::<Session>().cloned();
        let ip = request
            .extensions()
            .get::<crate::state::ClientIp>()
            .map(|ip| ip.0.clone());
        (session, ip)
    }

    /// The one check, with explicit inputs, so plain axum handlers (the CSV export) pass the
    /// same gate as server functions: who is signed in, whether their roles grant
    /// `permission`; denials are audited.
    #[tracing::instrument(skip_all, level = "debug")]
    pub async fn require_with(
        state: &AppState,
        session: Option<Session>,
        ip: Option<String>,
        permission: Permission,
    ) -> Result<Access, AppError> {
        let state = state.clone();
        let user = match &session {
            Some(session) => signed_in_user(&state, session).await?,
            None => None,
        };
        let access = Access {
            state,
            permission,
            user,
            session,
            ip,
        };
        if permission.is_public() {
            return Ok(access);
        }
        let Some(user) = &access.user else {
            return Err(AppError::Unauthenticated);
        };
        if permission.allowed_for(&user.roles) {
            return Ok(access);
        }
        tracing::warn!(?permission, user = %user.id, "permission denied");
        let event = AuditEvent {
            actor_id: Some(user.id.clone()),
            actor_role: Some(roles_text(&user.roles)),
            record_type: Some("permission".into()),
            record_id: Some(format!("{permission:?}")),
            ip: access.ip.clone(),
            ..AuditEvent::new(AuditAction::PermissionDenied)
        };
        access
            .state
            .store
            .audit(&event, access.state.clock.now())
            .await?;
        Err(AppError::Forbidden)
    }

    /// The session's user, if still valid: the account is active and, for staff, the
    /// absolute limit since sign-in has not passed (then the session ends).
    async fn signed_in_user(state: &AppState, session: &Session) -> Result<Option<User>, AppError> {
        let user_id: Option<String> = session.get(USER_ID_KEY).await?;
        let Some(user_id) = user_id else {
            return Ok(None);
        };
        let user = match state.store.user_by_id(&user_id).await {
            Ok(user) if user.active => user,
            Ok(_) | Err(crate::store::StoreError::NotFound) => return Ok(None),
            Err(err) => return Err(err.into()),
        };
        let signed_in_at: Option<String> = session.get(SIGNED_IN_AT_KEY).await?;
        let expired = match signed_in_at.as_deref().map(from_db_time) {
            Some(Ok(at)) => {
                user.kind == crate::identity::UserKind::Staff
                    && state.clock.now() - at > chrono::Duration::hours(STAFF_ABSOLUTE_LIMIT_HOURS)
            }
            _ => true,
        };
        if expired {
            let _ = session.flush().await;
            return Ok(None);
        }
        Ok(Some(user))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_information_is_open_to_everybody() {
        assert!(Permission::ViewPublicInformation.allowed_for(&[]));
        for role in Role::ALL {
            assert!(Permission::ViewPublicInformation.granted_to(role));
        }
    }

    #[test]
    fn matrix_of_roles_and_permissions() {
        use Permission::*;
        use Role::*;
        // Each row: permission, the roles that hold it. Everything else must be denied.
        let expected: [(Permission, &[Role]); 14] = [
            (
                EnterStaffArea,
                &[
                    Director,
                    DeputyDirector,
                    ServicesOrganiser,
                    PlanCoordinator,
                    CommunityOrganiser,
                    InfoPointClerk,
                    SocialWorker,
                    DataProtectionOfficer,
                    Administrator,
                ],
            ),
            (
                RegisterOnBehalf,
                &[
                    InfoPointClerk,
                    PlanCoordinator,
                    ServicesOrganiser,
                    Director,
                    DeputyDirector,
                ],
            ),
            (
                HandleCases,
                &[
                    PlanCoordinator,
                    ServicesOrganiser,
                    Director,
                    DeputyDirector,
                    SocialWorker,
                ],
            ),
            (AssignCases, &[ServicesOrganiser, Director, DeputyDirector]),
            (QualifyAndPlan, &[PlanCoordinator, ServicesOrganiser]),
            (ApprovePlans, &[Director, DeputyDirector, ServicesOrganiser]),
            (
                ReviewPlans,
                &[
                    ServicesOrganiser,
                    Director,
                    DeputyDirector,
                    CommunityOrganiser,
                ],
            ),
            (
                ReadMeetings,
                &[
                    PlanCoordinator,
                    ServicesOrganiser,
                    Director,
                    DeputyDirector,
                    SocialWorker,
                    CommunityOrganiser,
                ],
            ),
            (
                ManageProgramme,
                &[ServicesOrganiser, Director, DeputyDirector],
            ),
            (
                OrganiseCommunity,
                &[CommunityOrganiser, Director, DeputyDirector],
            ),
            (
                ReadCommunity,
                &[
                    CommunityOrganiser,
                    ServicesOrganiser,
                    Director,
                    DeputyDirector,
                ],
            ),
            (ActForProvider, &[ProviderStaff]),
            (ReadAuditLog, &[DataProtectionOfficer]),
            (ManageAccounts, &[Administrator]),
        ];
        for (permission, holders) in expected {
            for role in Role::ALL {
                assert_eq!(
                    permission.granted_to(role),
                    holders.contains(&role),
                    "{permission:?} for {role:?}"
                );
            }
        }
        assert!(!ManageAccounts.allowed_for(&[Director, DataProtectionOfficer]));
        assert!(ReadAuditLog.allowed_for(&[Administrator, DataProtectionOfficer]));
        assert!(
            ManageOwnData.allowed_for(&[]),
            "a resident (no roles) manages own data"
        );
        assert!(!EnterStaffArea.allowed_for(&[]));
    }

    #[test]
    fn the_administrator_sees_no_case_content() {
        for permission in [
            Permission::HandleCases,
            Permission::QualifyAndPlan,
            Permission::ReviewPlans,
            Permission::ReadAuditLog,
        ] {
            assert!(
                !permission.granted_to(Role::Administrator),
                "{permission:?}"
            );
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_server_function_asking_for_another_permission_is_refused() {
        assert!(check_listed("/api/inbox", Permission::HandleCases).is_ok());
        assert!(check_listed("/api/inbox", Permission::ViewPublicInformation).is_err());
        assert!(check_listed("/uslugi", Permission::ViewPublicInformation).is_ok());
    }

    /// Every registered server function must appear in `SERVER_FUNCTIONS`, and every entry
    /// must name a real server function.
    #[cfg(feature = "ssr")]
    #[test]
    fn every_server_function_has_a_permission() {
        let registered: std::collections::BTreeSet<String> =
            leptos::server_fn::axum::server_fn_paths()
                .map(|(path, _method)| path.to_owned())
                .collect();
        let listed: std::collections::BTreeSet<String> = SERVER_FUNCTIONS
            .iter()
            .map(|(path, _)| (*path).to_owned())
            .collect();
        assert!(!registered.is_empty());
        assert_eq!(
            registered, listed,
            "server functions and gate entries differ"
        );
    }
}
