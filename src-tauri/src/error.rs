//! The one error type that crosses the IPC boundary. It serializes to `{ code, message }`:
//! the UI branches on `code` and shows `message`; it never parses message text.

use serde::Serialize;
use tend_core::PassphraseError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Locked,
    WrongPassphrase,
    NotFound,
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
