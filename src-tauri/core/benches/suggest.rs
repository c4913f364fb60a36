//! Suggestion speed: four people, 500 cards (the built-in catalogue plus custom ones) and
//! ten years of feedback. Target: p99 under 2 ms per request.
//!
//!     cargo bench -p tend-core --bench suggest

use std::time::{Duration, Instant};

use tend_core::catalog::{builtin, Card, Context, Role};
use tend_core::checkin::{CheckIn, NeedNow};
use tend_core::feedback::{Book, Verdict};
use tend_core::profile::{HardLimits, Need, Profile};
use tend_core::suggest::{suggest, Person, Request};
use tend_core::vault::RecordId;

fn main() {
    // 500 cards: the catalogue, then copies standing in for custom cards.
    let mut cards: Vec<Card> = builtin().to_vec();
    let mut i = 0;
    while cards.len() < 500 {
        let mut c = builtin()[i % builtin().len()].clone();
        c.id = format!("custom-{i:032x}");
        c.title = format!("{} ({i})", c.title);
        c.custom = true;
        cards.push(c);
        i += 1;
    }
    // Ten years: about 4,000 sessions, three cards rated per person each time.
    let verdicts = [
        Verdict::Helped,
        Verdict::Neutral,
        Verdict::NotForMe,
        Verdict::Helped,
    ];
    let books: Vec<Book> = (0..4)
        .map(|p| {
            let mut b = Book::default();
            for s in 0..4_000usize {
                for k in 0..3 {
                    b.add(
                        &cards[(s * 7 + k * 13 + p) % cards.len()].id,
                        verdicts[(s + k + p) % 4],
                    );
                }
            }
            b
        })
        .collect();
    let profiles: Vec<Profile> = (0..4)
        .map(|p| Profile {
            id: RecordId::from_bytes([p as u8; 16]),
            name: format!("Person {p}"),
            closeness: Some(p as i8 - 2),
            talk: Some(1 - p as i8),
            needs: vec![Need::Water, Need::Warmth],
            hard_limits: HardLimits {
                cards: vec![cards[p * 3].id.clone()],
                ..Default::default()
            },
            favourites: vec![cards[p * 5 + 1].id.clone()],
            trauma_sensitive: p == 3,
            ..Default::default()
        })
        .collect();
    let check_ins = [
        CheckIn {
            feelings: vec!["overwhelmed".into(), "shaky".into()],
            need: Some(NeedNow::Space),
            no_touch: false,
            body: vec![],
        },
        CheckIn {
            feelings: vec!["tender".into()],
            need: Some(NeedNow::Closeness),
            no_touch: false,
            body: vec![],
        },
        CheckIn {
            feelings: vec!["numb".into()],
            need: None,
            no_touch: false,
            body: vec![],
        },
        CheckIn {
            feelings: vec!["floaty".into(), "grateful".into()],
            need: None,
            no_touch: false,
            body: vec![],
        },
    ];
    let roles = [
        Some(Role::Top),
        Some(Role::Bottom),
        Some(Role::Switch),
        Some(Role::Bottom),
    ];

    let mut times: Vec<Duration> = Vec::with_capacity(5_000);
    let mut shown = 0usize;
    for seed in 0..5_000u64 {
        let req = Request {
            people: (0..4)
                .map(|p| Person {
                    profile: &profiles[p],
                    check_in: &check_ins[p],
                    role: roles[p],
                    feedback: &books[p],
                    private: false,
                })
                .collect(),
            context: [Context::Scene, Context::Intense, Context::Tender][seed as usize % 3],
            intensity: (seed % 5) as u8 + 1,
            stop: None,
            minutes_available: None,
            plan: None,
            exclude: &[],
            shown_categories: &[],
            seed,
            count: 3,
        };
        let t = Instant::now();
        let got = suggest(&cards, &req);
        times.push(t.elapsed());
        shown += got.len();
    }
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0;
    println!(
        "suggest, 4 people, {} cards, {} feedback entries each: p50 {:.3} ms, p99 {:.3} ms (target p99 < 2 ms); {} cards shown",
        cards.len(),
        books[0].cards.values().map(|c| c.total()).sum::<u32>(),
        at(0.5),
        at(0.99),
        shown
    );
}
