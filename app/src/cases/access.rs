//! Who may read and act on a case, its plan and its documents, in one place. The rules are plain
//! functions of what they look at (the caller's id and roles, and `CaseFacts`), each with a typed
//! `Answer`; `server` loads the facts, asks the rules and writes every refusal to the audit trail.
//! Server functions and the document routes ask `server`; nothing else decides.
//!
//! - The applicant (who filled the application in, or whom it is for) reads their own case.
//! - Staff who handle cases read registered cases of the programmes in their scope; a draft is its
//!   author's alone.
//! - The info-point clerk reads what they registered for someone, for `CLERK_READS_FOR_DAYS`.
//! - A coordinator acts on the cases assigned to them; services organisers and directors oversee:
//!   they act on every case in scope and assign them.

use crate::domain::Role;
use crate::gate::Permission;

/// How long an info-point clerk may still open the documents of an application they
/// registered (to print the receipt, add a forgotten attachment).
pub const CLERK_READS_FOR_DAYS: i64 = 14;

/// Who is asking.
#[derive(Debug, Clone, Copy)]
pub struct Caller<'a> {
    pub user_id: &'a str,
    pub roles: &'a [Role],
}

/// What the rules look at about one case.
#[derive(Debug, Clone, Copy, Default)]
pub struct CaseFacts<'a> {
    pub draft: bool,
    pub drafted_by: &'a str,
    pub owner_id: Option<&'a str>,
    /// The case's programme is in the caller's scope.
    pub in_scope: bool,
    pub coordinator_id: Option<&'a str>,
    /// Days since it was submitted (None: not yet).
    pub submitted_days_ago: Option<i64>,
}

/// Why the caller may go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    /// It is their own application.
    Applicant,
    /// The clerk registered it for the person, a short while ago.
    Registrar,
    /// Staff handling cases, the case in their scope.
    Staff,
    /// The coordinator the case is assigned to.
    Coordinator,
    /// A services organiser or director.
    Overseer,
}

/// The rules' answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Granted(Ground),
    /// Not there for the caller and nothing to audit (a draft asked for on a staff page).
    Absent,
    /// As if it did not exist (404, as an unknown id), audited with the reason: nobody learns
    /// which records exist by trying ids.
    Hidden(&'static str),
    /// Visible, but not theirs to do (403), audited with the reason.
    Refused(&'static str),
}

impl Caller<'_> {
    fn may(&self, permission: Permission) -> bool {
        permission.allowed_for(self.roles)
    }

    /// Services organisers and directors assign cases to anyone and act on every case.
    pub fn oversees(&self) -> bool {
        self.may(Permission::AssignCases)
    }

    /// The caller acts on a case assigned to `coordinator_id`.
    pub fn acts_on(&self, coordinator_id: Option<&str>) -> bool {
        self.oversees() || coordinator_id == Some(self.user_id)
    }

    /// Their own application: they filled it in, or it is for them.
    pub fn to_own(&self, case: &CaseFacts) -> Answer {
        if case.drafted_by == self.user_id || case.owner_id == Some(self.user_id) {
            Answer::Granted(Ground::Applicant)
        } else {
            Answer::Hidden("not_own_application")
        }
    }

    /// A registered case on a staff page: in the caller's scope.
    pub fn to_handle(&self, case: &CaseFacts) -> Answer {
        match (case.draft, case.in_scope) {
            (true, _) => Answer::Absent,
            (false, false) => Answer::Hidden("out_of_scope"),
            (false, true) => Answer::Granted(Ground::Staff),
        }
    }

    /// A change to a registered case: in scope, and assigned to the caller unless they oversee.
    pub fn to_act(&self, case: &CaseFacts) -> Answer {
        match self.to_handle(case) {
            Answer::Granted(_) if self.oversees() => Answer::Granted(Ground::Overseer),
            Answer::Granted(_) if case.coordinator_id == Some(self.user_id) => {
                Answer::Granted(Ground::Coordinator)
            }
            Answer::Granted(_) => Answer::Refused("not_assigned"),
            other => other,
        }
    }

    /// The case's file and documents: staff within scope once registered, the clerk who
    /// registered it for a while, the applicant always.
    pub fn to_read(&self, case: &CaseFacts) -> Answer {
        let authored = case.drafted_by == self.user_id;
        if self.may(Permission::HandleCases) {
            return match (case.draft && !authored, case.in_scope) {
                (true, _) => Answer::Hidden("draft"),
                (false, false) => Answer::Hidden("out_of_scope"),
                (false, true) => Answer::Granted(Ground::Staff),
            };
        }
        let clerk = self.may(Permission::RegisterOnBehalf) && case.owner_id != Some(self.user_id);
        if clerk && authored {
            let recent = case
                .submitted_days_ago
                .is_none_or(|days| days < CLERK_READS_FOR_DAYS);
            return match recent {
                true => Answer::Granted(Ground::Registrar),
                false => Answer::Hidden("clerk_read_expired"),
            };
        }
        self.to_own(case)
    }
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::{Answer, Caller, CaseFacts};
    use crate::applications::{Application, ApplicationStatus};
    use crate::audit::{AuditAction, AuditEvent};
    use crate::cases::Handling;
    use crate::error::AppError;
    use crate::gate::{Access, Permission};

    /// The caller, signed in.
    pub fn caller(access: &Access) -> Result<Caller<'_>, AppError> {
        let user = access.signed_in()?;
        Ok(Caller {
            user_id: &user.id,
            roles: &user.roles,
        })
    }

    /// Services organisers and directors assign cases to anyone and act on every case.
    pub fn oversees(access: &Access) -> bool {
        caller(access).is_ok_and(|caller| caller.oversees())
    }

    /// The caller acts on the case `handling` describes (the page shows them its actions).
    pub fn acts_on(access: &Access, handling: &Handling) -> bool {
        caller(access).is_ok_and(|caller| caller.acts_on(handling.coordinator_id.as_deref()))
    }

    /// The programme versions whose cases the caller may see and act on; None: every one.
    pub async fn programmes_in_scope(access: &Access) -> Result<Option<Vec<String>>, AppError> {
        let user = access.signed_in()?;
        if Permission::AssignCases.allowed_for(&user.roles) {
            return Ok(None);
        }
        let store = &access.state.store;
        let scope = store.scope_of(&user.id).await?;
        if scope.is_whole_centre() {
            return Ok(None);
        }
        Ok(Some(
            store
                .programmes()
                .await?
                .into_iter()
                .filter(|p| scope.covers(&p.lineage_id, &p.gminas))
                .map(|p| p.id)
                .collect(),
        ))
    }

    async fn is_in_scope(access: &Access, application: &Application) -> Result<bool, AppError> {
        Ok(programmes_in_scope(access)
            .await?
            .is_none_or(|allowed| allowed.contains(&application.programme_id)))
    }

    fn facts<'a>(application: &'a Application, in_scope: bool) -> CaseFacts<'a> {
        CaseFacts {
            draft: application.status == ApplicationStatus::Draft,
            drafted_by: &application.drafted_by,
            owner_id: application.owner_id.as_deref(),
            in_scope,
            coordinator_id: None,
            submitted_days_ago: None,
        }
    }

    /// What the rules answered, as the server function's result: a refusal is audited.
    async fn answered(
        access: &Access,
        application: &Application,
        answer: Answer,
    ) -> Result<(), AppError> {
        match answer {
            Answer::Granted(_) => Ok(()),
            Answer::Absent => Err(AppError::NotFound),
            Answer::Hidden(reason) => Err(hidden(access, application, reason).await),
            Answer::Refused(reason) => Err(refused(access, application, reason).await),
        }
    }

    /// Hides (404, audited) a case of a programme outside the caller's scope.
    pub async fn in_scope(access: &Access, application: &Application) -> Result<(), AppError> {
        match is_in_scope(access, application).await? {
            true => Ok(()),
            false => Err(hidden(access, application, "out_of_scope").await),
        }
    }

    /// The application, when the signed-in person filled it in or it is theirs.
    pub async fn own_case(access: &Access, id: &str) -> Result<Application, AppError> {
        let caller = caller(access)?;
        let application = access.state.store.application(id).await?;
        let answer = caller.to_own(&facts(&application, false));
        answered(access, &application, answer).await?;
        Ok(application)
    }

    /// The registered case `id` for a staff page, in the caller's scope.
    pub async fn case_to_handle(access: &Access, id: &str) -> Result<Application, AppError> {
        let caller = caller(access)?;
        let application = access.state.store.application(id).await?;
        let draft = application.status == ApplicationStatus::Draft;
        // A draft is not looked up in the scope: it is not there for staff.
        let in_scope = !draft && is_in_scope(access, &application).await?;
        let answer = caller.to_handle(&facts(&application, in_scope));
        answered(access, &application, answer).await?;
        Ok(application)
    }

    /// The registered case `id` with its handling, when the caller may act on it.
    pub async fn case_to_act(
        access: &Access,
        id: &str,
    ) -> Result<(Application, Handling), AppError> {
        let application = case_to_handle(access, id).await?;
        let handling = access.state.store.handling(id).await?;
        let answer = caller(access)?.to_act(&CaseFacts {
            coordinator_id: handling.coordinator_id.as_deref(),
            ..facts(&application, true)
        });
        answered(access, &application, answer).await?;
        Ok((application, handling))
    }

    /// The application, for reading its file and documents (see `Caller::to_read`).
    pub async fn case_to_read(access: &Access, id: &str) -> Result<Application, AppError> {
        let caller = caller(access)?;
        let application = access.state.store.application(id).await?;
        let staff = Permission::HandleCases.allowed_for(caller.roles);
        let in_scope = staff && is_in_scope(access, &application).await?;
        let now = access.state.clock.now();
        let answer = caller.to_read(&CaseFacts {
            submitted_days_ago: application.submitted_at.map(|at| (now - at).num_days()),
            ..facts(&application, in_scope)
        });
        answered(access, &application, answer).await?;
        Ok(application)
    }

    /// An audit event about one application and the person it is for.
    pub fn case_event(
        access: &Access,
        action: AuditAction,
        application: &Application,
    ) -> AuditEvent {
        AuditEvent {
            record_type: Some("application".into()),
            record_id: Some(application.id.clone()),
            person_id: application.owner_id.clone(),
            purpose: Some("application".into()),
            ..access.event(action)
        }
    }

    /// Audits a refused act on an application the caller may read (`purpose` says why) and
    /// answers 403.
    pub async fn refused(access: &Access, application: &Application, purpose: &str) -> AppError {
        deny(access, application, purpose, AppError::Forbidden).await
    }

    /// Audits an attempt to read an application the caller may not see and answers 404, as for
    /// an unknown id.
    pub async fn hidden(access: &Access, application: &Application, purpose: &str) -> AppError {
        deny(access, application, purpose, AppError::NotFound).await
    }

    async fn deny(
        access: &Access,
        application: &Application,
        purpose: &str,
        answer: AppError,
    ) -> AppError {
        let event = AuditEvent {
            purpose: Some(purpose.into()),
            ..case_event(access, AuditAction::PermissionDenied, application)
        };
        match access.record(&event).await {
            Ok(()) => answer,
            Err(error) => error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COORDINATOR: [Role; 1] = [Role::PlanCoordinator];
    const ORGANISER: [Role; 1] = [Role::ServicesOrganiser];
    const CLERK: [Role; 1] = [Role::InfoPointClerk];
    const RESIDENT: [Role; 1] = [Role::Resident];

    fn caller(roles: &[Role]) -> Caller<'_> {
        Caller {
            user_id: "me",
            roles,
        }
    }

    fn registered<'a>() -> CaseFacts<'a> {
        CaseFacts {
            drafted_by: "someone",
            owner_id: Some("someone"),
            in_scope: true,
            submitted_days_ago: Some(1),
            ..CaseFacts::default()
        }
    }

    #[test]
    fn a_coordinator_acts_only_on_cases_assigned_to_them() {
        let mine = CaseFacts {
            coordinator_id: Some("me"),
            ..registered()
        };
        assert_eq!(
            caller(&COORDINATOR).to_act(&mine),
            Answer::Granted(Ground::Coordinator)
        );
        assert_eq!(
            caller(&COORDINATOR).to_act(&registered()),
            Answer::Refused("not_assigned")
        );
        assert_eq!(
            caller(&ORGANISER).to_act(&registered()),
            Answer::Granted(Ground::Overseer)
        );
    }

    #[test]
    fn out_of_scope_and_drafts_are_not_there_for_staff() {
        let elsewhere = CaseFacts {
            in_scope: false,
            ..registered()
        };
        let draft = CaseFacts {
            draft: true,
            ..registered()
        };
        assert_eq!(
            caller(&ORGANISER).to_act(&elsewhere),
            Answer::Hidden("out_of_scope")
        );
        assert_eq!(caller(&COORDINATOR).to_handle(&draft), Answer::Absent);
        assert_eq!(
            caller(&COORDINATOR).to_read(&draft),
            Answer::Hidden("draft")
        );
        assert_eq!(
            caller(&COORDINATOR).to_read(&elsewhere),
            Answer::Hidden("out_of_scope")
        );
    }

    #[test]
    fn the_clerk_reads_what_they_registered_for_two_weeks() {
        let registered_by_me = |days| CaseFacts {
            drafted_by: "me",
            submitted_days_ago: Some(days),
            ..registered()
        };
        assert_eq!(
            caller(&CLERK).to_read(&registered_by_me(13)),
            Answer::Granted(Ground::Registrar)
        );
        assert_eq!(
            caller(&CLERK).to_read(&registered_by_me(14)),
            Answer::Hidden("clerk_read_expired")
        );
        assert_eq!(
            caller(&CLERK).to_read(&registered()),
            Answer::Hidden("not_own_application")
        );
    }

    #[test]
    fn a_resident_reads_their_own_case_only() {
        let theirs = CaseFacts {
            owner_id: Some("me"),
            ..registered()
        };
        assert_eq!(
            caller(&RESIDENT).to_read(&theirs),
            Answer::Granted(Ground::Applicant)
        );
        assert_eq!(
            caller(&RESIDENT).to_own(&registered()),
            Answer::Hidden("not_own_application")
        );
    }
}
