use super::*;

const MIN: u64 = 60_000;
const T0: u64 = 1_000_000;

fn countdown(minutes: u64) -> Timer {
    Timer::new(TimerKind::Countdown, "Cuddle", minutes * MIN, T0).unwrap()
}

#[test]
fn a_countdown_counts_down_and_finishes() {
    let t = countdown(5);
    assert_eq!(t.view(T0).remaining_ms, 5 * MIN);
    assert_eq!(t.view(T0 + 2 * MIN).remaining_ms, 3 * MIN);
    assert_eq!(t.view(T0 + 2 * MIN).status, Status::Running);
    assert_eq!(t.view(T0 + 5 * MIN).status, Status::Finished);
    assert_eq!(t.view(T0 + 50 * MIN).remaining_ms, 0, "never below zero");
}

#[test]
fn pause_resume_extend_and_stop() {
    let mut t = countdown(5);
    t.pause(T0 + MIN).unwrap();
    assert_eq!(
        t.view(T0 + 10 * MIN).remaining_ms,
        4 * MIN,
        "paused time does not count"
    );
    assert_eq!(t.view(T0 + 10 * MIN).status, Status::Paused);
    t.resume(T0 + 10 * MIN).unwrap();
    assert_eq!(t.view(T0 + 11 * MIN).remaining_ms, 3 * MIN);
    t.extend(5 * MIN, T0 + 11 * MIN).unwrap();
    assert_eq!(t.view(T0 + 11 * MIN).remaining_ms, 8 * MIN);
    t.stop(T0 + 12 * MIN);
    let v = t.view(T0 + 30 * MIN);
    assert_eq!((v.status, v.remaining_ms), (Status::Stopped, 7 * MIN));
    assert!(
        t.pause(T0 + 31 * MIN).is_err()
            && t.resume(T0 + 31 * MIN).is_err()
            && t.extend(MIN, T0).is_err()
    );
}

#[test]
fn extending_a_finished_timer_runs_it_again_from_now() {
    let mut t = countdown(1);
    assert_eq!(t.status(T0 + 3 * MIN), Status::Finished);
    t.extend(MIN, T0 + 3 * MIN).unwrap();
    assert_eq!(t.view(T0 + 3 * MIN).remaining_ms, MIN);
    assert_eq!(t.status(T0 + 4 * MIN), Status::Finished);
}

#[test]
fn zero_negative_and_huge_durations_are_refused() {
    for ms in [0, 1, MIN - 1, MAX_MS + 1, u64::MAX] {
        assert!(
            Timer::new(TimerKind::Countdown, "x", ms, T0).is_err(),
            "{ms}"
        );
    }
    let mut t = countdown(5);
    assert!(t.extend(0, T0).is_err());
    assert!(t.extend(MAX_EXTEND_MS + 1, T0).is_err());
    t.extend(MAX_EXTEND_MS, T0).unwrap();
    assert!(t.extend(MIN, T0).is_err(), "an hour of extensions in all");
}

#[test]
fn a_clock_going_backwards_never_runs_time_in_reverse() {
    let mut t = countdown(5);
    assert_eq!(
        t.view(T0 - 10 * MIN).remaining_ms,
        5 * MIN,
        "before the start: nothing elapsed"
    );
    t.pause(T0 + 2 * MIN).unwrap();
    t.resume(T0 + MIN).unwrap(); // the clock jumped back while paused
    assert_eq!(t.view(T0 + 2 * MIN).remaining_ms, 3 * MIN);
    assert!(t.view(T0).remaining_ms <= 5 * MIN);
}

#[test]
fn breathing_phases_follow_the_pattern() {
    let p = phase_at(Pattern::Box, 0);
    assert_eq!((p.breath, p.index, p.remaining_ms), (Breath::In, 0, 4000));
    assert_eq!(phase_at(Pattern::Box, 5000).breath, Breath::Hold);
    assert_eq!(phase_at(Pattern::Box, 13_000).breath, Breath::Rest);
    assert_eq!(phase_at(Pattern::Box, 16_000).index, 4, "a new cycle");
    assert_eq!(phase_at(Pattern::Resonance, 6000).breath, Breath::Out);
    let per_minute = 60_000 / Pattern::Resonance.steps().iter().map(|s| s.1).sum::<u64>();
    assert_eq!(per_minute, 6, "resonance is six breaths a minute");
    assert_eq!(phase_at(Pattern::CyclicSighing, 3500).breath, Breath::TopUp);
    let t = Timer::new(
        TimerKind::Breathing {
            pattern: Pattern::Resonance,
        },
        "Breathe",
        5 * MIN,
        T0,
    )
    .unwrap();
    assert_eq!(t.view(T0 + 2500).phase.unwrap().progress, 500);
    assert_eq!(t.view(T0 + 5 * MIN).phase, None, "no pacer once finished");
}

#[test]
fn a_stored_timer_survives_a_lock_and_a_restart() {
    use crate::test_support::{reopen, vault};
    let (dir, mut v) = vault();
    let t = start(&mut v, countdown(10), T0).unwrap();
    let later = Timer::new(TimerKind::Countdown, "Rest", 3 * MIN, T0 + MIN).unwrap();
    let second = start(&mut v, later, T0 + MIN).unwrap();
    assert_eq!(
        get(&v, t.id).unwrap().status(T0 + MIN),
        Status::Stopped,
        "one timer at a time"
    );
    let v = reopen(&dir, v);
    let back = active(&v, T0 + 2 * MIN)
        .unwrap()
        .expect("still running after the restart");
    assert_eq!(back.id, second.id);
    assert_eq!(
        back.view(T0 + 2 * MIN).remaining_ms,
        2 * MIN,
        "the right time remains"
    );
    assert!(
        active(&v, T0 + 5 * MIN).unwrap().is_none(),
        "finished by then"
    );
}
