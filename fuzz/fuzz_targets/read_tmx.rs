//! The TMX reader on arbitrary bytes (the whole input is an `input.tmx`): never
//! panics; the per-segment QA checks run on whatever was read.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| common::read_as("input.tmx", bytes));
