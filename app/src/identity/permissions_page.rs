//! `/pracownik/uprawnienia`: the role → permission table, read-only, for administrators. The
//! table is `Permission::granted_to` itself, never a copy.

use crate::components::page::PageTitle;
use crate::domain::Role;
use crate::error::AppError;
use crate::gate::Permission;
use crate::i18n::*;
use crate::shell::ErrorNotice;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use serde::{Deserialize, Serialize};

type I18n = leptos_i18n::I18nContext<Locale>;

/// The translated name of a role.
pub fn role_label(i18n: I18n, role: Role) -> String {
    match role {
        Role::Director => t_string!(i18n, permissions.role_director),
        Role::DeputyDirector => t_string!(i18n, permissions.role_deputy_director),
        Role::ServicesOrganiser => t_string!(i18n, permissions.role_services_organiser),
        Role::PlanCoordinator => t_string!(i18n, permissions.role_plan_coordinator),
        Role::CommunityOrganiser => t_string!(i18n, permissions.role_community_organiser),
        Role::InfoPointClerk => t_string!(i18n, permissions.role_info_point_clerk),
        Role::SocialWorker => t_string!(i18n, permissions.role_social_worker),
        Role::DataProtectionOfficer => t_string!(i18n, permissions.role_data_protection_officer),
        Role::Administrator => t_string!(i18n, permissions.role_administrator),
        Role::ProviderStaff => t_string!(i18n, permissions.role_provider_staff),
        Role::Resident => t_string!(i18n, permissions.role_resident),
    }
    .to_string()
}

/// Role codes as stored in the audit trail (`director,administrator`) → translated names.
pub fn roles_label(i18n: I18n, codes: &str) -> String {
    codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|code| match Role::from_code(code.trim()) {
            Some(role) => role_label(i18n, role),
            None => code.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a permission allows, translated.
pub fn permission_label(i18n: I18n, permission: Permission) -> String {
    use Permission::*;
    match permission {
        ViewPublicInformation => t_string!(i18n, permissions.perm_view_public_information),
        ManageOwnData => t_string!(i18n, permissions.perm_manage_own_data),
        EnterStaffArea => t_string!(i18n, permissions.perm_enter_staff_area),
        RegisterOnBehalf => t_string!(i18n, permissions.perm_register_on_behalf),
        HandleCases => t_string!(i18n, permissions.perm_handle_cases),
        AssignCases => t_string!(i18n, permissions.perm_assign_cases),
        QualifyAndPlan => t_string!(i18n, permissions.perm_qualify_and_plan),
        ApprovePlans => t_string!(i18n, permissions.perm_approve_plans),
        ManageProgramme => t_string!(i18n, permissions.perm_manage_programme),
        OrganiseCommunity => t_string!(i18n, permissions.perm_organise_community),
        ReadCommunity => t_string!(i18n, permissions.perm_read_community),
        ReviewPlans => t_string!(i18n, permissions.perm_review_plans),
        ReadMeetings => t_string!(i18n, permissions.perm_read_meetings),
        ActForProvider => t_string!(i18n, permissions.perm_act_for_provider),
        ReadAuditLog => t_string!(i18n, permissions.perm_read_audit_log),
        ManageAccounts => t_string!(i18n, permissions.perm_manage_accounts),
    }
    .to_string()
}

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
        .map(|role| view! { <th scope="col">{role_label(i18n, role)}</th> })
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
                    <th scope="row">{permission_label(i18n, row.permission)}</th>
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
