//! Catalogue queries over the published programmes.

use super::{CatalogueFilter, ServiceSummary};
use crate::programme::Service;
use crate::providers::Provider;
use crate::store::rows::from_json;
use crate::store::{Store, StoreResult};
use sqlx::Row;

/// `filter` as conditions over `services s` joined with `programmes p`, with the bound
/// values in placeholder order.
fn where_clause(filter: &CatalogueFilter) -> (String, Vec<String>) {
    let mut conditions = vec!["p.status = 'published'".to_owned()];
    let mut values = Vec::new();
    let mut add = |template: &str, value: String| {
        values.push(value);
        conditions.push(template.replace('?', &format!("${}", values.len())));
    };
    for word in &filter.words {
        add("s.search_text LIKE ?", format!("%{word}%"));
    }
    if let Some(area) = filter.area {
        add("s.area = ?", area.code().to_owned());
    }
    if let Some(form) = filter.form {
        add("s.form = ?", form.code().to_owned());
    }
    let tags = [
        ("group", filter.group.map(|g| g.code().to_owned())),
        ("place", filter.place.map(|p| p.code().to_owned())),
        ("package", filter.package.clone()),
        ("provider", filter.provider.clone()),
    ];
    for (kind, value) in tags {
        if let Some(value) = value {
            add(
                &format!(
                    "EXISTS (SELECT 1 FROM service_tags t WHERE t.service_id = s.id \
                     AND t.kind = '{kind}' AND t.value = ?)"
                ),
                value,
            );
        }
    }
    if let Some(free) = filter.free {
        conditions.push(format!("s.is_free = {}", i32::from(free)));
    }
    (format!(" WHERE {}", conditions.join(" AND ")), values)
}

impl Store {
    /// How many published services match, and `limit` of them from `offset`, in the order of
    /// the programmes' resolutions.
    #[tracing::instrument(skip_all, err)]
    pub async fn catalogue_search(
        &self,
        filter: &CatalogueFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(i64, Vec<ServiceSummary>)> {
        let (clause, values) = where_clause(filter);
        let from = format!("FROM services s JOIN programmes p ON p.id = s.programme_id{clause}");
        let count_sql = format!("SELECT COUNT(*) {from}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for value in &values {
            count = count.bind(value.as_str());
        }
        let total = count.fetch_one(self.pool()).await?;
        let n = values.len();
        let sql = format!(
            "SELECT s.details, p.name AS programme_name {from} \
             ORDER BY p.name, s.position LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(&sql);
        for value in &values {
            query = query.bind(value.as_str());
        }
        let rows = query
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        let services = rows
            .iter()
            .map(|row| {
                let service: Service = from_json(&row.try_get::<String, _>("details")?)?;
                Ok(ServiceSummary::of(&service, row.try_get("programme_name")?))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((total, services))
    }

    /// A service of a published programme; any other is not found.
    pub async fn published_service(&self, id: &str) -> StoreResult<Service> {
        let details: String = sqlx::query_scalar(
            "SELECT s.details FROM services s JOIN programmes p ON p.id = s.programme_id \
             WHERE s.id = $1 AND p.status = 'published'",
        )
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        from_json(&details)
    }

    /// The published services each provider offers, as (provider id, summary), in catalogue
    /// order: the directory's one query for every provider.
    pub async fn provided_services(&self) -> StoreResult<Vec<(String, ServiceSummary)>> {
        let rows = sqlx::query(
            "SELECT t.value AS provider_id, s.details, p.name AS programme_name \
             FROM services s JOIN programmes p ON p.id = s.programme_id \
             JOIN service_tags t ON t.service_id = s.id AND t.kind = 'provider' \
             WHERE p.status = 'published' ORDER BY p.name, s.position",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let service: Service = from_json(&row.try_get::<String, _>("details")?)?;
                Ok((
                    row.try_get("provider_id")?,
                    ServiceSummary::of(&service, row.try_get("programme_name")?),
                ))
            })
            .collect()
    }

    /// Every service of the published programmes with its programme's name.
    pub async fn published_services(&self) -> StoreResult<Vec<(Service, String)>> {
        let rows = sqlx::query(
            "SELECT s.details, p.name AS programme_name \
             FROM services s JOIN programmes p ON p.id = s.programme_id \
             WHERE p.status = 'published' ORDER BY p.name, s.position",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    from_json(&row.try_get::<String, _>("details")?)?,
                    row.try_get("programme_name")?,
                ))
            })
            .collect()
    }

    /// Providers that deliver at least one published service (the filter's choices).
    pub async fn catalogue_providers(&self) -> StoreResult<Vec<Provider>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT t.value FROM service_tags t \
             JOIN services s ON s.id = t.service_id \
             JOIN programmes p ON p.id = s.programme_id \
             WHERE t.kind = 'provider' AND p.status = 'published'",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(self
            .providers()
            .await?
            .into_iter()
            .filter(|provider| ids.contains(&provider.id))
            .collect())
    }
}
