//! `lqa score`'s input parsing on arbitrary bytes: the line-aligned text files
//! and the pairs TSV/CSV. Never panics; a successful read is aligned.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<u8>, Vec<u8>, bool)| {
    let (first, second, as_csv) = input;
    let dir = std::env::temp_dir().join(format!("lqa-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        let mut file = std::fs::File::create(&path).expect("temp file");
        file.write_all(bytes).expect("temp write");
        path
    };
    let (hyp, reference) = (write("hyp.txt", &first), write("ref.txt", &second));
    if let Ok(aligned) = lqa::evaluate::read_aligned(&hyp, &reference) {
        assert_eq!(aligned.hypotheses.len(), aligned.references.len());
    }
    let pairs = write(if as_csv { "pairs.csv" } else { "pairs.tsv" }, &first);
    if let Ok(aligned) = lqa::evaluate::read_pairs(&pairs) {
        assert_eq!(aligned.hypotheses.len(), aligned.references.len());
    }
});
