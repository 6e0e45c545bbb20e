//! Search text that ignores case and Polish diacritics: "zlota raczka" finds "Złota Rączka".
//! Services store their folded text; a query is folded the same way and each of its words
//! must occur.

/// Lower case, letters without diacritics (every combining mark dropped, and "ł" as "l"), anything
/// else than letters and digits as single spaces.
pub fn fold(text: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    let letters = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase);
    for c in letters {
        let c = if c == 'ł' { 'l' } else { c };
        if c.is_alphanumeric() {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.push(c);
        } else {
            pending_space = true;
        }
    }
    folded
}

/// The folded words of a query, at most eight (more narrows nothing a person means).
pub fn query_words(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|word| !word.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_polish_diacritics() {
        assert_eq!(fold("Złota Rączka"), "zlota raczka");
        assert_eq!(fold("ŻÓŁĆ gęślą JAŹŃ"), "zolc gesla jazn");
        assert_eq!(fold("Rehabilitacja"), "rehabilitacja");
    }

    #[test]
    fn folds_other_diacritics_too() {
        assert_eq!(fold("Müller Šťastný Čapek"), "muller stastny capek");
        assert_eq!(fold("Ївга Йосипенко"), "івга иосипенко");
    }

    #[test]
    fn punctuation_becomes_single_spaces() {
        assert_eq!(
            fold("  Dom „Senior+” – Kochanówka "),
            "dom senior kochanowka"
        );
        assert_eq!(fold(""), "");
    }

    #[test]
    fn query_words_are_folded_and_limited() {
        assert_eq!(query_words("Złota  rączka!"), vec!["zlota", "raczka"]);
        assert_eq!(query_words("a b c d e f g h i j").len(), 8);
        assert!(query_words(" ,. ").is_empty());
    }
}
