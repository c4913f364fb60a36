//! Support for hard moments: a bundled directory of services, by region, and the person's
//! own trusted contacts (kept in the vault). Tend is a companion, not therapy; this page
//! says so and points further.
//!
//! The directory is offline and works while the vault is locked, so a calming screen can
//! list it. Every service names the page its details were checked against and when: an
//! entry whose number could not be confirmed from the organisation's own published details
//! (or the government that runs it) stays out, because a wrong crisis number is worse than
//! none. The person picks their region (kept in settings); Tend never reads a location.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::vault::{Record, RecordId, Vault};
use crate::{Error, Result};

/// Where a service can be reached. Declared in the order the directory lists regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Us,
    Ca,
    Gb,
    Ie,
    Au,
    Nz,
    De,
}

impl Region {
    pub const ALL: [Region; 7] = [
        Region::Us,
        Region::Ca,
        Region::Gb,
        Region::Ie,
        Region::Au,
        Region::Nz,
        Region::De,
    ];
}

/// What a service is for. Declared in the order a region's services are listed: the
/// emergency number first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Emergency,
    Crisis,
    SexualViolence,
    DomesticAbuse,
    Lgbtq,
    SexualHealth,
    /// Medical advice when it is urgent but not an emergency.
    MedicalAdvice,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Emergency,
        Category::Crisis,
        Category::SexualViolence,
        Category::DomesticAbuse,
        Category::Lgbtq,
        Category::SexualHealth,
        Category::MedicalAdvice,
    ];
}

/// One service. Every field is required (no defaults), so an entry without its region,
/// category, source or date does not load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub name: String,
    pub region: Region,
    pub category: Category,
    /// How to reach it, numbers as the organisation publishes them.
    pub contact: String,
    pub about: String,
    pub hours: String,
    /// The page (the organisation's own, or the government's that runs it) these details
    /// were checked against.
    pub source: String,
    /// When they were checked there, as YYYY-MM-DD.
    pub checked: String,
}

/// Every service, by region (in [`Region::ALL`] order), then by category.
pub fn resources() -> &'static [Resource] {
    static LIST: OnceLock<Vec<Resource>> = OnceLock::new();
    LIST.get_or_init(|| {
        serde_json::from_str(include_str!("../data/support.json"))
            .expect("data/support.json is valid")
    })
}

/// The services in `region`, emergency first.
pub fn in_region(region: Region) -> impl Iterator<Item = &'static Resource> {
    resources().iter().filter(move |r| r.region == region)
}

/// Every service, those in the person's region (if they chose one) first; the others keep
/// their order.
pub fn ordered(region: Option<Region>) -> Vec<&'static Resource> {
    let mut all: Vec<&Resource> = resources().iter().collect();
    if let Some(region) = region {
        all.sort_by_key(|r| r.region != region);
    }
    all
}

/// Someone the person trusts, added by them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    pub id: RecordId,
    pub name: String,
    pub how: String,
}

impl Record for Contact {
    const KIND: &'static str = "contacts";

    fn id(&self) -> RecordId {
        self.id
    }
}

pub fn contacts(vault: &Vault) -> Result<Vec<Contact>> {
    let mut all = vault.list::<Contact>()?;
    all.sort_by_key(|c| c.name.to_lowercase());
    Ok(all)
}

/// Adds (no id) or updates a trusted contact; `c.id` is set here.
pub fn save_contact(vault: &mut Vault, id: Option<RecordId>, mut c: Contact) -> Result<Contact> {
    c.id = vault.claim::<Contact>(id)?;
    c.name = c.name.trim().to_owned();
    c.how = c.how.trim().to_owned();
    if c.name.is_empty() || c.name.chars().count() > 60 || c.how.chars().count() > 200 {
        return Err(Error::invalid(
            "A contact has a name (up to 60 characters) and how to reach them (up to 200).",
        ));
    }
    vault.save(&c)?;
    Ok(c)
}

pub fn delete_contact(vault: &mut Vault, id: RecordId) -> Result<()> {
    Ok(vault.remove::<Contact>(id)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::{BTreeSet, HashSet};
    use Category::*;
    use Region::*;

    /// A date as YYYY-MM-DD that exists on the calendar.
    fn is_date(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        let [y, m, d] = parts[..] else {
            return false;
        };
        if [(y, 4), (m, 2), (d, 2)]
            .iter()
            .any(|(p, n)| p.len() != *n || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return false;
        }
        let (y, m, d): (u32, u32, u32) =
            (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (2020..=2100).contains(&y) && (1..=days).contains(&d)
    }

    #[test]
    fn dates_are_read_as_dates() {
        assert!(is_date("2026-11-28") && is_date("2028-02-29"));
        for bad in [
            "",
            "2026-11",
            "28/11/2026",
            "2026-13-01",
            "2026-02-29",
            "2026-11-31",
            "2026-1-28",
            "2026-11-28T00:00",
        ] {
            assert!(!is_date(bad), "{bad:?} is not a date");
        }
    }

    #[test]
    fn every_service_has_a_region_a_category_a_source_page_and_a_check_date() {
        let list = resources();
        assert!(list.len() >= 30, "the directory loaded: {}", list.len());
        for r in list {
            for (what, v) in [
                ("id", &r.id),
                ("name", &r.name),
                ("contact", &r.contact),
                ("about", &r.about),
                ("hours", &r.hours),
            ] {
                assert!(!v.trim().is_empty(), "{}: {what} is empty", r.id);
            }
            let host = r
                .source
                .strip_prefix("https://")
                .and_then(|rest| rest.split('/').next())
                .unwrap_or("");
            assert!(
                host.contains('.') && !r.source.contains(char::is_whitespace),
                "{}: the source is the https page that was checked, not {:?}",
                r.id,
                r.source
            );
            assert!(
                is_date(&r.checked),
                "{}: checked {:?} is not a date",
                r.id,
                r.checked
            );
            assert!(
                r.contact.chars().any(|c| c.is_ascii_digit()),
                "{}: a number to call or text",
                r.id
            );
        }
    }

    #[test]
    fn an_entry_missing_any_field_is_refused() {
        let entry = serde_json::json!({
            "id": "x-test", "name": "A line", "region": "gb", "category": "crisis",
            "contact": "Call 0800 000 000", "about": "Someone to listen.", "hours": "Any time",
            "source": "https://example.org/contact", "checked": "2026-11-28"
        });
        assert!(serde_json::from_value::<Resource>(entry.clone()).is_ok());
        for field in entry.as_object().unwrap().keys() {
            let mut without = entry.clone();
            without.as_object_mut().unwrap().remove(field);
            assert!(
                serde_json::from_value::<Resource>(without).is_err(),
                "an entry without {field} must not load"
            );
        }
        for (field, value) in [
            ("region", "fr"),
            ("region", "Everywhere"),
            ("category", "other"),
        ] {
            let mut wrong = entry.clone();
            wrong[field] = value.into();
            assert!(
                serde_json::from_value::<Resource>(wrong).is_err(),
                "{field}: {value}"
            );
        }
        let mut extra = entry;
        extra["note"] = "unchecked".into();
        assert!(
            serde_json::from_value::<Resource>(extra).is_err(),
            "no unknown fields"
        );
    }

    #[test]
    fn ids_are_unique() {
        let mut seen = HashSet::new();
        for r in resources() {
            assert!(seen.insert(r.id.as_str()), "{} appears twice", r.id);
        }
    }

    /// The region × category cells the research confirmed (issue 12; the note lists the
    /// empty ones). Removing an entry, or adding one to a new cell, must be a decision.
    const CONFIRMED: [(Region, Category); 29] = [
        (Us, Emergency),
        (Us, Crisis),
        (Us, SexualViolence),
        (Ca, Emergency),
        (Ca, Crisis),
        (Ca, SexualViolence),
        (Gb, Emergency),
        (Gb, Crisis),
        (Gb, SexualViolence),
        (Gb, DomesticAbuse),
        (Gb, Lgbtq),
        (Gb, MedicalAdvice),
        (Ie, Emergency),
        (Ie, Crisis),
        (Ie, SexualViolence),
        (Ie, DomesticAbuse),
        (Au, Emergency),
        (Au, Crisis),
        (Au, SexualViolence),
        (Au, Lgbtq),
        (Au, SexualHealth),
        (Nz, Emergency),
        (Nz, Crisis),
        (Nz, SexualViolence),
        (Nz, DomesticAbuse),
        (De, Emergency),
        (De, Crisis),
        (De, SexualViolence),
        (De, DomesticAbuse),
    ];

    #[test]
    fn every_region_has_an_emergency_number_a_crisis_line_and_a_sexual_violence_line() {
        let cells: BTreeSet<(Region, Category)> =
            resources().iter().map(|r| (r.region, r.category)).collect();
        assert_eq!(
            cells,
            BTreeSet::from(CONFIRMED),
            "the confirmed cells, no more and no fewer"
        );
        for region in Region::ALL {
            for needed in [Emergency, Crisis, SexualViolence] {
                assert!(
                    cells.contains(&(region, needed)),
                    "{region:?} has no {needed:?} entry"
                );
            }
        }
    }

    /// Each number as the organisation publishes it, so a changed digit fails here first.
    const NUMBERS: [(&str, &[&str]); 33] = [
        ("us-emergency", &["911"]),
        ("us-988-lifeline", &["988", "AYUDA"]),
        ("us-veterans-crisis-line", &["988 then press 1", "838255"]),
        ("us-rainn", &["1.800.656.HOPE", "1-800-656-4673"]),
        ("ca-emergency", &["9-1-1"]),
        ("ca-988", &["9-8-8"]),
        ("ca-kids-help-phone-text", &["CONNECT to 686868"]),
        ("ca-qc-sexual-violence-helpline", &["1 888 933-9007"]),
        ("gb-emergency", &["999"]),
        ("gb-samaritans", &["116 123"]),
        ("gb-shout", &["SHOUT to 85258"]),
        ("gb-rape-crisis-scotland", &["08088 01 03 02"]),
        ("gb-national-domestic-abuse-helpline", &["0808 2000 247"]),
        ("gb-galop", &["0800 999 5428"]),
        ("gb-nhs-111", &["111"]),
        ("ie-emergency", &["112", "999"]),
        ("ie-samaritans", &["116 123"]),
        ("ie-rape-crisis-helpline", &["1800 77 88 88"]),
        ("ie-womens-aid", &["1800 341 900"]),
        ("au-emergency", &["000", "106"]),
        ("au-lifeline", &["13 11 14"]),
        ("au-vic-sexual-assault-crisis-line", &["1800 806 292"]),
        ("au-qlife", &["1800 184 527"]),
        ("au-nsw-sexual-health-infolink", &["1800 451 624"]),
        ("nz-emergency", &["111"]),
        ("nz-1737", &["1737"]),
        (
            "nz-safe-to-talk",
            &["0800 044 334", "4334", "support@safetotalk.nz"],
        ),
        ("nz-womens-refuge", &["0800 REFUGE", "0800 733 843"]),
        ("de-emergency", &["112", "110"]),
        ("de-telefonseelsorge", &["0800/1110111", "0800/1110222"]),
        ("de-hilfetelefon-frauen", &["116 016"]),
        ("de-hilfetelefon-frauen-home", &["116 016"]),
        ("de-hilfetelefon-maenner", &["0800 123 99 00"]),
    ];

    #[test]
    fn the_numbers_are_the_ones_checked() {
        let ids: BTreeSet<&str> = resources().iter().map(|r| r.id.as_str()).collect();
        let pinned: BTreeSet<&str> = NUMBERS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, pinned, "every entry's numbers are pinned here");
        for (id, numbers) in NUMBERS {
            let r = resources().iter().find(|r| r.id == id).unwrap();
            for n in numbers {
                assert!(
                    r.contact.contains(n),
                    "{id}: {n:?} is not in {:?}",
                    r.contact
                );
            }
        }
    }

    #[test]
    fn unconfirmed_or_withdrawn_routes_stay_out() {
        for r in resources() {
            let text = format!("{} {} {}", r.name, r.contact, r.about).to_lowercase();
            // Crisis Text Line's keyword was not confirmed on its own page; 988's LGBTQ+
            // option was closed; Ireland's 1890 numbers were withdrawn; the Rape Crisis
            // England & Wales number appears with two different prefixes.
            for gone in ["741741", "press 3", "1890", "500 2222"] {
                assert!(!text.contains(gone), "{}: {gone}", r.id);
            }
        }
    }

    #[test]
    fn the_directory_is_listed_by_region_then_category() {
        let keys: Vec<(Region, Category)> =
            resources().iter().map(|r| (r.region, r.category)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        for region in Region::ALL {
            let first = in_region(region).next().unwrap();
            assert_eq!(
                first.category, Emergency,
                "{region:?}: emergency help comes first"
            );
        }
    }

    #[test]
    fn a_region_lists_only_its_own_services() {
        let ireland: Vec<&str> = in_region(Ie).map(|r| r.id.as_str()).collect();
        assert_eq!(
            ireland,
            [
                "ie-emergency",
                "ie-samaritans",
                "ie-rape-crisis-helpline",
                "ie-womens-aid"
            ]
        );
        for region in Region::ALL {
            assert!(in_region(region).all(|r| r.region == region), "{region:?}");
        }
        let total: usize = Region::ALL.iter().map(|&r| in_region(r).count()).sum();
        assert_eq!(
            total,
            resources().len(),
            "every service belongs to one region"
        );
    }

    #[test]
    fn the_persons_region_comes_first_and_nothing_is_hidden() {
        let all: Vec<&Resource> = resources().iter().collect();
        assert_eq!(
            ordered(None),
            all,
            "no region chosen: the directory as it is"
        );
        let nz = ordered(Some(Nz));
        assert_eq!(nz.len(), all.len(), "every region stays reachable");
        let here = in_region(Nz).count();
        assert!(
            nz[..here].iter().all(|r| r.region == Nz),
            "New Zealand first"
        );
        assert_eq!(nz[0].id, "nz-emergency");
        let rest: Vec<&Resource> = all.iter().copied().filter(|r| r.region != Nz).collect();
        assert_eq!(
            nz[here..],
            rest[..],
            "then the others, in their usual order"
        );
    }

    #[test]
    fn trusted_contacts_are_kept_and_checked() {
        let (_dir, mut v) = crate::test_support::vault();
        let c = save_contact(
            &mut v,
            None,
            Contact {
                name: " Robin ".into(),
                how: "Call after 6".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            contacts(&v).unwrap(),
            vec![Contact {
                name: "Robin".into(),
                ..c.clone()
            }]
        );
        assert!(save_contact(
            &mut v,
            None,
            Contact {
                name: "".into(),
                ..Default::default()
            }
        )
        .is_err());
        assert!(save_contact(&mut v, Some(RecordId::generate()), c.clone())
            .unwrap_err()
            .is_not_found());
        delete_contact(&mut v, c.id).unwrap();
        assert!(delete_contact(&mut v, c.id).unwrap_err().is_not_found());
    }
}
