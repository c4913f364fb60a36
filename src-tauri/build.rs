// Runs from the package root: reads ./tauri.conf.json and the capabilities kept under
// src-tauri/. Every app command is listed here so the capability must allow each by name;
// one that is registered but not listed is refused at the IPC layer.
const COMMANDS: &[&str] = &[
    "about",
    "assess_passphrase",
    "vault_status",
    "create_vault",
    "confirm_recovery_code",
    "pending_recovery_code",
    "unlock",
    "lock",
    "report_activity",
    "report_visibility",
    "get_settings",
    "save_settings",
    "change_passphrase",
    "new_recovery_code",
    "export_backup",
    "import_backup",
    "readable_export",
    "wipe_everything",
    "list_cards",
    "get_card",
    "save_custom_card",
    "delete_custom_card",
    "record_feedback",
    "suggest",
    "list_profiles",
    "save_profile",
    "delete_profile",
    "list_plans",
    "save_plan",
    "delete_plan",
    "feelings",
    "start_session",
    "open_session",
    "get_session",
    "session_follow_ups",
    "session_check_in",
    "session_step",
    "session_suggest",
    "session_choose",
    "session_reflect",
    "end_session",
    "history",
    "delete_session",
    "start_timer",
    "current_timer",
    "timer_view",
    "timer_action",
    "due_follow_ups",
    "answer_follow_up",
    "complete_follow_up",
    "support",
    "save_contact",
    "delete_contact",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
