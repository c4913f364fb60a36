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

/// Hours of the local day when no notification shows: one due then waits until they
/// end. `from` 22 and `until` 8 is 22:00 to 08:00 (they may wrap past midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    pub from: u8,
    pub until: u8,
}

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

impl QuietHours {
    /// When a notification due at `due_ms` may show: then, or when quiet hours end.
    /// `offset_minutes` is how far local time is ahead of UTC (passed in, like the clock).
    pub fn release(self, due_ms: u64, offset_minutes: i32) -> u64 {
        let offset = i64::from(offset_minutes) * 60_000;
        let local = due_ms as i64 + offset;
        let into_day = local.rem_euclid(DAY_MS);
        let hour = (into_day / HOUR_MS) as u8;
        let quiet = if self.from < self.until {
            (self.from..self.until).contains(&hour)
        } else {
            hour >= self.from || hour < self.until
        };
        if !quiet {
            return due_ms;
        }
        let mut end = local - into_day + i64::from(self.until) * HOUR_MS;
        if end <= local {
            end += DAY_MS;
        }
        (end - offset) as u64
    }
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
    /// No notification in these hours (22:00 to 08:00 unless changed; None: any time).
    /// Vaults from before this field take the default.
    pub quiet_hours: Option<QuietHours>,
    /// "What seems to help" in the history. On by default; a person can hide it entirely.
    /// Vaults from before this field take the default.
    pub insights: bool,
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
            quiet_hours: Some(QuietHours { from: 22, until: 8 }),
            insights: true,
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
        if let Some(q) = self.quiet_hours {
            if q.from > 23 || q.until > 23 || q.from == q.until {
                return Err(Error::invalid(
                    "Quiet hours start and end on different hours of the day.",
                ));
            }
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

#[cfg(test)]
mod quiet_tests {
    use super::*;

    const H: u64 = 3_600_000;
    /// 2026-11-28 00:00 UTC.
    const MIDNIGHT: u64 = 1_795_824_000_000;

    #[test]
    fn a_notification_due_in_quiet_hours_waits_until_they_end() {
        let q = QuietHours { from: 22, until: 8 };
        assert_eq!(
            q.release(MIDNIGHT + 21 * H, 0),
            MIDNIGHT + 21 * H,
            "21:00 shows"
        );
        assert_eq!(
            q.release(MIDNIGHT + 22 * H, 0),
            MIDNIGHT + 32 * H,
            "22:00 waits until 08:00"
        );
        assert_eq!(
            q.release(MIDNIGHT + 23 * H + 30 * 60_000, 0),
            MIDNIGHT + 32 * H
        );
        assert_eq!(
            q.release(MIDNIGHT + 3 * H, 0),
            MIDNIGHT + 8 * H,
            "03:00 waits until 08:00 the same day"
        );
        assert_eq!(
            q.release(MIDNIGHT + 8 * H, 0),
            MIDNIGHT + 8 * H,
            "08:00 shows"
        );
        assert_eq!(q.release(MIDNIGHT + 8 * H - 1, 0), MIDNIGHT + 8 * H);
    }

    #[test]
    fn quiet_hours_are_the_local_day_and_may_not_wrap() {
        let q = QuietHours { from: 22, until: 8 };
        // 21:00 UTC is 23:00 at UTC+2: quiet until 08:00 local, 06:00 UTC.
        assert_eq!(q.release(MIDNIGHT + 21 * H, 120), MIDNIGHT + 30 * H);
        // 23:00 UTC is 18:00 at UTC-5: shows.
        assert_eq!(q.release(MIDNIGHT + 23 * H, -300), MIDNIGHT + 23 * H);
        let day = QuietHours {
            from: 13,
            until: 15,
        };
        assert_eq!(day.release(MIDNIGHT + 14 * H, 0), MIDNIGHT + 15 * H);
        assert_eq!(day.release(MIDNIGHT + 16 * H, 0), MIDNIGHT + 16 * H);
        assert_eq!(day.release(MIDNIGHT + 12 * H, 0), MIDNIGHT + 12 * H);
    }

    #[test]
    fn quiet_hours_default_on_are_checked_and_can_be_off() {
        assert_eq!(
            Settings::default().quiet_hours,
            Some(QuietHours { from: 22, until: 8 })
        );
        let old: Settings = serde_json::from_str(r#"{"auto_lock_minutes": 5}"#).unwrap();
        assert_eq!(
            old.quiet_hours,
            Some(QuietHours { from: 22, until: 8 }),
            "older vaults get them"
        );
        let off: Settings = serde_json::from_str(r#"{"quiet_hours": null}"#).unwrap();
        assert_eq!(off.quiet_hours, None);
        off.validate().unwrap();
        for (from, until) in [(8, 8), (24, 8), (22, 30)] {
            let s = Settings {
                quiet_hours: Some(QuietHours { from, until }),
                ..Settings::default()
            };
            assert!(s.validate().is_err(), "{from}-{until}");
        }
    }
}
