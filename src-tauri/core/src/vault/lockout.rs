//! Backing off after wrong passphrases. The count is stored in the vault (so a restart does
//! not reset it); the waiting starts again from the moment the app opens, so no time of
//! any attempt is ever written down.

use super::{Result, VaultError};

/// Tries allowed before waiting begins.
pub const FREE_TRIES: u32 = 5;
const FIRST_WAIT_MS: u64 = 30_000;
const LONGEST_WAIT_MS: u64 = 15 * 60_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lockout {
    failures: u32,
    not_before_ms: u64,
}

impl Lockout {
    /// The state after opening the app with `failures` stored.
    pub fn after_restart(failures: u32, now_ms: u64) -> Self {
        Self {
            failures,
            not_before_ms: now_ms.saturating_add(wait_after(failures)),
        }
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Milliseconds until the next try is allowed (0 when it is allowed now).
    pub fn wait_ms(&self, now_ms: u64) -> u64 {
        // A clock set backwards cannot make the wait longer than the policy allows.
        self.not_before_ms
            .saturating_sub(now_ms)
            .min(wait_after(self.failures))
    }

    pub fn check(&self, now_ms: u64) -> Result<()> {
        match self.wait_ms(now_ms) {
            0 => Ok(()),
            retry_after_ms => Err(VaultError::TooManyAttempts { retry_after_ms }),
        }
    }

    /// Counts a wrong try and returns the new count.
    pub fn record_failure(&mut self, now_ms: u64) -> u32 {
        self.failures = self.failures.saturating_add(1);
        self.not_before_ms = now_ms.saturating_add(wait_after(self.failures));
        self.failures
    }

    /// Takes back one counted try (it turned out right); returns the new count.
    pub fn refund(&mut self, now_ms: u64) -> u32 {
        self.failures = self.failures.saturating_sub(1);
        self.not_before_ms = now_ms.saturating_add(wait_after(self.failures));
        self.failures
    }

    pub fn reset(&mut self) {
        *self = Self::default();
    }
}

/// 0 for the first four failures; from the fifth, 30 s doubling up to 15 minutes.
pub fn wait_after(failures: u32) -> u64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES).min(16);
    (FIRST_WAIT_MS << doublings).min(LONGEST_WAIT_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_wrong_tries_cost_nothing_and_the_fifth_starts_a_growing_wait() {
        let mut l = Lockout::default();
        for _ in 0..4 {
            l.record_failure(0);
            assert!(l.check(0).is_ok());
        }
        l.record_failure(1_000);
        assert!(matches!(
            l.check(1_000),
            Err(VaultError::TooManyAttempts {
                retry_after_ms: 30_000
            })
        ));
        assert!(l.check(31_000).is_ok());
        l.record_failure(31_000);
        assert_eq!(l.wait_ms(31_000), 60_000);
        for _ in 0..20 {
            l.record_failure(0);
        }
        assert_eq!(l.wait_ms(0), LONGEST_WAIT_MS, "the wait is capped");
    }

    #[test]
    fn a_restart_keeps_the_count_and_waits_again() {
        let l = Lockout::after_restart(6, 5_000);
        assert_eq!(l.failures(), 6);
        assert_eq!(l.wait_ms(5_000), 60_000);
        assert!(Lockout::after_restart(2, 5_000).check(5_000).is_ok());
    }

    #[test]
    fn a_clock_set_backwards_does_not_lengthen_the_wait() {
        let mut l = Lockout::default();
        for _ in 0..5 {
            l.record_failure(1_000_000);
        }
        assert_eq!(l.wait_ms(0), 30_000);
    }

    #[test]
    fn a_try_taken_back_leaves_the_others_counted() {
        let mut l = Lockout::default();
        for _ in 0..5 {
            l.record_failure(0);
        }
        assert!(l.check(0).is_err());
        assert_eq!(l.refund(0), 4);
        assert!(l.check(0).is_ok(), "four wrong tries cost nothing yet");
        l.reset();
        assert_eq!(l.refund(0), 0, "never below zero");
    }

    #[test]
    fn success_clears_everything() {
        let mut l = Lockout::after_restart(9, 0);
        l.reset();
        assert_eq!(l, Lockout::default());
        assert!(l.check(0).is_ok());
    }
}
