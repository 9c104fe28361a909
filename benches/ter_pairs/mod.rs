//! Realistic pairs for the benches: same English source, two different
//! targets (MT vs HT across releases) from `tests/data/ter_oracle.tsv`.

pub fn unescape(s: &str) -> String {
    s.replace("\\\\", "\u{0}").replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r").replace('\u{0}', "\\")
}

/// (hypothesis, reference) pairs of the given category.
pub fn pairs(category: &str) -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ter_oracle.tsv");
    let text = std::fs::read_to_string(path).expect("run oracle.py first");
    text.split('\n')
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 7 && f[0] == category).then(|| (unescape(f[2]), unescape(f[3])))
        })
        .collect()
}
