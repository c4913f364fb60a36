//! The words a person can pick for "How are you feeling right now?", placed on an
//! energy × pleasantness grid (as in mood meters). The suggester reads where a person
//! sits on the grid, not the words themselves.

use serde::Serialize;

/// Where a feeling sits: both axes run from -2 to 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Feeling {
    pub word: &'static str,
    pub energy: i8,
    pub pleasantness: i8,
}

const fn f(word: &'static str, energy: i8, pleasantness: i8) -> Feeling {
    Feeling {
        word,
        energy,
        pleasantness,
    }
}

/// Our own selection: eight words in each quarter of the grid, plus a few near the middle.
pub const ALL: &[Feeling] = &[
    // High energy, unpleasant
    f("overwhelmed", 2, -2),
    f("anxious", 2, -1),
    f("shaky", 1, -2),
    f("restless", 1, -1),
    f("wired", 2, -1),
    f("on edge", 1, -2),
    f("tense", 1, -1),
    f("irritable", 2, -2),
    // Low energy, unpleasant
    f("teary", -1, -2),
    f("sad", -1, -2),
    f("empty", -2, -1),
    f("numb", -2, -1),
    f("drained", -2, -1),
    f("lonely", -1, -2),
    f("exposed", -1, -1),
    f("flat", -2, -1),
    // High energy, pleasant
    f("elated", 2, 2),
    f("giddy", 2, 1),
    f("buzzing", 2, 1),
    f("playful", 1, 2),
    f("excited", 2, 2),
    f("proud", 1, 2),
    f("alive", 1, 2),
    f("energised", 2, 1),
    // Low energy, pleasant
    f("tender", -1, 2),
    f("calm", -1, 1),
    f("content", -1, 2),
    f("safe", -1, 2),
    f("close", -1, 2),
    f("grateful", -1, 2),
    f("sleepy", -2, 1),
    f("floaty", -2, 1),
    // Near the middle
    f("unsure", 0, -1),
    f("okay", 0, 0),
    f("mixed", 0, 0),
];

pub fn find(word: &str) -> Option<&'static Feeling> {
    ALL.iter().find(|f| f.word == word)
}

/// The overall state that a set of chosen words points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    /// High energy, unpleasant: calm things down, quietly.
    Overwhelmed,
    /// Low energy, unpleasant and feeling: comfort and reassurance, if wanted.
    Tender,
    /// Low energy and cut off: gentle grounding.
    Numb,
    /// Pleasant: savour it together.
    Good,
    /// Nothing chosen, or too mixed to read.
    Neutral,
}

/// Averages the chosen feelings into one mood. Unknown words are the caller's error.
pub fn mood(words: &[&Feeling]) -> Mood {
    if words.is_empty() {
        return Mood::Neutral;
    }
    if words
        .iter()
        .any(|f| matches!(f.word, "numb" | "empty" | "flat"))
    {
        return Mood::Numb;
    }
    let n = words.len() as f32;
    let energy = words.iter().map(|f| f32::from(f.energy)).sum::<f32>() / n;
    let pleasant = words.iter().map(|f| f32::from(f.pleasantness)).sum::<f32>() / n;
    match (energy, pleasant) {
        (e, p) if p <= -0.5 && e >= 0.5 => Mood::Overwhelmed,
        (_, p) if p <= -0.5 => Mood::Tender,
        (_, p) if p >= 0.5 => Mood::Good,
        _ => Mood::Neutral,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn at_least_32_distinct_words_in_every_quarter() {
        assert!(ALL.len() >= 32);
        let words: HashSet<_> = ALL.iter().map(|f| f.word).collect();
        assert_eq!(words.len(), ALL.len(), "no duplicates");
        for (e, p) in [(1, 1), (1, -1), (-1, 1), (-1, -1)] {
            let n = ALL
                .iter()
                .filter(|f| f.energy.signum() == e && f.pleasantness.signum() == p)
                .count();
            assert!(n >= 8, "quarter ({e}, {p}) has {n}");
        }
        assert!(ALL
            .iter()
            .all(|f| (-2..=2).contains(&f.energy) && (-2..=2).contains(&f.pleasantness)));
    }

    #[test]
    fn moods_read_from_words() {
        let m = |ws: &[&str]| mood(&ws.iter().map(|w| find(w).unwrap()).collect::<Vec<_>>());
        assert_eq!(m(&["overwhelmed", "shaky"]), Mood::Overwhelmed);
        assert_eq!(m(&["teary", "lonely"]), Mood::Tender);
        assert_eq!(m(&["numb"]), Mood::Numb);
        assert_eq!(m(&["content", "sleepy"]), Mood::Good);
        assert_eq!(m(&[]), Mood::Neutral);
        assert_eq!(m(&["elated", "sad"]), Mood::Neutral);
    }
}
