//! A data table that scrolls sideways on narrow screens: a focusable region named by the
//! table's caption (WCAG 1.4.10 reflow, 2.1.1 keyboard), with column headings.

use leptos::prelude::*;

#[component]
pub fn ScrollTable(
    /// The caption's id (the region is labelled by it).
    #[prop(into)]
    id: String,
    #[prop(into)] caption: String,
    /// More classes of the table, beside `table`.
    #[prop(optional)]
    class: &'static str,
    /// Show the caption to screen readers only.
    #[prop(optional)]
    caption_hidden: bool,
    headings: Vec<String>,
    /// The `<tr>` rows.
    children: Children,
) -> impl IntoView {
    let labelled_by = id.clone();
    view! {
        <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
            <table class=format!("table {class}")>
                <caption id=id class:visually-hidden=caption_hidden>
                    {caption}
                </caption>
                <thead>
                    <tr>
                        {headings
                            .into_iter()
                            .map(|heading| view! { <th scope="col">{heading}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
