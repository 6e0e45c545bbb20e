//! The page a rate-limited request gets (HTTP 429): what happened and when to try again, in
//! the visitor's language. Plain HTML from the server, without the stylesheet (whose name
//! changes with every release), so it never depends on anything else loading.

use crate::i18n::*;

/// The whole page; `minutes` until a new attempt is let through (at least 1).
pub fn too_many_requests_page(locale: Locale, minutes: u64) -> String {
    let minutes = minutes.max(1);
    let title = td_string!(locale, errors.too_many_title).to_string();
    let text = td_string!(locale, errors.too_many_text).to_string();
    let retry = retry_in(locale, minutes);
    let back = td_string!(locale, errors.too_many_back).to_string();
    let home = td_string!(locale, errors.back_home).to_string();
    let lang = locale.as_str();
    let [title, text, retry, back, home] = [title, text, retry, back, home].map(|s| escape(&s));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head>\
         <body><main id=\"main\" class=\"container\"><h1>{title}</h1><p>{text}</p>\
         <p role=\"alert\"><strong>{retry}</strong></p><p>{back}</p>\
         <p><a href=\"/\">{home}</a></p></main></body></html>\n"
    )
}

/// "Spróbuj ponownie za 5 minut." with the language's plural form.
fn retry_in(locale: Locale, minutes: u64) -> String {
    use leptos::prelude::*;
    let count = minutes as i64;
    td!(locale, errors.retry_in, count = move || count)
        .into_view()
        .to_html()
        .replace("<!>", "")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_page_with_plural_minutes() {
        let page = too_many_requests_page(Locale::pl, 5);
        assert!(page.contains("<html lang=\"pl\">"));
        assert!(page.contains("Zbyt wiele prób"));
        assert!(page.contains("Spróbuj ponownie za 5 minut."));
        assert!(too_many_requests_page(Locale::pl, 2).contains("za 2 minuty."));
        assert!(too_many_requests_page(Locale::pl, 1).contains("za 1 minutę."));
        assert!(too_many_requests_page(Locale::pl, 0).contains("za 1 minutę."));
        assert!(too_many_requests_page(Locale::uk, 5).contains("через 5 хвилин."));
        assert!(too_many_requests_page(Locale::en, 1).contains("in 1 minute."));
    }
}
