//! Fees for care services (element 7 of a social services programme).
//!
//! A municipal council decides by resolution what a resident pays for one
//! unit of a care service (an hour of care, a meal, a day at a day centre).
//! The fee is either nothing, a fixed price, or — most often — a share of the
//! unit cost that grows with the resident's income measured against the
//! income criterion of the social assistance act. Discounts (Karta Dużej
//! Rodziny, disability certificate, age) and a staff exemption come on top.
//!
//! Everything here is integer arithmetic on grosze and basis points with
//! `i128` intermediates: a fee decision is an administrative act, so the same
//! inputs must give the same grosz on every machine, which floats cannot
//! promise. Errors carry stable translation keys only; wording lives in the
//! UI.

use serde::{Deserialize, Serialize};

use crate::domain::Grosze;

/// 100 % expressed in basis points (1 bp = 0,01 %).
pub const FULL_BP: u32 = 10_000;

/// The most discounts one schedule may list.
///
/// A resolution names a handful of discounts; the limit keeps the exact
/// product used by [`DiscountCombination::Successive`] (at most
/// `10 000^(MAX_DISCOUNTS + 1)`) well inside `i128`, so a schedule that passes
/// [`FeeSchedule::validate`] can never overflow while computing a discount.
pub const MAX_DISCOUNTS: usize = 8;

/// The one rounding rule of this module, as a stable key the UI can explain.
///
/// Every share — the bracket's share of the unit cost, and the share left to
/// pay after discounts — is computed exactly and then rounded **half away
/// from zero to a whole grosz per unit** (166,65 gr → 167 gr; 166,45 gr →
/// 166 gr). The total is then `per_unit × units` with no further rounding, so
/// the total a resident sees is always an exact multiple of the per-unit fee
/// printed next to it. Rounding happens per unit, not on the total, because
/// resolutions state the fee per unit and residents check it that way.
///
/// The combined discount of [`DiscountCombination::Successive`] is rounded by
/// the same rule to a whole basis point, so that the quote's `discount_bp`
/// alone explains the fee.
pub const ROUNDING_RULE_KEY: &str = "fee_rounding_half_away_from_zero_per_unit";

/// Why a fee schedule or a fee computation was rejected.
///
/// The `Display` text is the translation key, as elsewhere in the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    /// An income table with no brackets cannot place any income.
    #[error("fee_bracket_table_empty")]
    EmptyBracketTable,
    /// Bracket `index` has a bound not above the previous bracket's bound.
    #[error("fee_bracket_bounds_not_ascending")]
    BracketBoundsNotAscending { index: usize },
    /// Bracket `index` has no upper bound but is not the last one.
    #[error("fee_open_bracket_not_last")]
    OpenBracketNotLast { index: usize },
    /// The last bracket has an upper bound, so higher incomes would land
    /// nowhere.
    #[error("fee_last_bracket_bounded")]
    LastBracketBounded,
    /// Bracket `index` charges more than 100 % of the unit cost.
    #[error("fee_bracket_share_out_of_range")]
    BracketShareOutOfRange { index: usize },
    /// The income criterion for `household` is zero or negative.
    #[error("fee_criterion_not_positive")]
    CriterionNotPositive { household: Household },
    #[error("fee_unit_cost_negative")]
    NegativeUnitCost,
    #[error("fee_price_negative")]
    NegativePrice,
    /// Discount `index` is above 100 %.
    #[error("fee_discount_out_of_range")]
    DiscountOutOfRange { index: usize },
    /// More than [`MAX_DISCOUNTS`] discounts.
    #[error("fee_too_many_discounts")]
    TooManyDiscounts,
    /// The cap of [`DiscountCombination::Sum`] is above 100 %.
    #[error("fee_discount_cap_out_of_range")]
    DiscountCapOutOfRange,
    #[error("fee_income_negative")]
    NegativeIncome,
    /// A staff exemption must say why, for the case file and audits.
    #[error("fee_exemption_reason_missing")]
    ExemptionWithoutReason,
    /// The amount does not fit in `i64` grosze (e.g. absurd unit counts).
    #[error("fee_overflow")]
    Overflow,
}

impl FeeError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::EmptyBracketTable => "fee_bracket_table_empty",
            Self::BracketBoundsNotAscending { .. } => "fee_bracket_bounds_not_ascending",
            Self::OpenBracketNotLast { .. } => "fee_open_bracket_not_last",
            Self::LastBracketBounded => "fee_last_bracket_bounded",
            Self::BracketShareOutOfRange { .. } => "fee_bracket_share_out_of_range",
            Self::CriterionNotPositive { .. } => "fee_criterion_not_positive",
            Self::NegativeUnitCost => "fee_unit_cost_negative",
            Self::NegativePrice => "fee_price_negative",
            Self::DiscountOutOfRange { .. } => "fee_discount_out_of_range",
            Self::TooManyDiscounts => "fee_too_many_discounts",
            Self::DiscountCapOutOfRange => "fee_discount_cap_out_of_range",
            Self::NegativeIncome => "fee_income_negative",
            Self::ExemptionWithoutReason => "fee_exemption_reason_missing",
            Self::Overflow => "fee_overflow",
        }
    }
}

/// Whether the resident lives alone or in a family; the act sets a
/// different income criterion for each, and resolutions usually charge a
/// different share for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Household {
    LivesAlone,
    Family,
}

/// A documented fact about the resident that a discount may depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// Holds a valid Karta Dużej Rodziny.
    LargeFamilyCard,
    /// Holds a disability certificate (orzeczenie o niepełnosprawności).
    DisabilityCertificate,
}

/// How a programme charges for one unit of its service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeeRule {
    /// The service costs the resident nothing.
    Free,
    /// The same price per unit for everybody (before discounts).
    FixedPerUnit { price: Grosze },
    /// A share of the unit cost chosen by income bracket.
    IncomeTable(IncomeTable),
}

/// The income-dependent fee table of a resolution.
///
/// Income is the monthly income per person, compared with the criterion for
/// the resident's household (e.g. 1 010 zł for a person living alone,
/// 823 zł per person in a family). The first bracket whose bound the income
/// does not exceed applies:
///
/// income ≤ 100 % → bracket 1; 100 % < income ≤ 150 % → bracket 2; …;
/// above the last bound → the open last bracket.
///
/// The comparison is exact (`income × 100 ≤ criterion × up_to_percent`, in
/// `i128`), never on a rounded percentage, so an income exactly on a bound
/// always falls in the lower bracket and one grosz more in the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeTable {
    /// Cost of one unit of the service; the brackets charge shares of it.
    pub unit_cost: Grosze,
    /// Monthly income criterion for a person living alone.
    pub criterion_single: Grosze,
    /// Monthly income criterion per person in a family.
    pub criterion_family: Grosze,
    /// Ordered by `up_to_percent` ascending; the last one is open.
    pub brackets: Vec<Bracket>,
}

/// One row of an [`IncomeTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bracket {
    /// Upper bound, inclusive, as a percentage of the criterion; the lower
    /// bound is the previous bracket's (exclusive). `None` means no upper
    /// bound and is allowed, and required, only on the last bracket, so
    /// that every income lands somewhere.
    pub up_to_percent: Option<u32>,
    /// Fee for a person living alone, as a share of the unit cost in basis
    /// points (10 000 = 100 %).
    pub fee_single_bp: u32,
    /// Fee for a person in a family, as a share of the unit cost in basis
    /// points.
    pub fee_family_bp: u32,
}

/// What a discount depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountCondition {
    LargeFamilyCard,
    DisabilityCertificate,
    /// The resident is at least this many years old. An unknown age never
    /// qualifies: a discount needs a documented fact.
    AgeAtLeast(u8),
}

/// A discount a resolution grants when its condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discount {
    pub condition: DiscountCondition,
    /// Share of the fee waived, in basis points (10 000 = the whole fee).
    pub percent_bp: u32,
}

/// How several applicable discounts combine; resolutions differ on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DiscountCombination {
    /// Only the largest applicable discount counts.
    Highest,
    /// Discounts add up, but never beyond `cap_bp`.
    Sum { cap_bp: u32 },
    /// Each discount applies to what is left after the others
    /// (30 % then 50 % leaves 35 %: a combined 65 %). The order does not
    /// matter: the product is computed exactly and rounded once.
    Successive,
}

/// A programme's complete fee setup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSchedule {
    pub rule: FeeRule,
    pub discounts: Vec<Discount>,
    pub combination: DiscountCombination,
}

/// What the fee depends on for one resident and billing period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeInputs {
    pub household: Household,
    pub monthly_income_per_person: Grosze,
    /// Units of service in the period (hours, meals, days).
    pub units: u32,
    /// Age in whole years, if known.
    pub age: Option<u8>,
    pub attributes: Vec<Attribute>,
}

/// A staff decision to waive the fee entirely (e.g. a special case under
/// the resolution's hardship clause).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exemption {
    /// Why; required and kept with the decision.
    pub reason: String,
}

/// The computed fee and how it was reached, for the decision and for staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeQuote {
    /// What the resident pays per unit.
    pub per_unit: Grosze,
    /// `per_unit × units`, exactly.
    pub total: Grosze,
    /// The per-unit fee by the rule alone, before discounts or exemption;
    /// kept on exempt quotes too, so the file shows what was waived.
    pub base_per_unit: Grosze,
    /// Zero-based index of the applied income bracket; `None` unless the
    /// rule is an income table.
    pub bracket_index: Option<usize>,
    /// Income as a share of the criterion in basis points, rounded **up**
    /// so it agrees with the bracket: it is ≤ `bound × 100` exactly when the
    /// income is within that bound (1 grosz above 100 % shows 100,01 %, not
    /// a misleading 100,00 %). Saturates at `u64::MAX`; display only.
    pub income_percent_of_criterion_bp: Option<u64>,
    /// Combined discount applied, in basis points; 0 on exempt quotes,
    /// where the exemption replaces discounts.
    pub discount_bp: u32,
    /// A staff exemption set the fee to zero.
    pub exempt: bool,
}

/// The fee by the rule alone, with how it was found.
#[derive(Debug, Clone, Copy)]
struct BaseFee {
    per_unit: Grosze,
    bracket_index: Option<usize>,
    income_percent_bp: Option<u64>,
}

impl FeeSchedule {
    /// Checks the setup as staff enter it, so that a schedule that passes
    /// can price every non-negative income without surprises.
    pub fn validate(&self) -> Result<(), FeeError> {
        self.rule.validate()?;
        validate_discounts(&self.discounts)?;
        self.combination.validate()
    }

    /// The fee for one resident and period.
    ///
    /// Validates the schedule first, so a bad setup is reported rather than
    /// priced. With an exemption the fee is zero and the quote says so.
    pub fn compute(
        &self,
        inputs: &FeeInputs,
        exemption: Option<&Exemption>,
    ) -> Result<FeeQuote, FeeError> {
        self.validate()?;
        if let Some(exemption) = exemption {
            exemption.validate()?;
        }
        let base = self
            .rule
            .base_fee(inputs.household, inputs.monthly_income_per_person)?;
        if exemption.is_some() {
            return Ok(FeeQuote::exempt(base));
        }
        let discount_bp = self.combination.combine(self.applicable(inputs))?;
        let per_unit = share_of(base.per_unit, FULL_BP - discount_bp)?;
        let total = per_unit
            .value()
            .checked_mul(i64::from(inputs.units))
            .map(Grosze::new)
            .ok_or(FeeError::Overflow)?;
        Ok(FeeQuote {
            per_unit,
            total,
            base_per_unit: base.per_unit,
            bracket_index: base.bracket_index,
            income_percent_of_criterion_bp: base.income_percent_bp,
            discount_bp,
            exempt: false,
        })
    }

    /// Per-unit fee for one unit with no discounts, for staff answering
    /// "how much would it cost at this income?" before a case exists.
    pub fn preview(&self, household: Household, income: Grosze) -> Result<Grosze, FeeError> {
        self.validate()?;
        Ok(self.rule.base_fee(household, income)?.per_unit)
    }

    /// Percentages of the discounts whose conditions the resident meets.
    fn applicable<'a>(&'a self, inputs: &'a FeeInputs) -> impl Iterator<Item = u32> + 'a {
        self.discounts
            .iter()
            .filter(|discount| discount.condition.holds_for(inputs))
            .map(|discount| discount.percent_bp)
    }
}

impl FeeRule {
    fn validate(&self) -> Result<(), FeeError> {
        match self {
            Self::Free => Ok(()),
            Self::FixedPerUnit { price } if price.value() < 0 => Err(FeeError::NegativePrice),
            Self::FixedPerUnit { .. } => Ok(()),
            Self::IncomeTable(table) => table.validate(),
        }
    }

    /// Rejects negative income even where the rule ignores income: it is
    /// bad data whichever rule the programme uses today.
    fn base_fee(&self, household: Household, income: Grosze) -> Result<BaseFee, FeeError> {
        if income.value() < 0 {
            return Err(FeeError::NegativeIncome);
        }
        match self {
            Self::Free => Ok(BaseFee::flat(Grosze::zero())),
            Self::FixedPerUnit { price } => Ok(BaseFee::flat(*price)),
            Self::IncomeTable(table) => table.base_fee(household, income),
        }
    }
}

impl IncomeTable {
    fn validate(&self) -> Result<(), FeeError> {
        if self.unit_cost.value() < 0 {
            return Err(FeeError::NegativeUnitCost);
        }
        for household in [Household::LivesAlone, Household::Family] {
            if self.criterion(household).value() <= 0 {
                return Err(FeeError::CriterionNotPositive { household });
            }
        }
        validate_brackets(&self.brackets)
    }

    fn criterion(&self, household: Household) -> Grosze {
        match household {
            Household::LivesAlone => self.criterion_single,
            Household::Family => self.criterion_family,
        }
    }

    /// Assumes a validated table (positive criterion, open last bracket).
    fn base_fee(&self, household: Household, income: Grosze) -> Result<BaseFee, FeeError> {
        let criterion = self.criterion(household);
        let (index, bracket) = self.bracket_for(criterion, income)?;
        Ok(BaseFee {
            per_unit: share_of(self.unit_cost, bracket.fee_bp(household))?,
            bracket_index: Some(index),
            income_percent_bp: Some(income_percent_bp(income, criterion)),
        })
    }

    /// The first bracket whose inclusive bound the income does not exceed,
    /// compared by exact cross-multiplication.
    fn bracket_for(
        &self,
        criterion: Grosze,
        income: Grosze,
    ) -> Result<(usize, &Bracket), FeeError> {
        let scaled_income = i128::from(income.value()) * 100;
        let criterion = i128::from(criterion.value());
        self.brackets
            .iter()
            .enumerate()
            .find(|(_, bracket)| match bracket.up_to_percent {
                None => true,
                Some(bound) => scaled_income <= criterion * i128::from(bound),
            })
            // Only reachable if the open last bracket is missing.
            .ok_or(FeeError::LastBracketBounded)
    }
}

impl Bracket {
    fn fee_bp(&self, household: Household) -> u32 {
        match household {
            Household::LivesAlone => self.fee_single_bp,
            Household::Family => self.fee_family_bp,
        }
    }
}

/// Every bracket but the last must have a bound above the previous one;
/// the last must be open; no share may exceed 100 %.
fn validate_brackets(brackets: &[Bracket]) -> Result<(), FeeError> {
    let last_index = brackets
        .len()
        .checked_sub(1)
        .ok_or(FeeError::EmptyBracketTable)?;
    let mut previous_bound: Option<u32> = None;
    for (index, bracket) in brackets.iter().enumerate() {
        if bracket.fee_single_bp > FULL_BP || bracket.fee_family_bp > FULL_BP {
            return Err(FeeError::BracketShareOutOfRange { index });
        }
        match bracket.up_to_percent {
            None if index != last_index => return Err(FeeError::OpenBracketNotLast { index }),
            None => {}
            Some(_) if index == last_index => return Err(FeeError::LastBracketBounded),
            Some(bound) if previous_bound.is_some_and(|previous| bound <= previous) => {
                return Err(FeeError::BracketBoundsNotAscending { index });
            }
            Some(bound) => previous_bound = Some(bound),
        }
    }
    Ok(())
}

fn validate_discounts(discounts: &[Discount]) -> Result<(), FeeError> {
    if discounts.len() > MAX_DISCOUNTS {
        return Err(FeeError::TooManyDiscounts);
    }
    match discounts.iter().position(|d| d.percent_bp > FULL_BP) {
        Some(index) => Err(FeeError::DiscountOutOfRange { index }),
        None => Ok(()),
    }
}

impl DiscountCondition {
    fn holds_for(&self, inputs: &FeeInputs) -> bool {
        match self {
            Self::LargeFamilyCard => inputs.attributes.contains(&Attribute::LargeFamilyCard),
            Self::DisabilityCertificate => inputs
                .attributes
                .contains(&Attribute::DisabilityCertificate),
            Self::AgeAtLeast(years) => inputs.age.is_some_and(|age| age >= *years),
        }
    }
}

impl DiscountCombination {
    fn validate(&self) -> Result<(), FeeError> {
        match self {
            Self::Sum { cap_bp } if *cap_bp > FULL_BP => Err(FeeError::DiscountCapOutOfRange),
            _ => Ok(()),
        }
    }

    /// The combined discount in basis points, never above [`FULL_BP`] for
    /// validated inputs (each discount ≤ 100 %, cap ≤ 100 %).
    fn combine(&self, discounts: impl Iterator<Item = u32>) -> Result<u32, FeeError> {
        match self {
            Self::Highest => Ok(discounts.max().unwrap_or(0).min(FULL_BP)),
            Self::Sum { cap_bp } => {
                let sum: u64 = discounts.map(u64::from).sum();
                let capped = sum.min(u64::from(*cap_bp)).min(u64::from(FULL_BP));
                u32::try_from(capped).map_err(|_| FeeError::Overflow)
            }
            Self::Successive => successive_discount_bp(discounts),
        }
    }
}

/// `1 − Π(1 − dᵢ)` in basis points: the exact remaining share is
/// `Π(10 000 − dᵢ) / 10 000ⁿ⁻¹` bp, rounded once by [`ROUNDING_RULE_KEY`].
fn successive_discount_bp(discounts: impl Iterator<Item = u32>) -> Result<u32, FeeError> {
    let full = i128::from(FULL_BP);
    let mut remaining_numerator = full;
    let mut denominator: i128 = 1;
    for discount in discounts {
        let kept = full - i128::from(discount.min(FULL_BP));
        remaining_numerator = remaining_numerator
            .checked_mul(kept)
            .ok_or(FeeError::Overflow)?;
        denominator = denominator.checked_mul(full).ok_or(FeeError::Overflow)?;
    }
    let remaining_bp = round_half_away_from_zero(remaining_numerator, denominator);
    u32::try_from(full - remaining_bp).map_err(|_| FeeError::Overflow)
}

impl Exemption {
    fn validate(&self) -> Result<(), FeeError> {
        if self.reason.trim().is_empty() {
            return Err(FeeError::ExemptionWithoutReason);
        }
        Ok(())
    }
}

impl BaseFee {
    /// A fee that does not depend on income.
    fn flat(per_unit: Grosze) -> Self {
        Self {
            per_unit,
            bracket_index: None,
            income_percent_bp: None,
        }
    }
}

impl FeeQuote {
    fn exempt(base: BaseFee) -> Self {
        Self {
            per_unit: Grosze::zero(),
            total: Grosze::zero(),
            base_per_unit: base.per_unit,
            bracket_index: base.bracket_index,
            income_percent_of_criterion_bp: base.income_percent_bp,
            discount_bp: 0,
            exempt: true,
        }
    }
}

/// `amount × share_bp / 10 000`, rounded per [`ROUNDING_RULE_KEY`].
fn share_of(amount: Grosze, share_bp: u32) -> Result<Grosze, FeeError> {
    let exact_numerator = i128::from(amount.value()) * i128::from(share_bp);
    let rounded = round_half_away_from_zero(exact_numerator, i128::from(FULL_BP));
    i64::try_from(rounded)
        .map(Grosze::new)
        .map_err(|_| FeeError::Overflow)
}

/// Income over criterion in basis points, rounded up (see
/// [`FeeQuote::income_percent_of_criterion_bp`]). Needs a non-negative
/// income and a positive criterion.
fn income_percent_bp(income: Grosze, criterion: Grosze) -> u64 {
    let numerator = i128::from(income.value()) * i128::from(FULL_BP);
    let criterion = i128::from(criterion.value());
    let rounded_up = (numerator + criterion - 1) / criterion;
    u64::try_from(rounded_up).unwrap_or(u64::MAX)
}

/// `numerator / denominator` rounded half away from zero; `denominator`
/// must be positive (all callers pass constants or validated criteria).
fn round_half_away_from_zero(numerator: i128, denominator: i128) -> i128 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.unsigned_abs() * 2 >= denominator.unsigned_abs() {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CRITERION_SINGLE: i64 = 101_000;
    const CRITERION_FAMILY: i64 = 82_300;
    /// Chosen so every share of the typical table is a whole grosz and
    /// the brackets are told apart by their fees.
    const UNIT_COST: i64 = 4_000;

    fn gr(value: i64) -> Grosze {
        Grosze::new(value)
    }

    fn bracket(up_to_percent: Option<u32>, single: u32, family: u32) -> Bracket {
        Bracket {
            up_to_percent,
            fee_single_bp: single,
            fee_family_bp: family,
        }
    }

    /// The typical resolution: ≤100 % free, ≤150 % 5/10 %, ≤200 % 10/15 %,
    /// ≤250 % 20/30 %, ≤300 % 35/50 %, above 100 %.
    fn typical_brackets() -> Vec<Bracket> {
        vec![
            bracket(Some(100), 0, 0),
            bracket(Some(150), 500, 1_000),
            bracket(Some(200), 1_000, 1_500),
            bracket(Some(250), 2_000, 3_000),
            bracket(Some(300), 3_500, 5_000),
            bracket(None, 10_000, 10_000),
        ]
    }

    fn table_with(unit_cost: i64, brackets: Vec<Bracket>) -> IncomeTable {
        IncomeTable {
            unit_cost: gr(unit_cost),
            criterion_single: gr(CRITERION_SINGLE),
            criterion_family: gr(CRITERION_FAMILY),
            brackets,
        }
    }

    fn typical_table() -> IncomeTable {
        table_with(UNIT_COST, typical_brackets())
    }

    fn schedule(rule: FeeRule) -> FeeSchedule {
        FeeSchedule {
            rule,
            discounts: Vec::new(),
            combination: DiscountCombination::Highest,
        }
    }

    fn typical_schedule() -> FeeSchedule {
        schedule(FeeRule::IncomeTable(typical_table()))
    }

    fn inputs(household: Household, income: i64) -> FeeInputs {
        FeeInputs {
            household,
            monthly_income_per_person: gr(income),
            units: 1,
            age: None,
            attributes: Vec::new(),
        }
    }

    fn quote(schedule: &FeeSchedule, inputs: &FeeInputs) -> FeeQuote {
        schedule
            .compute(inputs, None)
            .expect("valid schedule and inputs")
    }

    /// Asserts bracket, per-unit fee and displayed percent for one income.
    fn assert_bracket(household: Household, income: i64, index: usize, fee: i64, percent_bp: u64) {
        let q = quote(&typical_schedule(), &inputs(household, income));
        assert_eq!(
            q.bracket_index,
            Some(index),
            "{household:?} income {income}"
        );
        assert_eq!(q.per_unit, gr(fee), "{household:?} income {income}");
        assert_eq!(q.base_per_unit, gr(fee), "{household:?} income {income}");
        assert_eq!(
            q.income_percent_of_criterion_bp,
            Some(percent_bp),
            "{household:?} income {income}"
        );
    }

    // --- income table: bracket boundaries -------------------------------

    #[test]
    fn single_at_each_bound_stays_in_lower_bracket() {
        let single = Household::LivesAlone;
        assert_bracket(single, 101_000, 0, 0, 10_000);
        assert_bracket(single, 151_500, 1, 200, 15_000);
        assert_bracket(single, 202_000, 2, 400, 20_000);
        assert_bracket(single, 252_500, 3, 800, 25_000);
        assert_bracket(single, 303_000, 4, 1_400, 30_000);
    }

    #[test]
    fn single_one_grosz_above_each_bound_moves_up() {
        let single = Household::LivesAlone;
        assert_bracket(single, 101_001, 1, 200, 10_001);
        assert_bracket(single, 151_501, 2, 400, 15_001);
        assert_bracket(single, 202_001, 3, 800, 20_001);
        assert_bracket(single, 252_501, 4, 1_400, 25_001);
        assert_bracket(single, 303_001, 5, 4_000, 30_001);
    }

    #[test]
    fn family_at_each_bound_stays_in_lower_bracket() {
        let family = Household::Family;
        assert_bracket(family, 82_300, 0, 0, 10_000);
        assert_bracket(family, 123_450, 1, 400, 15_000);
        assert_bracket(family, 164_600, 2, 600, 20_000);
        assert_bracket(family, 205_750, 3, 1_200, 25_000);
        assert_bracket(family, 246_900, 4, 2_000, 30_000);
    }

    #[test]
    fn family_one_grosz_above_each_bound_moves_up() {
        let family = Household::Family;
        assert_bracket(family, 82_301, 1, 400, 10_001);
        assert_bracket(family, 123_451, 2, 600, 15_001);
        assert_bracket(family, 164_601, 3, 1_200, 20_001);
        assert_bracket(family, 205_751, 4, 2_000, 25_001);
        assert_bracket(family, 246_901, 5, 4_000, 30_001);
    }

    #[test]
    fn zero_income_is_first_bracket_and_free() {
        for household in [Household::LivesAlone, Household::Family] {
            assert_bracket(household, 0, 0, 0, 0);
        }
    }

    #[test]
    fn income_far_above_last_bound_pays_full_cost() {
        assert_bracket(Household::LivesAlone, 10_000_000, 5, 4_000, 990_100);
        assert_bracket(Household::Family, 10_000_000, 5, 4_000, 1_215_067);
    }

    #[test]
    fn same_income_lands_in_different_brackets_by_household() {
        // 1 200 zł: 118,8 % of the single criterion, 145,8 % of the family one.
        let single = quote(&typical_schedule(), &inputs(Household::LivesAlone, 120_000));
        let family = quote(&typical_schedule(), &inputs(Household::Family, 120_000));
        assert_eq!(single.bracket_index, Some(1));
        assert_eq!(single.per_unit, gr(200));
        assert_eq!(family.bracket_index, Some(1));
        assert_eq!(family.per_unit, gr(400));
    }

    #[test]
    fn bound_that_is_not_a_whole_grosz_is_compared_exactly() {
        // 150 % of 823,01 zł is 1 234,515 zł: 1 234,51 is within, 1 234,52 is not.
        let mut table = typical_table();
        table.criterion_family = gr(82_301);
        let schedule = schedule(FeeRule::IncomeTable(table));
        let within = quote(&schedule, &inputs(Household::Family, 123_451));
        let above = quote(&schedule, &inputs(Household::Family, 123_452));
        assert_eq!(within.bracket_index, Some(1));
        assert_eq!(above.bracket_index, Some(2));
    }

    #[test]
    fn displayed_percent_agrees_with_bracket_just_above_bound() {
        // A truncated percent would show 100,00 % for bracket 2.
        let q = quote(&typical_schedule(), &inputs(Household::LivesAlone, 101_001));
        assert_eq!(q.bracket_index, Some(1));
        assert!(q.income_percent_of_criterion_bp > Some(10_000));
    }

    #[test]
    fn income_percent_saturates_instead_of_overflowing() {
        let mut table = typical_table();
        table.criterion_single = gr(1);
        let schedule = schedule(FeeRule::IncomeTable(table));
        let q = quote(&schedule, &inputs(Household::LivesAlone, i64::MAX));
        assert_eq!(q.income_percent_of_criterion_bp, Some(u64::MAX));
        assert_eq!(q.bracket_index, Some(5));
    }

    #[test]
    fn total_is_per_unit_times_units() {
        let mut resident = inputs(Household::Family, 164_601);
        resident.units = 30;
        let q = quote(&typical_schedule(), &resident);
        assert_eq!(q.per_unit, gr(1_200));
        assert_eq!(q.total, gr(36_000));
    }

    #[test]
    fn zero_units_cost_nothing_in_total() {
        let mut resident = inputs(Household::Family, 300_000);
        resident.units = 0;
        let q = quote(&typical_schedule(), &resident);
        assert_eq!(q.per_unit, gr(4_000));
        assert_eq!(q.total, gr(0));
    }

    #[test]
    fn total_overflow_is_an_error_not_a_panic() {
        let mut resident = inputs(Household::LivesAlone, 0);
        resident.units = 3;
        let schedule = schedule(FeeRule::FixedPerUnit {
            price: gr(i64::MAX / 2),
        });
        assert_eq!(schedule.compute(&resident, None), Err(FeeError::Overflow));
    }

    // --- rounding --------------------------------------------------------

    /// Per-unit fee of a one-bracket table charging `share_bp` of `unit_cost`.
    fn single_bracket_fee(unit_cost: i64, share_bp: u32) -> Grosze {
        let table = table_with(unit_cost, vec![bracket(None, share_bp, share_bp)]);
        quote(
            &schedule(FeeRule::IncomeTable(table)),
            &inputs(Household::LivesAlone, 0),
        )
        .per_unit
    }

    #[test]
    fn share_rounds_half_up_to_whole_grosz() {
        assert_eq!(single_bracket_fee(3_333, 500), gr(167)); // 166,65
        assert_eq!(single_bracket_fee(3_331, 500), gr(167)); // 166,55
        assert_eq!(single_bracket_fee(3_329, 500), gr(166)); // 166,45
        assert_eq!(single_bracket_fee(10, 500), gr(1)); // 0,5
        assert_eq!(single_bracket_fee(30, 500), gr(2)); // 1,5
        assert_eq!(single_bracket_fee(9, 500), gr(0)); // 0,45
    }

    #[test]
    fn share_of_whole_and_nothing_is_exact() {
        assert_eq!(single_bracket_fee(3_333, 10_000), gr(3_333));
        assert_eq!(single_bracket_fee(3_333, 0), gr(0));
    }

    #[test]
    fn total_multiplies_the_rounded_per_unit_fee() {
        // 3 333 × 5 % × 7 = 1 166,55 — but the resident sees 1,67 zł × 7.
        let table = table_with(3_333, vec![bracket(None, 500, 500)]);
        let mut resident = inputs(Household::LivesAlone, 0);
        resident.units = 7;
        let q = quote(&schedule(FeeRule::IncomeTable(table)), &resident);
        assert_eq!(q.per_unit, gr(167));
        assert_eq!(q.total, gr(1_169));
    }

    #[test]
    fn discounted_fee_rounds_half_up() {
        let mut priced = schedule(FeeRule::FixedPerUnit { price: gr(167) });
        priced.discounts = vec![Discount {
            condition: DiscountCondition::LargeFamilyCard,
            percent_bp: 3_000,
        }];
        let mut resident = inputs(Household::Family, 0);
        resident.attributes = vec![Attribute::LargeFamilyCard];
        assert_eq!(quote(&priced, &resident).per_unit, gr(117)); // 116,9

        priced.rule = FeeRule::FixedPerUnit { price: gr(5) };
        priced.discounts[0].percent_bp = 5_000;
        assert_eq!(quote(&priced, &resident).per_unit, gr(3)); // 2,5
    }

    #[test]
    fn rounding_is_half_away_from_zero_for_negatives_too() {
        assert_eq!(round_half_away_from_zero(5, 10), 1);
        assert_eq!(round_half_away_from_zero(-5, 10), -1);
        assert_eq!(round_half_away_from_zero(-4, 10), 0);
        assert_eq!(round_half_away_from_zero(-16_665, 100), -167);
        assert_eq!(round_half_away_from_zero(0, 10), 0);
    }

    // --- discounts -------------------------------------------------------

    const PRICE: i64 = 10_000;

    /// Fixed 100 zł; KDR 30 %, disability 50 %, age ≥ 75 20 %.
    fn discounted(combination: DiscountCombination) -> FeeSchedule {
        FeeSchedule {
            rule: FeeRule::FixedPerUnit { price: gr(PRICE) },
            discounts: vec![
                Discount {
                    condition: DiscountCondition::LargeFamilyCard,
                    percent_bp: 3_000,
                },
                Discount {
                    condition: DiscountCondition::DisabilityCertificate,
                    percent_bp: 5_000,
                },
                Discount {
                    condition: DiscountCondition::AgeAtLeast(75),
                    percent_bp: 2_000,
                },
            ],
            combination,
        }
    }

    fn resident(attributes: Vec<Attribute>, age: Option<u8>) -> FeeInputs {
        FeeInputs {
            age,
            attributes,
            ..inputs(Household::Family, 100_000)
        }
    }

    fn no_discount() -> FeeInputs {
        resident(Vec::new(), Some(40))
    }

    fn card_only() -> FeeInputs {
        resident(vec![Attribute::LargeFamilyCard], Some(40))
    }

    fn card_and_certificate() -> FeeInputs {
        resident(
            vec![Attribute::LargeFamilyCard, Attribute::DisabilityCertificate],
            Some(40),
        )
    }

    fn assert_discount(schedule: &FeeSchedule, inputs: &FeeInputs, discount_bp: u32, fee: i64) {
        let q = quote(schedule, inputs);
        assert_eq!(q.discount_bp, discount_bp, "{inputs:?}");
        assert_eq!(q.per_unit, gr(fee), "{inputs:?}");
        assert_eq!(q.base_per_unit, gr(PRICE));
        assert!(!q.exempt);
    }

    #[test]
    fn highest_with_no_one_and_two_discounts() {
        let s = discounted(DiscountCombination::Highest);
        assert_discount(&s, &no_discount(), 0, 10_000);
        assert_discount(&s, &card_only(), 3_000, 7_000);
        assert_discount(&s, &card_and_certificate(), 5_000, 5_000);
    }

    #[test]
    fn highest_does_not_depend_on_listing_order() {
        let mut s = discounted(DiscountCombination::Highest);
        s.discounts.reverse();
        assert_discount(&s, &card_and_certificate(), 5_000, 5_000);
    }

    #[test]
    fn sum_with_no_one_and_two_discounts() {
        let s = discounted(DiscountCombination::Sum { cap_bp: 6_000 });
        assert_discount(&s, &no_discount(), 0, 10_000);
        assert_discount(&s, &card_only(), 3_000, 7_000);
        // 30 % + 50 % = 80 %, capped at 60 %.
        assert_discount(&s, &card_and_certificate(), 6_000, 4_000);
    }

    #[test]
    fn sum_below_cap_is_not_capped() {
        let s = discounted(DiscountCombination::Sum { cap_bp: 6_000 });
        // KDR 30 % + age 20 % = 50 %.
        let senior_with_card = resident(vec![Attribute::LargeFamilyCard], Some(80));
        assert_discount(&s, &senior_with_card, 5_000, 5_000);
    }

    #[test]
    fn sum_capped_at_full_waives_whole_fee() {
        let s = discounted(DiscountCombination::Sum { cap_bp: 10_000 });
        let all = resident(
            vec![Attribute::LargeFamilyCard, Attribute::DisabilityCertificate],
            Some(90),
        );
        assert_discount(&s, &all, 10_000, 0);
    }

    #[test]
    fn successive_with_no_one_and_two_discounts() {
        let s = discounted(DiscountCombination::Successive);
        assert_discount(&s, &no_discount(), 0, 10_000);
        assert_discount(&s, &card_only(), 3_000, 7_000);
        // 70 % of 50 % is left: 35 %.
        assert_discount(&s, &card_and_certificate(), 6_500, 3_500);
    }

    #[test]
    fn successive_with_three_discounts() {
        let s = discounted(DiscountCombination::Successive);
        let all = resident(
            vec![Attribute::LargeFamilyCard, Attribute::DisabilityCertificate],
            Some(75),
        );
        // 0,7 × 0,5 × 0,8 = 0,28 left.
        assert_discount(&s, &all, 7_200, 2_800);
    }

    #[test]
    fn successive_rounds_combined_discount_once() {
        let mut s = discounted(DiscountCombination::Successive);
        s.discounts[0].percent_bp = 3_333;
        s.discounts[1].percent_bp = 3_333;
        // 0,6667² = 0,44448889 left → 4 445 bp → discount 5 555 bp.
        assert_discount(&s, &card_and_certificate(), 5_555, 4_445);
    }

    #[test]
    fn successive_full_discount_waives_whole_fee() {
        let mut s = discounted(DiscountCombination::Successive);
        s.discounts[1].percent_bp = 10_000;
        assert_discount(&s, &card_and_certificate(), 10_000, 0);
    }

    #[test]
    fn successive_handles_the_maximum_number_of_discounts() {
        let mut s = discounted(DiscountCombination::Successive);
        s.discounts = vec![
            Discount {
                condition: DiscountCondition::AgeAtLeast(0),
                percent_bp: 1,
            };
            MAX_DISCOUNTS
        ];
        // 0,9999⁸ = 0,99920028 left → 9 992 bp → discount 8 bp.
        assert_discount(&s, &no_discount(), 8, 9_992);
    }

    #[test]
    fn age_discount_applies_from_exactly_the_age() {
        let s = discounted(DiscountCombination::Highest);
        assert_discount(&s, &resident(Vec::new(), Some(75)), 2_000, 8_000);
        assert_discount(&s, &resident(Vec::new(), Some(76)), 2_000, 8_000);
        assert_discount(&s, &resident(Vec::new(), Some(74)), 0, 10_000);
        assert_discount(&s, &resident(Vec::new(), None), 0, 10_000);
    }

    #[test]
    fn discounts_apply_to_income_table_fee() {
        let mut s = typical_schedule();
        s.discounts = discounted(DiscountCombination::Highest).discounts;
        let mut family = card_only();
        family.monthly_income_per_person = gr(164_601); // 30 % → 12 zł
        family.units = 10;
        let q = quote(&s, &family);
        assert_eq!(q.base_per_unit, gr(1_200));
        assert_eq!(q.per_unit, gr(840));
        assert_eq!(q.total, gr(8_400));
        assert_eq!(q.bracket_index, Some(3));
    }

    // --- exemption, free, fixed -----------------------------------------

    fn exemption(reason: &str) -> Exemption {
        Exemption {
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn exemption_makes_fee_zero_and_is_recorded() {
        let mut resident = inputs(Household::LivesAlone, 400_000);
        resident.units = 12;
        let hardship = exemption("pożar mieszkania");
        let q = typical_schedule()
            .compute(&resident, Some(&hardship))
            .expect("valid");
        assert!(q.exempt);
        assert_eq!(q.per_unit, gr(0));
        assert_eq!(q.total, gr(0));
        assert_eq!(q.discount_bp, 0);
        assert_eq!(q.base_per_unit, gr(4_000));
        assert_eq!(q.bracket_index, Some(5));
    }

    #[test]
    fn exemption_wins_over_discounts() {
        let s = discounted(DiscountCombination::Highest);
        let q = s
            .compute(&card_only(), Some(&exemption("decyzja kierownika")))
            .expect("valid");
        assert!(q.exempt);
        assert_eq!(q.total, gr(0));
        assert_eq!(q.base_per_unit, gr(PRICE));
    }

    #[test]
    fn exemption_needs_a_reason() {
        for blank in ["", "   "] {
            assert_eq!(
                typical_schedule().compute(&no_discount(), Some(&exemption(blank))),
                Err(FeeError::ExemptionWithoutReason)
            );
        }
    }

    #[test]
    fn free_rule_costs_nothing() {
        let mut resident = card_only();
        resident.units = 20;
        let q = quote(&schedule(FeeRule::Free), &resident);
        assert_eq!(q.per_unit, gr(0));
        assert_eq!(q.total, gr(0));
        assert_eq!(q.base_per_unit, gr(0));
        assert_eq!(q.bracket_index, None);
        assert_eq!(q.income_percent_of_criterion_bp, None);
        assert!(!q.exempt);
    }

    #[test]
    fn fixed_price_ignores_income() {
        let s = schedule(FeeRule::FixedPerUnit { price: gr(1_550) });
        for income in [0, 100_000, 5_000_000] {
            let mut resident = inputs(Household::LivesAlone, income);
            resident.units = 4;
            let q = quote(&s, &resident);
            assert_eq!(q.per_unit, gr(1_550));
            assert_eq!(q.total, gr(6_200));
            assert_eq!(q.bracket_index, None);
            assert_eq!(q.income_percent_of_criterion_bp, None);
        }
    }

    #[test]
    fn fixed_price_of_zero_is_valid() {
        let s = schedule(FeeRule::FixedPerUnit { price: gr(0) });
        assert_eq!(quote(&s, &no_discount()).total, gr(0));
    }

    // --- preview ---------------------------------------------------------

    #[test]
    fn preview_is_base_fee_for_one_unit() {
        let s = typical_schedule();
        assert_eq!(s.preview(Household::LivesAlone, gr(101_000)), Ok(gr(0)));
        assert_eq!(s.preview(Household::LivesAlone, gr(101_001)), Ok(gr(200)));
        assert_eq!(s.preview(Household::Family, gr(246_900)), Ok(gr(2_000)));
        assert_eq!(s.preview(Household::Family, gr(246_901)), Ok(gr(4_000)));
    }

    #[test]
    fn preview_ignores_discounts() {
        let s = discounted(DiscountCombination::Highest);
        assert_eq!(s.preview(Household::Family, gr(0)), Ok(gr(PRICE)));
    }

    #[test]
    fn preview_rejects_bad_schedule_and_negative_income() {
        assert_eq!(
            typical_schedule().preview(Household::Family, gr(-1)),
            Err(FeeError::NegativeIncome)
        );
        let mut table = typical_table();
        table.brackets.clear();
        assert_eq!(
            schedule(FeeRule::IncomeTable(table)).preview(Household::Family, gr(0)),
            Err(FeeError::EmptyBracketTable)
        );
    }

    // --- validation ------------------------------------------------------

    fn table_error(edit: impl FnOnce(&mut IncomeTable)) -> Result<(), FeeError> {
        let mut table = typical_table();
        edit(&mut table);
        schedule(FeeRule::IncomeTable(table)).validate()
    }

    #[test]
    fn typical_and_simple_schedules_are_valid() {
        assert_eq!(typical_schedule().validate(), Ok(()));
        assert_eq!(schedule(FeeRule::Free).validate(), Ok(()));
        assert_eq!(
            discounted(DiscountCombination::Successive).validate(),
            Ok(())
        );
        assert_eq!(
            table_error(|t| t.brackets = vec![bracket(None, 10_000, 10_000)]),
            Ok(())
        );
    }

    #[test]
    fn empty_bracket_table_is_rejected() {
        assert_eq!(
            table_error(|t| t.brackets.clear()),
            Err(FeeError::EmptyBracketTable)
        );
    }

    #[test]
    fn equal_bounds_are_rejected() {
        assert_eq!(
            table_error(|t| t.brackets[2].up_to_percent = Some(150)),
            Err(FeeError::BracketBoundsNotAscending { index: 2 })
        );
    }

    #[test]
    fn descending_bounds_are_rejected() {
        assert_eq!(
            table_error(|t| t.brackets[3].up_to_percent = Some(120)),
            Err(FeeError::BracketBoundsNotAscending { index: 3 })
        );
    }

    #[test]
    fn open_bracket_before_last_is_rejected() {
        assert_eq!(
            table_error(|t| t.brackets[1].up_to_percent = None),
            Err(FeeError::OpenBracketNotLast { index: 1 })
        );
    }

    #[test]
    fn bounded_last_bracket_is_rejected() {
        assert_eq!(
            table_error(|t| t.brackets[5].up_to_percent = Some(400)),
            Err(FeeError::LastBracketBounded)
        );
        assert_eq!(
            table_error(|t| t.brackets = vec![bracket(Some(100), 0, 0)]),
            Err(FeeError::LastBracketBounded)
        );
    }

    #[test]
    fn share_above_full_is_rejected_in_either_column() {
        assert_eq!(
            table_error(|t| t.brackets[4].fee_single_bp = 10_001),
            Err(FeeError::BracketShareOutOfRange { index: 4 })
        );
        assert_eq!(
            table_error(|t| t.brackets[5].fee_family_bp = 10_001),
            Err(FeeError::BracketShareOutOfRange { index: 5 })
        );
    }

    #[test]
    fn non_positive_criteria_are_rejected() {
        assert_eq!(
            table_error(|t| t.criterion_single = gr(0)),
            Err(FeeError::CriterionNotPositive {
                household: Household::LivesAlone
            })
        );
        assert_eq!(
            table_error(|t| t.criterion_family = gr(-82_300)),
            Err(FeeError::CriterionNotPositive {
                household: Household::Family
            })
        );
    }

    #[test]
    fn unit_cost_may_be_zero_but_not_negative() {
        assert_eq!(table_error(|t| t.unit_cost = gr(0)), Ok(()));
        assert_eq!(
            table_error(|t| t.unit_cost = gr(-1)),
            Err(FeeError::NegativeUnitCost)
        );
    }

    #[test]
    fn negative_fixed_price_is_rejected() {
        let s = schedule(FeeRule::FixedPerUnit { price: gr(-1) });
        assert_eq!(s.validate(), Err(FeeError::NegativePrice));
    }

    #[test]
    fn discount_above_full_is_rejected() {
        let mut s = discounted(DiscountCombination::Highest);
        s.discounts[2].percent_bp = 10_001;
        assert_eq!(s.validate(), Err(FeeError::DiscountOutOfRange { index: 2 }));
        s.discounts[2].percent_bp = 10_000;
        assert_eq!(s.validate(), Ok(()));
    }

    #[test]
    fn too_many_discounts_are_rejected() {
        let mut s = discounted(DiscountCombination::Successive);
        s.discounts = vec![s.discounts[0]; MAX_DISCOUNTS + 1];
        assert_eq!(s.validate(), Err(FeeError::TooManyDiscounts));
        s.discounts.pop();
        assert_eq!(s.validate(), Ok(()));
    }

    #[test]
    fn sum_cap_above_full_is_rejected() {
        let over = discounted(DiscountCombination::Sum { cap_bp: 10_001 });
        assert_eq!(over.validate(), Err(FeeError::DiscountCapOutOfRange));
        let full = discounted(DiscountCombination::Sum { cap_bp: 10_000 });
        assert_eq!(full.validate(), Ok(()));
    }

    #[test]
    fn compute_validates_schedule_first() {
        let mut table = typical_table();
        table.brackets[5].up_to_percent = Some(400);
        let s = schedule(FeeRule::IncomeTable(table));
        assert_eq!(
            s.compute(&inputs(Household::Family, 0), None),
            Err(FeeError::LastBracketBounded)
        );
    }

    #[test]
    fn negative_income_is_rejected_for_every_rule() {
        let rules = [
            FeeRule::Free,
            FeeRule::FixedPerUnit { price: gr(100) },
            FeeRule::IncomeTable(typical_table()),
        ];
        for rule in rules {
            assert_eq!(
                schedule(rule).compute(&inputs(Household::LivesAlone, -1), None),
                Err(FeeError::NegativeIncome)
            );
        }
    }

    // --- keys and serde --------------------------------------------------

    #[test]
    fn error_keys_are_stable_unique_snake_case_and_match_display() {
        let all = [
            FeeError::EmptyBracketTable,
            FeeError::BracketBoundsNotAscending { index: 0 },
            FeeError::OpenBracketNotLast { index: 0 },
            FeeError::LastBracketBounded,
            FeeError::BracketShareOutOfRange { index: 0 },
            FeeError::CriterionNotPositive {
                household: Household::Family,
            },
            FeeError::NegativeUnitCost,
            FeeError::NegativePrice,
            FeeError::DiscountOutOfRange { index: 0 },
            FeeError::TooManyDiscounts,
            FeeError::DiscountCapOutOfRange,
            FeeError::NegativeIncome,
            FeeError::ExemptionWithoutReason,
            FeeError::Overflow,
        ];
        let mut keys: Vec<&str> = all.iter().map(FeeError::key).collect();
        for (error, key) in all.iter().zip(&keys) {
            assert_eq!(error.to_string(), *key);
            assert!(key.starts_with("fee_"), "{key}");
            assert!(
                key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{key}"
            );
        }
        assert_eq!(FeeError::EmptyBracketTable.key(), "fee_bracket_table_empty");
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
    }

    fn assert_serde<T: Serialize + for<'de> Deserialize<'de>>() {}

    #[test]
    fn public_types_implement_serde() {
        assert_serde::<FeeSchedule>();
        assert_serde::<FeeRule>();
        assert_serde::<IncomeTable>();
        assert_serde::<Bracket>();
        assert_serde::<Discount>();
        assert_serde::<DiscountCondition>();
        assert_serde::<DiscountCombination>();
        assert_serde::<FeeInputs>();
        assert_serde::<Household>();
        assert_serde::<Attribute>();
        assert_serde::<Exemption>();
        assert_serde::<FeeQuote>();
    }

    #[test]
    fn unit_enums_deserialize_from_snake_case_names() {
        use serde::de::IntoDeserializer;
        use serde::de::value::Error as DeError;
        let household = Household::deserialize(IntoDeserializer::<DeError>::into_deserializer(
            "lives_alone",
        ));
        assert_eq!(household, Ok(Household::LivesAlone));
        let attribute = Attribute::deserialize(IntoDeserializer::<DeError>::into_deserializer(
            "large_family_card",
        ));
        assert_eq!(attribute, Ok(Attribute::LargeFamilyCard));
    }
}
