//! In-process timing of lqa's character Levenshtein on the pairs that
//! scripts/bench.sh writes (DIR/hyp.txt and DIR/ref.txt), the same loop as the
//! RapidFuzz peer's `[Levenshtein.distance(h, r) for h, r in zip(hyps, refs)]`:
//! no reading, counting or formatting inside the timed region.
//! Prints the best of 20 runs in seconds. Usage: lev_inprocess DIR

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use lqa::metrics::levenshtein::char_distance;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: lev_inprocess DIR")?;
    let dir = Path::new(&dir);
    let aligned = lqa::evaluate::read_aligned(&dir.join("hyp.txt"), &dir.join("ref.txt"))?;
    let pairs: Vec<(&str, &str)> = aligned.hypotheses.iter().zip(aligned.references.iter()).collect();
    let mut best = f64::INFINITY;
    for _ in 0..20 {
        let start = Instant::now();
        let total: usize = pairs.iter().map(|(h, r)| char_distance(black_box(h), black_box(r))).sum();
        best = best.min(start.elapsed().as_secs_f64());
        black_box(total);
    }
    println!("{best:.6}");
    Ok(())
}
