use super::OutgoingEmail;
use crate::domain::Email;
use crate::store::{Store, StoreResult, new_id, to_db_time};
use chrono::{DateTime, Utc};

/// The body with every web address replaced by a note, lines and other words kept.
pub fn redact_links(body: &str) -> String {
    body.split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
                format!("[link usunięty po wysłaniu]{}", &word[trimmed.len()..])
            } else {
                word.to_owned()
            }
        })
        .collect()
}

/// How a message left the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// No SMTP configured: the message was written to the log.
    Logged,
}

impl Store {
    #[tracing::instrument(skip_all, err)]
    /// Counts a link mailed to `to` from a public form (registration, password reset) and
    /// answers how many such mails it got since `since`, this one included (addresses compared in
    /// lower case: `Anna@` and `anna@` are one mailbox).
    pub async fn count_public_form_mail(
        &self,
        to: &Email,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let address = to.account_key();
        sqlx::query("INSERT INTO public_form_mails (address, at) VALUES ($1, $2)")
            .bind(&address)
            .bind(to_db_time(now))
            .execute(self.pool())
            .await?;
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM public_form_mails WHERE address = $1 AND at >= $2",
        )
        .bind(&address)
        .bind(to_db_time(since))
        .fetch_one(self.pool())
        .await?)
    }

    pub async fn enqueue_email(
        &self,
        to: &Email,
        subject: &str,
        body_text: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let id = new_id();
        sqlx::query(
            "INSERT INTO outbox (id, to_address, subject, body_text, status, attempts, created_at) \
             VALUES ($1, $2, $3, $4, 'pending', 0, $5)",
        )
        .bind(&id)
        .bind(to.as_str())
        .bind(subject)
        .bind(body_text)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    /// Oldest messages still waiting, at most `limit`.
    pub async fn pending_emails(&self, limit: i64) -> StoreResult<Vec<OutgoingEmail>> {
        let rows = sqlx::query_as::<_, OutgoingEmail>(
            "SELECT id, to_address, subject, body_text FROM outbox \
             WHERE status IN ('pending', 'sending') ORDER BY created_at, id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows)
    }

    /// Takes a message for delivery; false when another instance already has it. A claim
    /// older than ten minutes (a crashed sender) may be taken again.
    pub async fn claim_email(&self, id: &str, now: DateTime<Utc>) -> StoreResult<bool> {
        let stale = to_db_time(now - chrono::Duration::minutes(10));
        let result = sqlx::query(
            "UPDATE outbox SET status = 'sending', claimed_at = $1 WHERE id = $2 \
             AND (status = 'pending' OR (status = 'sending' AND claimed_at < $3))",
        )
        .bind(to_db_time(now))
        .bind(id)
        .bind(stale)
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    pub async fn mark_email_delivered(
        &self,
        id: &str,
        how: Delivery,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let status = match how {
            Delivery::Sent => "sent",
            Delivery::Logged => "logged",
        };
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE outbox SET status = $1, sent_at = $2, attempts = attempts + 1 WHERE id = $3",
        )
        .bind(status)
        .bind(to_db_time(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Once the mail server has it, the links in it (confirmation, password reset) are no
        // longer kept: a copy of the database must not open anyone's account. Without SMTP the
        // outbox is how staff hand a resident their link, so it stays.
        if how == Delivery::Sent {
            let body: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query("UPDATE outbox SET body_text = $1 WHERE id = $2")
                .bind(redact_links(&body))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records a failed attempt; after `max_attempts` the message is marked failed.
    pub async fn mark_email_failed(
        &self,
        id: &str,
        error: &str,
        max_attempts: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, \
             status = CASE WHEN attempts + 1 >= $2 THEN 'failed' ELSE 'pending' END WHERE id = $3",
        )
        .bind(error)
        .bind(max_attempts)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The latest messages sent to an address (newest first) — tests read links from here.
    pub async fn emails_to(&self, to: &Email) -> StoreResult<Vec<OutgoingEmail>> {
        let rows = sqlx::query_as::<_, OutgoingEmail>(
            "SELECT id, to_address, subject, body_text FROM outbox WHERE to_address = $1 \
             ORDER BY created_at DESC, id DESC",
        )
        .bind(to.as_str())
        .fetch_all(self.pool())
        .await?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_are_redacted_and_the_rest_kept() {
        let body = "Dzień dobry,\n\nhttps://cus.example/nowe-haslo?token=abc\n\nZespół CUS";
        assert_eq!(
            super::redact_links(body),
            "Dzień dobry,\n\n[link usunięty po wysłaniu]\n\nZespół CUS"
        );
        assert_eq!(super::redact_links("bez linków"), "bez linków");
    }
}
