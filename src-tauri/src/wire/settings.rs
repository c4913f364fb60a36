use serde::{Deserialize, Serialize};
use tend_core::settings::{self, Theme};

/// The person's settings. Fields left out of a save keep Tend's defaults.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Settings {
    pub auto_lock_minutes: u32,
    pub theme: Theme,
    pub follow_up_hours: u32,
    pub follow_up_extra: bool,
    pub sound: bool,
    pub haptics: bool,
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
            haptics: s.haptics,
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
            haptics: s.haptics,
        }
    }
}
