//! Open data: the published catalogue as Open Referral HSDS 3.0 (`GET /api/hsds/services` with
//! `search`, `page`, `per_page`; `GET /api/hsds/services/{id}`). The centre is the organization,
//! the programme the program; providers appear as contacts. Ids of nested records are derived
//! from their parent's id, so they are stable between calls.

use super::CatalogueFilter;
use crate::domain::search_text::query_words;
use crate::error::AppError;
use crate::gate::{Permission, request_parts, require_with};
use crate::programme::fees::{FeeRule, IncomeTable};
use crate::programme::{Programme, Service};
use crate::providers::Provider;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Most services one page holds.
const MAX_PER_PAGE: u32 = 100;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    pub search: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// A stable UUID for a nested record: SHA-256 of its parent's id and its role.
fn derived_id(parent: &str, role: &str) -> String {
    let digest = Sha256::digest(format!("{parent}/{role}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// Złoty as a JSON number (HSDS amounts are numbers).
fn zloty(grosze: crate::domain::Grosze) -> Value {
    json!(grosze.value() as f64 / 100.0)
}

fn cost_options(service: &Service) -> Value {
    let option = |role: &str, amount: Value, description: String| {
        json!({
            "id": derived_id(&service.id, role),
            "service_id": service.id,
            "option": role,
            "currency": "PLN",
            "amount": amount,
            "amount_description": description,
        })
    };
    let unit = service.unit.code();
    json!(match &service.fee.rule {
        FeeRule::Free => vec![option("free", json!(0), "bezpłatna".into())],
        FeeRule::FixedPerUnit { price } => vec![option(
            "per_unit",
            zloty(*price),
            format!("cena za jednostkę ({unit})")
        )],
        FeeRule::IncomeTable(IncomeTable { unit_cost, .. }) => vec![option(
            "income_dependent",
            zloty(*unit_cost),
            format!(
                "koszt jednostki ({unit}); opłata jest procentem tego kosztu zależnym od dochodu"
            ),
        )],
    })
}

fn fees_description(service: &Service) -> String {
    match &service.fee.rule {
        FeeRule::Free => "Usługa bezpłatna.".into(),
        FeeRule::FixedPerUnit { price } => format!("{price} za jednostkę."),
        FeeRule::IncomeTable(table) => format!(
            "Odpłatność zależna od dochodu na osobę w stosunku do kryterium dochodowego \
             ({} dla osoby samotnie gospodarującej, {} na osobę w rodzinie); koszt jednostki {}.",
            table.criterion_single, table.criterion_family, table.unit_cost
        ),
    }
}

/// One service as an HSDS `service` object.
pub fn hsds_service(
    service: &Service,
    programme: &Programme,
    providers: &[Provider],
    centre_name: &str,
    portal_url: &str,
) -> Value {
    let organization_id = derived_id("centre", centre_name);
    let description = format!("{}\n\n{}", service.goal, service.characteristics);
    let contacts = providers
        .iter()
        .filter(|provider| service.provider_ids.contains(&provider.id))
        .map(|provider| {
            let mut contact = json!({
                "id": derived_id(&service.id, &format!("contact/{}", provider.id)),
                "service_id": service.id,
                "name": provider.name,
                "title": "realizator usługi",
            });
            if let Some(email) = &provider.email {
                contact["email"] = json!(email);
            }
            if let Some(phone) = &provider.phone {
                contact["phones"] = json!([{
                    "id": derived_id(&provider.id, "phone"),
                    "number": phone,
                }]);
            }
            contact
        })
        .collect::<Vec<_>>();
    let mut value = json!({
        "id": service.id,
        "organization_id": organization_id,
        "program_id": programme.id,
        "name": service.name,
        "description": description,
        "url": format!("{}/uslugi/{}", portal_url.trim_end_matches('/'), service.id),
        "status": "active",
        "application_process": "Wniosek w Punkcie Informacyjnym centrum, pocztą lub elektronicznie.",
        "fees_description": fees_description(service),
        "eligibility_description": service.conditions.text,
        "organization": {
            "id": organization_id,
            "name": centre_name,
            "description": "Centrum Usług Społecznych",
        },
        "program": {
            "id": programme.id,
            "name": programme.name,
            "description": programme.elements.goal,
        },
        "cost_options": cost_options(service),
        "required_documents": service.documents.iter().enumerate().map(|(i, document)| json!({
            "id": derived_id(&service.id, &format!("document/{i}")),
            "service_id": service.id,
            "document": document,
        })).collect::<Vec<_>>(),
        "service_areas": programme.gminas.iter().map(|teryt| json!({
            "id": derived_id(&service.id, &format!("area/{teryt}")),
            "service_id": service.id,
            "name": teryt,
            "extent_type": "TERYT",
        })).collect::<Vec<_>>(),
        "languages": [{
            "id": derived_id(&service.id, "language/pl"),
            "service_id": service.id,
            "name": "polski",
            "code": "pl",
        }],
        "contacts": contacts,
    });
    if let Some(min) = service.conditions.min_age {
        value["minimum_age"] = json!(min);
    }
    if let Some(max) = service.conditions.max_age {
        value["maximum_age"] = json!(max);
    }
    value
}

/// JSON, or the error's status with `{"error": …}`.
fn respond(result: Result<Value, AppError>) -> Response {
    match result {
        Ok(body) => Json(body).into_response(),
        Err(error) => {
            let status = StatusCode::from_u16(error.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(json!({ "error": error.to_string() }))).into_response()
        }
    }
}

async fn hsds_of(state: &AppState, service: Service) -> Result<Value, AppError> {
    let store = &state.store;
    let programme = store.programme(&service.programme_id).await?;
    let providers = store.providers().await?;
    Ok(hsds_service(
        &service,
        &programme,
        &providers,
        &state.centre.name,
        &state.centre.portal_url,
    ))
}

/// `GET /api/hsds/services`: one page of the published services, HSDS `Page` fields around them.
pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
    request: Request,
) -> Response {
    let (session, ip) = request_parts(&request);
    let result = async {
        let access = require_with(&state, session, ip, Permission::ViewPublicInformation).await?;
        let per_page = params.per_page.unwrap_or(20).clamp(1, MAX_PER_PAGE);
        let page = params.page.unwrap_or(1).max(1);
        let filter = CatalogueFilter {
            words: query_words(params.search.as_deref().unwrap_or_default()),
            ..CatalogueFilter::default()
        };
        let store = &access.state.store;
        let (total, summaries) = store
            .catalogue_search(
                &filter,
                i64::from(per_page),
                i64::from(page - 1) * i64::from(per_page),
            )
            .await?;
        let mut contents = Vec::with_capacity(summaries.len());
        for summary in summaries {
            let service = store.published_service(&summary.id).await?;
            contents.push(hsds_of(&state, service).await?);
        }
        let total_pages = (total + i64::from(per_page) - 1) / i64::from(per_page);
        Ok::<_, AppError>(json!({
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": contents.len(),
            "first_page": page == 1,
            "last_page": i64::from(page) >= total_pages,
            "empty": contents.is_empty(),
            "contents": contents,
        }))
    }
    .await;
    respond(result)
}

/// `GET /api/hsds/services/{id}`: one published service.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let (session, ip) = request_parts(&request);
    let result = async {
        let access = require_with(&state, session, ip, Permission::ViewPublicInformation).await?;
        let service = access.state.store.published_service(&id).await?;
        hsds_of(&state, service).await
    }
    .await;
    respond(result)
}

#[cfg(test)]
mod tests {
    use super::derived_id;

    #[test]
    fn derived_ids_are_stable_uuids() {
        let id = derived_id("0193-abc", "document/0");
        assert_eq!(id, derived_id("0193-abc", "document/0"));
        assert_ne!(id, derived_id("0193-abc", "document/1"));
        assert!(uuid::Uuid::parse_str(&id).is_ok());
    }
}
