//! The TBX glossary reader on arbitrary bytes (decoding included, as `lqa scan
//! --glossary` reads a file): never panics, and every entry read has a source
//! term and names its line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("input.tbx");
    if let Ok(entries) = lqa::terms::glossary::parse_bytes(bytes, path) {
        for entry in &entries {
            assert!(entry.line >= 1, "entry without a line");
        }
    }
});
