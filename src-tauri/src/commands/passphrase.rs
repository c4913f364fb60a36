use tend_core::{passphrase, Assessment};

use crate::CommandError;

/// Strength feedback while a passphrase is being chosen. Runs off the main thread: the
/// estimator can take a few milliseconds on long input.
#[tauri::command(async)]
pub fn assess_passphrase(passphrase: String) -> Result<Assessment, CommandError> {
    passphrase::assess(&passphrase).map_err(Into::into)
}
