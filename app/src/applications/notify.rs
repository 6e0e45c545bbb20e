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

/// Subject, what happened and what comes next, in one language.
type Texts = fn(Locale) -> (&'static str, &'static str, &'static str);

/// A mail with `texts`; `about` (a service's name and what was granted) follows what happened.
async fn mail(
    access: &Access,
    application: &Application,
    texts: Texts,
    about: &str,
) -> Result<(), AppError> {
    let (subject, what_happened, what_next) =
        texts(crate::preferences::locale_of(&application.locale));
    let what_happened = match about {
        "" => what_happened.to_owned(),
        about => format!("{what_happened} {about}"),
    };
    send(
        access,
        application,
        subject.to_owned(),
        what_happened,
        what_next.to_owned(),
    )
    .await
}

pub async fn submitted(access: &Access, application: &Application) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.submitted_subject),
            td_string!(l, mail.submitted_text),
            td_string!(l, mail.submitted_next),
        )
    };
    mail(access, application, texts, "").await
}

pub async fn withdrawn(access: &Access, application: &Application) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.withdrawn_subject),
            td_string!(l, mail.withdrawn_text),
            td_string!(l, mail.withdrawn_next),
        )
    };
    mail(access, application, texts, "").await
}

pub async fn resigned(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.resigned_subject),
            td_string!(l, mail.resigned_text),
            td_string!(l, mail.resigned_next),
        )
    };
    mail(access, application, texts, service).await
}

pub async fn qualified(
    access: &Access,
    application: &Application,
    service: &str,
    grant: &crate::case_file::places::Grant,
) -> Result<(), AppError> {
    let l = crate::preferences::locale_of(&application.locale);
    let about = format!(
        "{service}. {} {}. {} {}. {} {}.",
        td_string!(l, mail.qualified_units),
        grant.units,
        td_string!(l, mail.qualified_fee),
        grant.fee_per_unit,
        td_string!(l, mail.qualified_total),
        grant.fee_total
    );
    let texts: Texts = |l| {
        (
            td_string!(l, mail.qualified_subject),
            td_string!(l, mail.qualified_text),
            td_string!(l, mail.qualified_next),
        )
    };
    mail(access, application, texts, &about).await
}

pub async fn waiting_listed(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.waiting_subject),
            td_string!(l, mail.waiting_text),
            td_string!(l, mail.waiting_next),
        )
    };
    mail(access, application, texts, service).await
}

pub async fn promoted(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.promoted_subject),
            td_string!(l, mail.promoted_text),
            td_string!(l, mail.qualified_next),
        )
    };
    mail(access, application, texts, service).await
}

/// A refusal was overturned: the service is qualified again.
pub async fn refusal_overturned(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.overturned_subject),
            td_string!(l, mail.overturned_text),
            td_string!(l, mail.overturned_next),
        )
    };
    mail(access, application, texts, service).await
}

/// The programme ended while the request waited: the list closed.
pub async fn waiting_list_closed(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.list_closed_subject),
            td_string!(l, mail.list_closed_text),
            td_string!(l, mail.list_closed_next),
        )
    };
    mail(access, application, texts, service).await
}

pub async fn refused(
    access: &Access,
    application: &Application,
    service: &str,
) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.refused_subject),
            td_string!(l, mail.refused_text),
            td_string!(l, mail.refused_next),
        )
    };
    mail(access, application, texts, service).await
}

pub async fn forwarded(
    access: &Access,
    application: &Application,
    what: &str,
) -> Result<(), AppError> {
    let texts: Texts = |l| {
        (
            td_string!(l, mail.forwarded_subject),
            td_string!(l, mail.forwarded_text),
            td_string!(l, mail.forwarded_next),
        )
    };
    mail(access, application, texts, what).await
}
