//! The plan page's part about activities: the calendar's activities section E can name, and
//! "Udział w wydarzeniach" — each activity the plan names with its volunteers and whether the
//! person is signed up (the coordinator can sign them up), then all the person's sign-ups.

use super::plans::SignUpFromPlan;
use crate::community::{ActivityRef, PlanParticipation};
use crate::components::form::{ErrorSummary, last_error};
use crate::domain::{Labelled, warsaw_date, warsaw_display};
use crate::i18n::*;
use crate::ipus::SupportingActivity;
use chrono::NaiveDate;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The options of section E's activity choice: "title — day hour (community)".
pub fn activity_options(calendar: &[ActivityRef]) -> Vec<(String, String)> {
    calendar
        .iter()
        .map(|a| {
            let text = format!(
                "{} — {} ({})",
                a.title,
                warsaw_display(a.starts_at),
                a.community_name
            );
            (a.id.clone(), text)
        })
        .collect()
}

#[component]
pub fn PlanParticipationView(
    plan_id: String,
    /// Section E of the version shown.
    activities: Vec<SupportingActivity>,
    participation: PlanParticipation,
    today: NaiveDate,
    may_edit: bool,
    action: ServerAction<SignUpFromPlan>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let PlanParticipation {
        calendar,
        registrations,
        volunteers,
    } = participation;
    let named = activities
        .into_iter()
        .filter_map(|row| calendar.iter().find(|a| a.id == row.activity_id).cloned())
        .map(|activity| {
            let theirs = registrations.iter().find(|r| r.activity.id == activity.id);
            let status = theirs.map(|r| r.status.label(i18n).to_string());
            let helpers = volunteers
                .iter()
                .filter(|v| v.activity_id == activity.id)
                .map(|v| format!("{} ({})", v.name, v.status.label(i18n)))
                .collect::<Vec<_>>()
                .join(", ");
            let may_sign_up =
                may_edit && theirs.is_none() && warsaw_date(activity.starts_at) >= today;
            let id = plan_id.clone();
            let title = activity.title.clone();
            view! {
                <li>
                    <strong>{activity.title.clone()}</strong>
                    " — " {warsaw_display(activity.starts_at)} ", " {activity.place.clone()}
                    <br />
                    {t!(i18n, plans.volunteers)} ": "
                    {if helpers.is_empty() { t_string!(i18n, plans.no_volunteers).to_string() } else { helpers }}
                    {status.map(|status| view! { <br /> {t!(i18n, plans.person_status)} ": " {status} })}
                    {may_sign_up.then(|| view! {
                        <ActionForm action attr:class="form">
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="activity" value=activity.id.clone() />
                            <button type="submit" class="button button--secondary">
                                {t!(i18n, plans.sign_up_person)}
                                <span class="visually-hidden">": " {title}</span>
                            </button>
                        </ActionForm>
                    })}
                </li>
            }
        })
        .collect_view();
    let all = registrations
        .iter()
        .map(|r| {
            view! {
                <li>
                    {r.activity.title.clone()} " — " {warsaw_display(r.activity.starts_at)}
                    " · " {r.status.label(i18n)}
                </li>
            }
        })
        .collect_view();
    let none = registrations.is_empty();
    view! {
        <section aria-labelledby="participation-heading" id="participation">
            <h2 id="participation-heading">{t!(i18n, plans.participation)}</h2>
            <ErrorSummary error />
            <ul>{named}</ul>
            <h3>{t!(i18n, plans.person_registrations)}</h3>
            {if none {
                view! { <p>{t!(i18n, plans.no_registrations)}</p> }.into_any()
            } else {
                view! { <ul>{all}</ul> }.into_any()
            }}
        </section>
    }
}
