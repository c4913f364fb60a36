//! Timers owned by the core: a countdown (cuddle, rest, shower, quiet) or paced
//! breathing. A timer is its start time, duration, pauses and extensions; what remains is
//! computed from the clock passed in, so it survives a lock or a restart and shows the
//! right time afterwards. A clock that jumps backwards never makes time run in reverse.

use serde::{Deserialize, Serialize};

use crate::catalog::Pattern;
use crate::session::Session;
use crate::vault::{Record, RecordId, Vault};
use crate::{Error, Result};
/// One minute at least, four hours at most.
pub const MIN_MS: u64 = 60_000;
pub const MAX_MS: u64 = 4 * 60 * 60_000;
/// Extensions add up to another hour at most.
pub const MAX_EXTEND_MS: u64 = 60 * 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimerKind {
    Countdown,
    Breathing { pattern: Pattern },
}

/// One step of a breathing pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Breath {
    In,
    TopUp,
    Hold,
    Out,
    Rest,
}

impl Pattern {
    /// The steps of one breath and their lengths in milliseconds.
    pub fn steps(self) -> &'static [(Breath, u64)] {
        match self {
            Pattern::Box => &[
                (Breath::In, 4000),
                (Breath::Hold, 4000),
                (Breath::Out, 4000),
                (Breath::Rest, 4000),
            ],
            // A full breath in, a short second sip of air, then a long, slow breath out.
            Pattern::CyclicSighing => &[
                (Breath::In, 3000),
                (Breath::TopUp, 1000),
                (Breath::Out, 6000),
            ],
            // Six breaths a minute.
            Pattern::Resonance => &[(Breath::In, 5000), (Breath::Out, 5000)],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Running,
    Paused,
    Finished,
    Stopped,
}

/// Where the pacer is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Phase {
    pub breath: Breath,
    /// How far through this step, 0..=1000 (per mille).
    pub progress: u16,
    pub remaining_ms: u64,
    /// Counts every step since the start, so the UI can tell a change of phase.
    pub index: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timer {
    pub id: RecordId,
    pub kind: TimerKind,
    pub label: String,
    pub session: Option<RecordId>,
    pub card: Option<String>,
    pub started_at_ms: u64,
    pub duration_ms: u64,
    pub extended_ms: u64,
    pub paused_total_ms: u64,
    pub paused_at_ms: Option<u64>,
    pub stopped_at_ms: Option<u64>,
}

/// What the screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    pub id: RecordId,
    pub kind: TimerKind,
    pub label: String,
    pub status: Status,
    pub total_ms: u64,
    pub elapsed_ms: u64,
    pub remaining_ms: u64,
    pub phase: Option<Phase>,
    /// The session it belongs to, for the way back to it.
    pub session: Option<RecordId>,
}

fn invalid<T>(m: &str) -> Result<T> {
    Err(Error::invalid(m))
}

impl Record for Timer {
    const KIND: &'static str = "timers";

    fn id(&self) -> RecordId {
        self.id
    }
}

impl Timer {
    pub fn new(kind: TimerKind, label: &str, duration_ms: u64, now_ms: u64) -> Result<Self> {
        if !(MIN_MS..=MAX_MS).contains(&duration_ms) {
            return invalid("A timer runs from one minute to four hours.");
        }
        let label = label.trim();
        if label.chars().count() > 60 {
            return invalid("A timer's name is up to 60 characters.");
        }
        Ok(Self {
            id: RecordId::generate(),
            kind,
            label: label.to_owned(),
            session: None,
            card: None,
            started_at_ms: now_ms,
            duration_ms,
            extended_ms: 0,
            paused_total_ms: 0,
            paused_at_ms: None,
            stopped_at_ms: None,
        })
    }

    pub fn total_ms(&self) -> u64 {
        self.duration_ms + self.extended_ms
    }

    /// Running time so far: wall time since the start, less pauses, never negative and
    /// never past the moment it was stopped or paused.
    pub fn elapsed_ms(&self, now_ms: u64) -> u64 {
        let end = self
            .stopped_at_ms
            .or(self.paused_at_ms)
            .unwrap_or(now_ms)
            .max(self.started_at_ms);
        (end - self.started_at_ms)
            .saturating_sub(self.paused_total_ms)
            .min(self.total_ms())
    }

    pub fn status(&self, now_ms: u64) -> Status {
        if self.stopped_at_ms.is_some() {
            Status::Stopped
        } else if self.elapsed_ms(now_ms) >= self.total_ms() {
            Status::Finished
        } else if self.paused_at_ms.is_some() {
            Status::Paused
        } else {
            Status::Running
        }
    }

    fn live(&self, now_ms: u64) -> Result<()> {
        match self.status(now_ms) {
            Status::Finished => invalid("That timer has already finished."),
            Status::Stopped => invalid("That timer was stopped."),
            _ => Ok(()),
        }
    }

    pub fn pause(&mut self, now_ms: u64) -> Result<()> {
        self.live(now_ms)?;
        if self.paused_at_ms.is_none() {
            self.paused_at_ms = Some(now_ms.max(self.started_at_ms));
        }
        Ok(())
    }

    pub fn resume(&mut self, now_ms: u64) -> Result<()> {
        self.live(now_ms)?;
        if let Some(at) = self.paused_at_ms.take() {
            // A clock set back while paused counts as no pause at all, not a negative one.
            self.paused_total_ms += now_ms.saturating_sub(at);
        }
        Ok(())
    }

    pub fn extend(&mut self, ms: u64, now_ms: u64) -> Result<()> {
        if self.stopped_at_ms.is_some() {
            return invalid("That timer was stopped.");
        }
        if ms == 0 || self.extended_ms + ms > MAX_EXTEND_MS {
            return invalid("A timer can be extended by up to an hour in all.");
        }
        // Extending a finished timer starts it again from where it ended.
        if self.status(now_ms) == Status::Finished && self.paused_at_ms.is_none() {
            let overrun =
                now_ms.saturating_sub(self.started_at_ms + self.paused_total_ms + self.total_ms());
            self.paused_total_ms += overrun;
        }
        self.extended_ms += ms;
        Ok(())
    }

    /// Stops the timer (stopping it again changes nothing).
    pub fn stop(&mut self, now_ms: u64) {
        if self.stopped_at_ms.is_none() {
            self.stopped_at_ms = Some(now_ms.max(self.started_at_ms));
        }
    }

    pub fn view(&self, now_ms: u64) -> View {
        let elapsed = self.elapsed_ms(now_ms);
        let status = self.status(now_ms);
        let phase = match (self.kind, status) {
            (TimerKind::Breathing { pattern }, Status::Running | Status::Paused) => {
                Some(phase_at(pattern, elapsed))
            }
            _ => None,
        };
        View {
            id: self.id,
            kind: self.kind,
            label: self.label.clone(),
            status,
            total_ms: self.total_ms(),
            elapsed_ms: elapsed,
            remaining_ms: self.total_ms() - elapsed,
            phase,
            session: self.session,
        }
    }
}

/// The breathing step at `elapsed_ms` into a pattern.
pub fn phase_at(pattern: Pattern, elapsed_ms: u64) -> Phase {
    let steps = pattern.steps();
    let cycle: u64 = steps.iter().map(|(_, ms)| ms).sum();
    let cycles = elapsed_ms / cycle;
    let mut t = elapsed_ms % cycle;
    for (i, &(breath, ms)) in steps.iter().enumerate() {
        if t < ms {
            return Phase {
                breath,
                progress: (t * 1000 / ms) as u16,
                remaining_ms: ms - t,
                index: cycles * steps.len() as u64 + i as u64,
            };
        }
        t -= ms;
    }
    unreachable!("t is below the cycle length")
}

// ---- stored timers ----

pub fn save(vault: &mut Vault, timer: &Timer) -> Result<()> {
    Ok(vault.save(timer)?)
}

pub fn get(vault: &Vault, id: RecordId) -> Result<Timer> {
    Ok(vault.get(id)?)
}

/// The timer still running or paused, if any (the newest).
pub fn active(vault: &Vault, now_ms: u64) -> Result<Option<Timer>> {
    let mut live: Vec<Timer> = vault
        .list::<Timer>()?
        .into_iter()
        .filter(|t| matches!(t.status(now_ms), Status::Running | Status::Paused))
        .collect();
    live.sort_by_key(|t| t.started_at_ms);
    Ok(live.pop())
}

/// What the screen asks for when it starts a timer.
#[derive(Debug, Clone)]
pub struct NewTimer {
    pub kind: TimerKind,
    pub minutes: u32,
    pub label: String,
    /// The session it belongs to, if any (it must exist).
    pub session: Option<RecordId>,
    pub card: Option<String>,
}

/// What the screen can do to a running timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Pause,
    Resume,
    Stop,
    /// By the minutes given (one if none).
    Extend,
}

/// Starts a timer from the screen's request, stopping any other still going.
pub fn begin(vault: &mut Vault, new: NewTimer, now_ms: u64) -> Result<View> {
    let mut timer = Timer::new(
        new.kind,
        &new.label,
        u64::from(new.minutes) * 60_000,
        now_ms,
    )?;
    if let Some(session) = new.session {
        vault.get::<Session>(session)?;
    }
    timer.session = new.session;
    timer.card = new.card;
    Ok(start(vault, timer, now_ms)?.view(now_ms))
}

/// Pauses, resumes, stops or extends a stored timer; returns what the screen shows.
pub fn act(
    vault: &mut Vault,
    id: RecordId,
    action: Action,
    minutes: Option<u32>,
    now_ms: u64,
) -> Result<View> {
    let mut t = get(vault, id)?;
    match action {
        Action::Pause => t.pause(now_ms)?,
        Action::Resume => t.resume(now_ms)?,
        Action::Stop => t.stop(now_ms),
        Action::Extend => t.extend(u64::from(minutes.unwrap_or(1)) * 60_000, now_ms)?,
    }
    save(vault, &t)?;
    Ok(t.view(now_ms))
}

/// Starts a timer, stopping any other that is still going (one at a time).
pub fn start(vault: &mut Vault, timer: Timer, now_ms: u64) -> Result<Timer> {
    let previous = active(vault, now_ms)?;
    vault.write(|w| {
        if let Some(mut p) = previous {
            p.stop(now_ms);
            w.save(&p)?;
        }
        w.save(&timer)
    })?;
    Ok(timer)
}

#[cfg(test)]
mod tests;
