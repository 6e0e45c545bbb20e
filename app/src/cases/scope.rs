//! Where a coordinator works: the programmes (every version of each) and the gminas whose cases
//! they see and act on. No scope means the whole centre (a small centre's usual case); the
//! services organiser and the director always oversee every case. Set by the administrator on
//! the account page.

use crate::domain::Teryt;
use crate::error::AppError;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A staff member's scope: programme lineages and TERYT codes of gminas.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub programmes: Vec<String>,
    pub gminas: Vec<String>,
}

impl Scope {
    pub fn is_whole_centre(&self) -> bool {
        self.programmes.is_empty() && self.gminas.is_empty()
    }

    /// Whether a programme version of `lineage_id` serving `gminas` is within the scope.
    pub fn covers(&self, lineage_id: &str, gminas: &[String]) -> bool {
        self.is_whole_centre()
            || self.programmes.iter().any(|p| p == lineage_id)
            || gminas.iter().any(|g| self.gminas.contains(g))
    }

    /// The gminas typed as TERYT codes separated by commas or spaces, or the error key.
    pub fn parse_gminas(text: &str) -> Result<Vec<String>, &'static str> {
        let mut gminas = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|code| !code.is_empty())
            .map(|code| {
                Teryt::parse(code)
                    .map(|teryt| teryt.as_str().to_owned())
                    .map_err(|_| "teryt_invalid")
            })
            .collect::<Result<Vec<_>, _>>()?;
        gminas.sort();
        gminas.dedup();
        Ok(gminas)
    }
}

/// The account's scope and the programmes one may choose (lineage id, name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeChoices {
    pub scope: Scope,
    pub programmes: Vec<(String, String)>,
}

#[server(prefix = "/api", endpoint = "account_scope")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn account_scope(id: String) -> Result<ScopeChoices, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageAccounts).await?;
    let store = &access.state.store;
    let mut programmes: Vec<(String, String)> = store
        .programmes()
        .await?
        .into_iter()
        .map(|p| (p.lineage_id, p.name))
        .collect();
    // Newest version first: one entry per lineage.
    programmes.dedup_by(|a, b| a.0 == b.0);
    Ok(ScopeChoices {
        scope: store.scope_of(&id).await?,
        programmes,
    })
}

#[server(prefix = "/api", endpoint = "set_account_scope")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn set_account_scope(
    id: String,
    #[server(default)] programmes: Vec<String>,
    gminas: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageAccounts).await?;
    let gminas = Scope::parse_gminas(&gminas).map_err(|key| AppError::invalid("gminas", key))?;
    let store = &access.state.store;
    let known: Vec<String> = store
        .programmes()
        .await?
        .into_iter()
        .map(|p| p.lineage_id)
        .collect();
    if programmes.iter().any(|p| !known.contains(p)) {
        return Err(AppError::invalid("programmes", "choose_one"));
    }
    store.user_by_id(&id).await?;
    let scope = Scope { programmes, gminas };
    store.set_scope(&id, &scope).await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("account".into()),
        record_id: Some(id.clone()),
        purpose: Some("case_scope".into()),
        ..access.event(crate::audit::AuditAction::Update)
    };
    access.record(&event).await
}

/// The administrator's form for a staff account's scope.
#[component]
pub fn ScopeForm(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetAccountScope>::new();
    let key = id.clone();
    let choices = Resource::new(
        move || (key.clone(), action.version().get()),
        |(id, _)| account_scope(id),
    );
    let error = crate::components::form::last_error(action);
    view! {
        <section aria-labelledby="scope-heading">
            <h2 id="scope-heading">{t!(i18n, accounts.scope)}</h2>
            <p>{t!(i18n, accounts.scope_text)}</p>
            <Suspense>
                {move || {
                    let id = id.clone();
                    Suspend::new(async move {
                        let Ok(choices) = choices.await else {
                            return ().into_any();
                        };
                        let options = choices.programmes.clone();
                        let checked = choices.scope.programmes.clone();
                        let gminas = choices.scope.gminas.join(", ");
                        view! {
                            <ActionForm action attr:class="form">
                                <crate::components::form::ErrorSummary error />
                                <input type="hidden" name="id" value=id />
                                <crate::components::form::Checkboxes
                                    id="programmes"
                                    name="programmes"
                                    legend=t_string!(i18n, accounts.scope_programmes).to_string()
                                    options
                                    checked
                                    error
                                />
                                <crate::components::form::TextField
                                    id="gminas"
                                    value=gminas
                                    hint=Signal::derive(move || t_string!(i18n, accounts.scope_gminas_hint).to_string())
                                    error
                                >
                                    {t!(i18n, accounts.scope_gminas)}
                                </crate::components::form::TextField>
                                <button type="submit" class="button button--secondary">
                                    {t!(i18n, accounts.scope_save)}
                                </button>
                            </ActionForm>
                        }
                        .into_any()
                    })
                }}
            </Suspense>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_covers_its_programmes_and_gminas() {
        let whole = Scope::default();
        assert!(whole.covers("any", &[]));
        let scope = Scope {
            programmes: vec!["senior".into()],
            gminas: vec!["1803032".into()],
        };
        assert!(scope.covers("senior", &["1465011".into()]));
        assert!(scope.covers("other", &["1465011".into(), "1803032".into()]));
        assert!(!scope.covers("other", &["1465011".into()]));
    }

    #[test]
    fn gminas_are_typed_as_teryt_codes() {
        assert_eq!(
            Scope::parse_gminas("1803032, 1465011 1803032"),
            Ok(vec!["1465011".to_owned(), "1803032".to_owned()])
        );
        assert_eq!(Scope::parse_gminas(""), Ok(vec![]));
        assert_eq!(Scope::parse_gminas("18O3032"), Err("teryt_invalid"));
    }
}
