//! A segment's source and target survive the trip through a file, the
//! reader, segments.csv and a CSV reader unchanged — whatever Unicode, quotes,
//! commas, tabs or line breaks they hold.

use proptest::prelude::*;

fn scan_segments(target: &str, source: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.ru-ru.md");
    let text = format!(
        "---\nms.translationtype: MT\n---\n<span data-ttu-id=\"a1b2c-101\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-101\">{source}</span></span>\n"
    );
    std::fs::write(&path, text).unwrap();
    let config = lqa::ScanConfig { paths: vec![path], ..Default::default() };
    let scan = lqa::scan(&config, &lqa::NoProgress).unwrap();
    let bytes = lqa::report::render_to_vec(lqa::report::csv::segments, &scan).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    reader
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            (r["target"].clone(), r["source"].clone())
        })
        .collect()
}

/// Text a span can hold: anything but `<` (which would open markup the grammar reads).
fn span_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            any::<char>().prop_filter("no <", |c| *c != '<' && *c != '\0'),
            Just(','),
            Just('"'),
            Just('\n'),
            Just('\r'),
            Just('\t'),
            Just(' ')
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn source_and_target_survive_segments_csv(target in span_text(), source in span_text()) {
        let rows = scan_segments(&target, &source);
        prop_assert_eq!(rows, vec![(target, source)]);
    }
}

#[test]
fn a_real_segment_with_quotes_commas_and_a_line_break_round_trips() {
    // ../shared/corpus has segments with a newline inside the span (SOURCES.md: "newline inside a segment").
    let target = "Выберите \"Да\", затем\nнажмите **ОК**.";
    let source = "Select \"Yes\", then\nselect **OK**.";
    assert_eq!(scan_segments(target, source), [(target.to_string(), source.to_string())]);
}
