//! Data migrations: changes to stored data that need the rooms' own code, each run once
//! (recorded in `data_migrations`) after the schema migrations. They live above the rooms, so
//! that `store/` imports no capability.

use crate::domain::search_text::fold;
use crate::store::{Store, StoreResult, from_db_day, to_db_time};
use sqlx::Row;

/// Search text is folded by `fold()`; since it drops every combining mark ("ü", "š", "й"), the
/// text stored before is folded again so that searches keep finding it.
const REFOLD_SEARCH_TEXT: &str = "2026-11-refold-search-text";
/// The KPA decision deadline now moves past Saturdays, Sundays and holidays (art. 57 § 4): the
/// deadlines stored before are computed again.
const DECISION_DUE_ON_WORKING_DAYS: &str = "2026-12-decision-due-on-working-days";
/// The plans desk reads each plan's stored facts: those of the plans made before are computed.
const PLAN_FACTS: &str = "2026-12-plan-facts";

impl Store {
    /// Applies the pending schema migrations, then the data migrations not run yet.
    pub async fn migrate(&self) -> StoreResult<()> {
        self.migrate_schema().await?;
        self.run_data_migrations().await
    }

    /// Runs the data migrations not run yet, in order.
    pub async fn run_data_migrations(&self) -> StoreResult<()> {
        for name in [REFOLD_SEARCH_TEXT, DECISION_DUE_ON_WORKING_DAYS, PLAN_FACTS] {
            if self.data_migration_done(name).await? {
                continue;
            }
            match name {
                REFOLD_SEARCH_TEXT => self.refold_search_text().await?,
                DECISION_DUE_ON_WORKING_DAYS => self.recompute_decision_due().await?,
                _ => self.refresh_all_plan_facts().await?,
            }
            sqlx::query("INSERT INTO data_migrations (name, applied_at) VALUES ($1, $2)")
                .bind(name)
                .bind(to_db_time(chrono::Utc::now()))
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }

    /// Every stored decision deadline, from its registration day and whether it is complicated.
    async fn recompute_decision_due(&self) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let cases = sqlx::query(
            "SELECT id, registered_on, complicated, decision_due FROM applications \
             WHERE registered_on IS NOT NULL AND decision_due IS NOT NULL",
        )
        .fetch_all(&mut *tx)
        .await?;
        for row in cases {
            let registered_on = from_db_day(&row.try_get::<String, _>("registered_on")?)?;
            let complicated = row.try_get::<i64, _>("complicated")? != 0;
            let due = crate::cases::decision_due(registered_on, complicated).to_string();
            if due != row.try_get::<String, _>("decision_due")? {
                sqlx::query("UPDATE applications SET decision_due = $2 WHERE id = $1")
                    .bind(row.try_get::<String, _>("id")?)
                    .bind(due)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn data_migration_done(&self, name: &str) -> StoreResult<bool> {
        Ok(
            sqlx::query("SELECT name FROM data_migrations WHERE name = $1")
                .bind(name)
                .fetch_optional(self.pool())
                .await?
                .is_some(),
        )
    }

    /// Folds the services' search text and the case names again, where it differs.
    async fn refold_search_text(&self) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let services = sqlx::query("SELECT id, details, search_text FROM services")
            .fetch_all(&mut *tx)
            .await?;
        for row in services {
            let service = crate::store::rows::from_json(&row.try_get::<String, _>("details")?)?;
            let text = crate::programme::store::search_text_of(&service);
            if text != row.try_get::<String, _>("search_text")? {
                sqlx::query("UPDATE services SET search_text = $2 WHERE id = $1")
                    .bind(row.try_get::<String, _>("id")?)
                    .bind(text)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let cases =
            sqlx::query("SELECT id, subject, name_words FROM applications WHERE name_words <> ''")
                .fetch_all(&mut *tx)
                .await?;
        for row in cases {
            let subject: crate::applications::PersonInput =
                crate::store::rows::from_json(&row.try_get::<String, _>("subject")?)?;
            let words = fold(&subject.name);
            if words != row.try_get::<String, _>("name_words")? {
                sqlx::query("UPDATE applications SET name_words = $2 WHERE id = $1")
                    .bind(row.try_get::<String, _>("id")?)
                    .bind(words)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
