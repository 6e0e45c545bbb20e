use super::{AuditEntry, AuditEvent, AuditFilter, AuditLine, ChainCheck};
use crate::store::{Keys, Store, StoreResult, to_db_time};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// The hash before the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of an entry over the previous hash and every field, each length-prefixed so that
/// no two different entries serialise alike: HMAC-SHA256 with the audit key (kept outside the
/// database, so whoever rewrites entries cannot recompute the chain), or plain SHA-256 for the
/// entries written before the key was introduced.
fn entry_hash(keys: Option<&Keys>, prev: &str, seq: i64, at: &str, e: &AuditEvent) -> String {
    let fields = [
        Some(prev),
        Some(&*seq.to_string()),
        Some(at),
        e.actor_id.as_deref(),
        e.actor_role.as_deref(),
        Some(&*e.action),
        e.record_type.as_deref(),
        e.record_id.as_deref(),
        e.person_id.as_deref(),
        e.ip.as_deref(),
        e.purpose.as_deref(),
    ];
    let mut serialised = String::new();
    for field in fields {
        match field {
            Some(text) => serialised.push_str(&format!("{}:{text};", text.len())),
            None => serialised.push_str("-;"),
        }
    }
    match keys {
        Some(keys) => keys.audit_mac(&serialised),
        None => format!("{:x}", Sha256::digest(serialised.as_bytes())),
    }
}

/// What the head row's HMAC covers: the last entry, its hash and where keyed entries begin.
fn head_text(seq: i64, hash: &str, keyed_from: i64) -> String {
    format!("audit head {seq} {hash} {keyed_from}")
}

/// Entries read per query while verifying: memory stays the same whatever the trail's length.
const VERIFY_PAGE: i64 = 5_000;

const COLUMNS: &str = "seq, at, actor_id, actor_role, action, record_type, record_id, person_id, \
                       ip, purpose, prev_hash, hash, keyed";

fn entry_from_row(row: &sqlx::any::AnyRow) -> StoreResult<(AuditEntry, String)> {
    let entry = AuditEntry {
        seq: row.try_get("seq")?,
        at: row.try_get("at")?,
        event: AuditEvent {
            actor_id: row.try_get("actor_id")?,
            actor_role: row.try_get("actor_role")?,
            action: row.try_get("action")?,
            record_type: row.try_get("record_type")?,
            record_id: row.try_get("record_id")?,
            person_id: row.try_get("person_id")?,
            ip: row.try_get("ip")?,
            purpose: row.try_get("purpose")?,
        },
        hash: row.try_get("hash")?,
    };
    Ok((entry, row.try_get("prev_hash")?))
}

impl Store {
    /// Appends an entry. Writers are serialised by updating the single `audit_head` row first,
    /// which both SQLite and PostgreSQL lock until commit, so the chain never forks.
    #[tracing::instrument(skip_all, fields(action = %event.action), err)]
    pub async fn audit(&self, event: &AuditEvent, now: DateTime<Utc>) -> StoreResult<i64> {
        let mut tx = self.pool().begin().await?;
        let keys = self.keys()?;
        let head = sqlx::query(
            "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash, keyed_from",
        )
        .fetch_one(&mut *tx)
        .await?;
        let seq: i64 = head.try_get("seq")?;
        let prev: String = head.try_get("hash")?;
        let keyed_from = head.try_get::<Option<i64>, _>("keyed_from")?.unwrap_or(seq);
        let at = to_db_time(now);
        let hash = entry_hash(Some(keys), &prev, seq, &at, event);
        sqlx::query(&format!(
            "INSERT INTO audit_log ({COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)"
        ))
        .bind(seq)
        .bind(&at)
        .bind(&event.actor_id)
        .bind(&event.actor_role)
        .bind(&event.action)
        .bind(&event.record_type)
        .bind(&event.record_id)
        .bind(&event.person_id)
        .bind(&event.ip)
        .bind(&event.purpose)
        .bind(&prev)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE audit_head SET hash = $1, keyed_from = $2, mac = $3 WHERE id = 1")
            .bind(&hash)
            .bind(keyed_from)
            .bind(keys.audit_mac(&head_text(seq, &hash, keyed_from)))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(seq)
    }

    /// Appends `events`, each with its time, oldest first, in one transaction and in statements
    /// of many rows: how the scale generator (`cus bench-scale`) writes a trail of millions.
    pub async fn audit_batch(&self, events: &[(AuditEvent, DateTime<Utc>)]) -> StoreResult<()> {
        const ROWS: usize = 500;
        let keys = self.keys()?;
        let mut tx = self.pool().begin().await?;
        let head = sqlx::query("SELECT seq, hash, keyed_from FROM audit_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let mut seq: i64 = head.try_get("seq")?;
        let mut prev: String = head.try_get("hash")?;
        let keyed_from = head
            .try_get::<Option<i64>, _>("keyed_from")?
            .unwrap_or(seq + 1);
        for chunk in events.chunks(ROWS) {
            // Every entry written here is keyed (the last column, bound as 1).
            let sql = format!(
                "INSERT INTO audit_log ({COLUMNS}) VALUES {}",
                crate::store::value_rows(chunk.len(), 13)
            );
            let mut query = sqlx::query(&sql);
            for (event, at) in chunk {
                seq += 1;
                let at = to_db_time(*at);
                let hash = entry_hash(Some(keys), &prev, seq, &at, event);
                query = query
                    .bind(seq)
                    .bind(at)
                    .bind(event.actor_id.clone())
                    .bind(event.actor_role.clone())
                    .bind(event.action.clone())
                    .bind(event.record_type.clone())
                    .bind(event.record_id.clone())
                    .bind(event.person_id.clone())
                    .bind(event.ip.clone())
                    .bind(event.purpose.clone())
                    .bind(std::mem::replace(&mut prev, hash.clone()))
                    .bind(hash)
                    .bind(1_i64);
            }
            query.execute(&mut *tx).await?;
        }
        sqlx::query(
            "UPDATE audit_head SET seq = $1, hash = $2, keyed_from = $3, mac = $4 WHERE id = 1",
        )
        .bind(seq)
        .bind(&prev)
        .bind(keyed_from)
        .bind(keys.audit_mac(&head_text(seq, &prev, keyed_from)))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Signs the head of a trail written before the key existed (once, when the key is first
    /// used): from then on its entries cannot be rewritten unnoticed, and later ones are keyed.
    pub async fn anchor_audit_head(&self) -> StoreResult<()> {
        let keys = self.keys()?;
        let mut tx = self.pool().begin().await?;
        let head = sqlx::query(
            "UPDATE audit_head SET seq = seq WHERE id = 1 AND mac IS NULL RETURNING seq, hash",
        )
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(head) = head {
            let seq: i64 = head.try_get("seq")?;
            let hash: String = head.try_get("hash")?;
            let keyed_from = seq + 1;
            sqlx::query("UPDATE audit_head SET keyed_from = $1, mac = $2 WHERE id = 1")
                .bind(keyed_from)
                .bind(keys.audit_mac(&head_text(seq, &hash, keyed_from)))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Recomputes the chain from the first entry, a page at a time; reports the first entry
    /// that does not match. Entries from the head's `keyed_from` on must be keyed, those
    /// before it not, and the head's own HMAC must match (so the chain cannot be rewritten
    /// unkeyed, nor its newest entries removed).
    pub async fn verify_audit_chain(&self) -> StoreResult<ChainCheck> {
        let keys = self.keys()?;
        let head = sqlx::query("SELECT seq, hash, keyed_from, mac FROM audit_head WHERE id = 1")
            .fetch_one(self.pool())
            .await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        let keyed_from: Option<i64> = head.try_get("keyed_from")?;
        let mac: Option<String> = head.try_get("mac")?;
        let head_signed = match (keyed_from, &mac) {
            (Some(from), Some(mac)) => {
                *mac == keys.audit_mac(&head_text(head_seq, &head_hash, from))
            }
            _ => head_seq == 0,
        };
        if !head_signed {
            return Ok(ChainCheck::Broken {
                seq: head_seq.max(1),
            });
        }
        let keyed_from = keyed_from.unwrap_or(1);
        let mut prev = GENESIS.to_owned();
        let mut expected_seq = 1;
        loop {
            let rows = sqlx::query(&format!(
                "SELECT {COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2"
            ))
            .bind(expected_seq)
            .bind(VERIFY_PAGE)
            .fetch_all(self.pool())
            .await?;
            for row in &rows {
                let (entry, stored_prev) = entry_from_row(row)?;
                let keyed = row.try_get::<i64, _>("keyed")? == 1;
                let recomputed = entry_hash(
                    keyed.then_some(keys),
                    &prev,
                    entry.seq,
                    &entry.at,
                    &entry.event,
                );
                if entry.seq != expected_seq
                    || stored_prev != prev
                    || recomputed != entry.hash
                    || keyed != (entry.seq >= keyed_from)
                {
                    return Ok(ChainCheck::Broken { seq: entry.seq });
                }
                prev = entry.hash;
                expected_seq += 1;
            }
            if (rows.len() as i64) < VERIFY_PAGE {
                break;
            }
        }
        if head_hash != prev || head_seq != expected_seq - 1 {
            // The newest entries were removed.
            return Ok(ChainCheck::Broken { seq: expected_seq });
        }
        Ok(ChainCheck::Intact {
            entries: expected_seq - 1,
        })
    }

    /// Newest entries first, optionally only those about one person or by one actor.
    pub async fn audit_entries(
        &self,
        person_id: Option<&str>,
        actor_id: Option<&str>,
        limit: i64,
    ) -> StoreResult<Vec<AuditEntry>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM audit_log \
             WHERE ($1 IS NULL OR person_id = $1) AND ($2 IS NULL OR actor_id = $2) \
             ORDER BY seq DESC LIMIT $3"
        ))
        .bind(person_id)
        .bind(actor_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| entry_from_row(row).map(|(entry, _)| entry))
            .collect()
    }
}

/// `filter` as a WHERE clause over `audit_log a` with its bound values, in placeholder order.
fn where_clause(filter: &AuditFilter) -> (String, Vec<String>) {
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    let mut add = |template: &str, value: Option<String>| {
        if let Some(value) = value {
            values.push(value);
            conditions.push(template.replace('?', &format!("${}", values.len())));
        }
    };
    add("a.at >= ?", filter.since.map(to_db_time));
    add("a.at < ?", filter.before.map(to_db_time));
    add("a.actor_id = ?", filter.actor_id.clone());
    add(
        "a.actor_id IN (SELECT id FROM users WHERE email = ?)",
        filter.actor_email.clone(),
    );
    add("a.action = ?", filter.action.map(|a| a.code().to_owned()));
    add("a.person_id = ?", filter.person_id.clone());
    add("a.record_type = ?", filter.record_type.clone());
    add("a.record_id = ?", filter.record_id.clone());
    add("a.ip = ?", filter.ip.clone());
    if conditions.is_empty() {
        (String::new(), values)
    } else {
        (format!(" WHERE {}", conditions.join(" AND ")), values)
    }
}

impl Store {
    /// How many entries match `filter`.
    #[tracing::instrument(skip_all, err)]
    pub async fn audit_count(&self, filter: &AuditFilter) -> StoreResult<i64> {
        let (clause, values) = where_clause(filter);
        if values.is_empty() {
            // The trail is append-only and numbered from 1 without gaps: its head knows its
            // length, where counting would read millions of rows.
            return Ok(
                sqlx::query_scalar::<_, i64>("SELECT seq FROM audit_head WHERE id = 1")
                    .fetch_one(self.pool())
                    .await?,
            );
        }
        let sql = format!("SELECT COUNT(*) FROM audit_log a{clause}");
        let mut query = sqlx::query_scalar::<_, i64>(&sql);
        for value in values {
            query = query.bind(value);
        }
        Ok(query.fetch_one(self.pool()).await?)
    }

    /// Entries matching `filter`, newest first, `limit` of them after skipping `offset`, with
    /// the actor's e-mail.
    #[tracing::instrument(skip_all, err)]
    pub async fn audit_search(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<AuditLine>> {
        let (clause, values) = where_clause(filter);
        let n = values.len();
        let columns = COLUMNS
            .split(',')
            .map(|c| format!("a.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {columns}, u.email AS actor_email FROM audit_log a \
             LEFT JOIN users u ON u.id = a.actor_id{clause} \
             ORDER BY a.seq DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(&sql);
        for value in values {
            query = query.bind(value);
        }
        let rows = query
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                Ok(AuditLine {
                    entry: entry_from_row(row)?.0,
                    actor_email: row.try_get("actor_email")?,
                })
            })
            .collect()
    }
}
