//! Server functions of a plan: start it from a case on the plan path, save and submit a draft,
//! approve or return it, start an update, and the director's authorisations (art. 41). Every
//! rule comes from `rules.rs`; every change is audited.

use super::model::Plan;
use super::rules::*;
use crate::applications::{ApplicantRole, PersonInput};
use crate::community::{ActivityRef, PlanParticipation};
use crate::error::{AppError, FieldErrors};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A planned service as the form sends it (the names are looked up, not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlannedServiceForm {
    pub service_id: String,
    pub units: String,
    pub schedule: String,
    pub provider_id: String,
    pub place: String,
    pub form: String,
}

/// The plan form: sections B–E, the applicant's agreement and, late, the reason for the delay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub start: String,
    pub end: String,
    pub services: Vec<PlannedServiceForm>,
    pub activities: Vec<SupportingActivity>,
    pub expected_effects: String,
    pub quality_checks: String,
    /// Every how many …
    pub quality_every: String,
    /// … days, weeks or months.
    pub quality_unit: String,
    pub agreed_on: String,
    pub delay_reason: String,
}

/// (id, name) pairs: the services or providers a plan may name.
pub type Choices = Vec<(String, String)>;

/// The names a plan's ids stand for: the qualified services and the providers offering them.
pub struct Names<'a> {
    pub services: &'a [(String, String)],
    pub offers: &'a [Offer],
    /// The community activities section E may name.
    pub activities: &'a [ActivityRef],
}

/// The name `id` stands for among `names`; empty when unknown.
pub fn name_of(names: &[(String, String)], id: &str) -> String {
    names
        .iter()
        .find(|(known, _)| known == id)
        .map(|(_, name)| name.clone())
        .unwrap_or_default()
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

impl PlanForm {
    /// Section E's rows that say something: an activity chosen from the calendar gives a row
    /// left blank its title and community.
    fn supporting_activities(
        &self,
        calendar: &[ActivityRef],
        errors: &mut FieldErrors,
    ) -> Vec<SupportingActivity> {
        let mut rows = Vec::new();
        for (i, row) in self.activities.iter().enumerate() {
            let chosen = row.activity_id.trim();
            let found = calendar.iter().find(|a| a.id == chosen);
            if !chosen.is_empty() && found.is_none() {
                errors.insert(format!("activities[{i}].activity_id"), "choose_one".into());
                continue;
            }
            let fill = |typed: &str, from: fn(&ActivityRef) -> &String| match (typed.trim(), found)
            {
                ("", Some(activity)) => from(activity).clone(),
                (typed, _) => typed.to_owned(),
            };
            let description = fill(&row.description, |a| &a.title);
            if description.is_empty() {
                continue;
            }
            rows.push(SupportingActivity {
                description,
                by: fill(&row.by, |a| &a.community_name),
                activity_id: chosen.to_owned(),
            });
        }
        rows
    }

    /// The plan's content and the day of the applicant's agreement (not after `today`), or every
    /// field in error.
    pub fn parse(
        &self,
        names: &Names,
        today: NaiveDate,
    ) -> Result<(PlanContent, Option<NaiveDate>), AppError> {
        let mut errors = FieldErrors::new();
        let (start, end) = (day(&self.start), day(&self.end));
        for (field, value, parsed) in [("start", &self.start, start), ("end", &self.end, end)] {
            if parsed.is_none() {
                let key = if value.trim().is_empty() {
                    "required"
                } else {
                    "date_invalid"
                };
                errors.insert(field.into(), key.into());
            }
        }
        let period = match (start, end) {
            (Some(start), Some(end)) => match PlanPeriod::new(start, end) {
                Ok(period) => Some(period),
                Err(key) => {
                    errors.insert("end".into(), key.into());
                    None
                }
            },
            _ => None,
        };
        let agreed_on = match self.agreed_on.trim() {
            "" => None,
            text => crate::forms::check_past_day(&mut errors, "agreed_on", text, today),
        };
        let mut services = Vec::new();
        // A row left without units is a service left out of the plan.
        let rows = self.services.iter().enumerate();
        for (i, form) in rows.filter(|(_, row)| !row.units.trim().is_empty()) {
            let units = form.units.trim().parse::<u32>().unwrap_or_else(|_| {
                errors.insert(format!("services[{i}].units"), "number_invalid".into());
                0
            });
            services.push(PlannedService {
                service_id: form.service_id.clone(),
                name: name_of(names.services, &form.service_id),
                units,
                schedule: form.schedule.trim().to_owned(),
                provider_id: form.provider_id.clone(),
                provider_name: names
                    .offers
                    .iter()
                    .find(|o| o.provider_id == form.provider_id)
                    .map(|o| o.provider_name.clone())
                    .unwrap_or_default(),
                place: form.place.trim().to_owned(),
                form: form.form.trim().to_owned(),
                moved_from: None,
            });
        }
        let activities = self.supporting_activities(names.activities, &mut errors);
        let every = self.quality_every.trim().parse::<u32>().ok();
        let every = every.filter(|n| (1..=CheckFrequency::MAX_EVERY).contains(n));
        if every.is_none() {
            errors.insert("quality_every".into(), "number_invalid".into());
        }
        let unit = FrequencyUnit::from_code(self.quality_unit.trim());
        if unit.is_none() {
            errors.insert("quality_unit".into(), "choose_one".into());
        }
        let quality_frequency = CheckFrequency {
            every: every.unwrap_or(1),
            unit: unit.unwrap_or(FrequencyUnit::Months),
        };
        match period {
            Some(period) if errors.is_empty() => Ok((
                PlanContent {
                    period,
                    services,
                    activities,
                    expected_effects: self.expected_effects.trim().to_owned(),
                    quality_checks: self.quality_checks.trim().to_owned(),
                    quality_frequency,
                    programme: None,
                },
                agreed_on,
            )),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// What the plan page shows: the plan with its versions, section A from the case, the choices
/// for the draft and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDetails {
    pub plan: Plan,
    pub case_number: String,
    pub subject: PersonInput,
    /// The legal representative or de facto carer who applied, if any.
    pub representative: Option<(ApplicantRole, PersonInput)>,
    pub coordinator: Option<String>,
    /// The 30-day drafting deadline (art. 40), while no version was submitted.
    pub drafting_due: Option<NaiveDate>,
    pub today: NaiveDate,
    pub services: Choices,
    pub offers: Vec<Offer>,
    /// (user id, name) of everyone who drafted, submitted or decided a version.
    pub people: Choices,
    /// Monitoring entries, newest first.
    pub entries: Vec<super::monitoring::PlanEntry>,
    /// The next quality check, while the approved plan runs.
    pub quality_check_due: Option<NaiveDate>,
    pub closure: Option<super::monitoring::Closure>,
    /// The published programme version that replaced the one the plan's services are from.
    pub programme_successor: Option<super::rules::ProgrammeVersion>,
    /// The activities section E can name, the person's sign-ups and the volunteers.
    pub participation: PlanParticipation,
    pub may_edit: bool,
    pub may_decide: bool,
}

/// The plan `id` for its page (the read is audited).
#[server(prefix = "/api", endpoint = "load_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_plan(id: String) -> Result<PlanDetails, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::HandleCases).await?;
    server::page(&access, &id).await
}

/// Starts the plan of case `id` (on the plan path); answers the plan's id.
#[server(prefix = "/api", endpoint = "start_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn start_plan(id: String) -> Result<String, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::start(&access, &id).await
}

/// Saves the plan's draft `version`.
#[server(prefix = "/api", endpoint = "save_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_plan(id: String, version: u32, form: PlanForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::save(&access, &id, version, &form).await
}

/// Submits the draft `version` to the director, once it keeps every rule.
#[server(prefix = "/api", endpoint = "submit_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn submit_plan(id: String, version: u32) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::submit(&access, &id, version).await
}

/// Approves (`decision` "approve") or returns with comments the submitted `version`.
#[server(prefix = "/api", endpoint = "decide_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn decide_plan(
    id: String,
    version: u32,
    #[server(default)] decision: String,
    #[server(default)] comments: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ApprovePlans).await?;
    let approve = match decision.as_str() {
        "approve" => true,
        "return" => false,
        _ => return Err(AppError::invalid("decision", "choose_one")),
    };
    server::decide(&access, &id, version, approve, comments.trim()).await
}

/// Starts an update of the approved plan: a new draft version.
#[server(prefix = "/api", endpoint = "start_plan_update")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn start_plan_update(id: String) -> Result<u32, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::start_update(&access, &id).await
}

/// Moves the approved plan onto the programme's new version: a new draft version with the
/// services mapped to the new version's; answers the draft's version.
#[server(prefix = "/api", endpoint = "move_plan_to_programme")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn move_plan_to_programme(id: String) -> Result<u32, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::move_to_programme(&access, &id).await
}

/// The director authorises a deputy or services organiser to approve plans (art. 41).
#[server(prefix = "/api", endpoint = "grant_plan_approval")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn grant_plan_approval(
    user_id: String,
    from: String,
    #[server(default)] until: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ApprovePlans).await?;
    server::grant(&access, &user_id, &from, &until).await
}

/// The director ends an authorisation to approve plans.
#[server(prefix = "/api", endpoint = "revoke_plan_approval")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn revoke_plan_approval(id: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ApprovePlans).await?;
    server::revoke(&access, &id).await
}

/// Signs the person of plan `id` up for `activity`, one its section E names.
#[server(prefix = "/api", endpoint = "sign_up_from_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn sign_up_from_plan(id: String, activity: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    let (plan, application, _) = server::plan_to_edit(&access, &id).await?;
    crate::community::participation::server::sign_up_from_plan(
        &access,
        &plan,
        &application,
        &activity,
    )
    .await?;
    leptos_axum::redirect(&format!("/pracownik/plany/{id}?zapisano=1#participation"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::applications::{Application, RequestStatus};
    use crate::audit::{AuditAction, AuditEvent};
    use crate::cases::CasePath;
    use crate::cases::Handling;
    use crate::cases::access::server::{acts_on, case_to_act};
    use crate::cases::handling::server::audit_change;
    use crate::domain::Role;
    use crate::gate::Access;
    use crate::gate::Permission;
    use crate::ipus::store::Draft;
    use crate::ipus::{Plan, PlanVersion};
    use crate::store::StoreError;

    /// A locked version: the page is out of date.
    fn locked(error: StoreError) -> AppError {
        match error {
            StoreError::Conflict => AppError::invalid("form", "plan_locked"),
            other => other.into(),
        }
    }

    /// The plan, its case and the case's handling, for someone who may act on the case.
    pub(crate) async fn plan_to_act(
        access: &Access,
        id: &str,
    ) -> Result<(Plan, Application, Handling), AppError> {
        let plan = access.state.store.plan(id).await?;
        let (application, handling) = case_to_act(access, &plan.application_id).await?;
        Ok((plan, application, handling))
    }

    /// As `plan_to_act`, for a plan still open: a closed plan is not changed (`plan_not_running`).
    pub(crate) async fn plan_to_edit(
        access: &Access,
        id: &str,
    ) -> Result<(Plan, Application, Handling), AppError> {
        let found = plan_to_act(access, id).await?;
        if found.0.closed_at.is_some() {
            return Err(AppError::invalid("form", "plan_not_running"));
        }
        Ok(found)
    }

    /// The plan and its case, when the case is in the caller's scope.
    async fn plan_in_scope(access: &Access, id: &str) -> Result<(Plan, Application), AppError> {
        let store = &access.state.store;
        let plan = store.plan(id).await?;
        let application = store.application(&plan.application_id).await?;
        crate::cases::access::server::in_scope(access, &application).await?;
        Ok((plan, application))
    }

    /// Whether the caller may approve `version` today: the approval right and four eyes.
    async fn refusal_to_approve(
        access: &Access,
        version: &PlanVersion,
        today: NaiveDate,
    ) -> Result<Option<&'static str>, AppError> {
        let user = access.signed_in()?;
        let authorisations = access.state.store.approval_authorisations(&user.id).await?;
        // Four eyes: whoever last saved or submitted the version does not approve it.
        let theirs =
            version.drafted_by == user.id || version.submitted_by.as_ref() == Some(&user.id);
        Ok(approval_refusal(
            &user.roles,
            &authorisations,
            today,
            theirs,
        ))
    }

    /// The draft `version` of `plan`: NotFound when there is no such version, `plan_locked`
    /// when it is not a draft.
    fn draft_of(plan: &Plan, version: u32) -> Result<&PlanVersion, AppError> {
        let found = plan
            .versions
            .iter()
            .find(|v| v.version == version)
            .ok_or(AppError::NotFound)?;
        if found.state.is_locked() {
            return Err(locked(StoreError::Conflict));
        }
        Ok(found)
    }

    /// The qualified services of the case (id, name) and the providers offering them: the
    /// names for the form, and what the plan may contain.
    pub(crate) async fn allowed(
        access: &Access,
        application_id: &str,
    ) -> Result<(Choices, Vec<Offer>), AppError> {
        let store = &access.state.store;
        let qualified: Choices = store
            .requested_services(application_id)
            .await?
            .into_iter()
            .filter(|r| r.status == RequestStatus::Qualified)
            .map(|r| (r.service_id, r.name))
            .collect();
        Ok((qualified, store.plan_offers(application_id).await?))
    }

    pub async fn page(access: &Access, id: &str) -> Result<PlanDetails, AppError> {
        let user = access.signed_in()?;
        let store = &access.state.store;
        let (plan, application) = plan_in_scope(access, id).await?;
        access
            .record(&AuditEvent {
                purpose: Some("plan".into()),
                ..crate::cases::access::server::case_event(access, AuditAction::Read, &application)
            })
            .await?;
        let handling = store.handling(&plan.application_id).await?;
        let now = access.state.clock.now();
        let today = crate::domain::warsaw_date(now);
        let may_edit =
            Permission::QualifyAndPlan.allowed_for(&user.roles) && acts_on(access, &handling);
        let may_decide = match plan.pending() {
            Some(v) if v.state == VersionState::Submitted && plan.closed_at.is_none() => {
                Permission::ApprovePlans.allowed_for(&user.roles)
                    && refusal_to_approve(access, v, today).await?.is_none()
            }
            _ => false,
        };
        let submitted = plan.versions.iter().any(|v| v.submitted_at.is_some());
        let mut people = Choices::new();
        for version in &plan.versions {
            let ids = [
                Some(&version.drafted_by),
                version.submitted_by.as_ref(),
                version.decided_by.as_ref(),
            ];
            for person in ids.into_iter().flatten() {
                if !people.iter().any(|(known, _)| known == person) {
                    let name = store.user_by_id(person).await?.display_name;
                    people.push((person.clone(), name));
                }
            }
        }
        let (services, offers) = allowed(access, &plan.application_id).await?;
        let entries = store.plan_entries(id).await?;
        let quality_check_due = plan.running().map(|v| {
            let last = crate::ipus::monitoring::last_quality_check(&entries);
            crate::ipus::monitoring::quality_check_due(
                last,
                v.content.period.start,
                v.content.quality_frequency,
            )
        });
        let closure = store.plan_closure(id).await?;
        let programme_successor = store.programme_successor(&plan.application_id).await?;
        let participation =
            crate::community::participation::server::for_plan(access, &plan, &application).await?;
        let representative = application
            .applicant_role
            .filter(|_| application.needs_applicant())
            .map(|role| (role, application.applicant.clone()));
        Ok(PlanDetails {
            case_number: application.case_number.clone().unwrap_or_default(),
            subject: application.subject,
            representative,
            coordinator: handling.coordinator,
            drafting_due: handling
                .registered_on
                .filter(|_| !submitted)
                .map(drafting_due),
            today,
            services,
            offers,
            people,
            entries,
            quality_check_due,
            closure,
            programme_successor,
            participation,
            may_edit,
            may_decide,
            plan,
        })
    }

    pub async fn start(access: &Access, id: &str) -> Result<String, AppError> {
        let user = access.signed_in()?;
        let (application, handling) = case_to_act(access, id).await?;
        if handling.path != Some(CasePath::Plan) {
            return Err(AppError::invalid("path", "plan_path_required"));
        }
        let store = &access.state.store;
        if let Some(existing) = store.plan_of_case(id).await? {
            return Ok(existing);
        }
        let (qualified, _) = allowed(access, id).await?;
        let today = crate::domain::warsaw_date(access.state.clock.now());
        let end = today
            .checked_add_months(chrono::Months::new(MIN_MONTHS))
            .and_then(|d| d.pred_opt())
            .unwrap_or(today);
        let content = PlanContent {
            period: PlanPeriod { start: today, end },
            services: qualified
                .into_iter()
                .map(|(service_id, name)| PlannedService {
                    service_id,
                    name,
                    ..Default::default()
                })
                .collect(),
            activities: vec![],
            expected_effects: String::new(),
            quality_checks: String::new(),
            quality_frequency: CheckFrequency {
                every: 1,
                unit: FrequencyUnit::Months,
            },
            programme: store.programme_of_case(id).await?,
        };
        let draft = Draft {
            content: &content,
            agreed_on: None,
            delay_reason: "",
        };
        let now = access.state.clock.now();
        let coordinator = handling.coordinator_id.as_deref().unwrap_or(&user.id);
        let plan_id = match store.create_plan(id, &draft, coordinator, now).await {
            // A double submit: the first one's plan.
            Err(StoreError::Conflict) => store.plan_of_case(id).await?.ok_or(AppError::NotFound)?,
            other => other?,
        };
        audit_change(access, &application, "plan_drafted").await?;
        Ok(plan_id)
    }

    pub async fn save(
        access: &Access,
        id: &str,
        version: u32,
        form: &PlanForm,
    ) -> Result<(), AppError> {
        let user = access.signed_in()?;
        let (plan, application, _) = plan_to_edit(access, id).await?;
        let kept = draft_of(&plan, version)?.content.clone();
        let (qualified, offers) = allowed(access, &plan.application_id).await?;
        let calendar = crate::community::participation::server::plan_choices(access, &plan).await?;
        let names = Names {
            services: &qualified,
            offers: &offers,
            activities: &calendar,
        };
        let today = crate::domain::warsaw_date(access.state.clock.now());
        let (mut content, agreed_on) = form.parse(&names, today)?;
        // The form does not carry the programme version or the services the copies replaced:
        // the draft keeps them.
        content.programme = kept.programme;
        for service in &mut content.services {
            service.moved_from = kept
                .services
                .iter()
                .find(|s| s.service_id == service.service_id)
                .and_then(|s| s.moved_from.clone());
        }
        let draft = Draft {
            content: &content,
            agreed_on,
            delay_reason: form.delay_reason.trim(),
        };
        let now = access.state.clock.now();
        access
            .state
            .store
            .save_plan_draft(id, version, &draft, (&user.id, now))
            .await
            .map_err(locked)?;
        audit_change(access, &application, "plan_drafted").await
    }

    pub async fn submit(access: &Access, id: &str, version: u32) -> Result<(), AppError> {
        let user = access.signed_in()?;
        let (plan, application, handling) = plan_to_edit(access, id).await?;
        let draft = draft_of(&plan, version)?;
        let (qualified, offers) = allowed(access, &plan.application_id).await?;
        let qualified: Vec<String> = qualified.into_iter().map(|(id, _)| id).collect();
        let allowed = Allowed {
            qualified: &qualified,
            offers: &offers,
        };
        let mut errors: FieldErrors = draft
            .content
            .check(&allowed)
            .into_iter()
            .map(|(field, key)| (field, key.to_owned()))
            .collect();
        if draft.agreed_on.is_none() {
            errors.insert("agreed_on".into(), "agreement_required".into());
        }
        let today = crate::domain::warsaw_date(access.state.clock.now());
        // The 30 days count to the first submission; a version after a return or an update
        // was on time or gave its reason then.
        let first_submission = plan.versions.iter().all(|v| v.submitted_at.is_none());
        if let (true, Some(registered_on)) = (first_submission, handling.registered_on)
            && let Err(key) = check_drafting_delay(registered_on, today, &draft.delay_reason)
        {
            errors.insert("delay_reason".into(), key.into());
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let now = access.state.clock.now();
        access
            .state
            .store
            .submit_plan(id, (version, draft.updated_at), (&user.id, now))
            .await
            .map_err(locked)?;
        audit_change(access, &application, "plan_submitted").await
    }

    pub async fn decide(
        access: &Access,
        id: &str,
        version: u32,
        approve: bool,
        comments: &str,
    ) -> Result<(), AppError> {
        let user = access.signed_in()?;
        let store = &access.state.store;
        let (plan, application) = plan_in_scope(access, id).await?;
        if plan.closed_at.is_some() {
            return Err(AppError::invalid("form", "plan_not_running"));
        }
        let submitted = plan
            .versions
            .iter()
            .find(|v| v.version == version)
            .ok_or(AppError::NotFound)?;
        let now = access.state.clock.now();
        let today = crate::domain::warsaw_date(now);
        if let Some(reason) = refusal_to_approve(access, submitted, today).await? {
            return Err(crate::cases::access::server::refused(access, &application, reason).await);
        }
        if !approve && comments.is_empty() {
            return Err(AppError::invalid("comments", "required"));
        }
        store
            .decide_plan(id, version, approve, comments, (&user.id, today, now))
            .await
            .map_err(locked)?;
        let purpose = if approve {
            "plan_approved"
        } else {
            "plan_returned"
        };
        audit_change(access, &application, purpose).await
    }

    pub async fn start_update(access: &Access, id: &str) -> Result<u32, AppError> {
        let update = |store: crate::store::Store, by: String, now| async move {
            store.start_plan_update(id, &by, now).await
        };
        new_version(
            access,
            id,
            ("plan_update", "plan_update_not_possible"),
            update,
        )
        .await
    }

    pub async fn move_to_programme(access: &Access, id: &str) -> Result<u32, AppError> {
        let moving = |store: crate::store::Store, by: String, now| async move {
            Ok(store.move_plan_to_programme(id, &by, now).await?.version)
        };
        new_version(
            access,
            id,
            ("plan_moved_to_programme", "plan_move_not_possible"),
            moving,
        )
        .await
    }

    /// A new draft version of the approved plan `id`, made by `make` (by the user, now): audited
    /// as `purpose`, refused with `refusal` when the plan is not in a state to have one.
    async fn new_version<F, Fut>(
        access: &Access,
        id: &str,
        (purpose, refusal): (&str, &'static str),
        make: F,
    ) -> Result<u32, AppError>
    where
        F: FnOnce(crate::store::Store, String, chrono::DateTime<chrono::Utc>) -> Fut,
        Fut: std::future::Future<Output = crate::store::StoreResult<u32>>,
    {
        let user = access.signed_in()?;
        let (_, application, _) = plan_to_edit(access, id).await?;
        let now = access.state.clock.now();
        let version = match make(access.state.store.clone(), user.id.clone(), now).await {
            Err(StoreError::Conflict) => return Err(AppError::invalid("form", refusal)),
            other => other?,
        };
        audit_change(access, &application, purpose).await?;
        Ok(version)
    }

    pub async fn grant(
        access: &Access,
        user_id: &str,
        from: &str,
        until: &str,
    ) -> Result<(), AppError> {
        let director = director_only(access).await?;
        let from = match from.trim() {
            "" => return Err(AppError::invalid("from", "required")),
            text => day(text).ok_or_else(|| AppError::invalid("from", "date_invalid"))?,
        };
        let until = match until.trim() {
            "" => None,
            text => Some(day(text).ok_or_else(|| AppError::invalid("until", "date_invalid"))?),
        };
        if until.is_some_and(|until| until < from) {
            return Err(AppError::invalid("until", "period_order"));
        }
        let store = &access.state.store;
        let holder = match store.user_by_id(user_id).await {
            Ok(holder) => Some(holder),
            Err(StoreError::NotFound) => None,
            Err(other) => return Err(other.into()),
        };
        if !holder.is_some_and(|h| h.roles.contains(&Role::ServicesOrganiser)) {
            return Err(AppError::invalid("user_id", "choose_one"));
        }
        let authorisation = Authorisation { from, until };
        let now = access.state.clock.now();
        let grant_id = store
            .grant_approval(user_id, authorisation, &director.id, now)
            .await?;
        access
            .record(&authorisation_event(access, AuditAction::Create, &grant_id))
            .await
    }

    pub async fn revoke(access: &Access, id: &str) -> Result<(), AppError> {
        director_only(access).await?;
        let now = access.state.clock.now();
        access.state.store.revoke_approval(id, now).await?;
        access
            .record(&authorisation_event(access, AuditAction::Update, id))
            .await
    }

    fn authorisation_event(access: &Access, action: AuditAction, id: &str) -> AuditEvent {
        AuditEvent {
            record_type: Some("approval_authorisation".into()),
            record_id: Some(id.to_owned()),
            purpose: Some("plan_approval".into()),
            ..access.event(action)
        }
    }

    /// The signed-in director; anyone else is refused, and the refusal audited.
    pub(crate) async fn director_only(access: &Access) -> Result<&crate::identity::User, AppError> {
        let user = access.signed_in()?;
        if user.roles.contains(&Role::Director) {
            return Ok(user);
        }
        let refusal = AuditEvent {
            record_type: Some("approval_authorisation".into()),
            purpose: Some("plan_approval".into()),
            ..access.event(AuditAction::PermissionDenied)
        };
        access.record(&refusal).await?;
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> (Choices, Vec<Offer>) {
        (
            vec![("care".into(), "Usługi opiekuńcze".into())],
            vec![Offer {
                service_id: "care".into(),
                provider_id: "caritas".into(),
                provider_name: "Caritas".into(),
            }],
        )
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn form() -> PlanForm {
        PlanForm {
            start: "2026-12-01".into(),
            end: "2027-05-31".into(),
            services: vec![PlannedServiceForm {
                service_id: "care".into(),
                units: "32".into(),
                schedule: "poniedziałki 9:00–13:00".into(),
                provider_id: "caritas".into(),
                place: "mieszkanie".into(),
                form: "indywidualna".into(),
            }],
            activities: vec![SupportingActivity {
                description: " ".into(),
                ..Default::default()
            }],
            expected_effects: "Samodzielność".into(),
            quality_checks: "rozmowa z osobą".into(),
            quality_every: "2".into(),
            quality_unit: "weeks".into(),
            agreed_on: "2026-11-24".into(),
            delay_reason: String::new(),
        }
    }

    #[test]
    fn the_form_becomes_a_plan_with_names() {
        let (services, offers) = names();
        let names = Names {
            services: &services,
            offers: &offers,
            activities: &[],
        };
        let (content, agreed_on) = form().parse(&names, today()).unwrap();
        assert_eq!(content.services[0].name, "Usługi opiekuńcze");
        assert_eq!(content.services[0].provider_name, "Caritas");
        assert_eq!(content.services[0].units, 32);
        assert!(content.activities.is_empty(), "empty rows are left out");
        assert_eq!(agreed_on, NaiveDate::from_ymd_opt(2026, 11, 24));
        let fortnightly = CheckFrequency {
            every: 2,
            unit: FrequencyUnit::Weeks,
        };
        assert_eq!(content.quality_frequency, fortnightly);
    }

    #[test]
    fn an_activity_from_the_calendar_names_a_blank_row() {
        let (services, offers) = names();
        let club = ActivityRef {
            id: "a1".into(),
            title: "Klub Seniora".into(),
            starts_at: chrono::Utc::now(),
            place: "ul. Kościuszki 1".into(),
            community_name: "Seniorzy Dębicy".into(),
            public: true,
        };
        let calendar = [club];
        let names = Names {
            services: &services,
            offers: &offers,
            activities: &calendar,
        };
        let chosen = |id: &str| PlanForm {
            activities: vec![SupportingActivity {
                activity_id: id.into(),
                ..Default::default()
            }],
            ..form()
        };
        let (content, _) = chosen("a1").parse(&names, today()).unwrap();
        assert_eq!(content.activities.len(), 1);
        assert_eq!(content.activities[0].description, "Klub Seniora");
        assert_eq!(content.activities[0].by, "Seniorzy Dębicy");
        assert_eq!(content.activities[0].activity_id, "a1");
        match chosen("elsewhere").parse(&names, today()) {
            Err(AppError::Invalid(fields)) => {
                assert_eq!(fields["activities[0].activity_id"], "choose_one");
            }
            other => panic!("an unknown activity is refused: {other:?}"),
        }
    }

    #[test]
    fn bad_fields_are_named() {
        let (services, offers) = names();
        let names = Names {
            services: &services,
            offers: &offers,
            activities: &[],
        };
        let short = PlanForm {
            end: "2027-01-31".into(),
            agreed_on: "24.11.2026".into(),
            quality_every: "0".into(),
            quality_unit: "years".into(),
            services: vec![PlannedServiceForm {
                units: "dużo".into(),
                ..form().services[0].clone()
            }],
            ..form()
        };
        match short.parse(&names, today()) {
            Err(AppError::Invalid(fields)) => {
                assert_eq!(fields["end"], "plan_too_short");
                assert_eq!(fields["agreed_on"], "date_invalid");
                assert_eq!(fields["services[0].units"], "number_invalid");
                assert_eq!(fields["quality_every"], "number_invalid");
                assert_eq!(fields["quality_unit"], "choose_one");
            }
            other => panic!("{other:?}"),
        }
        let empty = PlanForm {
            start: String::new(),
            ..form()
        };
        match empty.parse(&names, today()) {
            Err(AppError::Invalid(fields)) => assert_eq!(fields["start"], "required"),
            other => panic!("{other:?}"),
        }
        let agreed_tomorrow = PlanForm {
            agreed_on: "2026-11-25".into(),
            ..form()
        };
        match agreed_tomorrow.parse(&names, today()) {
            Err(AppError::Invalid(fields)) => assert_eq!(fields["agreed_on"], "date_in_future"),
            other => panic!("{other:?}"),
        }
    }
}
