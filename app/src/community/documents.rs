//! The community room's printable documents, in Polish like the centre's other records:
//! `GET /pracownik/spolecznosci/{id}/mapa.pdf` ("Mapa zasobów i potrzeb") and
//! `GET /pracownik/spolecznosci/{id}/plan.pdf?rok=&wersja=` (one version of the OSL plan).
//! Both need `ReadCommunity`; the map's download is audited (it may name local leaders).

use super::diagnosis::{CommunityMap, MapEntryKind};
use super::plan::{PlanFile, PlanState, PlanVersion};
use super::{Community, CommunityKind};
use crate::applications::files::{File, failure, file_response};
use crate::documents::{Letterhead, render_pdf, typeset};
use crate::domain::{date_display, warsaw_display};
use crate::error::AppError;
use crate::gate::{Access, Permission, request_parts, require_with};
use crate::state::AppState;
use axum::extract::{Path, Query, Request, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

/// The kinds of the map's entries, grouped as seed 004 lists them.
const RESOURCES: [(MapEntryKind, &str); 4] = [
    (MapEntryKind::Leader, "Ludzie i liderzy"),
    (MapEntryKind::Organisation, "Organizacje i instytucje"),
    (MapEntryKind::Place, "Miejsca"),
    (MapEntryKind::CentreResource, "Zasoby Centrum"),
];
const NEEDS: [(MapEntryKind, &str); 5] = [
    (MapEntryKind::Problem, "Zgłaszane problemy i potrzeby"),
    (MapEntryKind::Opinion, "Opinie i emocje"),
    (MapEntryKind::Idea, "Pomysły na rozwiązanie"),
    (MapEntryKind::Barrier, "Bariery"),
    (
        MapEntryKind::Involvement,
        "Deklaracje przystąpienia do działań",
    ),
];

#[derive(Serialize)]
struct Group {
    title: &'static str,
    /// Name, place, source, note.
    entries: Vec<[String; 4]>,
}

#[derive(Serialize)]
struct Section {
    title: &'static str,
    text: String,
    figures: Vec<[String; 2]>,
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct MapDocument {
    centre: Letterhead,
    heading: String,
    rows: Vec<[String; 2]>,
    columns: [&'static str; 4],
    sections: Vec<Section>,
}

#[derive(Serialize)]
struct PlanDocument {
    centre: Letterhead,
    heading: String,
    rows: Vec<[String; 2]>,
    goals_title: &'static str,
    goal_columns: [&'static str; 6],
    goals: Vec<[String; 6]>,
    tasks_title: &'static str,
    task_columns: [&'static str; 5],
    tasks: Vec<[String; 5]>,
    total_label: &'static str,
    total: String,
}

fn text_or_dash(text: &str) -> String {
    match text.trim() {
        "" => "—".into(),
        text => text.into(),
    }
}

fn whom(community: &Community) -> String {
    match community.kind {
        CommunityKind::Territorial => format!("społeczność terytorialna: {}", community.place),
        CommunityKind::Categorial => "społeczność kategorialna".into(),
    }
}

fn groups(map: &CommunityMap, kinds: &[(MapEntryKind, &'static str)]) -> Vec<Group> {
    kinds
        .iter()
        .map(|(kind, title)| Group {
            title,
            entries: map
                .entries
                .iter()
                .filter(|entry| entry.kind == *kind)
                .map(|entry| {
                    [
                        entry.name.clone(),
                        entry.place.clone(),
                        entry.source.clone(),
                        entry.note.clone(),
                    ]
                })
                .collect(),
        })
        .collect()
}

fn map_document(map: &CommunityMap, centre: Letterhead, printed: String) -> MapDocument {
    let profile = &map.profile;
    let figure = |label: &str, n: Option<u32>| {
        [
            label.to_owned(),
            n.map_or_else(|| "—".to_owned(), |n| n.to_string()),
        ]
    };
    let section = |title, text: &str| Section {
        title,
        text: text_or_dash(text),
        figures: Vec::new(),
        groups: Vec::new(),
    };
    MapDocument {
        centre,
        heading: "Mapa zasobów i potrzeb".into(),
        rows: vec![
            ["Społeczność".into(), map.community.name.clone()],
            ["Kogo obejmuje".into(), whom(&map.community)],
            ["Organizator".into(), map.community.organiser_name.clone()],
            ["Stan na".into(), printed],
        ],
        columns: ["Nazwa", "Miejsce", "Źródło", "Uwagi"],
        sections: vec![
            section(
                "1. Charakterystyka społeczności i współtworzących ją środowisk",
                &profile.characteristics,
            ),
            Section {
                groups: groups(map, &RESOURCES),
                ..section("2. Zasoby społeczności", "")
            },
            Section {
                figures: vec![
                    figure("Liczba mieszkańców", profile.population),
                    figure("w tym w wieku 60 lat i więcej", profile.seniors),
                    figure("w tym dzieci i młodzież do 18 lat", profile.children),
                    figure("w tym osoby z niepełnosprawnościami", profile.disabled),
                ],
                ..section("3. Analiza społeczno-demograficzna", &profile.demography)
            },
            Section {
                groups: groups(map, &NEEDS),
                ..section("4. Problemy i potrzeby", "")
            },
            section("5. Potencjał społeczności i wnioski", &profile.potential),
            section("6. Wstępny plan działania", &profile.first_plan),
        ],
    }
}

fn state_text(version: &PlanVersion) -> String {
    match (version.state, &version.adopted_at) {
        (PlanState::Draft, _) => "projekt".into(),
        (PlanState::Adopted, Some(at)) => format!("przyjęty {}", warsaw_display(*at)),
        (PlanState::Superseded, Some(at)) => {
            format!("przyjęty {}, zastąpiony nowszą wersją", warsaw_display(*at))
        }
        (_, None) => "przyjęty".into(),
    }
}

fn plan_document(file: &PlanFile, version: &PlanVersion, centre: Letterhead) -> PlanDocument {
    let mut rows = vec![
        ["Społeczność".into(), file.community.name.clone()],
        ["Rok".into(), version.year.to_string()],
        ["Wersja".into(), version.version.to_string()],
        ["Stan".into(), state_text(version)],
    ];
    if !version.changes.is_empty() {
        rows.push(["Zmiany w tej wersji".into(), version.changes.clone()]);
    }
    let measure = |goal: &super::plan::Goal| match goal.measure {
        super::plan::GoalMeasure::Participants => "uczestnicy działań",
        super::plan::GoalMeasure::Activities => "liczba działań",
        super::plan::GoalMeasure::Manual => "wynik wpisany przez organizatora",
    };
    PlanDocument {
        centre,
        heading: "Plan organizowania społeczności lokalnej".into(),
        rows,
        goals_title: "Cele i wskaźniki",
        goal_columns: [
            "Lp.",
            "Cel",
            "Wskaźnik",
            "Sposób liczenia",
            "Wartość wyjściowa",
            "Wartość docelowa",
        ],
        goals: version
            .goals
            .iter()
            .enumerate()
            .map(|(i, goal)| {
                [
                    format!("{}.", i + 1),
                    goal.statement.clone(),
                    goal.indicator.clone(),
                    measure(goal).into(),
                    goal.baseline.to_string(),
                    goal.target.to_string(),
                ]
            })
            .collect(),
        tasks_title: "Działania",
        task_columns: [
            "Lp.",
            "Działania wspierające",
            "Cele działania",
            "Termin realizacji",
            "Budżet",
        ],
        tasks: version
            .tasks
            .iter()
            .enumerate()
            .map(|(i, task)| {
                let goal = task
                    .goal_id
                    .as_deref()
                    .and_then(|id| version.goal(id))
                    .map(|goal| goal.statement.clone())
                    .unwrap_or_else(|| "—".into());
                let mut who = format!("{}\nOdpowiada: {}", task.name, task.responsible);
                if !task.partners.is_empty() {
                    who.push_str(&format!("\nPartnerzy: {}", task.partners));
                }
                [
                    format!("{}.", i + 1),
                    who,
                    goal,
                    format!("{} – {}", date_display(task.from), date_display(task.until)),
                    task.budget.to_string(),
                ]
            })
            .collect(),
        total_label: "Razem",
        total: version.budget().to_string(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct PlanParams {
    #[serde(default)]
    pub rok: Option<String>,
    #[serde(default)]
    pub wersja: Option<u32>,
}

async fn pdf<T: Serialize + Send + 'static>(
    template: &'static str,
    data: T,
    name: String,
) -> Result<File, AppError> {
    let bytes = typeset(move || render_pdf(template, &data))
        .await
        .map_err(|err| {
            tracing::error!(error = %err, template, "community document");
            AppError::Internal
        })?;
    Ok(File {
        content_type: "application/pdf".into(),
        name,
        bytes,
    })
}

/// The reader's access (the request's parts are taken first: a request cannot be held across
/// an await).
async fn gate(state: &AppState, request: Request) -> Result<Access, AppError> {
    let (session, ip) = request_parts(&request);
    drop(request);
    require_with(state, session, ip, Permission::ReadCommunity).await
}

/// `GET /pracownik/spolecznosci/{id}/mapa.pdf`.
pub async fn map_pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let access = gate(&state, request).await;
    let file = async {
        let access = access?;
        let map = super::diagnosis::server::map(&access, &id).await?;
        crate::community::trail::audit(
            &access,
            "community_map",
            &id,
            crate::audit::AuditAction::Read,
        )
        .await?;
        let printed = warsaw_display(access.state.clock.now());
        let document = map_document(&map, Letterhead::of(&access.state.centre), printed);
        pdf("osl_map.typ", document, "mapa-zasobow-i-potrzeb.pdf".into()).await
    }
    .await;
    respond(file, &id)
}

/// `GET /pracownik/spolecznosci/{id}/plan.pdf?rok=2026&wersja=2` (the current version when
/// none is named).
pub async fn plan_pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<PlanParams>,
    request: Request,
) -> Response {
    let access = gate(&state, request).await;
    let file = async {
        let access = access?;
        let this_year = super::plan::server::this_year(&access);
        let year = super::plan::plan_year(params.rok.as_deref(), this_year);
        let file = super::plan::server::plan_file(&access, &id, year).await?;
        let version = match params.wersja {
            Some(number) => file.versions.iter().find(|v| v.version == number),
            None => file.current(),
        }
        .ok_or(AppError::NotFound)?;
        let document = plan_document(&file, version, Letterhead::of(&access.state.centre));
        let name = format!("plan-osl-{year}-wersja-{}.pdf", version.version);
        pdf("osl_plan.typ", document, name).await
    }
    .await;
    respond(file, &id)
}

fn respond(file: Result<File, AppError>, id: &str) -> Response {
    match file {
        Ok(file) => file_response(file),
        Err(error) => failure(error, &format!("/pracownik/spolecznosci/{id}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::diagnosis::{CommunityProfile, MapEntry};
    use crate::community::plan::{Goal, GoalMeasure, Task};
    use crate::community::{CommunityKind, Stage};
    use crate::domain::Grosze;

    fn community() -> Community {
        Community {
            id: "c".into(),
            name: "Sołectwo Braciejowa".into(),
            kind: CommunityKind::Territorial,
            territory: None,
            place: "Braciejowa".into(),
            teryt: String::new(),
            target_group: None,
            description: String::new(),
            organiser_id: "u".into(),
            organiser_name: "Olga Organizatorka".into(),
            stage: Stage::Diagnosis,
            created_at: "2026-01-05T10:00:00Z".parse().unwrap(),
        }
    }

    fn letterhead() -> Letterhead {
        Letterhead {
            name: "Centrum Usług Społecznych w Dębicy".into(),
            address: "ul. Batorego 13, 39-200 Dębica".into(),
            phone: String::new(),
            email: String::new(),
        }
    }

    #[test]
    fn the_map_prints_every_element_seed_004_lists() {
        let map = CommunityMap {
            community: community(),
            profile: CommunityProfile {
                population: Some(1450),
                characteristics: "Wieś pod Dębicą, aktywne Koło Gospodyń Wiejskich.".into(),
                ..Default::default()
            },
            entries: vec![MapEntry {
                id: "e".into(),
                kind: MapEntryKind::Barrier,
                name: "Brak autobusu po 16:00".into(),
                place: "Braciejowa".into(),
                source: "spotkanie z mieszkańcami".into(),
                note: String::new(),
                need_report_id: None,
                recorded_by: "Olga".into(),
                recorded_at: "2026-01-06T10:00:00Z".parse().unwrap(),
            }],
            reported: Vec::new(),
            may_edit: true,
        };
        let document = map_document(&map, letterhead(), "6.01.2026".into());
        let titles: Vec<_> = document.sections.iter().map(|s| s.title).collect();
        assert_eq!(titles.len(), 6);
        assert!(titles[3].contains("Problemy i potrzeby"));
        assert_eq!(document.sections[3].groups[3].entries.len(), 1);
        let pdf = render_pdf("osl_map.typ", &document).expect("the map typesets");
        assert!(pdf.starts_with(b"%PDF"));
    }

    #[test]
    fn the_plan_prints_goals_and_the_table_of_activities_with_the_budget() {
        let version = PlanVersion {
            id: "p".into(),
            year: 2026,
            version: 2,
            state: PlanState::Adopted,
            goals: vec![Goal {
                id: "g".into(),
                statement: "Seniorzy wychodzą z domu".into(),
                indicator: "uczestnicy spotkań".into(),
                measure: GoalMeasure::Participants,
                baseline: 0,
                target: 40,
            }],
            tasks: vec![Task {
                id: "t".into(),
                name: "Klub seniora".into(),
                goal_id: Some("g".into()),
                responsible: "Olga Organizatorka".into(),
                partners: "KGW Braciejowa".into(),
                from: "2026-03-01".parse().unwrap(),
                until: "2026-11-30".parse().unwrap(),
                budget: Grosze::new(150_000),
            }],
            changes: "Dodano klub seniora".into(),
            revision: 3,
            created_by: "Olga".into(),
            created_at: "2026-02-01T10:00:00Z".parse().unwrap(),
            adopted_by: Some("Olga".into()),
            adopted_at: Some("2026-02-02T10:00:00Z".parse().unwrap()),
        };
        let file = PlanFile {
            community: community(),
            year: 2026,
            versions: vec![version.clone()],
            progress: Vec::new(),
            may_edit: false,
        };
        let document = plan_document(&file, &version, letterhead());
        assert_eq!(document.tasks[0][2], "Seniorzy wychodzą z domu");
        assert!(document.tasks[0][1].contains("Partnerzy: KGW Braciejowa"));
        assert_eq!(document.total, Grosze::new(150_000).to_string());
        let pdf = render_pdf("osl_plan.typ", &document).expect("the plan typesets");
        assert!(pdf.starts_with(b"%PDF"));
    }
}
