use tend_core::{passphrase, Assessment};
use zeroize::Zeroizing;

use crate::CommandError;

/// Strength feedback while a passphrase is being chosen. Runs off the main thread: the
/// estimator can take a few milliseconds on long input.
#[tauri::command(async)]
pub fn assess_passphrase(passphrase: Zeroizing<String>) -> Result<Assessment, CommandError> {
    passphrase::assess(&passphrase).map_err(Into::into)
}
