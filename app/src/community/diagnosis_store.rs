//! The map of resources and needs and the community's profile in the database.

use super::Community;
use super::diagnosis::{CommunityProfile, MapEntry, MapEntryKind, NewMapEntry, ReportedNeed};
use super::store::{digest, flag};
use crate::domain::ServiceArea;
use crate::programme::TargetGroup;
use crate::store::rows::coded;
use crate::store::{Store, StoreError, StoreResult, from_db_time, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// Most reported needs shown beside a map (the newest).
const REPORTED_LIMIT: i64 = 50;

fn optional_figure(row: &AnyRow, column: &str) -> StoreResult<Option<u32>> {
    let value: Option<i64> = row.try_get(column)?;
    Ok(value.and_then(|n| u32::try_from(n).ok()))
}

impl Store {
    /// Adds an entry; the same entry sent again (community, kind, name) is kept once.
    pub async fn insert_map_entry(
        &self,
        community_id: &str,
        entry: &NewMapEntry,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO community_map_entries (id, community_id, kind, name, place, source, \
             note, need_report_id, recorded_by, recorded_at, digest) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (digest) DO NOTHING",
        )
        .bind(new_id())
        .bind(community_id)
        .bind(entry.kind.code())
        .bind(&entry.name)
        .bind(&entry.place)
        .bind(&entry.source)
        .bind(&entry.note)
        .bind(entry.need_report_id.as_deref())
        .bind(by)
        .bind(to_db_time(now))
        .bind(digest(&[community_id, entry.kind.code(), &entry.name]))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The map's entries, by kind and in the order recorded.
    pub async fn map_entries(&self, community_id: &str) -> StoreResult<Vec<MapEntry>> {
        let rows = sqlx::query(
            "SELECT e.id, e.kind, e.name, e.place, e.source, e.note, e.need_report_id, \
             u.display_name, e.recorded_at FROM community_map_entries e \
             JOIN users u ON u.id = e.recorded_by WHERE e.community_id = $1 \
             ORDER BY e.recorded_at, e.id",
        )
        .bind(community_id)
        .fetch_all(self.pool())
        .await?;
        let mut entries = rows
            .iter()
            .map(|row| {
                Ok(MapEntry {
                    id: row.try_get("id")?,
                    kind: coded(row, "kind", MapEntryKind::from_code)?,
                    name: row.try_get("name")?,
                    place: row.try_get("place")?,
                    source: row.try_get("source")?,
                    note: row.try_get("note")?,
                    need_report_id: row.try_get("need_report_id")?,
                    recorded_by: row.try_get("display_name")?,
                    recorded_at: from_db_time(&row.try_get::<String, _>("recorded_at")?)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        entries.sort_by_key(|entry| entry.kind);
        Ok(entries)
    }

    /// Removes an entry of the community's map (`NotFound` for another community's).
    pub async fn remove_map_entry(&self, community_id: &str, entry_id: &str) -> StoreResult<()> {
        let removed =
            sqlx::query("DELETE FROM community_map_entries WHERE id = $1 AND community_id = $2")
                .bind(entry_id)
                .bind(community_id)
                .execute(self.pool())
                .await?;
        match removed.rows_affected() {
            0 => Err(StoreError::NotFound),
            _ => Ok(()),
        }
    }

    /// The profile, empty until first written.
    pub async fn community_profile(&self, community_id: &str) -> StoreResult<CommunityProfile> {
        let row = sqlx::query(
            "SELECT characteristics, population, seniors, children, disabled, demography, \
             potential, first_plan, updated_at FROM community_profiles WHERE community_id = $1",
        )
        .bind(community_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(CommunityProfile::default());
        };
        Ok(CommunityProfile {
            characteristics: row.try_get("characteristics")?,
            population: optional_figure(&row, "population")?,
            seniors: optional_figure(&row, "seniors")?,
            children: optional_figure(&row, "children")?,
            disabled: optional_figure(&row, "disabled")?,
            demography: row.try_get("demography")?,
            potential: row.try_get("potential")?,
            first_plan: row.try_get("first_plan")?,
            updated_at: Some(from_db_time(&row.try_get::<String, _>("updated_at")?)?),
        })
    }

    pub async fn save_community_profile(
        &self,
        community_id: &str,
        profile: &CommunityProfile,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let figure = |n: Option<u32>| n.map(i64::from);
        sqlx::query(
            "INSERT INTO community_profiles (community_id, characteristics, population, seniors, \
             children, disabled, demography, potential, first_plan, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (community_id) DO UPDATE SET characteristics = excluded.characteristics, \
             population = excluded.population, seniors = excluded.seniors, \
             children = excluded.children, disabled = excluded.disabled, \
             demography = excluded.demography, potential = excluded.potential, \
             first_plan = excluded.first_plan, updated_by = excluded.updated_by, \
             updated_at = excluded.updated_at",
        )
        .bind(community_id)
        .bind(&profile.characteristics)
        .bind(figure(profile.population))
        .bind(figure(profile.seniors))
        .bind(figure(profile.children))
        .bind(figure(profile.disabled))
        .bind(&profile.demography)
        .bind(&profile.potential)
        .bind(&profile.first_plan)
        .bind(by)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The needs residents reported for a territorial community's place (the report's place
    /// names it) or a categorial community's target group, newest first, without contacts.
    pub async fn reported_needs_for(
        &self,
        community: &Community,
    ) -> StoreResult<Vec<ReportedNeed>> {
        let (place, group) = match community.target_group {
            Some(group) => (String::new(), group.code().to_owned()),
            None => (community.place.trim().to_lowercase(), String::new()),
        };
        if place.is_empty() && group.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT n.id, n.area, n.target_group, n.place, n.description, n.created_at, \
             CAST(CASE WHEN EXISTS (SELECT 1 FROM community_map_entries e \
             WHERE e.community_id = $3 AND e.need_report_id = n.id) THEN 1 ELSE 0 END AS BIGINT) \
             AS on_map FROM needs_reports n \
             WHERE ($1 <> '' AND LOWER(n.place) LIKE '%' || $1 || '%') \
             OR ($2 <> '' AND n.target_group = $2) \
             ORDER BY n.created_at DESC LIMIT $4",
        )
        .bind(&place)
        .bind(&group)
        .bind(&community.id)
        .bind(REPORTED_LIMIT)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ReportedNeed {
                    id: row.try_get("id")?,
                    area: coded(row, "area", ServiceArea::from_code)?,
                    target_group: coded(row, "target_group", TargetGroup::from_code)?,
                    place: row.try_get("place")?,
                    description: row.try_get("description")?,
                    created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
                    on_map: flag(row, "on_map")?,
                })
            })
            .collect()
    }
}
