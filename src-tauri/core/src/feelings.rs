//! The words a person can pick for "How are you feeling right now?", placed on an
//! energy × pleasantness grid (as in mood meters). The suggester reads where a person
//! sits on the grid, not the words themselves, and two marks: words that name something
//! hard (fear, shame, hurt) and words that are ambiguous after intimacy (floaty, spacey,
//! numb: pleasant for some, a sign of being far away for others).

use serde::Serialize;

/// Where a feeling sits: both axes run from -2 to 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Feeling {
    pub word: &'static str,
    pub energy: i8,
    pub pleasantness: i8,
    /// It names something hard: gentle, unhurried care first, and no touch unless asked.
    pub hard: bool,
    /// It could mean drifting or far away: grounding and quiet, never celebration, and no
    /// touch unless asked. These sit near the middle of the grid.
    pub ambiguous: bool,
}

const fn f(word: &'static str, energy: i8, pleasantness: i8) -> Feeling {
    Feeling {
        word,
        energy,
        pleasantness,
        hard: false,
        ambiguous: false,
    }
}

const fn hard(word: &'static str, energy: i8, pleasantness: i8) -> Feeling {
    Feeling {
        hard: true,
        ..f(word, energy, pleasantness)
    }
}

const fn ambiguous(word: &'static str, energy: i8) -> Feeling {
    Feeling {
        ambiguous: true,
        ..f(word, energy, 0)
    }
}

/// Our own selection: at least eight words in each quarter of the grid, plus the
/// ambiguous ones and a few others near the middle.
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
    hard("scared", 2, -2),
    hard("unsafe", 1, -2),
    // Low energy, unpleasant
    f("teary", -1, -2),
    f("sad", -1, -2),
    f("empty", -2, -1),
    f("drained", -2, -1),
    f("lonely", -1, -2),
    f("exposed", -1, -1),
    f("flat", -2, -1),
    hard("hurt", -1, -2),
    hard("sore", -1, -1),
    hard("ashamed", -1, -2),
    hard("guilty", -1, -2),
    hard("regretful", -1, -1),
    hard("disconnected", -1, -1),
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
    f("relaxed", -2, 2),
    // Near the middle
    ambiguous("floaty", -1),
    ambiguous("spacey", 0),
    ambiguous("numb", -1),
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
    /// Something hard was named (fear, shame, hurt): gentle, unhurried care first.
    Hard,
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
    // What might mean being far away comes first: never read as something to savour.
    if words
        .iter()
        .any(|f| f.ambiguous || matches!(f.word, "empty" | "flat"))
    {
        return Mood::Numb;
    }
    if words.iter().any(|f| f.hard) {
        return Mood::Hard;
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
        assert_eq!(m(&["floaty"]), Mood::Numb, "floaty is not read as good");
        assert_eq!(m(&["floaty", "content", "elated"]), Mood::Numb);
        assert_eq!(m(&["spacey"]), Mood::Numb);
        assert_eq!(m(&["scared"]), Mood::Hard);
        assert_eq!(m(&["ashamed", "content", "elated"]), Mood::Hard);
    }

    #[test]
    fn hard_words_are_there_and_ambiguous_ones_sit_near_the_middle() {
        for w in [
            "ashamed",
            "guilty",
            "regretful",
            "scared",
            "unsafe",
            "hurt",
            "sore",
            "disconnected",
        ] {
            let f = find(w).unwrap_or_else(|| panic!("{w} is missing"));
            assert!(f.hard && f.pleasantness < 0, "{w}: {f:?}");
        }
        let marked: Vec<&str> = ALL.iter().filter(|f| f.ambiguous).map(|f| f.word).collect();
        assert_eq!(marked, ["floaty", "spacey", "numb"]);
        assert!(ALL
            .iter()
            .filter(|f| f.ambiguous)
            .all(|f| f.pleasantness == 0 && f.energy.abs() <= 1 && !f.hard));
        assert!(ALL.iter().filter(|f| f.hard).all(|f| !f.ambiguous));
    }
}
