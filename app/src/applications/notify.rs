//! E-mails to the resident about their case, in the language they applied in: what happened
//! and what comes next. They go to the account's address, or, for an application registered
//! at the info point without an account, to the address given in the form.

use super::model::Application;
use crate::domain::Email;
use crate::error::AppError;
use crate::gate::Access;
use crate::i18n::*;

/// Where the resident reads about this case, if anywhere.
async fn recipient(access: &Access, application: &Application) -> Result<Option<Email>, AppError> {
    if let Some(owner) = &application.owner_id {
        return Ok(Some(access.state.store.user_by_id(owner).await?.email));
    }
    let given = [&application.applicant.email, &application.subject.email];
    Ok(given
        .into_iter()
        .find_map(|address| Email::parse(address).ok()))
}

async fn send(
    access: &Access,
    application: &Application,
    subject: String,
    what_happened: String,
    what_next: String,
) -> Result<(), AppError> {
    let Some(to) = recipient(access, application).await? else {
        return Ok(());
    };
    let locale = crate::preferences::locale_of(&application.locale);
    let case_number = application.case_number.clone().unwrap_or_default();
    let base = access.state.centre.portal_url.trim_end_matches('/');
    let link = match application.owner_id {
        Some(_) => format!("{base}/moje-sprawy/{}", application.id),
        None => String::new(),
    };
    let body = format!(
        "{}: {case_number}\n\n{what_happened}\n\n{what_next}\n\n{link}\n\n{}\n{}",
        td_string!(locale, mail.case_number),
        access.state.centre.name,
        access.state.centre.phone,
    );
    let subject = format!("{subject} — {case_number}");
    access
        .state
        .store
        .enqueue_email(&to, &subject, &body, access.state.clock.now())
        .await?;
    Ok(())
}

pub async fn submitted(access: &Access, application: &Application) -> Result<(), AppError> {
    let locale = crate::preferences::locale_of(&application.locale);
    send(
        access,
        application,
        td_string!(locale, mail.submitted_subject).to_string(),
        td_string!(locale, mail.submitted_text).to_string(),
        td_string!(locale, mail.submitted_next).to_string(),
    )
    .await
}

pub async fn withdrawn(access: &Access, application: &Application) -> Result<(), AppError> {
    let locale = crate::preferences::locale_of(&application.locale);
    send(
        access,
        application,
        td_string!(locale, mail.withdrawn_subject).to_string(),
        td_string!(locale, mail.withdrawn_text).to_string(),
        td_string!(locale, mail.withdrawn_next).to_string(),
    )
    .await
}

pub async fn resigned(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let locale = crate::preferences::locale_of(&application.locale);
    send(
        access,
        application,
        td_string!(locale, mail.resigned_subject).to_string(),
        format!("{} {service}", td_string!(locale, mail.resigned_text)),
        td_string!(locale, mail.resigned_next).to_string(),
    )
    .await
}

pub async fn qualified(
    access: &Access,
    application: &Application,
    service: &str,
    grant: &crate::cases::capacity::Grant,
) -> Result<(), AppError> {
    let locale = crate::preferences::locale_of(&application.locale);
    let fee = format!(
        "{} {}. {} {}. {} {}.",
        td_string!(locale, mail.qualified_units),
        grant.units,
        td_string!(locale, mail.qualified_fee),
        grant.fee_per_unit,
        td_string!(locale, mail.qualified_total),
        grant.fee_total
    );
    send(
        access,
        application,
        td_string!(locale, mail.qualified_subject).to_string(),
        format!(
            "{} {service}. {fee}",
            td_string!(locale, mail.qualified_text)
        ),
        td_string!(locale, mail.qualified_next).to_string(),
    )
    .await
}

pub async fn waiting_listed(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let locale = crate::preferences::locale_of(&application.locale);
    send(
        access,
        application,
        td_string!(locale, mail.waiting_subject).to_string(),
        format!("{} {service}", td_string!(locale, mail.waiting_text)),
        td_string!(locale, mail.waiting_next).to_string(),
    )
    .await
}

pub async fn promoted(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let locale = crate::preferences::locale_of(&application.locale);
    send(
        access,
        application,
        td_string!(locale, mail.promoted_subject).to_string(),
        format!("{} {service}", td_string!(locale, mail.promoted_text)),
        td_string!(locale, mail.qualified_next).to_string(),
    )
    .await
}

pub async fn refused(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let locale = crate::preferences::locale_of(&application.locale);
    send(
        access,
        application,
        td_string!(locale, mail.refused_subject).to_string(),
        format!("{} {service}", td_string!(locale, mail.refused_text)),
        td_string!(locale, mail.refused_next).to_string(),
    )
    .await
}
