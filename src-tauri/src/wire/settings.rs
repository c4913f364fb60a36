use serde::{Deserialize, Serialize};
use tend_core::settings::{self, Theme};
use tend_core::support::Region;

/// The person's settings. Fields left out of a save keep Tend's defaults.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Settings {
    pub auto_lock_minutes: u32,
    pub theme: Theme,
    pub follow_up_hours: u32,
    pub follow_up_extra: bool,
    /// Tones at breathing phase changes and at the end, eyes open or closed.
    pub sound: bool,
    /// In eyes-closed mode, a tone at the end even with `sound` off.
    pub eyes_closed_tone: bool,
    pub haptics: bool,
    /// Where the person said they are (`null` until they choose; never a location read).
    pub region: Option<Region>,
    /// `{ from, until }` hours of the local day with no notification; `null`: any time.
    pub quiet_hours: Option<settings::QuietHours>,
    /// Whether the history shows "What seems to help".
    pub insights: bool,
}

impl Default for Settings {
    fn default() -> Self {
        settings::Settings::default().into()
    }
}

impl From<settings::Settings> for Settings {
    fn from(s: settings::Settings) -> Self {
        Self {
            auto_lock_minutes: s.auto_lock_minutes,
            theme: s.theme,
            follow_up_hours: s.follow_up_hours,
            follow_up_extra: s.follow_up_extra,
            sound: s.sound,
            eyes_closed_tone: s.eyes_closed_tone,
            haptics: s.haptics,
            region: s.region,
            quiet_hours: s.quiet_hours,
            insights: s.insights,
        }
    }
}

impl From<Settings> for settings::Settings {
    fn from(s: Settings) -> Self {
        Self {
            auto_lock_minutes: s.auto_lock_minutes,
            theme: s.theme,
            follow_up_hours: s.follow_up_hours,
            follow_up_extra: s.follow_up_extra,
            sound: s.sound,
            eyes_closed_tone: s.eyes_closed_tone,
            haptics: s.haptics,
            region: s.region,
            quiet_hours: s.quiet_hours,
            insights: s.insights,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_without_the_eyes_closed_tone_keeps_it_on() {
        // An older screen, or a save that leaves the field out, sends no eyesClosedTone.
        let s: Settings =
            serde_json::from_str(r#"{"autoLockMinutes": 5, "sound": false}"#).unwrap();
        assert!(s.eyes_closed_tone);
        let off: Settings = serde_json::from_str(r#"{"eyesClosedTone": false}"#).unwrap();
        assert!(!settings::Settings::from(off).eyes_closed_tone);
    }

    #[test]
    fn the_region_crosses_as_its_code_and_a_save_without_it_has_none() {
        let s: Settings = serde_json::from_str(r#"{"region": "nz"}"#).unwrap();
        assert_eq!(settings::Settings::from(s).region, Some(Region::Nz));
        let none: Settings = serde_json::from_str(r#"{"autoLockMinutes": 5}"#).unwrap();
        assert_eq!(none.region, None);
        assert_eq!(
            serde_json::to_value(Settings::default()).unwrap()["region"],
            serde_json::Value::Null
        );
        assert!(serde_json::from_str::<Settings>(r#"{"region": "GB"}"#).is_err());
    }

    #[test]
    fn the_wire_spells_it_in_camel_case() {
        let json = serde_json::to_value(Settings::default()).unwrap();
        assert_eq!(json["eyesClosedTone"], true);
        assert!(serde_json::from_str::<Settings>(r#"{"eyes_closed_tone": false}"#).is_err());
    }
}
