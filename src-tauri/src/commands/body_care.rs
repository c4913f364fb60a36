//! "Care for your body": bundled guidance, readable while the vault is locked.

use tend_core::body_care::{self, Page};

/// The page, each fact with the public page it comes from.
#[tauri::command]
pub fn body_care() -> &'static Page {
    body_care::page()
}
