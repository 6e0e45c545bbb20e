//! Printable documents (receipts now; decisions and plans later) typeset with Typst. Each
//! document is a template in `templates/` that reads one JSON value, `sys.inputs.data`, so the
//! Rust side only serialises a struct. Fonts are embedded (Libertinus, New Computer Modern), which
//! cover Polish and Ukrainian letters; the output is tagged PDF.

#[cfg(feature = "ssr")]
mod render;

#[cfg(feature = "ssr")]
pub use render::{DocumentError, RENDER_LIMIT, render_pdf, typeset};

/// The centre's letterhead and footer lines (`common.typ`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Letterhead {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
}

impl Letterhead {
    pub fn of(centre: &crate::centre::CentreInfo) -> Self {
        Letterhead {
            name: centre.name.clone(),
            address: centre.address_line(),
            phone: centre.phone.clone(),
            email: centre.email.clone(),
        }
    }
}
