//! Notifications. The text is always the same neutral line: nothing intimate, even on a
//! lock screen, and no detail of which session or person it is about.

use tauri::{AppHandle, Runtime};
#[cfg(mobile)]
use tauri_plugin_notification::NotificationExt;

pub const TITLE: &str = "Tend";
pub const BODY: &str = "A gentle check-in is ready";

/// Shows the neutral notification now, while the app runs. A missing notification
/// service is not an error worth troubling anyone with.
#[cfg(desktop)]
pub fn check_in_ready<R: Runtime>(_app: &AppHandle<R>) {
    let _ = notify_rust::Notification::new()
        .appname(TITLE)
        .summary(TITLE)
        .body(BODY)
        .icon("tend")
        .show();
}

#[cfg(mobile)]
pub fn check_in_ready<R: Runtime>(app: &AppHandle<R>) {
    let _ = app.notification().builder().title(TITLE).body(BODY).show();
}

/// Mobile: asks the system to show the same neutral notification at each due time, so it
/// appears even when Tend is not running. Untested here (no device or emulator).
///
/// This is the one place Tend asks to notify (Android 13's `POST_NOTIFICATIONS`, iOS's
/// authorisation): when there is first a follow-up to announce, never at start-up, and only
/// while the question is still open, so someone who said no is not asked again. The
/// question waits on the person, so it runs on a thread of its own, not in the command.
#[cfg(mobile)]
pub fn schedule<R: Runtime>(app: &AppHandle<R>, due_at_ms: &[u64]) {
    use std::sync::{Mutex, PoisonError};
    use tauri_plugin_notification::{PermissionState, Schedule};
    // Two sessions ending together ask once: the second finds the question answered.
    static ASKING: Mutex<()> = Mutex::new(());

    if due_at_ms.is_empty() {
        return;
    }
    let (app, due_at_ms) = (app.clone(), due_at_ms.to_vec());
    std::thread::spawn(move || {
        let notification = app.notification();
        {
            let _one_at_a_time = ASKING.lock().unwrap_or_else(PoisonError::into_inner);
            // Only `Prompt`: the plugin's Android side never answers a request for a
            // permission already granted, and `PromptWithRationale` means "no" was said.
            if let Ok(PermissionState::Prompt) = notification.permission_state() {
                let _ = notification.request_permission();
            }
        }
        // Scheduled whatever the answer: on Android, if notifications are allowed later
        // in the system's settings, the check-ins already planned still appear.
        for (i, &ms) in due_at_ms.iter().enumerate() {
            let Ok(at) = time::OffsetDateTime::from_unix_timestamp((ms / 1000) as i64) else {
                continue;
            };
            let _ = notification
                .builder()
                .id(((ms / 1000 % i32::MAX as u64) as i32).wrapping_add(i as i32))
                .title(TITLE)
                .body(BODY)
                .schedule(Schedule::At {
                    date: at,
                    repeating: false,
                    allow_while_idle: true,
                })
                .show();
        }
    });
}

#[cfg(desktop)]
pub fn schedule<R: Runtime>(_app: &AppHandle<R>, _due_at_ms: &[u64]) {
    // Desktop: the ticker in lib.rs notifies while the app runs.
}
