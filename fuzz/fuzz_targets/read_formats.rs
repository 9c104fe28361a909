//! The XLIFF, TMX, PO and CSV readers on arbitrary bytes: the first byte picks
//! the file name (and so the reader), the rest is the file. Never panics; the
//! per-segment QA checks run on whatever was read.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 7] = ["input.xlf", "input.xliff", "input.tmx", "input.po", "input.csv", "input.tsv", "input.xml"];

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else { return };
    common::read_as(NAMES[pick as usize % NAMES.len()], rest);
});
