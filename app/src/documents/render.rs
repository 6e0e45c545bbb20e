use serde::Serialize;
use std::sync::LazyLock;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::TypstEngine;

/// The templates, by file name; `render_pdf` names one.
const TEMPLATES: [(&str, &str); 9] = [
    ("common.typ", include_str!("templates/common.typ")),
    ("receipt.typ", include_str!("templates/receipt.typ")),
    ("decision.typ", include_str!("templates/decision.typ")),
    ("recognition.typ", include_str!("templates/recognition.typ")),
    ("letter.typ", include_str!("templates/letter.typ")),
    ("plan.typ", include_str!("templates/plan.typ")),
    (
        "personal_data.typ",
        include_str!("templates/personal_data.typ"),
    ),
    ("osl_map.typ", include_str!("templates/osl_map.typ")),
    ("osl_plan.typ", include_str!("templates/osl_plan.typ")),
];

/// Fonts and templates are parsed once per process; each render only lays out.
static ENGINE: LazyLock<TypstEngine> = LazyLock::new(|| {
    TypstEngine::builder()
        .fonts(typst_assets::fonts())
        .with_static_source_file_resolver(TEMPLATES)
        .build()
});

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the document data could not be serialised: {0}")]
    Data(#[from] serde_json::Error),
    #[error("typst: {0}")]
    Typeset(String),
    #[error("typesetting took longer than {0:?}")]
    TooSlow(std::time::Duration),
    #[error("the typesetting task failed: {0}")]
    Task(String),
}

/// Longest a document may take to typeset; the request is then answered with an error (the
/// layout goes on in its thread, but nobody waits for it).
pub const RENDER_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Runs `render` (a `render_pdf` call) off the async runtime, within `RENDER_LIMIT`.
pub async fn typeset<F>(render: F) -> Result<Vec<u8>, DocumentError>
where
    F: FnOnce() -> Result<Vec<u8>, DocumentError> + Send + 'static,
{
    let task = tokio::task::spawn_blocking(render);
    match tokio::time::timeout(RENDER_LIMIT, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(err)) => Err(DocumentError::Task(err.to_string())),
        Err(_) => Err(DocumentError::TooSlow(RENDER_LIMIT)),
    }
}

/// Typesets `template` with `data` (available there as `json(bytes(sys.inputs.data))`).
pub fn render_pdf(template: &str, data: &impl Serialize) -> Result<Vec<u8>, DocumentError> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), serde_json::to_string(data)?.into_value());
    let document = ENGINE
        .compile_with_input(template, inputs)
        .output
        .map_err(|err| DocumentError::Typeset(format!("{err:?}")))?;
    let options = typst_pdf::PdfOptions::default();
    typst_pdf::pdf(&document, &options).map_err(|err| DocumentError::Typeset(format!("{err:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_polish_text_into_a_pdf() {
        let pdf = render_pdf(
            "receipt.typ",
            &serde_json::json!({
                "centre": {"name": "Centrum Usług Społecznych w Dębicy", "address": "ul. Batorego 13", "phone": "", "email": ""},
                "heading": "Potwierdzenie złożenia wniosku",
                "rows": [["Numer sprawy", "CUS/2026/000001"]],
                "services_heading": "Usługi",
                "services": ["Usługi opiekuńcze — zażółć gęślą jaźń"],
                "next_heading": "Co dalej",
                "next_steps": ["Koordynator skontaktuje się z Tobą."],
                "footer": "Wygenerowano"
            }),
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
