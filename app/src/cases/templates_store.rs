//! The centre's refusal templates: one row while they differ from the defaults.

use super::templates::DecisionTemplates;
use crate::store::{Store, StoreResult, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;

impl Store {
    /// The saved templates of a refusal; None: the defaults apply.
    pub async fn decision_templates(&self) -> StoreResult<Option<DecisionTemplates>> {
        let row =
            sqlx::query("SELECT factual, legal FROM decision_templates WHERE kind = 'refusal'")
                .fetch_optional(self.pool())
                .await?;
        row.map(|row| {
            Ok(DecisionTemplates {
                factual: row.try_get("factual")?,
                legal: row.try_get("legal")?,
            })
        })
        .transpose()
    }

    /// Saves the templates, or with None goes back to the defaults.
    pub async fn save_decision_templates(
        &self,
        templates: Option<&DecisionTemplates>,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let Some(templates) = templates else {
            sqlx::query("DELETE FROM decision_templates WHERE kind = 'refusal'")
                .execute(self.pool())
                .await?;
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO decision_templates (kind, factual, legal, updated_at, updated_by) \
             VALUES ('refusal', $1, $2, $3, $4) ON CONFLICT (kind) DO UPDATE SET \
             factual = excluded.factual, legal = excluded.legal, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(&templates.factual)
        .bind(&templates.legal)
        .bind(to_db_time(now))
        .bind(by)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
