//! The one error type that crosses the IPC boundary. It serializes to `{ code, message }`:
//! the UI branches on `code` and shows `message`; it never parses message text.

use serde::Serialize;
use tend_core::vault::VaultError;
use tend_core::PassphraseError;

/// Only the codes the UI branches on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Unlock first.
    Locked,
    /// The passphrase or recovery code did not open the vault.
    WrongPassphrase,
    /// Wrong tries in a row: wait before the next (the status says how long).
    TooManyAttempts,
    /// Another Tend window has the vault open.
    InUse,
    NotFound,
    /// The request or the file it named was not acceptable; the message says why.
    Invalid,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }
}

impl From<VaultError> for CommandError {
    fn from(e: VaultError) -> Self {
        let code = match &e {
            VaultError::Locked => ErrorCode::Locked,
            VaultError::WrongPassphrase | VaultError::WrongRecoveryCode => {
                ErrorCode::WrongPassphrase
            }
            VaultError::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            VaultError::InUse => ErrorCode::InUse,
            VaultError::NotFound | VaultError::NoVault => ErrorCode::NotFound,
            VaultError::Storage(_) => ErrorCode::Internal,
            // Bad input or a file that is not acceptable: the message explains which.
            _ => ErrorCode::Invalid,
        };
        Self::new(code, e.to_string())
    }
}

impl From<PassphraseError> for CommandError {
    fn from(e: PassphraseError) -> Self {
        Self::new(ErrorCode::Invalid, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let e = CommandError::new(
            ErrorCode::WrongPassphrase,
            "That passphrase did not open it.",
        );
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "wrong_passphrase", "message": "That passphrase did not open it."})
        );
    }
}
