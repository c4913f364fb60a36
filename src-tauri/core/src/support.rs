//! Support for when someone stays low: a short offline list of long-standing services,
//! and the person's own trusted contacts (kept in the vault). Tend is a companion, not
//! therapy; this page says so and points further.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::vault::{Record, RecordId, Vault};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub name: String,
    pub region: String,
    pub contact: String,
    pub about: String,
    pub hours: String,
    /// Where the organisation publishes these details, to check against.
    pub source: String,
}

pub fn resources() -> &'static [Resource] {
    static LIST: OnceLock<Vec<Resource>> = OnceLock::new();
    LIST.get_or_init(|| {
        serde_json::from_str(include_str!("../data/support.json"))
            .expect("data/support.json is valid")
    })
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

    #[test]
    fn every_resource_is_complete_and_names_its_source() {
        let list = resources();
        assert!(list.len() >= 5);
        for r in list {
            for (what, v) in [
                ("name", &r.name),
                ("region", &r.region),
                ("contact", &r.contact),
                ("about", &r.about),
                ("source", &r.source),
            ] {
                assert!(!v.trim().is_empty(), "{}: {what}", r.id);
            }
            assert!(
                r.contact.chars().any(|c| c.is_ascii_digit()),
                "{}: a number to call or text",
                r.id
            );
        }
        assert_eq!(list[0].id, "emergency", "emergency help comes first");
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
