//! Delivers the outbox: over SMTP when configured, otherwise to the log. Runs in every
//! instance; claiming a message in the database keeps instances from sending it twice.

use crate::config::SmtpConfig;
use app::domain::Clock;
use app::notifications::OutgoingEmail;
use app::notifications::store::Delivery;
use app::store::Store;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

const POLL_EVERY: Duration = Duration::from_secs(5);
const MAX_ATTEMPTS: i64 = 5;

pub fn spawn_delivery(store: Store, clock: Clock, smtp: Option<SmtpConfig>) {
    tokio::spawn(async move {
        let transport = smtp.as_ref().and_then(|config| match transport(config) {
            Ok(t) => Some((t, config.from.clone())),
            Err(err) => {
                tracing::error!(error = %err, "SMTP configuration is invalid; e-mails go to the log");
                None
            }
        });
        loop {
            if let Err(err) = deliver_pending(&store, &clock, transport.as_ref()).await {
                tracing::warn!(error = %err, "outbox delivery round failed");
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    });
}

type Transport = AsyncSmtpTransport<Tokio1Executor>;

fn transport(config: &SmtpConfig) -> Result<Transport, lettre::transport::smtp::Error> {
    let builder = match config.security.as_str() {
        "tls" => Transport::relay(&config.host)?,
        "none" => Transport::builder_dangerous(&config.host),
        _ => Transport::starttls_relay(&config.host)?,
    };
    let builder = builder.port(config.port);
    let builder = match (&config.username, &config.password) {
        (Some(user), Some(password)) => {
            builder.credentials(Credentials::new(user.clone(), password.clone()))
        }
        _ => builder,
    };
    Ok(builder.build())
}

async fn deliver_pending(
    store: &Store,
    clock: &Clock,
    transport: Option<&(Transport, String)>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    for email in store.pending_emails(20).await? {
        if !store.claim_email(&email.id, clock.now()).await? {
            continue;
        }
        match transport {
            None => {
                // The body may hold one-time links: it stays in the outbox table, not the log.
                tracing::info!(id = %email.id, subject = %email.subject,
                    "e-mail not sent (no SMTP configured); kept in the outbox table");
                store
                    .mark_email_delivered(&email.id, Delivery::Logged, clock.now())
                    .await?;
            }
            Some((transport, from)) => match send(transport, from, &email).await {
                Ok(()) => {
                    store
                        .mark_email_delivered(&email.id, Delivery::Sent, clock.now())
                        .await?
                }
                Err(err) => {
                    tracing::warn!(id = %email.id, error = %err, "e-mail delivery failed");
                    store
                        .mark_email_failed(&email.id, &err.to_string(), MAX_ATTEMPTS)
                        .await?;
                }
            },
        }
    }
    Ok(())
}

async fn send(
    transport: &Transport,
    from: &str,
    email: &OutgoingEmail,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let message = Message::builder()
        .from(from.parse::<Mailbox>()?)
        .to(email.to_address.parse::<Mailbox>()?)
        .subject(&email.subject)
        .body(email.body_text.clone())?;
    transport.send(message).await?;
    Ok(())
}
