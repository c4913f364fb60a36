//! When to lock by itself: after the person's idle time, or soon after the window is
//! hidden or the app goes to the background. The UI reports activity and visibility; the
//! clock is passed in, so every rule here is tested without waiting.

use serde::Serialize;

/// How long a hidden window stays unlocked (long enough to glance at another app).
pub const HIDDEN_GRACE_MS: u64 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoLock {
    idle_limit_ms: u64,
    last_activity_ms: u64,
    hidden_since_ms: Option<u64>,
}

impl AutoLock {
    pub fn new(idle_minutes: u32, now_ms: u64) -> Self {
        Self {
            idle_limit_ms: u64::from(idle_minutes) * 60_000,
            last_activity_ms: now_ms,
            hidden_since_ms: None,
        }
    }

    pub fn set_idle_minutes(&mut self, minutes: u32) {
        self.idle_limit_ms = u64::from(minutes) * 60_000;
    }

    /// The person did something.
    pub fn touch(&mut self, now_ms: u64) {
        self.last_activity_ms = now_ms;
    }

    pub fn set_hidden(&mut self, hidden: bool, now_ms: u64) {
        self.hidden_since_ms = match (hidden, self.hidden_since_ms) {
            (true, Some(since)) => Some(since),
            (true, None) => Some(now_ms),
            (false, _) => {
                self.last_activity_ms = now_ms;
                None
            }
        };
    }

    /// Whether it is time to lock. A clock set backwards counts as no time passing.
    pub fn due(&self, now_ms: u64) -> bool {
        let idle = now_ms.saturating_sub(self.last_activity_ms) >= self.idle_limit_ms;
        let hidden = self
            .hidden_since_ms
            .is_some_and(|since| now_ms.saturating_sub(since) >= HIDDEN_GRACE_MS);
        idle || hidden
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    #[test]
    fn locks_after_the_idle_time_and_activity_postpones_it() {
        let mut a = AutoLock::new(5, 0);
        assert!(!a.due(5 * MIN - 1));
        assert!(a.due(5 * MIN));
        a.touch(4 * MIN);
        assert!(!a.due(8 * MIN));
        assert!(a.due(9 * MIN));
    }

    #[test]
    fn a_hidden_window_locks_after_a_short_grace_unless_shown_again() {
        let mut a = AutoLock::new(5, 0);
        a.set_hidden(true, 1_000);
        a.set_hidden(true, 5_000); // repeated reports keep the first time
        assert!(!a.due(1_000 + HIDDEN_GRACE_MS - 1));
        assert!(a.due(1_000 + HIDDEN_GRACE_MS));
        a.set_hidden(false, 2_000);
        assert!(!a.due(1_000 + HIDDEN_GRACE_MS));
    }

    #[test]
    fn a_clock_going_backwards_does_not_lock_or_panic() {
        let a = AutoLock::new(5, 10 * MIN);
        assert!(!a.due(0));
    }

    #[test]
    fn the_idle_time_can_change() {
        let mut a = AutoLock::new(5, 0);
        a.set_idle_minutes(1);
        assert!(a.due(MIN));
    }
}
