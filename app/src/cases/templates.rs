//! The centre's templates of a refusal's justification: the texts every refusal form starts
//! from, with placeholders filled from the case. The director and the services organiser edit
//! them at `/pracownik/wzory-decyzji`; until they do, the defaults below apply.

use super::decision::{FINDINGS_MARK, MAX_JUSTIFICATION, RefusalTexts, polish_date};
use crate::components::form::{ErrorSummary, TextArea, last_error};
use crate::components::page::{PageTitle, page_failure};
use crate::error::AppError;
use crate::i18n::*;
use chrono::NaiveDate;
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a template may name, each filled from the case: `{centrum}` and so on.
pub const PLACEHOLDERS: [&str; 5] = ["data_wpływu", "centrum", "program", "usługa", "warunki"];

/// The two justification templates of a refusal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionTemplates {
    pub factual: String,
    pub legal: String,
}

/// The facts a refusal's texts are made of.
pub struct RefusalFacts<'a> {
    pub centre: &'a str,
    pub programme: &'a str,
    pub service: &'a str,
    pub condition: &'a str,
    pub registered_on: NaiveDate,
}

impl DecisionTemplates {
    /// The default texts (docs/design/refusal-decision): the person is "strona" throughout, so
    /// nothing has to be declined.
    pub fn defaults() -> Self {
        DecisionTemplates {
            factual: format!(
                "W dniu {{data_wpływu}} do {{centrum}} wpłynął wniosek strony o zakwalifikowanie \
                 do korzystania z usługi społecznej „{{usługa}}”, określonej w programie usług \
                 społecznych „{{program}}” (dalej: Program), wraz z oświadczeniem o spełnianiu \
                 warunków określonych w Programie.\n\n\
                 Na podstawie wniosku wraz z oświadczeniem organ ustalił, że {FINDINGS_MARK}. \
                 Dowody te są ze sobą zgodne; w sprawie nie przedstawiono dowodów przeciwnych, \
                 a organ nie znalazł podstaw, by któremukolwiek z nich odmówić wiarygodności.\n\n\
                 Strona może w każdym czasie złożyć nowy wniosek, w szczególności po zmianie \
                 okoliczności."
            ),
            legal: "Zgodnie z art. 35 ust. 1 ustawy z dnia 19 lipca 2019 r. o realizowaniu usług \
                 społecznych przez centrum usług społecznych (dalej: ustawa) kwalifikowanie osób \
                 zainteresowanych do korzystania z usług społecznych określonych w programie \
                 usług społecznych odbywa się za pośrednictwem centrum, na wniosek osoby \
                 zainteresowanej, jej przedstawiciela ustawowego albo opiekuna faktycznego.\n\n\
                 Stosownie do art. 42 ust. 1 ustawy kwalifikowanie odbywa się w oparciu o warunki \
                 i w trybie wynikającym z programu usług społecznych, który – zgodnie z art. 5 \
                 ust. 3 pkt 6 ustawy – określa warunki i tryb kwalifikowania osób \
                 zainteresowanych do korzystania z usług społecznych. Według Programu warunki \
                 korzystania z usługi „{usługa}” są następujące: {warunki}\n\n\
                 Strona nie spełnia tego warunku. Program nie przewiduje odstępstwa od niego, \
                 dlatego strony nie można zakwalifikować do korzystania z tej usługi.\n\n\
                 Zgodnie z art. 42 ust. 3 ustawy odmowa zakwalifikowania wymaga wydania decyzji \
                 administracyjnej. Na podstawie art. 48 ustawy w zakresie nieuregulowanym \
                 w ustawie do postępowań w indywidualnych sprawach dotyczących usług społecznych \
                 określonych w programie usług społecznych stosuje się przepisy Kodeksu \
                 postępowania administracyjnego, w tym art. 104 i art. 107 tego Kodeksu.\n\n\
                 Mając powyższe na uwadze, orzeczono jak w sentencji."
                .into(),
        }
    }

    /// Nothing empty or too long, no placeholder the case cannot fill, and the findings mark in
    /// the factual part; else the field and key of what is wrong.
    pub fn check(&self) -> Result<(), AppError> {
        let mut errors = crate::error::FieldErrors::new();
        for (field, text) in [("factual", &self.factual), ("legal", &self.legal)] {
            let error = if text.trim().is_empty() {
                Some("required")
            } else if text.chars().count() > MAX_JUSTIFICATION {
                Some("too_long")
            } else if unknown_placeholder(text).is_some() {
                Some("placeholder_unknown")
            } else if field == "factual" && !text.contains(FINDINGS_MARK) {
                // The coordinator writes the findings of each case where the mark stands.
                Some("findings_mark_required")
            } else {
                None
            };
            if let Some(key) = error {
                errors.insert(field.into(), key.into());
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(errors))
        }
    }

    /// The texts with every placeholder replaced by the case's facts.
    pub fn fill(&self, facts: &RefusalFacts) -> RefusalTexts {
        let date = polish_date(facts.registered_on);
        let values = [
            date.as_str(),
            facts.centre,
            facts.programme,
            facts.service,
            facts.condition,
        ];
        let fill = |text: &str| {
            PLACEHOLDERS
                .iter()
                .zip(values)
                .fold(text.to_owned(), |text, (name, value)| {
                    text.replace(&format!("{{{name}}}"), value)
                })
        };
        RefusalTexts {
            factual: fill(&self.factual),
            legal: fill(&self.legal),
        }
    }
}

/// The first `{word}` in `text` that is not one of the placeholders.
fn unknown_placeholder(text: &str) -> Option<&str> {
    text.split('{').skip(1).find_map(|rest| {
        let name = rest.split('}').next().filter(|_| rest.contains('}'))?;
        let word = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        (word && !PLACEHOLDERS.contains(&name)).then_some(name)
    })
}

#[server(prefix = "/api", endpoint = "decision_templates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_decision_templates() -> Result<DecisionTemplates, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::AssignCases).await?;
    let saved = access.state.store.decision_templates().await?;
    Ok(saved.unwrap_or_else(DecisionTemplates::defaults))
}

/// Saves the centre's templates, or with `restore` goes back to the defaults.
#[server(prefix = "/api", endpoint = "save_decision_templates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_decision_templates(
    #[server(default)] templates: DecisionTemplates,
    #[server(default)] restore: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::AssignCases).await?;
    let user = access.signed_in()?;
    let store = &access.state.store;
    if restore.is_empty() {
        templates.check()?;
        let now = access.state.clock.now();
        store
            .save_decision_templates(Some(&templates), &user.id, now)
            .await?;
    } else {
        let now = access.state.clock.now();
        store.save_decision_templates(None, &user.id, now).await?;
    }
    let event = crate::audit::AuditEvent {
        record_type: Some("decision_templates".into()),
        purpose: Some("decision_templates".into()),
        ..access.event(crate::audit::AuditAction::Update)
    };
    access.record(&event).await
}

/// `/pracownik/wzory-decyzji`: the templates, their placeholders, save and restore.
#[component]
pub fn DecisionTemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveDecisionTemplates>::new();
    // Saving keeps the form as typed (also when it is refused).
    let current = Resource::new(|| (), |_| load_decision_templates());
    let error = last_error(save);
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let placeholders = PLACEHOLDERS
        .iter()
        .map(|name| view! { <li><code>{format!("{{{name}}}")}</code></li> })
        .collect_view();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, templates.title).to_string()) />
        <h1>{t!(i18n, templates.title)}</h1>
        <p>{t!(i18n, templates.intro)}</p>
        <h2>{t!(i18n, templates.placeholders)}</h2>
        <ul>{placeholders}</ul>
        <p>{t!(i18n, templates.findings)}</p>
        <p role="status">{move || saved().then_some(t!(i18n, templates.saved))}</p>
        <Suspense>
            {move || Suspend::new(async move {
                let DecisionTemplates { factual, legal } = match current.await {
                    Ok(templates) => templates,
                    Err(error) => return page_failure(error, "/pracownik/wzory-decyzji"),
                };
                view! {
                    <ActionForm action=save attr:class="form" attr:data-draft="decision-templates">
                        <ErrorSummary error />
                        <TextArea id="factual" name="templates[factual]" rows=14 value=factual error>
                            {t!(i18n, qualify.factual)}
                        </TextArea>
                        <TextArea id="legal" name="templates[legal]" rows=20 value=legal error>
                            {t!(i18n, qualify.legal)}
                        </TextArea>
                        <button type="submit" class="button">{t!(i18n, templates.save)}</button>
                    </ActionForm>
                    // A plain form: the page is read again, so the fields show the defaults.
                    <form action="/api/save_decision_templates" method="post" class="form">
                        <input type="hidden" name="restore" value="yes" />
                        <button type="submit" class="button button--secondary">
                            {t!(i18n, templates.restore)}
                        </button>
                    </form>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> RefusalFacts<'static> {
        RefusalFacts {
            centre: "Centrum Usług Społecznych w Dębicy",
            programme: "Program usług społecznych Gminy Dębica",
            service: "Złota Rączka",
            condition: "osoba w wieku 60 lat lub więcej.",
            registered_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        }
    }

    #[test]
    fn the_defaults_are_valid_and_filled_from_the_case() {
        let defaults = DecisionTemplates::defaults();
        assert!(defaults.check().is_ok());
        let texts = defaults.fill(&facts());
        assert!(
            texts
                .factual
                .starts_with("W dniu 2 marca 2026 r. do Centrum Usług")
        );
        assert!(
            texts
                .legal
                .contains("„Złota Rączka” są następujące: osoba w wieku 60")
        );
        assert!(!texts.factual.contains('{') && !texts.legal.contains('{'));
        assert!(
            texts.factual.contains(FINDINGS_MARK),
            "left for the coordinator"
        );
    }

    #[test]
    fn a_placeholder_the_case_cannot_fill_is_refused() {
        let templates = DecisionTemplates {
            factual: "Wniosek z {data_wpływu} w sprawie {usluga}.".into(),
            legal: "Art. 42 {ust. 3} ustawy.".into(),
        };
        match templates.check() {
            Err(AppError::Invalid(fields)) => {
                assert_eq!(fields["factual"], "placeholder_unknown");
                assert!(
                    !fields.contains_key("legal"),
                    "braces around other text are text"
                );
            }
            other => panic!("{other:?}"),
        }
        let without_findings = DecisionTemplates {
            factual: "Wniosek z {data_wpływu} w sprawie {usługa}.".into(),
            ..DecisionTemplates::defaults()
        };
        match without_findings.check() {
            Err(AppError::Invalid(fields)) => {
                assert_eq!(fields["factual"], "findings_mark_required")
            }
            other => panic!("{other:?}"),
        }
        let empty = DecisionTemplates {
            factual: " ".into(),
            legal: "x".repeat(MAX_JUSTIFICATION + 1),
        };
        match empty.check() {
            Err(AppError::Invalid(fields)) => {
                assert_eq!(fields["factual"], "required");
                assert_eq!(fields["legal"], "too_long");
            }
            other => panic!("{other:?}"),
        }
    }
}
