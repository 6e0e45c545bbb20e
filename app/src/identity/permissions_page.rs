//! `/pracownik/uprawnienia`: the role → permission table, read-only, for administrators. The
//! table is `Permission::granted_to` itself, never a copy.

use crate::components::page::ErrorNotice;
use crate::components::page::PageTitle;
use crate::domain::{Labelled, Role};
use crate::error::AppError;
use crate::gate::Permission;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use serde::{Deserialize, Serialize};

/// One row: a permission and, for each of `Role::ALL` in order, whether it is granted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PermissionRow {
    pub permission: Permission,
    pub granted: Vec<bool>,
}

/// The matrix from `Permission::granted_to`.
pub fn permission_matrix() -> Vec<PermissionRow> {
    Permission::ALL
        .into_iter()
        .map(|permission| PermissionRow {
            permission,
            granted: Role::ALL
                .into_iter()
                .map(|role| permission.granted_to(role))
                .collect(),
        })
        .collect()
}

#[server(prefix = "/api", endpoint = "permission_table")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn permission_table() -> Result<Vec<PermissionRow>, AppError> {
    use crate::gate::require;
    require(Permission::ManageAccounts).await?;
    Ok(permission_matrix())
}

#[component]
pub fn PermissionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(|| (), |_| permission_table());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, permissions.title).to_string()) />
        <h1>{t!(i18n, permissions.title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => view! { <Matrix rows /> }.into_any(),
                    Err(AppError::Unauthenticated) => {
                        view! { <Redirect path="/logowanie?powrot=/pracownik/uprawnienia" /> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Matrix(rows: Vec<PermissionRow>) -> impl IntoView {
    let i18n = use_i18n();
    let headers = Role::ALL
        .into_iter()
        .map(|role| view! { <th scope="col">{role.label(i18n)}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let cells = row
                .granted
                .into_iter()
                .map(|granted| {
                    let (mark, text) = if granted {
                        ("✓", t_string!(i18n, permissions.yes))
                    } else {
                        ("–", t_string!(i18n, permissions.no))
                    };
                    view! {
                        <td class="mark">
                            <span aria-hidden="true">{mark}</span>
                            <span class="visually-hidden">{text}</span>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{row.permission.label(i18n)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>{t!(i18n, permissions.intro)}</p>
        <div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=move || t_string!(i18n, permissions.caption)
        >
            <table class="table table--matrix">
                <caption>{t!(i18n, permissions.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, permissions.permission)}</th>
                        {headers}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_is_granted_to() {
        let matrix = permission_matrix();
        assert_eq!(matrix.len(), Permission::ALL.len());
        for row in matrix {
            for (role, granted) in Role::ALL.into_iter().zip(row.granted) {
                assert_eq!(granted, row.permission.granted_to(role));
            }
        }
    }
}
