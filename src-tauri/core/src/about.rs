//! Which versions this build speaks, so a person (or a support conversation) can tell
//! exactly what wrote their vault without opening it.

use serde::Serialize;

/// The on-disk vault format this build writes. Readers refuse versions they do not know.
pub const VAULT_FORMAT_VERSION: u16 = 2;

/// The database schema version this build migrates vaults up to.
pub const SCHEMA_VERSION: u32 = 1;

/// What the "about" screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Versions {
    /// The app's own version, handed in by the shell that knows it.
    pub app: String,
    pub core: String,
    pub vault_format: u16,
    pub schema: u32,
}

impl Versions {
    pub fn new(app_version: &str) -> Self {
        Self {
            app: app_version.to_owned(),
            core: env!("CARGO_PKG_VERSION").to_owned(),
            vault_format: VAULT_FORMAT_VERSION,
            schema: SCHEMA_VERSION,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_carry_the_shell_version_and_the_formats_this_build_writes() {
        let v = Versions::new("9.8.7");
        assert_eq!(v.app, "9.8.7");
        assert_eq!(v.core, env!("CARGO_PKG_VERSION"));
        assert_eq!(v.vault_format, VAULT_FORMAT_VERSION);
        assert_eq!(v.schema, SCHEMA_VERSION);
    }

    #[test]
    fn versions_serialize_in_the_shape_the_ui_reads() {
        let json = serde_json::to_value(Versions::new("1.2.3")).unwrap();
        assert_eq!(json["app"], "1.2.3");
        assert_eq!(json["vaultFormat"], VAULT_FORMAT_VERSION);
        assert_eq!(json["schema"], SCHEMA_VERSION);
        assert!(
            json.get("vault_format").is_none(),
            "the UI reads camelCase keys"
        );
    }
}
