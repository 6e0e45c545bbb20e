//! Community organising (organizowanie społeczności lokalnej, OSL, art. 32 of the CUS act): the
//! communities the community organiser works with — territorial (a sołectwo, an estate, a
//! district) or categorial (seniors, families, people with disabilities) — where each stands in
//! the six-stage cycle, with the history of its moves and their reasons, and its activities:
//! workshops, integration events, campaigns, self-help groups, social projects, volunteer club
//! meetings. Public activities appear in the portal's calendar (`/wydarzenia`, with iCalendar
//! feeds), where anyone signs up for a place; when the places are taken the next sign-ups wait,
//! and a cancellation gives the place to the first of them.

pub mod attendance;
#[cfg(feature = "ssr")]
pub mod attendance_store;
pub mod calendar;
pub mod calendar_pages;
pub mod communities;
pub mod diagnosis;
pub mod diagnosis_pages;
#[cfg(feature = "ssr")]
pub mod diagnosis_store;
#[cfg(feature = "ssr")]
pub mod documents;
pub mod forms;
#[cfg(feature = "ssr")]
pub mod ics;
pub mod participation;
pub mod participation_pages;
#[cfg(feature = "ssr")]
pub mod participation_store;
pub mod plan;
pub mod plan_pages;
#[cfg(feature = "ssr")]
pub mod plan_store;
pub mod staff_pages;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub(crate) mod trail;
#[cfg(feature = "ssr")]
pub mod volunteer_documents;
pub mod volunteer_pages;
pub mod volunteers;
#[cfg(feature = "ssr")]
pub mod volunteers_store;

use crate::domain::ServiceArea;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::programme::TargetGroup;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Whom a community is: the people of a place, or a group wherever they live.
    CommunityKind {
        Territorial = "territorial",
        Categorial = "categorial",
    }
}

labels!(CommunityKind, community {
    Territorial => kind_territorial,
    Categorial => kind_categorial,
});

coded_enum! {
    /// The kind of area a territorial community lives in.
    Territory {
        Village = "solectwo",
        Estate = "osiedle",
        District = "district",
    }
}

labels!(Territory, community {
    Village => territory_village,
    Estate => territory_estate,
    District => territory_district,
});

coded_enum! {
    /// The six stages of the organising cycle (seed 004), repeated until the community acts
    /// on its own.
    Stage {
        /// 1: the environmental diagnosis, the map of resources and needs.
        Diagnosis = "diagnosis",
        /// 2: choosing the addressees, their problems and potential.
        Addressees = "addressees",
        /// 3: getting to know people, allies and leaders; a cooperation network.
        Network = "network",
        /// 4: the action plan, made with the residents.
        ActionPlan = "action_plan",
        /// 5: carrying it out.
        Action = "action",
        /// 6: monitoring and evaluation.
        Evaluation = "evaluation",
    }
}

labels!(Stage, community {
    Diagnosis => stage_diagnosis,
    Addressees => stage_addressees,
    Network => stage_network,
    ActionPlan => stage_action_plan,
    Action => stage_action,
    Evaluation => stage_evaluation,
});

impl Stage {
    /// 1 to 6.
    pub fn number(self) -> usize {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }
}

coded_enum! {
    /// What an activity is (seed 004's tools of community organising).
    ActivityKind {
        Workshop = "workshop",
        IntegrationEvent = "integration_event",
        Campaign = "campaign",
        SelfHelpGroup = "self_help_group",
        SocialProject = "social_project",
        VolunteerClub = "volunteer_club",
    }
}

labels!(ActivityKind, community {
    Workshop => activity_workshop,
    IntegrationEvent => activity_integration_event,
    Campaign => activity_campaign,
    SelfHelpGroup => activity_self_help_group,
    SocialProject => activity_social_project,
    VolunteerClub => activity_volunteer_club,
});

coded_enum! {
    /// Where a sign-up stands.
    RegistrationStatus {
        Registered = "registered",
        Waiting = "waiting",
        Cancelled = "cancelled",
    }
}

labels!(RegistrationStatus, community {
    Registered => registration_registered,
    Waiting => registration_waiting,
    Cancelled => registration_cancelled,
});

/// A community as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Community {
    pub id: String,
    pub name: String,
    pub kind: CommunityKind,
    /// Territorial communities only.
    pub territory: Option<Territory>,
    pub place: String,
    /// The gmina's TERYT code, when given.
    pub teryt: String,
    /// Categorial communities only.
    pub target_group: Option<TargetGroup>,
    pub description: String,
    pub organiser_id: String,
    pub organiser_name: String,
    pub stage: Stage,
    pub created_at: DateTime<Utc>,
}

/// One move between stages: the first has no `from` (the community was taken up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub from: Option<Stage>,
    pub to: Stage,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// What the place of an activity offers people with disabilities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accessibility {
    /// No steps, or a ramp or lift, and an accessible toilet.
    pub step_free: bool,
    /// An induction loop for people with hearing aids.
    pub hearing_loop: bool,
    /// A Polish Sign Language interpreter.
    pub sign_language: bool,
}

/// An activity with its sign-up counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub community_id: String,
    pub community_name: String,
    pub kind: ActivityKind,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub accessibility: Accessibility,
    pub capacity: u32,
    /// In the public calendar, open to sign-ups.
    pub public: bool,
    pub partners: String,
    pub volunteers_needed: u32,
    pub area: ServiceArea,
    pub target_group: TargetGroup,
    pub registered: u32,
    pub waiting: u32,
    /// The goal of the community's plan it serves.
    pub goal_id: Option<String>,
    /// Once the organiser recorded who came.
    pub attendance: Option<Attendance>,
    /// The programme's supporting activity it is part of (id, name).
    pub supporting: Option<(String, String)>,
}

/// Who came to an activity (counts, no names) and what it achieved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Registered people who came.
    pub attended: u32,
    pub walk_ins: u32,
    /// Its contribution to a goal counted by hand.
    pub outcome: Option<u32>,
    pub evaluation: String,
    pub recorded_at: DateTime<Utc>,
}

impl Attendance {
    pub fn total(&self) -> u32 {
        self.attended.saturating_add(self.walk_ins)
    }
}

impl Activity {
    pub fn places_left(&self) -> u32 {
        self.capacity.saturating_sub(self.registered)
    }
}

/// A sign-up as the organiser sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub id: String,
    pub name: String,
    pub contact: String,
    pub status: RegistrationStatus,
    pub created_at: DateTime<Utc>,
}

/// A sign-up as its holder sees it, through the link they were given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub name: String,
    pub status: RegistrationStatus,
    /// Place on the waiting list (1 = next), while waiting.
    pub position: Option<u32>,
    pub activity: Activity,
}

/// The calendar's filters, as the address carries them (empty = all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFilter {
    pub community: String,
    pub area: String,
    pub group: String,
    /// Only activities in step-free places.
    pub step_free: bool,
}

/// One month of the public calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarMonth {
    /// Its first day.
    pub month: NaiveDate,
    /// Whether an earlier month can still hold upcoming activities (it is not this month).
    pub has_previous: bool,
    /// The page of the month's activities (from 1) and whether more follow.
    pub page: u32,
    pub has_more: bool,
    pub activities: Vec<Activity>,
    /// Communities with public activities (id, name), for the filter.
    pub communities: Vec<(String, String)>,
}

/// A community's page for the staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityFile {
    pub community: Community,
    pub history: Vec<StageChange>,
    pub activities: Vec<Activity>,
    /// This year's plan goals with their progress.
    pub progress: Vec<plan::GoalProgress>,
    /// The organiser's evaluations, newest first.
    pub evaluations: Vec<Evaluation>,
    /// The programme's supporting activities (id, name) an activity can be part of.
    pub supporting: Vec<(String, String)>,
    /// Whether the reader may change it.
    pub may_edit: bool,
}

/// The organiser's evaluation of a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub stage: Stage,
    pub text: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A community in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunitySummary {
    pub community: Community,
    pub upcoming: u32,
}

/// An activity as other rooms name it: chosen in a plan's section E, in a person's sign-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRef {
    pub id: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    pub community_name: String,
    pub public: bool,
}

/// A person's sign-up, as their plan or their own list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRegistration {
    pub id: String,
    pub activity: ActivityRef,
    pub status: RegistrationStatus,
}

/// Who a sign-up is for, besides the name and contact: the resident's account, and the case
/// of a person the coordinator signed up from their plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Registrant<'a> {
    pub user_id: Option<&'a str>,
    pub application_id: Option<&'a str>,
}

/// A volunteer on an activity a plan's section E names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVolunteer {
    pub activity_id: String,
    pub name: String,
    pub status: volunteers::AssignmentStatus,
}

/// What an individual plan shows of the person's activities: what section E can name, the
/// person's sign-ups and the volunteers on the activities the plan names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanParticipation {
    pub calendar: Vec<ActivityRef>,
    pub registrations: Vec<PersonRegistration>,
    pub volunteers: Vec<PlanVolunteer>,
}
