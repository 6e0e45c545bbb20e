//! Qualification of one requested service (art. 42): the service's conditions beside what the
//! case says, the fee by the programme's rule from the inputs staff record (kept with the
//! result), and the service's limit: when it is used up the request goes on the waiting list.
//! Qualification needs no decision; it is recorded and the resident is told.

use super::model::Capacity;
use crate::applications::RequestedService;
use crate::applications::person::{DisabilityDegree, PersonInput};
use crate::domain::label::labels;
use crate::error::AppError;
use crate::programme::fees::{Attribute, Exemption, FeeInputs, FeeQuote};
use crate::programme::{Conditions, Service};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest exemption reason, in characters.
pub const MAX_REASON: usize = 1000;

/// How a condition compares with the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckOutcome {
    Met,
    NotMet,
    /// The case does not say; staff check the documents.
    ToVerify,
}

labels!(CheckOutcome, qualify {
    Met => met,
    NotMet => not_met,
    ToVerify => to_verify,
});

/// One qualification condition of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    Age {
        min: Option<u8>,
        max: Option<u8>,
    },
    Residence,
    DisabilityCertificate,
    /// A condition the applicant declared as met (the declaration step).
    Declared(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionCheck {
    pub condition: Condition,
    /// What the case holds about it (age, address, certificate), as shown to staff.
    pub case_says: String,
    pub outcome: CheckOutcome,
}

/// The person's age in whole years on `today`, from the PESEL or the birth date.
pub fn age_of(person: &PersonInput, today: NaiveDate) -> Option<u32> {
    if let Ok(pesel) = crate::domain::Pesel::parse(&person.pesel) {
        return Some(pesel.age_on(today));
    }
    NaiveDate::parse_from_str(&person.birth_date, "%Y-%m-%d")
        .ok()
        .and_then(|birth| today.years_since(birth))
}

/// The service's conditions, each compared with what the application says.
pub fn check_conditions(
    conditions: &Conditions,
    person: &PersonInput,
    declared: bool,
    today: NaiveDate,
) -> Vec<ConditionCheck> {
    let mut checks = Vec::new();
    if conditions.min_age.is_some() || conditions.max_age.is_some() {
        let age = age_of(person, today);
        let outcome = match age {
            None => CheckOutcome::ToVerify,
            Some(age)
                if conditions.min_age.is_some_and(|min| age < u32::from(min))
                    || conditions.max_age.is_some_and(|max| age > u32::from(max)) =>
            {
                CheckOutcome::NotMet
            }
            Some(_) => CheckOutcome::Met,
        };
        checks.push(ConditionCheck {
            condition: Condition::Age {
                min: conditions.min_age,
                max: conditions.max_age,
            },
            case_says: age.map(|age| age.to_string()).unwrap_or_default(),
            outcome,
        });
    }
    if conditions.residence_required {
        let address = [&person.street, &person.postal_code, &person.city]
            .into_iter()
            .filter(|part| !part.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        checks.push(ConditionCheck {
            condition: Condition::Residence,
            case_says: address,
            outcome: CheckOutcome::ToVerify,
        });
    }
    if conditions.disability_certificate_required {
        let degree = DisabilityDegree::from_code(&person.disability);
        checks.push(ConditionCheck {
            condition: Condition::DisabilityCertificate,
            case_says: person.disability.clone(),
            outcome: match degree {
                None => CheckOutcome::ToVerify,
                Some(DisabilityDegree::None) => CheckOutcome::NotMet,
                Some(_) => CheckOutcome::Met,
            },
        });
    }
    if let Some(text) = &conditions.other_declared {
        checks.push(ConditionCheck {
            condition: Condition::Declared(text.clone()),
            case_says: String::new(),
            outcome: if declared {
                CheckOutcome::Met
            } else {
                CheckOutcome::ToVerify
            },
        });
    }
    checks
}

/// The fee inputs as typed (strings, so a wrong value comes back unchanged; ticked boxes are
/// "yes").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeeForm {
    /// Monthly income per person in złoty.
    pub income: String,
    /// "rodzina" (a family) or "samotnie" (living alone), as in the public calculator.
    pub household: String,
    pub units: String,
    pub large_family_card: String,
    pub disability_certificate: String,
    /// A reason waives the fee (the resolution's hardship clause).
    pub exemption: String,
}

const YES: &str = "yes";

impl FeeForm {
    /// What the application already says (household, income, card, certificate).
    pub fn from_case(person: &PersonInput) -> Self {
        let family = person
            .household_size
            .trim()
            .parse::<u32>()
            .is_ok_and(|n| n > 1);
        let certified = DisabilityDegree::from_code(&person.disability)
            .is_some_and(|degree| degree != DisabilityDegree::None);
        let yes_if = |flag: bool| if flag { YES } else { "" }.to_owned();
        FeeForm {
            income: person.income.clone(),
            household: if family { "rodzina" } else { "samotnie" }.to_owned(),
            units: String::new(),
            large_family_card: yes_if(person.large_family_card == YES),
            disability_certificate: yes_if(certified),
            exemption: String::new(),
        }
    }

    /// The inputs of the fee rule, or the field and translation key of what is wrong.
    pub fn inputs(&self, age: Option<u32>) -> Result<FeeInputs, (&'static str, &'static str)> {
        let question = crate::catalogue::FeeQuestion {
            income: self.income.trim().to_owned(),
            household: self.household.clone(),
            units: self.units.trim().to_owned(),
        };
        if self.units.trim().is_empty() {
            return Err(("units", "calculator_units_invalid"));
        }
        let mut inputs = question.inputs().map_err(|key| {
            let field = if key == "calculator_units_invalid" {
                "units"
            } else {
                "income"
            };
            (field, key)
        })?;
        inputs.age = age.map(|age| u8::try_from(age).unwrap_or(u8::MAX));
        if self.large_family_card == YES {
            inputs.attributes.push(Attribute::LargeFamilyCard);
        }
        if self.disability_certificate == YES {
            inputs.attributes.push(Attribute::DisabilityCertificate);
        }
        Ok(inputs)
    }

    pub fn exemption(&self) -> Option<Exemption> {
        let reason = self.exemption.trim();
        (!reason.is_empty()).then(|| Exemption {
            reason: reason.to_owned(),
        })
    }
}

/// How a fee was computed, kept with the qualification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeRecord {
    pub inputs: FeeInputs,
    pub exemption: Option<Exemption>,
    pub quote: FeeQuote,
}

/// Everything the qualification page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualificationView {
    pub case_id: String,
    pub case_number: String,
    pub person_name: String,
    pub service: Service,
    pub request: RequestedService,
    pub checks: Vec<ConditionCheck>,
    pub capacity: Option<Capacity>,
    pub form: FeeForm,
    /// The record of a qualification already made.
    pub record: Option<FeeRecord>,
    /// The default justification of a refusal, while the service awaits a decision.
    pub refusal: Option<super::decision::RefusalTexts>,
    /// The refusal decision in force, while the service is refused.
    pub decision: Option<super::decision::DecisionSummary>,
    pub may_act: bool,
}

#[server(prefix = "/api", endpoint = "qualification")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_qualification(
    id: String,
    service: String,
) -> Result<QualificationView, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::HandleCases).await?;
    server::view(&access, &id, &service).await
}

#[server(prefix = "/api", endpoint = "qualify_service")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn qualify_service(id: String, service: String, form: FeeForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::qualify(&access, &id, &service, &form).await?;
    leptos_axum::redirect(&format!("/pracownik/sprawy/{id}"));
    Ok(())
}

/// Records that the granted service `service` of case `id` was delivered in full (a one-off or
/// up to three months' service); its place goes to the waiting list.
#[server(prefix = "/api", endpoint = "complete_service")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn complete_service(id: String, service: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::complete(&access, &id, &service).await?;
    leptos_axum::redirect(&format!("/pracownik/sprawy/{id}"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::applications::{Application, RequestStatus};
    use crate::audit::AuditAction;
    use crate::case_file::places::Grant;
    use crate::cases::access::server::{acts_on, case_to_act, case_to_handle};
    use crate::cases::handling::server::audit_change;
    use crate::cases::templates::{DecisionTemplates, RefusalFacts};
    use crate::domain::Grosze;
    use crate::gate::{Access, Permission};
    use crate::programme::fees::FeeRule;

    /// The requested service `service_id` of case `id`.
    async fn requested(
        access: &Access,
        id: &str,
        service_id: &str,
    ) -> Result<RequestedService, AppError> {
        access
            .state
            .store
            .requested_services(id)
            .await?
            .into_iter()
            .find(|request| request.service_id == service_id)
            .ok_or(AppError::NotFound)
    }

    pub async fn view(
        access: &Access,
        id: &str,
        service_id: &str,
    ) -> Result<QualificationView, AppError> {
        let user = access.signed_in()?;
        let store = &access.state.store;
        let application = case_to_handle(access, id).await?;
        let request = requested(access, id, service_id).await?;
        let event = crate::audit::AuditEvent {
            purpose: Some("qualification".into()),
            ..crate::cases::access::server::case_event(access, AuditAction::Read, &application)
        };
        access.record(&event).await?;
        let service = store.service(service_id).await?;
        let handling = store.handling(id).await?;
        let registered_on = handling.registered_on;
        let today = crate::domain::warsaw_date(access.state.clock.now());
        let record = match store.fee_record(id, service_id).await? {
            Some(json) => Some(crate::store::rows::from_json(&json)?),
            None => None,
        };
        let may_act =
            Permission::QualifyAndPlan.allowed_for(&user.roles) && acts_on(access, &handling);
        let refusal = if may_act && request.status == RequestStatus::Requested {
            let programme = store.programme(&application.programme_id).await?;
            let templates = store.decision_templates().await?;
            let templates = templates.unwrap_or_else(DecisionTemplates::defaults);
            Some(templates.fill(&RefusalFacts {
                centre: &access.state.centre.name,
                programme: &programme.name,
                service: &service.name,
                condition: &service.conditions.text,
                registered_on: registered_on.unwrap_or(today),
            }))
        } else {
            None
        };
        let decision = match request.status {
            RequestStatus::Refused => store
                .decisions_of(id)
                .await?
                .into_iter()
                .rev()
                .find(|d| d.service_id == service_id && d.overturned_on.is_none()),
            _ => None,
        };
        Ok(QualificationView {
            refusal,
            decision,
            may_act,
            case_id: application.id.clone(),
            case_number: application.case_number.clone().unwrap_or_default(),
            person_name: application.subject.name.clone(),
            checks: check_conditions(
                &service.conditions,
                &application.subject,
                application.conditions_declared,
                today,
            ),
            capacity: store.capacity(&service).await?,
            form: FeeForm::from_case(&application.subject),
            record,
            service,
            request,
        })
    }

    /// The grant for `form`, or the field error that stops it.
    fn grant(
        service: &Service,
        application: &Application,
        form: &FeeForm,
        today: NaiveDate,
    ) -> Result<Grant, AppError> {
        if form.exemption.chars().count() > MAX_REASON {
            return Err(AppError::invalid("exemption", "too_long"));
        }
        let inputs = form
            .inputs(age_of(&application.subject, today))
            .map_err(|(field, key)| AppError::invalid(field, key))?;
        let exemption = form.exemption();
        let quote = service
            .fee
            .compute(&inputs, exemption.as_ref())
            .map_err(|error| AppError::invalid("income", error.key()))?;
        let unit_cost = match &service.fee.rule {
            FeeRule::Free => Grosze::new(0),
            FeeRule::FixedPerUnit { price } => *price,
            FeeRule::IncomeTable(table) => table.unit_cost,
        };
        let record = FeeRecord {
            inputs,
            exemption,
            quote,
        };
        Ok(Grant {
            units: record.inputs.units,
            fee_per_unit: quote.per_unit,
            fee_total: quote.total,
            cost_total: Grosze::new(
                unit_cost
                    .value()
                    .saturating_mul(i64::from(record.inputs.units)),
            ),
            record: crate::store::rows::to_json(&record)?,
        })
    }

    pub async fn qualify(
        access: &Access,
        id: &str,
        service_id: &str,
        form: &FeeForm,
    ) -> Result<(), AppError> {
        let (application, _) = case_to_act(access, id).await?;
        let user = access.signed_in()?;
        let request = requested(access, id, service_id).await?;
        if request.status != RequestStatus::Requested {
            // Already qualified (a second submit): nothing more to do.
            return Ok(());
        }
        let store = &access.state.store;
        let service = store.service(service_id).await?;
        let now = access.state.clock.now();
        let grant = grant(
            &service,
            &application,
            form,
            crate::domain::warsaw_date(now),
        )?;
        let status = store
            .qualify_request(id, &service, &grant, &user.id, now)
            .await?;
        audit_change(access, &application, "qualification").await?;
        match status {
            Some(RequestStatus::Waiting) => {
                crate::applications::notify::waiting_listed(access, &application, &service.name)
                    .await
            }
            Some(_) => {
                crate::applications::notify::qualified(access, &application, &service.name, &grant)
                    .await
            }
            None => Ok(()),
        }
    }

    pub async fn complete(access: &Access, id: &str, service_id: &str) -> Result<(), AppError> {
        let (application, _) = case_to_act(access, id).await?;
        let user = access.signed_in()?;
        requested(access, id, service_id).await?;
        let now = access.state.clock.now();
        // None: completed already (a second submit), nothing more to do.
        let Some(promotion) = access
            .state
            .store
            .complete_service(id, service_id, &user.id, now)
            .await?
        else {
            return Ok(());
        };
        audit_change(access, &application, "service_completed").await?;
        tell_promoted(access, &[promotion]).await
    }

    /// Tells the residents whose waiting requests got a freed place.
    pub async fn tell_promoted(
        access: &Access,
        promotions: &[crate::case_file::places::Promotion],
    ) -> Result<(), AppError> {
        for promotion in promotions.iter().filter(|p| !p.applications.is_empty()) {
            let service = access.state.store.service(&promotion.service_id).await?;
            for id in &promotion.applications {
                let application = access.state.store.application(id).await?;
                crate::applications::notify::promoted(access, &application, &service.name).await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn senior() -> PersonInput {
        PersonInput {
            name: "Halina Kowalska".into(),
            pesel: "44051401458".into(),
            city: "Dębica".into(),
            disability: "moderate".into(),
            income: "1200,00".into(),
            household_size: "1".into(),
            large_family_card: "yes".into(),
            ..Default::default()
        }
    }

    #[test]
    fn conditions_are_compared_with_the_case() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let conditions = Conditions {
            min_age: Some(60),
            residence_required: true,
            disability_certificate_required: true,
            other_declared: Some("Wymaga pomocy w poruszaniu się".into()),
            ..Default::default()
        };
        let checks = check_conditions(&conditions, &senior(), true, today);
        assert_eq!(checks.len(), 4);
        assert_eq!(checks[0].case_says, "82");
        assert_eq!(checks[0].outcome, CheckOutcome::Met);
        assert_eq!(
            checks[1].outcome,
            CheckOutcome::ToVerify,
            "residence is checked by staff"
        );
        assert_eq!(checks[2].outcome, CheckOutcome::Met);
        assert_eq!(checks[3].outcome, CheckOutcome::Met);

        let young = Conditions {
            max_age: Some(26),
            ..Default::default()
        };
        let checks = check_conditions(&young, &senior(), false, today);
        assert_eq!(checks[0].outcome, CheckOutcome::NotMet);
        let unknown = PersonInput::default();
        assert_eq!(
            check_conditions(&young, &unknown, false, today)[0].outcome,
            CheckOutcome::ToVerify
        );
    }

    #[test]
    fn the_fee_form_starts_from_the_case_and_checks_its_numbers() {
        let form = FeeForm::from_case(&senior());
        assert_eq!(form.household, "samotnie");
        assert_eq!(
            (
                form.large_family_card.as_str(),
                form.disability_certificate.as_str()
            ),
            ("yes", "yes")
        );
        assert_eq!(
            form.inputs(Some(82)),
            Err(("units", "calculator_units_invalid"))
        );
        let form = FeeForm {
            units: "40".into(),
            ..form
        };
        let inputs = form.inputs(Some(82)).unwrap();
        assert_eq!(inputs.units, 40);
        assert_eq!(inputs.monthly_income_per_person.value(), 120_000);
        assert_eq!(inputs.age, Some(82));
        assert_eq!(inputs.attributes.len(), 2);
        let bad = FeeForm {
            income: "dużo".into(),
            ..form.clone()
        };
        assert_eq!(
            bad.inputs(None),
            Err(("income", "calculator_income_invalid"))
        );
        assert!(form.exemption().is_none());
    }
}
