//! The Tauri shell: wiring only. Commands live in `commands/`, state in `state.rs`, the
//! domain in `tend-core`.

#[macro_use]
mod commands;
mod error;
mod notify;
mod state;
mod wire;

use std::path::PathBuf;
use std::time::Duration;

pub use error::{CommandError, ErrorCode};
pub use state::{AppState, Clock, TimerClock};

use tauri::{Builder, Emitter, Manager, Runtime};
use tend_core::keeper::CostPolicy;

macro_rules! handlers {
    ($($module:ident::$command:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$module::$command),*]
    };
}

macro_rules! command_names {
    ($($module:ident::$command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}

/// Every command the window may call, by name (the one list, `commands/list.rs`).
pub const COMMANDS: &[&str] = app_commands!(command_names);

/// Where Tend keeps its vault and writes exports, and how hard a new passphrase is
/// stretched, and the clock timers read. `None` folders mean the platform's defaults.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: Option<PathBuf>,
    pub export_dir: Option<PathBuf>,
    pub cost: CostPolicy,
    /// The clock the core is handed (real, or held by a test).
    pub clock: Clock,
    pub timer_clock: TimerClock,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: None,
            export_dir: None,
            cost: CostPolicy::Calibrate,
            clock: Clock::real(),
            timer_clock: TimerClock::real(),
        }
    }
}

impl Config {
    /// The app's configuration. Debug builds (used by the end-to-end tests) may point the
    /// data and export folders elsewhere; release builds always use the platform's.
    pub fn from_env() -> Self {
        #[cfg_attr(not(debug_assertions), allow(unused_mut))]
        let mut config = Self::default();
        #[cfg(debug_assertions)]
        {
            config.data_dir = std::env::var_os("TEND_DATA_DIR").map(PathBuf::from);
            config.export_dir = std::env::var_os("TEND_EXPORT_DIR").map(PathBuf::from);
            // The end-to-end tests see tomorrow's check-in by starting Tend some hours ahead.
            if let Some(hours) = std::env::var("TEND_CLOCK_AHEAD_HOURS")
                .ok()
                .and_then(|s| s.parse().ok())
            {
                config.clock = Clock::ahead(hours);
            }
            if let Some(scale) = std::env::var("TEND_TIMER_SCALE")
                .ok()
                .and_then(|s| s.parse().ok())
            {
                config.timer_clock = TimerClock::scaled(scale);
            }
        }
        config
    }
}

/// Registers state and commands; tests hand in `tauri::test::mock_builder()` and a
/// configuration with scratch folders.
pub fn build_app_with<R: Runtime>(builder: Builder<R>, config: Config) -> Builder<R> {
    // With a data folder given, state is managed at once (the mock runtime never runs
    // setup); otherwise setup finds the platform's folders.
    let builder = match &config.data_dir {
        Some(data) => {
            let exports = config
                .export_dir
                .clone()
                .unwrap_or_else(|| data.join("exports"));
            builder.manage(AppState::new(
                data.clone(),
                exports,
                config.cost,
                config.clock.clone(),
                config.timer_clock,
            ))
        }
        None => builder,
    };
    #[cfg(mobile)]
    let builder = builder
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_barcode_scanner::init());
    builder
        .setup(move |app| {
            if app.try_state::<AppState>().is_none() {
                let paths = app.path();
                let data_dir = paths.app_data_dir()?;
                let export_dir = config
                    .export_dir
                    .clone()
                    .or_else(|| paths.download_dir().ok())
                    .or_else(|| paths.document_dir().ok())
                    .unwrap_or_else(|| data_dir.join("exports"));
                app.manage(AppState::new(
                    data_dir,
                    export_dir,
                    config.cost,
                    config.clock.clone(),
                    config.timer_clock,
                ));
            }
            start_auto_lock(app.handle().clone());
            Ok(())
        })
        .on_window_event(report_minimised)
        .invoke_handler(app_commands!(handlers))
}

/// Once a second: locks the vault when the core says so (and tells the window; the event
/// carries nothing), and shows a neutral notification when a follow-up falls due.
fn start_auto_lock<R: Runtime>(app: tauri::AppHandle<R>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(1));
        let state = app.state::<AppState>();
        if let Ok(true) = state.tick() {
            let _ = app.emit("vault-locked", ());
        }
        if state.take_due() {
            notify::check_in_ready(&app);
            let _ = app.emit("follow-up-due", ());
        }
    });
}

/// A minimised window counts as hidden (the auto-lock grace starts), whatever the webview
/// reports; restoring it counts as shown. Pages also report `visibilitychange`.
fn report_minimised<R: Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    if let tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Focused(_) = event {
        if let (Ok(minimised), Some(state)) =
            (window.is_minimized(), window.try_state::<AppState>())
        {
            state.visibility(minimised);
        }
    }
}

/// The app's configuration, capabilities and embedded `ui/`, for the real runtime or a mock.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    #[cfg(target_os = "linux")]
    draw_without_compositing();
    let config = Config::from_env();
    let builder = Builder::default();
    // First among the plugins, so a second launch leaves before anything else starts.
    #[cfg(desktop)]
    let builder = builder.plugin(one_instance(instance_id(&config)));
    build_app_with(builder, config)
        .run(context())
        .expect("error while running Tend");
}

/// Linux: WebKitGTK draws Tend's page in software, without GPU compositing, unless the
/// environment already says otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE=0` brings it
/// back). A page of text and buttons gains nothing from the GPU here; without it the
/// first screen shows in about half the time and the app holds tens of MiB less (issue
/// 14's figures in the README), and software-only OpenGL (virtual machines, remote
/// desktops) cannot leave the window blank. Called first: the environment is the
/// process's, and no other thread runs yet.
#[cfg(target_os = "linux")]
fn draw_without_compositing() {
    const SETTING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(SETTING).is_none() {
        std::env::set_var(SETTING, "1");
    }
}

/// Desktop: a second launch brings the open window to the front and leaves, instead of
/// opening a window that could only say Tend is already open. On Linux the one instance
/// is kept through a D-Bus name; with no session bus Tend starts anyway, and the vault's
/// lock answers as before. Not in `build_app_with`: tests build many apps in one process.
#[cfg(desktop)]
fn one_instance<R: Runtime>(id: Option<String>) -> tauri::plugin::TauriPlugin<R> {
    let builder = tauri_plugin_single_instance::Builder::new().callback(|app, _args, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    });
    #[cfg(target_os = "linux")]
    let builder = match id {
        Some(id) => builder.dbus_id(id),
        None => builder,
    };
    #[cfg(not(target_os = "linux"))]
    let _ = id;
    builder.build()
}

/// The instance's D-Bus name when it is not the app's own: debug builds pointed at a data
/// folder (the end-to-end tests) are one instance per folder, so tests with two folders
/// run side by side. Release builds always use the platform's folder, so `None`.
pub fn instance_id(config: &Config) -> Option<String> {
    use std::hash::{Hash, Hasher};
    let folder = config.data_dir.as_ref()?;
    let mut hasher = std::hash::DefaultHasher::new();
    folder.hash(&mut hasher);
    Some(format!(
        "org.tendcare.companion.folder_{:016x}",
        hasher.finish()
    ))
}
