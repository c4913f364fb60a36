//! Notifications. The text is always the same neutral line: nothing intimate, even on a
//! lock screen, and no detail of which session or person it is about.

use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

pub const TITLE: &str = "Tend";
pub const BODY: &str = "A gentle check-in is ready";

/// Shows the neutral notification now (desktop, while the app runs). A missing
/// notification service is not an error worth troubling anyone with.
pub fn check_in_ready<R: Runtime>(app: &AppHandle<R>) {
    let _ = app.notification().builder().title(TITLE).body(BODY).show();
}

/// Mobile: asks the system to show the same neutral notification at each due time, so it
/// appears even when Tend is not running. Untested here (no device or emulator).
#[cfg(mobile)]
pub fn schedule<R: Runtime>(app: &AppHandle<R>, due_at_ms: &[u64]) {
    use tauri_plugin_notification::Schedule;
    for (i, &ms) in due_at_ms.iter().enumerate() {
        let Ok(at) = time::OffsetDateTime::from_unix_timestamp((ms / 1000) as i64) else {
            continue;
        };
        let _ = app
            .notification()
            .builder()
            .id((ms / 1000 % i32::MAX as u64) as i32 + i as i32)
            .title(TITLE)
            .body(BODY)
            .schedule(Schedule::At {
                date: at,
                repeating: false,
                allow_while_idle: true,
            })
            .show();
    }
}

#[cfg(desktop)]
pub fn schedule<R: Runtime>(_app: &AppHandle<R>, _due_at_ms: &[u64]) {
    // Desktop: the ticker in lib.rs notifies while the app runs.
}
