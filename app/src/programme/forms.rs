//! What staff type into the programme forms, checked field by field into the programme's types.
//! Every problem is a (field, translation key) pair, so each message stands next to its field.

use super::fees::{
    Bracket, Discount, DiscountCombination, DiscountCondition, FULL_BP, FeeRule, FeeSchedule,
    IncomeTable,
};
use super::model::{
    Conditions, LimitKind, PersonalDataField, ProgrammeElements, ServiceForm, ServiceLimit,
    ServicePlace, ServiceUnit, TargetGroup,
};
use crate::domain::{Grosze, ServiceArea, Teryt};
use crate::error::FieldErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest free text a field takes (a resolution's paragraph, not a whole document).
const MAX_TEXT: usize = 20_000;
/// Longest name.
const MAX_NAME: usize = 300;

/// Collects the problems of one form.
#[derive(Debug, Default)]
pub struct Checker {
    pub errors: FieldErrors,
}

impl Checker {
    pub fn fail(&mut self, field: &str, key: &str) {
        self.errors
            .entry(field.to_owned())
            .or_insert_with(|| key.to_owned());
    }

    /// A required one-line text.
    pub fn name(&mut self, field: &str, value: &str) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.fail(field, "required");
        } else if value.chars().count() > MAX_NAME {
            self.fail(field, "too_long");
        }
        value.to_owned()
    }

    /// An optional longer text.
    pub fn text(&mut self, field: &str, value: &str) -> String {
        let value = value.trim();
        if value.chars().count() > MAX_TEXT {
            self.fail(field, "too_long");
        }
        value.to_owned()
    }

    pub fn date(&mut self, field: &str, value: &str) -> Option<NaiveDate> {
        let parsed = value.trim().parse::<NaiveDate>().ok();
        if parsed.is_none() {
            self.fail(field, "date_invalid");
        }
        parsed
    }

    /// An optional whole number up to `max`.
    pub fn number(&mut self, field: &str, value: &str, max: u32) -> Option<u32> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let parsed = value.parse::<u32>().ok().filter(|n| *n <= max);
        if parsed.is_none() {
            self.fail(field, "number_invalid");
        }
        parsed
    }

    /// An amount in złoty ("1 234,56"); `required` or empty → `None`.
    pub fn amount(&mut self, field: &str, value: &str, required: bool) -> Option<Grosze> {
        let value = value.trim();
        if value.is_empty() {
            if required {
                self.fail(field, "amount_invalid");
            }
            return None;
        }
        match value.parse::<Grosze>() {
            Ok(amount) if amount.value() >= 0 => Some(amount),
            _ => {
                self.fail(field, "amount_invalid");
                None
            }
        }
    }

    /// A percentage with up to two decimals ("12,5") as basis points, at most 100 %.
    pub fn percent(&mut self, field: &str, value: &str) -> Option<u32> {
        let value = value.trim().trim_end_matches('%').trim();
        if value.is_empty() {
            return None;
        }
        let parsed = parse_percent_bp(value).filter(|bp| *bp <= FULL_BP);
        if parsed.is_none() {
            self.fail(field, "percent_invalid");
        }
        parsed
    }

    pub fn choice<T>(
        &mut self,
        field: &str,
        value: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let parsed = parse(value.trim());
        if parsed.is_none() {
            self.fail(field, "choose_one");
        }
        parsed
    }

    /// The JRWA symbol (optional) and archival category (empty: the default, B10).
    pub fn retention(&mut self, symbol: &str, category: &str) -> crate::domain::Retention {
        use crate::domain::{ArchivalCategory, JrwaSymbol, Retention};
        let symbol = match symbol.trim() {
            "" => None,
            text => JrwaSymbol::parse(text)
                .map_err(|e| self.fail("retention_symbol", e.key()))
                .ok(),
        };
        let category = match category.trim() {
            "" => ArchivalCategory::default(),
            text => ArchivalCategory::parse(text).unwrap_or_else(|e| {
                self.fail("retention_category", e.key());
                ArchivalCategory::default()
            }),
        };
        Retention { symbol, category }
    }

    pub fn finish<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }
}

/// "12,5" → 1250; at most two decimals, comma or dot.
fn parse_percent_bp(text: &str) -> Option<u32> {
    let (whole, fraction) = match text.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    if whole.is_empty() || fraction.len() > 2 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

/// The programme form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeInput {
    pub name: String,
    pub gminas: String,
    pub resolution_number: String,
    pub resolution_date: String,
    pub period_from: String,
    pub period_to: String,
    pub goal: String,
    pub needs: String,
    pub recipients: String,
    pub expected_people: String,
    pub qualification: String,
    pub documentation: String,
    pub organisation: String,
    pub monitoring: String,
    pub budget: String,
    pub budget_sources: String,
    pub personal_data: Vec<String>,
    pub retention_symbol: String,
    pub retention_category: String,
}

/// A checked programme, before it gets its ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeDraft {
    pub name: String,
    pub gminas: Vec<String>,
    pub resolution_number: String,
    pub resolution_date: NaiveDate,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub elements: ProgrammeElements,
    pub personal_data: Vec<PersonalDataField>,
    pub retention: crate::domain::Retention,
}

impl ProgrammeInput {
    /// The form's values for an existing version (for editing).
    pub fn of(programme: &super::Programme) -> Self {
        let elements = &programme.elements;
        ProgrammeInput {
            name: programme.name.clone(),
            gminas: programme.gminas.join(", "),
            resolution_number: programme.resolution_number.clone(),
            resolution_date: programme.resolution_date.to_string(),
            period_from: programme.period_from.to_string(),
            period_to: programme.period_to.to_string(),
            goal: elements.goal.clone(),
            needs: elements.needs.clone(),
            recipients: elements.recipients.clone(),
            expected_people: elements
                .expected_people
                .map(|n| n.to_string())
                .unwrap_or_default(),
            qualification: elements.qualification.clone(),
            documentation: elements.documentation.clone(),
            organisation: elements.organisation.clone(),
            monitoring: elements.monitoring.clone(),
            budget: elements.budget.map(amount_text).unwrap_or_default(),
            budget_sources: elements.budget_sources.clone(),
            personal_data: programme
                .personal_data
                .iter()
                .map(|field| field.code().to_owned())
                .collect(),
            retention_symbol: programme
                .retention
                .symbol
                .as_ref()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            retention_category: programme.retention.category.to_string(),
        }
    }

    pub fn check(&self) -> Result<ProgrammeDraft, FieldErrors> {
        let mut c = Checker::default();
        let name = c.name("name", &self.name);
        let mut gminas = Vec::new();
        for code in self
            .gminas
            .split([',', ' ', ';', '\n'])
            .filter(|c| !c.trim().is_empty())
        {
            match Teryt::parse(code.trim()) {
                Ok(teryt) => gminas.push(teryt.to_string()),
                Err(_) => c.fail("gminas", "teryt_invalid"),
            }
        }
        if gminas.is_empty() {
            c.fail("gminas", "teryt_invalid");
        }
        let resolution_number = c.name("resolution_number", &self.resolution_number);
        let resolution_date = c.date("resolution_date", &self.resolution_date);
        let period_from = c.date("period_from", &self.period_from);
        let period_to = c.date("period_to", &self.period_to);
        if let (Some(from), Some(to)) = (period_from, period_to)
            && to <= from
        {
            c.fail("period_to", "period_order");
        }
        let elements = ProgrammeElements {
            goal: c.text("goal", &self.goal),
            needs: c.text("needs", &self.needs),
            recipients: c.text("recipients", &self.recipients),
            expected_people: c.number("expected_people", &self.expected_people, 10_000_000),
            qualification: c.text("qualification", &self.qualification),
            documentation: c.text("documentation", &self.documentation),
            organisation: c.text("organisation", &self.organisation),
            monitoring: c.text("monitoring", &self.monitoring),
            budget: c.amount("budget", &self.budget, false),
            budget_sources: c.text("budget_sources", &self.budget_sources),
        };
        if elements.goal.is_empty() {
            c.fail("goal", "required");
        }
        let personal_data = PersonalDataField::ALL
            .iter()
            .copied()
            .filter(|field| self.personal_data.iter().any(|code| code == field.code()))
            .collect();
        let retention = c.retention(&self.retention_symbol, &self.retention_category);
        let (Some(resolution_date), Some(period_from), Some(period_to)) =
            (resolution_date, period_from, period_to)
        else {
            return Err(c.errors);
        };
        c.finish(ProgrammeDraft {
            name,
            gminas,
            resolution_number,
            resolution_date,
            period_from,
            period_to,
            elements,
            personal_data,
            retention,
        })
    }
}

/// The service form as typed (the fee has its own form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceInput {
    pub name: String,
    pub area: String,
    pub form: String,
    pub goal: String,
    pub characteristics: String,
    pub target_groups: Vec<String>,
    pub places: Vec<String>,
    pub unit: String,
    pub min_age: String,
    pub max_age: String,
    pub residence_required: Option<String>,
    pub certificate_required: Option<String>,
    pub other_declared: String,
    pub conditions_text: String,
    pub documents: String,
    pub provider_ids: Vec<String>,
    pub limit_kind: String,
    pub limit_amount: String,
}

/// A checked service description, before it gets its ids and fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDraft {
    pub name: String,
    pub area: ServiceArea,
    pub form: ServiceForm,
    pub goal: String,
    pub characteristics: String,
    pub target_groups: Vec<TargetGroup>,
    pub places: Vec<ServicePlace>,
    pub unit: ServiceUnit,
    pub conditions: Conditions,
    pub documents: Vec<String>,
    pub provider_ids: Vec<String>,
    pub limit: Option<ServiceLimit>,
}

fn codes<T: Copy>(typed: &[String], parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    typed.iter().filter_map(|code| parse(code)).collect()
}

impl ServiceInput {
    /// `known_providers`: the ids a service may name.
    pub fn check(&self, known_providers: &[String]) -> Result<ServiceDraft, FieldErrors> {
        let mut c = Checker::default();
        let name = c.name("name", &self.name);
        let area = c.choice("area", &self.area, ServiceArea::from_code);
        let form = c.choice("form", &self.form, ServiceForm::from_code);
        let unit = c.choice("unit", &self.unit, ServiceUnit::from_code);
        let goal = c.text("goal", &self.goal);
        if goal.is_empty() {
            c.fail("goal", "required");
        }
        let characteristics = c.text("characteristics", &self.characteristics);
        let places = codes(&self.places, ServicePlace::from_code);
        if places.is_empty() {
            c.fail("places", "places_required");
        }
        let min_age = c.number("min_age", &self.min_age, 120).map(|n| n as u8);
        let max_age = c.number("max_age", &self.max_age, 120).map(|n| n as u8);
        if let (Some(min), Some(max)) = (min_age, max_age)
            && min > max
        {
            c.fail("max_age", "age_range");
        }
        let provider_ids: Vec<String> = self
            .provider_ids
            .iter()
            .filter(|id| !id.is_empty())
            .cloned()
            .collect();
        if provider_ids.iter().any(|id| !known_providers.contains(id)) {
            c.fail("provider_ids", "choose_one");
        }
        let limit = match self.limit_kind.trim() {
            "" => None,
            kind => {
                let kind = c.choice("limit_kind", kind, LimitKind::from_code);
                let amount = match kind {
                    Some(LimitKind::Budget) => c
                        .amount("limit_amount", &self.limit_amount, true)
                        .map(Grosze::value),
                    _ => c
                        .number("limit_amount", &self.limit_amount, 10_000_000)
                        .map(i64::from),
                };
                match (kind, amount) {
                    (Some(kind), Some(amount)) if amount > 0 => Some(ServiceLimit { kind, amount }),
                    _ => {
                        c.fail("limit_amount", "limit_invalid");
                        None
                    }
                }
            }
        };
        let conditions = Conditions {
            target_groups: Vec::new(),
            min_age,
            max_age,
            residence_required: self.residence_required.is_some(),
            disability_certificate_required: self.certificate_required.is_some(),
            other_declared: Some(c.text("other_declared", &self.other_declared))
                .filter(|text| !text.is_empty()),
            text: c.text("conditions_text", &self.conditions_text),
        };
        let documents = c
            .text("documents", &self.documents)
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        let (Some(area), Some(form), Some(unit)) = (area, form, unit) else {
            return Err(c.errors);
        };
        c.finish(ServiceDraft {
            name,
            area,
            form,
            goal,
            characteristics,
            target_groups: codes(&self.target_groups, TargetGroup::from_code),
            places,
            unit,
            conditions,
            documents,
            provider_ids,
            limit,
        })
    }
}

/// Rows the income-table form offers (a resolution rarely has more).
pub const BRACKET_ROWS: usize = 8;

/// The fee form as typed. Bracket rows whose three cells are all empty are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeeInput {
    /// "free", "fixed" or "income".
    pub fee_kind: String,
    pub price: String,
    pub unit_cost: String,
    pub criterion_single: String,
    pub criterion_family: String,
    pub up_to: Vec<String>,
    pub single: Vec<String>,
    pub family: Vec<String>,
    pub discount_large_family: String,
    pub discount_disability: String,
    pub discount_age: String,
    pub discount_age_percent: String,
    /// "highest", "sum" or "successive".
    pub combination: String,
}

impl FeeInput {
    /// The form's values for an existing schedule (for editing).
    pub fn of(schedule: &FeeSchedule) -> Self {
        let percent = |bp: u32| {
            let text = format!("{},{:02}", bp / 100, bp % 100);
            text.trim_end_matches(",00").to_owned()
        };
        let mut input = FeeInput {
            combination: match schedule.combination {
                DiscountCombination::Highest => "highest",
                DiscountCombination::Sum { .. } => "sum",
                DiscountCombination::Successive => "successive",
            }
            .into(),
            ..FeeInput::default()
        };
        match &schedule.rule {
            FeeRule::Free => input.fee_kind = "free".into(),
            FeeRule::FixedPerUnit { price } => {
                input.fee_kind = "fixed".into();
                input.price = amount_text(*price);
            }
            FeeRule::IncomeTable(table) => {
                input.fee_kind = "income".into();
                input.unit_cost = amount_text(table.unit_cost);
                input.criterion_single = amount_text(table.criterion_single);
                input.criterion_family = amount_text(table.criterion_family);
                for bracket in &table.brackets {
                    input.up_to.push(
                        bracket
                            .up_to_percent
                            .map(|p| p.to_string())
                            .unwrap_or_default(),
                    );
                    input.single.push(percent(bracket.fee_single_bp));
                    input.family.push(percent(bracket.fee_family_bp));
                }
            }
        }
        for discount in &schedule.discounts {
            match discount.condition {
                DiscountCondition::LargeFamilyCard => {
                    input.discount_large_family = percent(discount.percent_bp)
                }
                DiscountCondition::DisabilityCertificate => {
                    input.discount_disability = percent(discount.percent_bp)
                }
                DiscountCondition::AgeAtLeast(age) => {
                    input.discount_age = age.to_string();
                    input.discount_age_percent = percent(discount.percent_bp);
                }
            }
        }
        input
    }

    pub fn check(&self) -> Result<FeeSchedule, FieldErrors> {
        let mut c = Checker::default();
        let rule = match self.fee_kind.as_str() {
            "free" => Some(FeeRule::Free),
            "fixed" => c
                .amount("price", &self.price, true)
                .map(|price| FeeRule::FixedPerUnit { price }),
            "income" => self.income_table(&mut c).map(FeeRule::IncomeTable),
            _ => {
                c.fail("fee_kind", "choose_one");
                None
            }
        };
        let mut discounts = Vec::new();
        let mut discount = |c: &mut Checker, field: &str, value: &str, condition| {
            if let Some(percent_bp) = c.percent(field, value) {
                discounts.push(Discount {
                    condition,
                    percent_bp,
                });
            }
        };
        discount(
            &mut c,
            "discount_large_family",
            &self.discount_large_family,
            DiscountCondition::LargeFamilyCard,
        );
        discount(
            &mut c,
            "discount_disability",
            &self.discount_disability,
            DiscountCondition::DisabilityCertificate,
        );
        if let Some(age) = c.number("discount_age", &self.discount_age, 120) {
            if self.discount_age_percent.trim().is_empty() {
                c.fail("discount_age_percent", "percent_invalid");
            }
            discount(
                &mut c,
                "discount_age_percent",
                &self.discount_age_percent,
                DiscountCondition::AgeAtLeast(age as u8),
            );
        }
        let combination = match self.combination.as_str() {
            "sum" => DiscountCombination::Sum { cap_bp: FULL_BP },
            "successive" => DiscountCombination::Successive,
            _ => DiscountCombination::Highest,
        };
        let Some(rule) = rule else {
            return Err(c.errors);
        };
        let schedule = FeeSchedule {
            rule,
            discounts,
            combination,
        };
        if c.errors.is_empty()
            && let Err(error) = schedule.validate()
        {
            c.fail("brackets", error.key());
        }
        c.finish(schedule)
    }

    fn income_table(&self, c: &mut Checker) -> Option<IncomeTable> {
        let unit_cost = c.amount("unit_cost", &self.unit_cost, true);
        let criterion_single = c.amount("criterion_single", &self.criterion_single, true);
        let criterion_family = c.amount("criterion_family", &self.criterion_family, true);
        fn cell(cells: &[String], i: usize) -> &str {
            cells.get(i).map(|s| s.trim()).unwrap_or_default()
        }
        let mut brackets = Vec::new();
        for i in 0..self
            .up_to
            .len()
            .max(self.single.len())
            .max(self.family.len())
        {
            let (up, single, family) = (
                cell(&self.up_to, i),
                cell(&self.single, i),
                cell(&self.family, i),
            );
            if up.is_empty() && single.is_empty() && family.is_empty() {
                continue;
            }
            let up_to_percent = if up.is_empty() {
                None
            } else {
                match up.trim_end_matches('%').trim().parse::<u32>() {
                    Ok(bound) => Some(bound),
                    Err(_) => {
                        c.fail("brackets", "bracket_invalid");
                        continue;
                    }
                }
            };
            match (
                parse_percent_bp(single.trim_end_matches('%').trim()),
                parse_percent_bp(family.trim_end_matches('%').trim()),
            ) {
                (Some(fee_single_bp), Some(fee_family_bp)) => brackets.push(Bracket {
                    up_to_percent,
                    fee_single_bp,
                    fee_family_bp,
                }),
                _ => c.fail("brackets", "bracket_invalid"),
            }
        }
        Some(IncomeTable {
            unit_cost: unit_cost?,
            criterion_single: criterion_single?,
            criterion_family: criterion_family?,
            brackets,
        })
    }
}

/// "1234,50" style text for an amount field (no thousands spaces, no "zł").
pub fn amount_text(amount: Grosze) -> String {
    let value = amount.value();
    format!("{},{:02}", value / 100, (value % 100).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programme_input() -> ProgrammeInput {
        ProgrammeInput {
            name: "Program usług społecznych".into(),
            gminas: "1803032".into(),
            resolution_number: "XL/1/2026".into(),
            resolution_date: "2026-03-30".into(),
            period_from: "2026-04-01".into(),
            period_to: "2027-03-31".into(),
            goal: "Wsparcie mieszkańców".into(),
            budget: "12 000,50".into(),
            personal_data: vec!["pesel".into(), "health".into(), "nonsense".into()],
            ..ProgrammeInput::default()
        }
    }

    #[test]
    fn retention_defaults_to_ten_years_and_bad_codes_are_named() {
        use crate::domain::ArchivalCategory;
        let draft = programme_input().check().unwrap();
        assert_eq!(draft.retention.category, ArchivalCategory::Destroy(10));
        assert_eq!(draft.retention.symbol, None);
        let input = ProgrammeInput {
            retention_symbol: "8111".into(),
            retention_category: "be5".into(),
            ..programme_input()
        };
        let draft = input.check().unwrap();
        assert_eq!(draft.retention.category, ArchivalCategory::Review(5));
        assert_eq!(draft.retention.symbol.unwrap().as_str(), "8111");
        let input = ProgrammeInput {
            retention_symbol: "81-11".into(),
            retention_category: "C3".into(),
            ..programme_input()
        };
        let errors = input.check().unwrap_err();
        assert_eq!(errors["retention_symbol"], "jrwa_symbol_invalid");
        assert_eq!(errors["retention_category"], "archival_category_invalid");
    }

    #[test]
    fn a_complete_programme_passes() {
        let draft = programme_input().check().unwrap();
        assert_eq!(draft.gminas, vec!["1803032"]);
        assert_eq!(draft.elements.budget, Some(Grosze::new(1_200_050)));
        assert_eq!(
            draft.personal_data,
            vec![PersonalDataField::Pesel, PersonalDataField::Health]
        );
    }

    #[test]
    fn each_bad_programme_field_is_named() {
        let input = ProgrammeInput {
            name: " ".into(),
            gminas: "18030".into(),
            period_to: "2026-01-01".into(),
            expected_people: "many".into(),
            ..programme_input()
        };
        let errors = input.check().unwrap_err();
        assert_eq!(errors["name"], "required");
        assert_eq!(errors["gminas"], "teryt_invalid");
        assert_eq!(errors["period_to"], "period_order");
        assert_eq!(errors["expected_people"], "number_invalid");
    }

    fn service_input() -> ServiceInput {
        ServiceInput {
            name: "Złota Rączka".into(),
            area: "social_assistance".into(),
            form: "individual".into(),
            goal: "Drobne naprawy".into(),
            places: vec!["home".into()],
            unit: "hour".into(),
            min_age: "60".into(),
            residence_required: Some("on".into()),
            documents: "Oświadczenie\n\n Zaświadczenie ".into(),
            limit_kind: "budget".into(),
            limit_amount: "60 000".into(),
            ..ServiceInput::default()
        }
    }

    #[test]
    fn a_service_with_a_budget_limit() {
        let draft = service_input().check(&[]).unwrap();
        assert_eq!(draft.conditions.min_age, Some(60));
        assert!(draft.conditions.residence_required);
        assert_eq!(draft.documents, vec!["Oświadczenie", "Zaświadczenie"]);
        assert_eq!(
            draft.limit,
            Some(ServiceLimit {
                kind: LimitKind::Budget,
                amount: 6_000_000
            })
        );
    }

    #[test]
    fn bad_service_fields_are_named() {
        let input = ServiceInput {
            area: "".into(),
            places: vec![],
            min_age: "70".into(),
            max_age: "60".into(),
            limit_kind: "places".into(),
            limit_amount: "0".into(),
            provider_ids: vec!["unknown".into()],
            ..service_input()
        };
        let errors = input.check(&["known".into()]).unwrap_err();
        assert_eq!(errors["area"], "choose_one");
        assert_eq!(errors["places"], "places_required");
        assert_eq!(errors["max_age"], "age_range");
        assert_eq!(errors["limit_amount"], "limit_invalid");
        assert_eq!(errors["provider_ids"], "choose_one");
    }

    fn income_input() -> FeeInput {
        FeeInput {
            fee_kind: "income".into(),
            unit_cost: "35".into(),
            criterion_single: "1090".into(),
            criterion_family: "823".into(),
            up_to: vec!["100".into(), "150".into(), "".into(), "".into()],
            single: vec!["0".into(), "10".into(), "100".into(), "".into()],
            family: vec!["0".into(), "12,5".into(), "100".into(), "".into()],
            discount_age: "80".into(),
            discount_age_percent: "30".into(),
            combination: "highest".into(),
            ..FeeInput::default()
        }
    }

    #[test]
    fn an_income_table_round_trips_through_the_form() {
        let schedule = income_input().check().unwrap();
        let FeeRule::IncomeTable(table) = &schedule.rule else {
            panic!("an income table")
        };
        assert_eq!(table.brackets.len(), 3, "the empty row is ignored");
        assert_eq!(table.brackets[1].fee_family_bp, 1_250);
        assert_eq!(table.brackets[2].up_to_percent, None);
        assert_eq!(schedule.discounts.len(), 1);
        assert_eq!(FeeInput::of(&schedule).check().unwrap(), schedule);
    }

    #[test]
    fn a_table_that_the_fee_rules_refuse_names_why() {
        let bounded_last = FeeInput {
            up_to: vec!["100".into(), "150".into()],
            single: vec!["0".into(), "10".into()],
            family: vec!["0".into(), "10".into()],
            ..income_input()
        };
        assert_eq!(
            bounded_last.check().unwrap_err()["brackets"],
            "fee_last_bracket_bounded"
        );
        let bad_percent = FeeInput {
            discount_large_family: "120".into(),
            ..income_input()
        };
        assert_eq!(
            bad_percent.check().unwrap_err()["discount_large_family"],
            "percent_invalid"
        );
        let no_kind = FeeInput::default();
        assert_eq!(no_kind.check().unwrap_err()["fee_kind"], "choose_one");
    }

    #[test]
    fn percents_parse_with_comma_or_dot() {
        assert_eq!(parse_percent_bp("12,5"), Some(1_250));
        assert_eq!(parse_percent_bp("0.05"), Some(5));
        assert_eq!(parse_percent_bp("100"), Some(10_000));
        assert_eq!(parse_percent_bp("1,234"), None);
        assert_eq!(parse_percent_bp("abc"), None);
    }
}
