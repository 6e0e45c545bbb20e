//! Programmes, their services, packages and supporting activities, and providers.

use super::model::{Package, Programme, ProgrammeStatus, Service, SupportingActivity};
use crate::domain::search_text::fold;
use crate::providers::{Provider, ProviderKind};
use crate::store::rows::{from_json, to_json};
use crate::store::{Store, StoreError, StoreResult, to_db_time};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

fn date(row: &AnyRow, column: &str) -> StoreResult<NaiveDate> {
    let text: String = row.try_get(column)?;
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("{column}: {text}")))
}

const PROGRAMME_COLUMNS: &str = "id, lineage_id, version, status, name, gminas, \
     resolution_number, resolution_date, period_from, period_to, elements, personal_data, \
     retention_symbol, retention_category";

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds what a version says — from `name` to `retention_category` in `PROGRAMME_COLUMNS`.
fn bind_programme_text<'q>(
    query: AnyQuery<'q>,
    programme: &'q Programme,
) -> StoreResult<AnyQuery<'q>> {
    let symbol = programme.retention.symbol.as_ref();
    Ok(query
        .bind(&programme.name)
        .bind(to_json(&programme.gminas)?)
        .bind(&programme.resolution_number)
        .bind(programme.resolution_date.to_string())
        .bind(programme.period_from.to_string())
        .bind(programme.period_to.to_string())
        .bind(to_json(&programme.elements)?)
        .bind(to_json(&programme.personal_data)?)
        .bind(symbol.map_or("", |s| s.as_str()))
        .bind(programme.retention.category.to_string()))
}

fn programme_from_row(row: &AnyRow) -> StoreResult<Programme> {
    let status: String = row.try_get("status")?;
    Ok(Programme {
        id: row.try_get("id")?,
        lineage_id: row.try_get("lineage_id")?,
        version: u32::try_from(row.try_get::<i64, _>("version")?)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        name: row.try_get("name")?,
        gminas: from_json(&row.try_get::<String, _>("gminas")?)?,
        resolution_number: row.try_get("resolution_number")?,
        resolution_date: date(row, "resolution_date")?,
        period_from: date(row, "period_from")?,
        period_to: date(row, "period_to")?,
        status: ProgrammeStatus::from_code(&status).ok_or(StoreError::Corrupt(status))?,
        elements: from_json(&row.try_get::<String, _>("elements")?)?,
        personal_data: from_json(&row.try_get::<String, _>("personal_data")?)?,
        retention: retention_from_row(row)?,
    })
}

fn retention_from_row(row: &AnyRow) -> StoreResult<crate::domain::Retention> {
    use crate::domain::{ArchivalCategory, JrwaSymbol};
    let symbol: String = row.try_get("retention_symbol")?;
    let category: String = row.try_get("retention_category")?;
    Ok(crate::domain::Retention {
        symbol: (!symbol.is_empty())
            .then(|| JrwaSymbol::parse(&symbol))
            .transpose()
            .map_err(|_| StoreError::Corrupt(format!("retention_symbol: {symbol}")))?,
        category: ArchivalCategory::parse(&category)
            .map_err(|_| StoreError::Corrupt(format!("retention_category: {category}")))?,
    })
}

fn provider_from_row(row: &AnyRow) -> StoreResult<Provider> {
    let kind: String = row.try_get("kind")?;
    Ok(Provider {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: ProviderKind::from_code(&kind).ok_or(StoreError::Corrupt(kind))?,
        nip: row.try_get("nip")?,
        address: row.try_get("address")?,
        phone: row.try_get("phone")?,
        email: row.try_get("email")?,
        website: row.try_get("website")?,
        description: row.try_get("description")?,
    })
}

/// The text a service is found by: its name, goal, characteristics and conditions.
pub(crate) fn search_text_of(service: &Service) -> String {
    fold(
        &[
            service.name.as_str(),
            &service.goal,
            &service.characteristics,
            &service.conditions.text,
        ]
        .join(" "),
    )
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

async fn insert_tag(tx: &mut Tx<'_>, service_id: &str, kind: &str, value: &str) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO service_tags (service_id, kind, value) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(service_id)
    .bind(kind)
    .bind(value)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The service's row, after the programme's existing ones, and its filter tags.
async fn insert_service_row(tx: &mut Tx<'_>, service: &Service) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO services (id, programme_id, position, name, area, form, is_free, details, search_text) \
         VALUES ($1, $2, (SELECT COALESCE(MAX(position) + 1, 0) FROM services \
                 WHERE programme_id = $2), \
                 $3, $4, $5, $6, $7, $8)",
    )
    .bind(&service.id)
    .bind(&service.programme_id)
    .bind(&service.name)
    .bind(service.area.code())
    .bind(service.form.code())
    .bind(i32::from(service.is_free()))
    .bind(to_json(service)?)
    .bind(search_text_of(service))
    .execute(&mut **tx)
    .await?;
    let groups = service.target_groups.iter().map(|g| ("group", g.code()));
    let places = service.places.iter().map(|p| ("place", p.code()));
    let providers = service
        .provider_ids
        .iter()
        .map(|p| ("provider", p.as_str()));
    for (kind, value) in groups.chain(places).chain(providers) {
        insert_tag(tx, &service.id, kind, value).await?;
    }
    Ok(())
}

impl Store {
    pub async fn insert_provider(&self, provider: &Provider) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO providers (id, name, kind, nip, address, phone, email, website, description) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&provider.id)
        .bind(&provider.name)
        .bind(provider.kind.code())
        .bind(&provider.nip)
        .bind(&provider.address)
        .bind(&provider.phone)
        .bind(&provider.email)
        .bind(&provider.website)
        .bind(&provider.description)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Every provider, by name.
    pub async fn providers(&self) -> StoreResult<Vec<Provider>> {
        let rows = sqlx::query("SELECT * FROM providers ORDER BY name")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(provider_from_row).collect()
    }

    /// A new programme version, as a draft unless `programme.status` says otherwise.
    pub async fn insert_programme(
        &self,
        programme: &Programme,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let sql = format!(
            "INSERT INTO programmes ({PROGRAMME_COLUMNS}, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
        );
        let query = sqlx::query(&sql)
            .bind(&programme.id)
            .bind(&programme.lineage_id)
            .bind(i64::from(programme.version))
            .bind(programme.status.code());
        bind_programme_text(query, programme)?
            .bind(to_db_time(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn programme(&self, id: &str) -> StoreResult<Programme> {
        let row = sqlx::query(&format!(
            "SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        programme_from_row(&row)
    }

    /// Every version of every programme, newest version first within a lineage.
    pub async fn programmes(&self) -> StoreResult<Vec<Programme>> {
        let rows = sqlx::query(&format!(
            "SELECT {PROGRAMME_COLUMNS} FROM programmes ORDER BY name, lineage_id, version DESC"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(programme_from_row).collect()
    }

    /// Publishes a draft version; the version it replaces (same lineage) becomes superseded
    /// and stays readable. Only a draft can be published: a published text changes only by a
    /// new version.
    pub async fn publish_programme(&self, id: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let lineage: String = sqlx::query_scalar(
            "UPDATE programmes SET status = 'published', published_at = $2 \
             WHERE id = $1 AND status = 'draft' RETURNING lineage_id",
        )
        .bind(id)
        .bind(to_db_time(now))
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::Conflict)?;
        sqlx::query(
            "UPDATE programmes SET status = 'superseded' \
             WHERE lineage_id = $1 AND id <> $2 AND status = 'published'",
        )
        .bind(lineage)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a service to a programme version, after its existing ones.
    pub async fn insert_service(&self, service: &Service) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        insert_service_row(&mut tx, service).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a service of a draft programme version (its text, conditions, limit or fee).
    pub async fn replace_service(&self, service: &Service) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let kept = sqlx::query(
            "SELECT s.position, s.copied_from FROM services s \
             JOIN programmes p ON p.id = s.programme_id \
             WHERE s.id = $1 AND s.programme_id = $2 AND p.status = 'draft'",
        )
        .bind(&service.id)
        .bind(&service.programme_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::Conflict)?;
        let position: i64 = kept.try_get("position")?;
        let copied_from: Option<String> = kept.try_get("copied_from")?;
        let packages: Vec<String> = sqlx::query_scalar(
            "SELECT value FROM service_tags WHERE service_id = $1 AND kind = 'package'",
        )
        .bind(&service.id)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM service_tags WHERE service_id = $1")
            .bind(&service.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM services WHERE id = $1")
            .bind(&service.id)
            .execute(&mut *tx)
            .await?;
        insert_service_row(&mut tx, service).await?;
        sqlx::query("UPDATE services SET position = $2, copied_from = $3 WHERE id = $1")
            .bind(&service.id)
            .bind(position)
            .bind(copied_from)
            .execute(&mut *tx)
            .await?;
        for package in packages {
            insert_tag(&mut tx, &service.id, "package", &package).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A new draft version of a programme (a new resolution will adopt it) with copies of its
    /// services, packages and supporting activities. The copied version stays as it was.
    pub async fn new_programme_version(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Programme> {
        let source = self.programme(id).await?;
        let latest: i64 =
            sqlx::query_scalar("SELECT MAX(version) FROM programmes WHERE lineage_id = $1")
                .bind(&source.lineage_id)
                .fetch_one(self.pool())
                .await?;
        let programme = Programme {
            id: crate::store::new_id(),
            version: u32::try_from(latest + 1).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            status: ProgrammeStatus::Draft,
            ..source.clone()
        };
        self.insert_programme(&programme, now).await?;
        let mut new_ids = std::collections::HashMap::new();
        for service in self.services_of(&source.id).await? {
            let copy = Service {
                id: crate::store::new_id(),
                programme_id: programme.id.clone(),
                ..service.clone()
            };
            self.insert_service(&copy).await?;
            sqlx::query("UPDATE services SET copied_from = $2 WHERE id = $1")
                .bind(&copy.id)
                .bind(&service.id)
                .execute(self.pool())
                .await?;
            new_ids.insert(service.id, copy.id);
        }
        for package in self.packages(Some(&source.id)).await? {
            self.insert_package(&Package {
                id: crate::store::new_id(),
                programme_id: programme.id.clone(),
                service_ids: package
                    .service_ids
                    .iter()
                    .filter_map(|id| new_ids.get(id).cloned())
                    .collect(),
                ..package
            })
            .await?;
        }
        for activity in self.supporting_activities(&source.id).await? {
            self.insert_supporting_activity(&SupportingActivity {
                id: crate::store::new_id(),
                programme_id: programme.id.clone(),
                ..activity
            })
            .await?;
        }
        Ok(programme)
    }

    pub async fn service(&self, id: &str) -> StoreResult<Service> {
        let details: String = sqlx::query_scalar("SELECT details FROM services WHERE id = $1")
            .bind(id)
            .fetch_one(self.pool())
            .await?;
        from_json(&details)
    }

    /// The services of one programme version, in the order of the resolution.
    pub async fn services_of(&self, programme_id: &str) -> StoreResult<Vec<Service>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT details FROM services WHERE programme_id = $1 ORDER BY position",
        )
        .bind(programme_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|details| from_json(details)).collect()
    }

    /// A package and the tags that let the catalogue filter by it.
    pub async fn insert_package(&self, package: &Package) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO packages (id, programme_id, name, description, service_ids) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&package.id)
        .bind(&package.programme_id)
        .bind(&package.name)
        .bind(&package.description)
        .bind(to_json(&package.service_ids)?)
        .execute(&mut *tx)
        .await?;
        for service_id in &package.service_ids {
            insert_tag(&mut tx, service_id, "package", &package.id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The packages of the published programmes (for the catalogue filter) or of one version.
    pub async fn packages(&self, programme_id: Option<&str>) -> StoreResult<Vec<Package>> {
        let rows = sqlx::query(
            "SELECT k.id, k.programme_id, k.name, k.description, k.service_ids \
             FROM packages k JOIN programmes p ON p.id = k.programme_id \
             WHERE ($1 IS NULL AND p.status = 'published') OR k.programme_id = $1 \
             ORDER BY k.name",
        )
        .bind(programme_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Package {
                    id: row.try_get("id")?,
                    programme_id: row.try_get("programme_id")?,
                    name: row.try_get("name")?,
                    description: row.try_get("description")?,
                    service_ids: from_json(&row.try_get::<String, _>("service_ids")?)?,
                })
            })
            .collect()
    }

    pub async fn insert_supporting_activity(
        &self,
        activity: &SupportingActivity,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO supporting_activities (id, programme_id, name, description) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&activity.id)
        .bind(&activity.programme_id)
        .bind(&activity.name)
        .bind(&activity.description)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn supporting_activities(
        &self,
        programme_id: &str,
    ) -> StoreResult<Vec<SupportingActivity>> {
        let rows = sqlx::query(
            "SELECT id, programme_id, name, description FROM supporting_activities \
             WHERE programme_id = $1 ORDER BY name",
        )
        .bind(programme_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SupportingActivity {
                    id: row.try_get("id")?,
                    programme_id: row.try_get("programme_id")?,
                    name: row.try_get("name")?,
                    description: row.try_get("description")?,
                })
            })
            .collect()
    }

    /// Replaces what a draft version says: its name, gminas, resolution, period, elements,
    /// personal data and retention. `Conflict` when the version is no longer a draft.
    pub async fn update_programme(&self, programme: &Programme) -> StoreResult<()> {
        let query = sqlx::query(
            "UPDATE programmes SET name = $2, gminas = $3, resolution_number = $4, \
             resolution_date = $5, period_from = $6, period_to = $7, elements = $8, \
             personal_data = $9, retention_symbol = $10, retention_category = $11 \
             WHERE id = $1 AND status = 'draft'",
        )
        .bind(&programme.id);
        let updated = bind_programme_text(query, programme)?
            .execute(self.pool())
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::Conflict);
        }
        Ok(())
    }

    /// Removes a service from a draft version, and from the draft's packages.
    pub async fn remove_service(&self, programme_id: &str, service_id: &str) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        ensure_draft_in(&mut tx, programme_id).await?;
        let removed = sqlx::query("DELETE FROM services WHERE id = $1 AND programme_id = $2")
            .bind(service_id)
            .bind(programme_id)
            .execute(&mut *tx)
            .await?;
        if removed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let packages = sqlx::query("SELECT id, service_ids FROM packages WHERE programme_id = $1")
            .bind(programme_id)
            .fetch_all(&mut *tx)
            .await?;
        for row in packages {
            let mut ids: Vec<String> = from_json(&row.try_get::<String, _>("service_ids")?)?;
            ids.retain(|id| id != service_id);
            sqlx::query("UPDATE packages SET service_ids = $2 WHERE id = $1")
                .bind(row.try_get::<String, _>("id")?)
                .bind(to_json(&ids)?)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a package of a draft version (its name, description and services).
    pub async fn update_package(&self, package: &Package) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        ensure_draft_in(&mut tx, &package.programme_id).await?;
        delete_package_in(&mut tx, &package.programme_id, &package.id).await?;
        tx.commit().await?;
        self.insert_package(package).await
    }

    /// Removes a package from a draft version; its services stay.
    pub async fn remove_package(&self, programme_id: &str, package_id: &str) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        ensure_draft_in(&mut tx, programme_id).await?;
        delete_package_in(&mut tx, programme_id, package_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a supporting activity of a draft version.
    pub async fn update_supporting_activity(
        &self,
        activity: &SupportingActivity,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        ensure_draft_in(&mut tx, &activity.programme_id).await?;
        let updated = sqlx::query(
            "UPDATE supporting_activities SET name = $3, description = $4 \
             WHERE id = $1 AND programme_id = $2",
        )
        .bind(&activity.id)
        .bind(&activity.programme_id)
        .bind(&activity.name)
        .bind(&activity.description)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// Removes a supporting activity from a draft version.
    pub async fn remove_supporting_activity(
        &self,
        programme_id: &str,
        activity_id: &str,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        ensure_draft_in(&mut tx, programme_id).await?;
        let removed =
            sqlx::query("DELETE FROM supporting_activities WHERE id = $1 AND programme_id = $2")
                .bind(activity_id)
                .bind(programme_id)
                .execute(&mut *tx)
                .await?;
        if removed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }
}

/// `Conflict` unless programme version `id` is a draft (only a draft changes).
async fn ensure_draft_in(tx: &mut Tx<'_>, id: &str) -> StoreResult<()> {
    let status: String = sqlx::query_scalar("SELECT status FROM programmes WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    if status == ProgrammeStatus::Draft.code() {
        Ok(())
    } else {
        Err(StoreError::Conflict)
    }
}

async fn delete_package_in(tx: &mut Tx<'_>, programme_id: &str, id: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM service_tags WHERE kind = 'package' AND value = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let removed = sqlx::query("DELETE FROM packages WHERE id = $1 AND programme_id = $2")
        .bind(id)
        .bind(programme_id)
        .execute(&mut **tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
