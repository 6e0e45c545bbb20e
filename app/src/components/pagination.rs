//! Paged lists whose filters live in the URL (the catalogue, the case inbox): the query string
//! of a page and the "previous / page X of Y / next" links.

use crate::i18n::*;
use leptos::prelude::*;

/// `?key=value&…` of the non-empty `pairs`, values percent-encoded (form encoding: space as
/// `+`), or an empty string when there are none.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let parts = pairs
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key}={}", encode(value)))
        .collect::<Vec<_>>();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Links to the previous and next page around "page X of Y"; nothing for a single page.
/// `href(n)` is the address of page `n`.
#[component]
pub fn Pagination(page: u32, pages: u32, href: impl Fn(u32) -> String) -> impl IntoView {
    let i18n = use_i18n();
    if pages <= 1 {
        return ().into_any();
    }
    let previous = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <nav class="pagination" aria-label=move || t_string!(i18n, catalogue.pagination).to_string()>
            {previous
                .map(|href| {
                    view! {
                        <a href=href rel="prev">
                            {t!(i18n, catalogue.previous_page)}
                        </a>
                    }
                })}
            <span>{t!(i18n, catalogue.page_of, page = move || page, pages = move || pages)}</span>
            {next
                .map(|href| {
                    view! {
                        <a href=href rel="next">
                            {t!(i18n, catalogue.next_page)}
                        </a>
                    }
                })}
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_given_values_appear_encoded() {
        assert_eq!(query_string([("a", ""), ("b", "")]), "");
        assert_eq!(
            query_string([("q", "Zofia Kowalska"), ("x", ""), ("n", "CUS/2026/1")]),
            "?q=Zofia+Kowalska&n=CUS%2F2026%2F1"
        );
        assert_eq!(query_string([("q", "ż")]), "?q=%C5%BC");
    }
}
