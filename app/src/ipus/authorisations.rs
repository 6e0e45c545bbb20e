//! `/pracownik/upowaznienia-ipus`: the director's authorisations of the services organiser to
//! approve plans (art. 41 ust. 2), granted for a period and revoked early when needed.

use super::plans::{GrantPlanApproval, RevokePlanApproval};
use crate::components::form::{ErrorSummary, SelectField, TextField, last_error, successes};
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{date_display, warsaw_display};
use crate::error::AppError;
use crate::i18n::*;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One authorisation as the director's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorisationRow {
    pub id: String,
    pub holder: String,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub granted_by: String,
    pub granted_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The authorisations, newest first, and who may receive one (id, name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorisations {
    pub rows: Vec<AuthorisationRow>,
    pub candidates: Vec<(String, String)>,
    pub today: NaiveDate,
}

#[server(prefix = "/api", endpoint = "load_plan_authorisations")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_plan_authorisations() -> Result<Authorisations, AppError> {
    use crate::domain::Role;
    use crate::gate::{Permission, require};
    let access = require(Permission::ApprovePlans).await?;
    super::plans::server::director_only(&access).await?;
    let store = &access.state.store;
    let event = crate::audit::AuditEvent {
        record_type: Some("approval_authorisation".into()),
        purpose: Some("plan_approval".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(Authorisations {
        rows: store.approval_authorisation_rows().await?,
        candidates: store.staff_with_roles(&[Role::ServicesOrganiser]).await?,
        today: crate::domain::warsaw_date(access.state.clock.now()),
    })
}

#[component]
pub fn PlanAuthorisationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let grant = ServerAction::<GrantPlanApproval>::new();
    let revoke = ServerAction::<RevokePlanApproval>::new();
    let (granted, revoked) = (successes(grant), successes(revoke));
    let list = Resource::new(
        move || (granted.get(), revoked.get()),
        |_| load_plan_authorisations(),
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, plans.authorisations).to_string()) />
        <h1>{t!(i18n, plans.authorisations)}</h1>
        <p>{t!(i18n, plans.authorisations_text)}</p>
        <Transition>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => page_failure(error, "/pracownik/upowaznienia-ipus"),
                    Ok(list) => view! { <AuthorisationsView list grant revoke /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AuthorisationsView(
    list: Authorisations,
    grant: ServerAction<GrantPlanApproval>,
    revoke: ServerAction<RevokePlanApproval>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(grant);
    let revoke_error = last_error(revoke);
    let today = list.today;
    let rows = list
        .rows
        .into_iter()
        .map(|row| {
            let period = format!(
                "{} – {}",
                date_display(row.from),
                row.until.map(date_display).unwrap_or_default()
            );
            let revoked = row.revoked_at.map(warsaw_display);
            let active = row.revoked_at.is_none() && row.until.is_none_or(|until| until >= today);
            view! {
                <tr>
                    <th scope="row">{row.holder.clone()}</th>
                    <td>{period}</td>
                    <td>{row.granted_by.clone()} " · " {warsaw_display(row.granted_at)}</td>
                    <td>
                        {revoked.map(|at| view! { {t!(i18n, plans.revoked)} " " {at} })}
                        {active.then(|| view! {
                            <ActionForm action=revoke>
                                <input type="hidden" name="id" value=row.id.clone() />
                                <button type="submit" class="button button--secondary">
                                    {t!(i18n, plans.revoke)}
                                    <span class="visually-hidden">" — " {row.holder.clone()}</span>
                                </button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary error=revoke_error />
        <ScrollTable
            id="authorisations-caption"
            caption=t_string!(i18n, plans.authorisations).to_string()
            caption_hidden=true
            class="authorisations"
            headings=vec![
                t_string!(i18n, plans.holder).to_string(),
                t_string!(i18n, plans.valid).to_string(),
                t_string!(i18n, plans.granted).to_string(),
                t_string!(i18n, plans.state).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
        <section aria-labelledby="grant-heading">
            <h2 id="grant-heading">{t!(i18n, plans.grant_heading)}</h2>
            <ActionForm action=grant attr:class="form">
                <ErrorSummary error />
                <SelectField id="user_id" name="user_id" options=list.candidates selected="" error>
                    {t!(i18n, plans.holder)}
                </SelectField>
                <TextField id="from" kind="date" value=today.to_string() error>
                    {t!(i18n, plans.valid_from)}
                </TextField>
                <TextField id="until" kind="date"
                    hint=Signal::derive(move || t_string!(i18n, plans.valid_until_hint).to_string()) error>
                    {t!(i18n, plans.valid_until)}
                </TextField>
                <button type="submit" class="button">{t!(i18n, plans.grant)}</button>
            </ActionForm>
        </section>
    }
}
