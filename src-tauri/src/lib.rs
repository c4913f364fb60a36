//! The Tauri shell: wiring only. Commands live in `commands/`, the domain in `tend-core`.

mod commands;
mod error;

pub use error::CommandError;

use tauri::{Builder, Runtime};

/// Registers state and commands on a builder. Tests hand it `tauri::test::mock_builder()`.
pub fn build_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::about::about,
        commands::passphrase::assess_passphrase,
    ])
}

/// The app's configuration, capabilities and embedded `ui/`, for the real runtime or a mock.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    build_app(Builder::default())
        .run(context())
        .expect("error while running Tend");
}
