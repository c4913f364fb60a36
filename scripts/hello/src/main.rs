// The yardstick: one window, one page, and one real use of each crate Tend's design names.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The one command the page calls.
#[tauri::command]
fn greet(name: &str) -> String {
    format!("Hello, {name}.")
}

fn main() {
    let db = rusqlite::Connection::open_in_memory().expect("sqlite");
    let one: i64 = db
        .query_row("SELECT 1", [], |row| row.get(0))
        .expect("select");
    let digest = ring::digest::digest(&ring::digest::SHA256, b"hello");
    let now = chrono::Utc::now();
    let title = format!(
        "Hello {one} {:02x} {}",
        digest.as_ref()[0],
        now.timestamp() % 2
    );
    tauri::Builder::default()
        .setup(move |app| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                // The title the benchmark waits for is fixed; this only keeps the crates used.
                let _ = window.set_title(if title.is_empty() { "x" } else { "Hello" });
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![greet])
        .run(tauri::generate_context!())
        .expect("error while running the hello app");
}
