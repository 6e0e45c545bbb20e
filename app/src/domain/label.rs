//! Translated names of coded values. Each enum's table of variant → translation key sits under
//! the enum (`labels!`), so any page or document names a value with `value.label(i18n)` or
//! `value.label_in(locale)`, without importing another room's pages.

use crate::i18n::Locale;
use leptos_i18n::I18nContext;

/// A value with a translated name.
pub trait Labelled: Copy {
    /// The name in `locale`, outside a page (documents, e-mails, exports).
    fn label_in(self, locale: Locale) -> &'static str;

    /// The name in the page's language; reading it tracks the language, like `t_string!`.
    fn label(self, i18n: I18nContext<Locale>) -> &'static str {
        self.label_in(i18n.get_locale())
    }
}

/// Implements [`Labelled`] from a table: `labels!(Type, namespace { Variant => key, … })` names
/// `Type::Variant` by the translation `namespace.key` of `locales/*.json`. The match is
/// exhaustive, so a new variant without a name does not compile.
macro_rules! labels {
    ($ty:ty, $ns:ident { $($variant:ident => $key:ident),+ $(,)? }) => {
        impl $crate::domain::Labelled for $ty {
            fn label_in(self, locale: $crate::i18n::Locale) -> &'static str {
                match self {
                    $(Self::$variant => ::leptos_i18n::td_string!(locale, $ns.$key),)+
                }
            }
        }
    };
}

pub(crate) use labels;
