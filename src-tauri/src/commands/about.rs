use tend_core::sources::{self, Source};
use tend_core::Versions;

/// The versions the "about" screen shows.
#[tauri::command]
pub fn about() -> Versions {
    Versions::new(env!("CARGO_PKG_VERSION"))
}

/// Every source Tend's cards cite, in full (readable while locked).
#[tauri::command]
pub fn sources() -> &'static [Source] {
    sources::all()
}
