//! Staff scopes.

use super::scope::Scope;
use crate::store::{Store, StoreResult};
use sqlx::Row;

impl Store {
    pub async fn scope_of(&self, user_id: &str) -> StoreResult<Scope> {
        let rows = sqlx::query(
            "SELECT kind, value FROM staff_scopes WHERE user_id = $1 ORDER BY kind, value",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        let mut scope = Scope::default();
        for row in rows {
            let (kind, value): (String, String) = (row.try_get("kind")?, row.try_get("value")?);
            match kind.as_str() {
                "programme" => scope.programmes.push(value),
                _ => scope.gminas.push(value),
            }
        }
        Ok(scope)
    }

    /// Replaces the user's scope.
    pub async fn set_scope(&self, user_id: &str, scope: &Scope) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM staff_scopes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        let entries = scope
            .programmes
            .iter()
            .map(|p| ("programme", p))
            .chain(scope.gminas.iter().map(|g| ("gmina", g)));
        for (kind, value) in entries {
            sqlx::query("INSERT INTO staff_scopes (user_id, kind, value) VALUES ($1, $2, $3)")
                .bind(user_id)
                .bind(kind)
                .bind(value)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
