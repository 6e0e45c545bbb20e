use super::{NeedReport, NeedStatus, NewNeed};
use crate::domain::ServiceArea;
use crate::programme::TargetGroup;
use crate::store::{Store, StoreError, StoreResult, from_db_time, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;

impl Store {
    pub async fn insert_need(
        &self,
        need: &NewNeed,
        reporter_id: Option<&str>,
        source_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let id = new_id();
        sqlx::query(
            "INSERT INTO needs_reports (id, area, target_group, place, description, contact, \
             reporter_id, source_hash, status, service_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'new', NULL, $9, $9)",
        )
        .bind(&id)
        .bind(need.area.code())
        .bind(need.target_group.code())
        .bind(&need.place)
        .bind(&need.description)
        .bind(&need.contact)
        .bind(reporter_id)
        .bind(source_hash)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    pub async fn needs_from_source_since(
        &self,
        source_hash: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM needs_reports WHERE source_hash = $1 AND created_at >= $2",
        )
        .bind(source_hash)
        .bind(to_db_time(since))
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get("n")?)
    }

    /// Reports, newest first, optionally of one status.
    pub async fn needs(&self, status: Option<NeedStatus>) -> StoreResult<Vec<NeedReport>> {
        let rows = sqlx::query(
            "SELECT id, area, target_group, place, description, contact, status, service_id, \
             created_at FROM needs_reports WHERE ($1 = '' OR status = $1) \
             ORDER BY created_at DESC LIMIT 500",
        )
        .bind(status.map(|s| s.code()).unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let text = |c: &str| row.try_get::<String, _>(c);
                let (area, group, status) = (text("area")?, text("target_group")?, text("status")?);
                Ok(NeedReport {
                    id: text("id")?,
                    need: NewNeed {
                        area: ServiceArea::from_code(&area).ok_or(StoreError::Corrupt(area))?,
                        target_group: TargetGroup::from_code(&group)
                            .ok_or(StoreError::Corrupt(group))?,
                        place: text("place")?,
                        description: text("description")?,
                        contact: text("contact")?,
                    },
                    status: NeedStatus::from_code(&status).ok_or(StoreError::Corrupt(status))?,
                    service_id: row.try_get("service_id")?,
                    created_at: from_db_time(&text("created_at")?)?,
                })
            })
            .collect()
    }

    /// How many reports there are per value of `column` (area, target_group or place), most
    /// first.
    pub async fn need_counts(&self, column: &'static str) -> StoreResult<Vec<(String, i64)>> {
        debug_assert!(matches!(column, "area" | "target_group" | "place"));
        let rows = sqlx::query(&format!(
            "SELECT {column} AS value, COUNT(*) AS n FROM needs_reports \
             GROUP BY {column} ORDER BY n DESC, value"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("value")?, row.try_get("n")?)))
            .collect()
    }

    pub async fn set_need_status(
        &self,
        id: &str,
        status: NeedStatus,
        service_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let result = sqlx::query(
            "UPDATE needs_reports SET status = $2, service_id = $3, updated_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(status.code())
        .bind(service_id)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        if result.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
