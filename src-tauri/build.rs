// Runs from the package root: reads ./tauri.conf.json and the capabilities kept under
// src-tauri/. Every app command is listed here so the capability must allow each by name;
// one that is registered but not listed is refused at the IPC layer.
fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(
                tauri_build::AppManifest::new().commands(&["about", "assess_passphrase"]),
            ),
    )
    .expect("failed to run tauri-build");
}
