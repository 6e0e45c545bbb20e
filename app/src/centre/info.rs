//! Who runs this installation: name, address, contact, the authority that decides and the
//! texts the forms cite, from configuration.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who runs the portal. Loaded from `cus.toml` / the environment; the default is the demo centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CentreInfo {
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
    /// Public address of the portal, used in the accessibility statement.
    pub portal_url: String,
    pub opening_hours: String,
    pub accessibility: AccessibilityInfo,
    /// Case numbers read `{case_prefix}/YYYY/NNNNNN` (2–10 capital letters).
    pub case_prefix: String,
    /// The GDPR art. 13 information shown with every application form.
    pub privacy: PrivacyNotice,
    /// Who issues decisions and how they are cited.
    pub decisions: DecisionSettings,
}

/// The authority in whose name the centre's director decides, the authorised signatory and the
/// references decisions cite (Polish, in the grammatical cases the texts need).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionSettings {
    /// "Wójt Gminy Dębica".
    pub organ: String,
    /// "Wójta Gminy Dębica".
    pub organ_genitive: String,
    pub signatory_name: String,
    pub signatory_position: String,
    /// The authorisation the signatory acts under (number and date).
    pub authorisation: String,
    /// The appeal body, in the genitive: "Samorządowego Kolegium Odwoławczego w Rzeszowie".
    pub appeal_body: String,
    /// Where the CUS act and the KPA were published (update with consolidated texts).
    pub cus_act_reference: String,
    pub kpa_reference: String,
    /// A request put on the waiting list keeps the KPA decision deadline running until the
    /// service is granted. Off by default: the person is qualified and told their place in
    /// writing, which settles the request for the deadline.
    pub waiting_list_keeps_deadline: bool,
}

impl Default for DecisionSettings {
    fn default() -> Self {
        DecisionSettings {
            organ: "Wójt Gminy Dębica".into(),
            organ_genitive: "Wójta Gminy Dębica".into(),
            signatory_name: "Anna Nowak".into(),
            signatory_position: "Dyrektor Centrum Usług Społecznych Gminy Dębica".into(),
            authorisation: "upoważnienie Wójta Gminy Dębica nr 12/2026 z dnia 2 stycznia 2026 r."
                .into(),
            appeal_body: "Samorządowego Kolegium Odwoławczego w Rzeszowie".into(),
            cus_act_reference: "Dz. U. z 2019 r. poz. 1818".into(),
            kpa_reference: "Dz. U. z 2024 r. poz. 572, z późn. zm.".into(),
            waiting_list_keeps_deadline: false,
        }
    }
}

/// The information clause (RODO art. 13) of the application form, as the controller words it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivacyNotice {
    pub controller: String,
    pub dpo: String,
    pub purposes: String,
    pub legal_basis: String,
    pub recipients: String,
    pub retention: String,
    pub rights: String,
    pub complaint: String,
}

impl Default for PrivacyNotice {
    fn default() -> Self {
        PrivacyNotice {
            controller:
                "Administratorem Pani/Pana danych osobowych jest Centrum Usług Społecznych \
                Gminy Dębica, ul. Stefana Batorego 13, 39-200 Dębica."
                    .into(),
            dpo: "Z inspektorem ochrony danych można się kontaktować pod adresem \
                iod@debica.example lub pisemnie na adres administratora."
                .into(),
            purposes: "Dane przetwarzamy, aby rozpatrzyć wniosek o usługi społeczne, \
                zakwalifikować do usług, przygotować i realizować indywidualny plan usług \
                społecznych oraz monitorować program usług społecznych."
                .into(),
            legal_basis: "Podstawą przetwarzania jest art. 6 ust. 1 lit. c RODO w związku \
                z ustawą z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum \
                usług społecznych, a w zakresie danych o stanie zdrowia i niepełnosprawności \
                art. 9 ust. 2 lit. b RODO."
                .into(),
            recipients: "Dane mogą otrzymać realizatorzy usług, do których zostanie Pani/Pan \
                skierowana/skierowany, oraz podmioty uprawnione na podstawie przepisów prawa."
                .into(),
            retention: "Dane przechowujemy przez okres realizacji usług, a następnie przez \
                okres wynikający z przepisów o archiwizacji (jednolity rzeczowy wykaz akt)."
                .into(),
            rights: "Ma Pani/Pan prawo dostępu do swoich danych, ich sprostowania oraz \
                ograniczenia przetwarzania. Podanie danych jest warunkiem rozpatrzenia wniosku."
                .into(),
            complaint: "Ma Pani/Pan prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych \
                Osobowych (ul. Stawki 2, 00-193 Warszawa)."
                .into(),
        }
    }
}

/// Data the accessibility statement (deklaracja dostępności, template v2.0) needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessibilityInfo {
    pub published_on: NaiveDate,
    pub updated_on: NaiveDate,
    pub prepared_on: NaiveDate,
    pub reviewed_on: NaiveDate,
    pub contact_person: String,
    pub contact_email: String,
    pub contact_phone: String,
    /// Description of the building's accessibility (entrances, lifts, parking, sign language).
    pub architecture: String,
}

impl Default for CentreInfo {
    fn default() -> Self {
        CentreInfo {
            name: "Centrum Usług Społecznych Gminy Dębica".into(),
            street: "ul. Stefana Batorego 13".into(),
            postal_code: "39-200".into(),
            city: "Dębica".into(),
            phone: "+48 14 000 00 00".into(),
            email: "cus@debica.example".into(),
            portal_url: "http://127.0.0.1:3000".into(),
            opening_hours: "pon.–pt. 7:30–15:30".into(),
            accessibility: AccessibilityInfo::default(),
            case_prefix: "CUS".into(),
            privacy: PrivacyNotice::default(),
            decisions: DecisionSettings::default(),
        }
    }
}

impl Default for AccessibilityInfo {
    fn default() -> Self {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        AccessibilityInfo {
            published_on: day(2026, 11, 23),
            updated_on: day(2026, 11, 23),
            prepared_on: day(2026, 11, 23),
            reviewed_on: day(2026, 11, 23),
            contact_person: "Koordynator ds. dostępności".into(),
            contact_email: "dostepnosc@debica.example".into(),
            contact_phone: "+48 14 000 00 01".into(),
            architecture: "Wejście do budynku od ul. Stefana Batorego jest na poziomie chodnika. \
                Punkt Informacyjny znajduje się na parterze. Przed budynkiem jest miejsce \
                parkingowe dla osób z niepełnosprawnościami. Do budynku można wejść z psem \
                asystującym. Tłumacza polskiego języka migowego zapewniamy po wcześniejszym \
                zgłoszeniu (co najmniej 3 dni robocze)."
                .into(),
        }
    }
}

impl CentreInfo {
    pub fn address_line(&self) -> String {
        format!("{}, {} {}", self.street, self.postal_code, self.city)
    }

    pub fn phone_href(&self) -> String {
        format!("tel:{}", self.phone.replace(' ', ""))
    }

    pub fn email_href(&self) -> String {
        format!("mailto:{}", self.email)
    }
}
