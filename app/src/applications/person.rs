//! The personal data of the person concerned and of the applicant, as typed. The programme
//! decides which fields are asked (element 9); `PersonInput::check` validates exactly those with
//! the domain types and clears the rest, so nothing is kept that the programme does not need.

use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::domain::{Email, Grosze, Pesel, PhoneNumber, PostalCode};
use crate::error::FieldErrors;
use crate::programme::PersonalDataField;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Degree of disability as certified (orzeczenie).
    DisabilityDegree {
        None = "none",
        Light = "light",
        Moderate = "moderate",
        Severe = "severe",
        /// A child's certificate of disability.
        ChildCertificate = "child_certificate",
    }
}

labels!(DisabilityDegree, apply {
    None => disability_none,
    Light => disability_light,
    Moderate => disability_moderate,
    Severe => disability_severe,
    ChildCertificate => disability_child,
});

coded_enum! {
    /// How much help with daily life the person needs.
    Dependency {
        Independent = "independent",
        Partly = "partly",
        Fully = "fully",
    }
}

labels!(Dependency, apply {
    Independent => dependency_independent,
    Partly => dependency_partly,
    Fully => dependency_fully,
});

const MAX_TEXT: usize = 200;
const MAX_LONG_TEXT: usize = 1000;
const MAX_HOUSEHOLD: u32 = 30;

/// One person's data as typed (strings, so a wrong value comes back to the form unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub pesel: String,
    /// `YYYY-MM-DD` (an `<input type="date">`).
    pub birth_date: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
    pub household_size: String,
    /// Monthly net income per person in the household, in złoty.
    pub income: String,
    /// "yes" when the household holds a Large Family Card.
    pub large_family_card: String,
    pub disability: String,
    pub health: String,
    pub dependency: String,
}

/// The fields asked of an applicant who files for someone else.
pub const APPLICANT_FIELDS: [PersonalDataField; 4] = [
    PersonalDataField::Name,
    PersonalDataField::Address,
    PersonalDataField::Phone,
    PersonalDataField::Email,
];

impl PersonInput {
    /// Validates the `asked` fields (the name always) and returns the normalised data with
    /// every other field empty; errors are keyed by the field's id.
    pub fn check(&self, asked: &[PersonalDataField]) -> Result<PersonInput, FieldErrors> {
        let (person, errors) = self.review(asked);
        if errors.is_empty() {
            Ok(person)
        } else {
            Err(errors)
        }
    }

    /// Like [`check`](Self::check), but returns the data together with the errors: valid
    /// fields normalised, wrong ones as typed (cut to a sane length), so a draft can keep them.
    pub fn review(&self, asked: &[PersonalDataField]) -> (PersonInput, FieldErrors) {
        use PersonalDataField as F;
        let mut errors = FieldErrors::new();
        let mut out = PersonInput::default();
        let mut fail = |field: &str, key: &str| {
            errors.insert(field.to_owned(), key.to_owned());
        };
        match required_text(&self.name, MAX_TEXT) {
            Ok(name) => out.name = name,
            Err(key) => fail("name", key),
        }
        let asks = |field: F| asked.contains(&field);
        let mut pesel = None;
        if asks(F::Pesel) {
            match Pesel::parse(&self.pesel) {
                Ok(valid) => {
                    out.pesel = valid.as_str().to_owned();
                    pesel = Some(valid);
                }
                Err(_) if self.pesel.trim().is_empty() => fail("pesel", "required"),
                Err(err) => fail("pesel", err.key()),
            }
        }
        if asks(F::BirthDate) {
            match self.birth_date.trim().parse::<chrono::NaiveDate>() {
                Ok(date) if pesel.as_ref().is_some_and(|p| p.birth_date() != date) => {
                    fail("birth_date", "birth_date_pesel_mismatch")
                }
                Ok(date) => out.birth_date = date.to_string(),
                Err(_) if self.birth_date.trim().is_empty() => fail("birth_date", "required"),
                Err(_) => fail("birth_date", "date_invalid"),
            }
        }
        if asks(F::Address) {
            match required_text(&self.street, MAX_TEXT) {
                Ok(street) => out.street = street,
                Err(key) => fail("street", key),
            }
            match PostalCode::parse(&self.postal_code) {
                Ok(code) => out.postal_code = code.as_str().to_owned(),
                Err(_) if self.postal_code.trim().is_empty() => fail("postal_code", "required"),
                Err(err) => fail("postal_code", err.key()),
            }
            match required_text(&self.city, MAX_TEXT) {
                Ok(city) => out.city = city,
                Err(key) => fail("city", key),
            }
        }
        if asks(F::Phone) && !self.phone.trim().is_empty() {
            match PhoneNumber::parse(&self.phone) {
                Ok(phone) => out.phone = phone.as_str().to_owned(),
                Err(_) => fail("phone", "phone_invalid"),
            }
        }
        if asks(F::Email) && !self.email.trim().is_empty() {
            match Email::parse(&self.email) {
                Ok(email) => out.email = email.as_str().to_owned(),
                Err(_) => fail("email", "email_invalid"),
            }
        }
        if asks(F::HouseholdSize) {
            match self.household_size.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_HOUSEHOLD).contains(&n) => out.household_size = n.to_string(),
                _ if self.household_size.trim().is_empty() => fail("household_size", "required"),
                _ => fail("household_size", "household_invalid"),
            }
        }
        if asks(F::Income) {
            match Grosze::parse_pln(&self.income) {
                Ok(amount) if amount.value() >= 0 => {
                    out.income = crate::programme::forms::amount_text(amount)
                }
                _ if self.income.trim().is_empty() => fail("income", "required"),
                _ => fail("income", "amount_invalid"),
            }
        }
        if asks(F::LargeFamilyCard) && self.large_family_card == "yes" {
            out.large_family_card = "yes".into();
        }
        if asks(F::Disability) {
            match DisabilityDegree::from_code(self.disability.trim()) {
                Some(degree) => out.disability = degree.code().into(),
                None => fail("disability", "choose_one"),
            }
        }
        if asks(F::Health) {
            match optional_text(&self.health, MAX_LONG_TEXT) {
                Ok(text) => out.health = text,
                Err(key) => fail("health", key),
            }
        }
        if asks(F::Dependency) {
            match Dependency::from_code(self.dependency.trim()) {
                Some(level) => out.dependency = level.code().into(),
                None => fail("dependency", "choose_one"),
            }
        }
        let mut typed = self.clone();
        for field in errors.keys() {
            if let (Some(slot), Some(typed)) = (out.field_mut(field), typed.field_mut(field)) {
                *slot = typed.chars().take(MAX_LONG_TEXT).collect();
            }
        }
        (out, errors)
    }

    /// The field whose form id is `id`.
    fn field_mut(&mut self, id: &str) -> Option<&mut String> {
        Some(match id {
            "name" => &mut self.name,
            "pesel" => &mut self.pesel,
            "birth_date" => &mut self.birth_date,
            "street" => &mut self.street,
            "postal_code" => &mut self.postal_code,
            "city" => &mut self.city,
            "phone" => &mut self.phone,
            "email" => &mut self.email,
            "household_size" => &mut self.household_size,
            "income" => &mut self.income,
            "disability" => &mut self.disability,
            "health" => &mut self.health,
            "dependency" => &mut self.dependency,
            _ => return None,
        })
    }

    /// The person's PESEL, when given and valid.
    pub fn valid_pesel(&self) -> Option<Pesel> {
        Pesel::parse(&self.pesel).ok()
    }

    pub fn address_line(&self) -> String {
        if self.street.is_empty() {
            return String::new();
        }
        format!("{}, {} {}", self.street, self.postal_code, self.city)
    }
}

fn required_text(value: &str, max: usize) -> Result<String, &'static str> {
    match value.trim() {
        "" => Err("required"),
        text if text.chars().count() > max => Err("too_long"),
        text => Ok(text.to_owned()),
    }
}

fn optional_text(value: &str, max: usize) -> Result<String, &'static str> {
    match value.trim() {
        text if text.chars().count() > max => Err("too_long"),
        text => Ok(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PersonalDataField as F;

    fn senior() -> PersonInput {
        PersonInput {
            name: " Halina Kowalska ".into(),
            pesel: "44051401458".into(),
            birth_date: "1944-05-14".into(),
            street: "ul. Polna 3".into(),
            postal_code: "39200".into(),
            city: "Dębica".into(),
            phone: "600 700 800".into(),
            email: "".into(),
            household_size: "1".into(),
            income: "1 850,50".into(),
            dependency: "partly".into(),
            health: "po udarze".into(),
            ..Default::default()
        }
    }

    #[test]
    fn only_the_asked_fields_are_kept_and_normalised() {
        let asked = [
            F::Name,
            F::Pesel,
            F::BirthDate,
            F::Address,
            F::Phone,
            F::Income,
        ];
        let person = senior().check(&asked).unwrap();
        assert_eq!(person.name, "Halina Kowalska");
        assert_eq!(person.postal_code, "39-200");
        assert_eq!(person.phone, "+48600700800");
        assert_eq!(person.income, "1850,50");
        assert_eq!(person.health, "", "health was not asked, so it is not kept");
        assert_eq!(person.dependency, "");
    }

    #[test]
    fn checked_data_passes_the_check_again_unchanged() {
        let all = &PersonalDataField::ALL;
        let mut typed = senior();
        typed.email = "halina@example.pl".into();
        typed.disability = "moderate".into();
        typed.large_family_card = "yes".into();
        let once = typed.check(all).unwrap();
        assert_eq!(
            once.check(all).unwrap(),
            once,
            "a saved draft is submitted as it is"
        );
    }

    #[test]
    fn a_bad_pesel_and_a_mismatched_birth_date_are_named() {
        let asked = [F::Name, F::Pesel, F::BirthDate];
        let mut typed = senior();
        typed.pesel = "44051401459".into();
        let errors = typed.check(&asked).unwrap_err();
        assert_eq!(errors["pesel"], "pesel_bad_checksum");
        typed.pesel = "44051401458".into();
        typed.birth_date = "1944-05-15".into();
        let errors = typed.check(&asked).unwrap_err();
        assert_eq!(errors["birth_date"], "birth_date_pesel_mismatch");
    }

    #[test]
    fn a_review_keeps_wrong_values_as_typed_and_drops_what_was_not_asked() {
        let mut typed = senior();
        typed.pesel = "4405140145X".into();
        let (kept, errors) = typed.review(&[F::Name, F::Pesel]);
        assert_eq!(errors["pesel"], "pesel_not_digits");
        assert_eq!(kept.pesel, "4405140145X");
        assert_eq!(kept.name, "Halina Kowalska");
        assert_eq!(kept.city, "", "the address was not asked");
    }

    #[test]
    fn missing_and_malformed_values() {
        let asked = [
            F::Name,
            F::Address,
            F::HouseholdSize,
            F::Income,
            F::Disability,
            F::Email,
        ];
        let typed = PersonInput {
            postal_code: "3920".into(),
            household_size: "0".into(),
            income: "dużo".into(),
            email: "nie-adres".into(),
            ..Default::default()
        };
        let errors = typed.check(&asked).unwrap_err();
        assert_eq!(errors["name"], "required");
        assert_eq!(errors["street"], "required");
        assert_eq!(errors["postal_code"], "postal_code_bad_format");
        assert_eq!(errors["household_size"], "household_invalid");
        assert_eq!(errors["income"], "amount_invalid");
        assert_eq!(errors["disability"], "choose_one");
        assert_eq!(errors["email"], "email_invalid");
    }
}
