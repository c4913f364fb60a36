use tend_core::Versions;

/// The versions the "about" screen shows.
#[tauri::command]
pub fn about() -> Versions {
    Versions::new(env!("CARGO_PKG_VERSION"))
}
