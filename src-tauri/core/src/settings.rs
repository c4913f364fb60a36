//! The person's settings, kept in the vault like everything else.

use serde::{Deserialize, Serialize};

use crate::support::Region;
use crate::vault::{Record, RecordId, Vault};
use crate::{Error, Result};

/// Settings are one record; its id carries no meaning.
const ID: RecordId = RecordId::from_bytes([0; 16]);

pub const MIN_AUTO_LOCK_MINUTES: u32 = 1;
pub const MAX_AUTO_LOCK_MINUTES: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Dark,
    Light,
    System,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// Stored as is: field names are part of the vault format (docs/VAULT-FORMAT.md).
#[serde(default)]
pub struct Settings {
    pub auto_lock_minutes: u32,
    pub theme: Theme,
    /// Hours after a session for the first follow-up check-in.
    pub follow_up_hours: u32,
    /// After new/intense moments and scenes, also check in at +48 h and +72 h.
    pub follow_up_extra: bool,
    /// A soft tone at each breathing phase change and when a timer ends, eyes open or
    /// closed (off by default: night, and maybe someone asleep beside).
    pub sound: bool,
    /// In eyes-closed mode, a soft tone when a timer ends, even with `sound` off. On by
    /// default: with eyes closed, and no vibration on most computers, nothing else would
    /// say the time is up. Vaults from before this field take the default.
    pub eyes_closed_tone: bool,
    /// A short vibration as well, where the device has one.
    pub haptics: bool,
    /// Where the person said they are, so that region's support services come first.
    /// Only ever chosen by them: Tend reads no location. None until chosen, and in vaults
    /// from before this field.
    pub region: Option<Region>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            auto_lock_minutes: 5,
            theme: Theme::Dark,
            follow_up_hours: 24,
            follow_up_extra: true,
            sound: false,
            eyes_closed_tone: true,
            haptics: true,
            region: None,
        }
    }
}

impl Record for Settings {
    const KIND: &'static str = "settings";

    fn id(&self) -> RecordId {
        ID
    }
}

impl Settings {
    pub fn validate(&self) -> Result<()> {
        if !(MIN_AUTO_LOCK_MINUTES..=MAX_AUTO_LOCK_MINUTES).contains(&self.auto_lock_minutes) {
            return Err(Error::invalid(format!(
                "Auto-lock must be between {MIN_AUTO_LOCK_MINUTES} and {MAX_AUTO_LOCK_MINUTES} minutes."
            )));
        }
        if !(1..=168).contains(&self.follow_up_hours) {
            return Err(Error::invalid(
                "The first check-in comes 1 to 168 hours later.",
            ));
        }
        Ok(())
    }

    /// The stored settings, or the defaults when none are stored yet.
    pub fn load(vault: &Vault) -> Result<Self> {
        Ok(vault.find::<Self>(ID)?.unwrap_or_default())
    }

    pub fn save(&self, vault: &mut Vault) -> Result<()> {
        self.validate()?;
        Ok(vault.save(self)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::vault;

    #[test]
    fn defaults_until_saved_then_what_was_saved() {
        let (_dir, mut v) = vault();
        assert_eq!(Settings::load(&v).unwrap(), Settings::default());
        assert_eq!(
            Settings::default().auto_lock_minutes,
            5,
            "five minutes by default"
        );
        let s = Settings {
            auto_lock_minutes: 12,
            theme: Theme::System,
            sound: true,
            ..Settings::default()
        };
        s.save(&mut v).unwrap();
        assert_eq!(Settings::load(&v).unwrap(), s);
    }

    #[test]
    fn settings_stored_before_the_eyes_closed_tone_load_with_it_on() {
        // As a vault written before the field existed holds them.
        let older = br#"{"auto_lock_minutes":9,"theme":"light","follow_up_hours":20,
            "follow_up_extra":true,"sound":false,"haptics":false}"#;
        let s: Settings = serde_json::from_slice(older).unwrap();
        assert!(s.eyes_closed_tone, "a missing field takes its default");
        assert_eq!(
            (s.auto_lock_minutes, s.sound, s.haptics),
            (9, false, false),
            "the stored fields are kept"
        );
        assert!(Settings::default().eyes_closed_tone, "on by default");
        assert!(
            !Settings::default().sound,
            "phase tones stay off by default"
        );
    }

    #[test]
    fn settings_stored_before_the_region_load_without_one() {
        // As a vault written before the field existed holds them.
        let older = br#"{"auto_lock_minutes":9,"theme":"light","follow_up_hours":20,
            "follow_up_extra":true,"sound":false,"eyes_closed_tone":false,"haptics":false}"#;
        let s: Settings = serde_json::from_slice(older).unwrap();
        assert_eq!(s.region, None, "no region until the person picks one");
        assert!(!s.eyes_closed_tone, "the stored fields are kept");
        assert_eq!(Settings::default().region, None, "no region by default");
    }

    #[test]
    fn a_chosen_region_is_kept_and_can_be_cleared() {
        let (_dir, mut v) = vault();
        let s = Settings {
            region: Some(Region::Ie),
            ..Settings::default()
        };
        s.save(&mut v).unwrap();
        assert_eq!(Settings::load(&v).unwrap().region, Some(Region::Ie));
        let stored = serde_json::to_value(&s).unwrap();
        assert_eq!(stored["region"], "ie", "stored as its code");
        Settings::default().save(&mut v).unwrap();
        assert_eq!(
            Settings::load(&v).unwrap().region,
            None,
            "\"Show all\" clears it"
        );
        let unknown = br#"{"region":"atlantis"}"#;
        assert!(serde_json::from_slice::<Settings>(unknown).is_err());
    }

    #[test]
    fn the_eyes_closed_tone_can_be_turned_off_and_stays_off() {
        let (_dir, mut v) = vault();
        let s = Settings {
            eyes_closed_tone: false,
            ..Settings::default()
        };
        s.save(&mut v).unwrap();
        assert!(!Settings::load(&v).unwrap().eyes_closed_tone);
    }

    #[test]
    fn out_of_range_auto_lock_is_refused_and_not_stored() {
        let (_dir, mut v) = vault();
        for minutes in [0, 61, u32::MAX] {
            let s = Settings {
                auto_lock_minutes: minutes,
                ..Settings::default()
            };
            assert!(
                matches!(s.save(&mut v), Err(Error::Invalid(_))),
                "{minutes}"
            );
        }
        assert_eq!(Settings::load(&v).unwrap(), Settings::default());
    }
}
