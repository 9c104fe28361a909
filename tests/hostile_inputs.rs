//! Inputs built to hurt: a dangling link, a 200 MB file, 100,000 segments on
//! one line, deeply nested markup. Each gives a clear error or a correct
//! result — never a hang or a crash. (Permission errors cannot be provoked
//! here: the tests run as root, which reads everything; the reader maps every
//! I/O error to a skipped.csv row the same way, as the dangling link shows.)

mod common;

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;

const SPAN: &str = "<span data-ttu-id=\"a1b2c-101\">Выберите **Сохранить**.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-101\">Select **Save**.</span></span>";
const FRONT: &str = "---\nms.contentlocale: ru-ru\nms.translationtype: MT\n---\n";

fn scan(input: &Path, out: &Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("lqa").unwrap().arg("scan").arg(input).args(["--quiet", "--out"]).arg(out).assert()
}

#[test]
fn a_dangling_link_is_skipped_with_its_reason_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("good.md"), format!("{FRONT}{SPAN}\n")).unwrap();
    std::os::unix::fs::symlink(corpus.join("missing.md"), corpus.join("broken.md")).unwrap();
    scan(&corpus, &dir.path().join("out")).success();
    let skipped = common::read_csv(&dir.path().join("out/skipped.csv"));
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0]["path"].ends_with("broken.md"));
    assert!(skipped[0]["reason"].contains("No such file"), "{:?}", skipped[0]);
    assert_eq!(common::read_csv(&dir.path().join("out/segments.csv")).len(), 1);
}

#[test]
fn a_200_mb_file_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ru-ru.md");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all(FRONT.as_bytes()).unwrap();
    // 200 MB of prose in 2,000 blocks, a segment after each: the reader walks all of it.
    let block = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(1_830) + "\n";
    for _ in 0..2_000 {
        file.write_all(block.as_bytes()).unwrap();
        file.write_all(SPAN.as_bytes()).unwrap();
        file.write_all(b"\n").unwrap();
    }
    file.flush().unwrap();
    drop(file);
    assert!(std::fs::metadata(&path).unwrap().len() > 200_000_000);
    scan(&path, &dir.path().join("out")).success();
    let segments = common::read_csv(&dir.path().join("out/segments.csv"));
    assert_eq!(segments.len(), 2_000);
    // Line numbers count every line: front matter (4), then per block a prose line and a span line.
    assert_eq!(segments[0]["line"], "6");
    assert_eq!(segments[1_999]["line"], (4 + 2 * 2_000).to_string());
}

#[test]
fn a_hundred_thousand_segments_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-line.ru-ru.md");
    let line: String = (0..100_000)
        .map(|i| {
            format!(
                "<span data-ttu-id=\"a1b2c-{i}\">Шаг {i}.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-{i}\">Step {i}.</span></span>"
            )
        })
        .collect();
    std::fs::write(&path, format!("{FRONT}{line}\n")).unwrap();
    scan(&path, &dir.path().join("out")).success();
    let segments = common::read_csv(&dir.path().join("out/segments.csv"));
    assert_eq!(segments.len(), 100_000);
    assert!(segments.iter().all(|s| s["line"] == "5"));
    assert_eq!(segments[99_999]["source"], "Step 99999.");
    // Every number is kept, so no numbers-differ finding.
    assert!(common::read_csv(&dir.path().join("out/checks.csv")).iter().all(|r| r["check"] != "numbers-differ"));
}

#[test]
fn deeply_nested_markup_is_read_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested.ru-ru.md");
    let depth = 50_000;
    let nested_brackets = format!("{}x{}", "[".repeat(depth), "]".repeat(depth));
    let nested_bold = format!("{}x{}", "**".repeat(depth), "**".repeat(depth));
    let nested_tags = format!("{}x{}", "<b>".repeat(depth), "</b>".repeat(depth));
    let mut text = FRONT.to_string();
    for (i, body) in [nested_brackets, nested_bold, nested_tags].iter().enumerate() {
        text.push_str(&format!(
            "<span data-ttu-id=\"a1b2c-{i}\">{body} ok</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-{i}\">{body}</span></span>\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    scan(&path, &dir.path().join("out")).success();
    assert_eq!(common::read_csv(&dir.path().join("out/segments.csv")).len(), 3);
}

/// Hostile-input issue, item 1: about 5,400 nested XLIFF `<g>`, XLIFF 2 `<pc>` or TMX `<hi>`
/// overflowed the stack of the recursive subtree reader (exit 134, no reports, the good files
/// lost too, also with `--parse-only`). Now each such file is skipped with its path and line,
/// and the batch goes on.
#[test]
fn deeply_nested_inline_xml_is_skipped_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("good.ru-ru.md"), format!("{FRONT}{SPAN}\n")).unwrap();
    let depth = 6_000;
    let nest = |open: &str, close: &str| format!("{}x{}", open.repeat(depth), close.repeat(depth));
    let x12 = format!(
        "<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"de\"><body>\n\
         <trans-unit id=\"1\"><source>a</source><target>{}</target></trans-unit></body></file></xliff>",
        nest("<g id=\"1\">", "</g>")
    );
    let x2 = format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">\n\
         <file id=\"f\"><unit id=\"u\"><segment><source>a</source><target>{}</target></segment></unit></file></xliff>",
        nest("<pc id=\"1\">", "</pc>")
    );
    let tmx = format!(
        "<tmx version=\"1.4\"><header srclang=\"en\"/>\n<body><tu><tuv xml:lang=\"en\"><seg>a</seg></tuv>\
         <tuv xml:lang=\"ru\"><seg>{}</seg></tuv></tu></body></tmx>",
        nest("<hi>", "</hi>")
    );
    for (name, text) in [("g.xlf", &x12), ("pc.xlf", &x2), ("hi.tmx", &tmx)] {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    scan(&corpus, &out).success();
    let skipped = common::read_csv(&out.join("skipped.csv"));
    let mut names: Vec<&str> = skipped.iter().map(|r| r["path"].rsplit('/').next().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["g.xlf", "hi.tmx", "pc.xlf"], "{skipped:?}");
    for row in &skipped {
        assert!(row["reason"].contains("nested more than 256 deep"), "{row:?}");
        // The line the error was found on: the nested target's line.
        assert_eq!(row["line"], if row["path"].ends_with("g.xlf") { "3" } else { "2" }, "{row:?}");
    }
    assert_eq!(common::read_csv(&out.join("segments.csv")).len(), 1, "the good file's segment");
    // --parse-only too (it writes no reports, only its counts).
    let output = Command::cargo_bin("lqa").unwrap().arg("scan").arg(&corpus).arg("--parse-only").output().unwrap();
    assert!(output.status.success());
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(said.contains("parsed 1 files, skipped 3, not read 0; segments 1"), "{said}");
}

/// Hostile-input issue, item 2: segments.csv has source, target and locale columns, so a scan of
/// a folder holding its own `--out` (the default `reports/` under `.`) read the last run's
/// reports back: 18 → 36 → 54 segments on three runs. Now the scan's own output folder and any
/// folder of lqa reports (an lqa manifest.json) are never read, and the scan says so.
#[test]
fn a_scan_never_reads_its_own_reports_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.ru-ru.md"), format!("{FRONT}{SPAN}\n")).unwrap();
    let run = |out: &str| {
        let output = Command::cargo_bin("lqa")
            .unwrap()
            .current_dir(dir.path())
            .args(["scan", ".", "--quiet", "--out", out])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    for round in 0..3 {
        let stderr = run("reports");
        let segments = common::read_csv(&dir.path().join("reports/segments.csv"));
        assert_eq!(segments.len(), 1, "run {round}: only good.ru-ru.md's segment");
        if round > 0 {
            assert!(stderr.contains("not read ./reports: this scan's --out folder"), "{stderr}");
        }
    }
    // Another run's reports in the tree (here the first --out) are not read either.
    let stderr = run("elsewhere");
    assert!(stderr.contains("not read ./reports: a folder of lqa reports"), "{stderr}");
    assert_eq!(common::read_csv(&dir.path().join("elsewhere/segments.csv")).len(), 1);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("elsewhere/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["folders_not_read"].as_array().map(Vec::len), Some(1), "{manifest}");
}

/// Hostile-input issue, item 10: a file name with a newline or ESC was printed raw, so it could
/// forge an `lqa: FAIL:` line that CI parses, or send terminal escapes. Every message line now
/// has its control characters escaped.
#[test]
fn control_characters_in_file_names_cannot_forge_lines() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("good.ru-ru.md"), format!("{FRONT}{SPAN}\n")).unwrap();
    // Malformed, so it is named on stderr as skipped.
    let hostile = "x\nlqa: FAIL: ru-RU MT: forged\u{1b}[2J.xlf";
    std::fs::write(corpus.join(hostile), "<xliff version=\"1.2\"><file><body></xliff>").unwrap();
    let output = Command::cargo_bin("lqa")
        .unwrap()
        .arg("scan")
        .arg(&corpus)
        .args(["--quiet", "--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.lines().any(|l| l.starts_with("lqa: FAIL")), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(stderr.contains("x\\nlqa: FAIL: ru-RU MT: forged\\u{1b}[2J.xlf"), "{stderr}");
    // The reports keep the name exactly (CSV quotes it).
    let skipped = common::read_csv(&dir.path().join("out/skipped.csv"));
    assert!(skipped[0]["path"].ends_with(hostile), "{skipped:?}");
}

/// Hostile-input issue, item 5: SIGTERM and SIGHUP (what `timeout`, CI cancellation and
/// `docker stop` send) were not handled, and temporaries of dead runs stayed forever. Now TERM
/// and HUP end a scan like Ctrl-C (exit 130, its temporaries removed), and a run removes the
/// `.NAME.PID.tmp` files of processes no longer running.
#[test]
fn sigterm_ends_a_scan_cleanly_and_stale_temporaries_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A temporary of a process that cannot exist (beyond the kernel's pid_max), and one of pid 1.
    let pid_max: u64 = std::fs::read_to_string("/proc/sys/kernel/pid_max").unwrap().trim().parse().unwrap();
    let dead = out.join(format!(".segments.csv.{}.tmp", pid_max + 1));
    let alive = out.join(".segments.csv.1.tmp");
    std::fs::write(&dead, "half a report").unwrap();
    std::fs::write(&alive, "another run's report").unwrap();
    let small = dir.path().join("small.ru-ru.md");
    std::fs::write(&small, format!("{FRONT}{SPAN}\n")).unwrap();
    let output = Command::cargo_bin("lqa").unwrap().arg("scan").arg(&small).arg("--out").arg(&out).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("removed 1 temporary file(s)"));
    assert!(!dead.exists() && alive.exists());

    // SIGTERM while a large file is being read.
    let big = dir.path().join("big.ru-ru.md");
    let mut text = FRONT.to_string();
    for i in 0..200_000 {
        text.push_str(&SPAN.replace("a1b2c-101", &format!("a1b2c-{i}")));
        text.push('\n');
    }
    std::fs::write(&big, text).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lqa"))
        .arg("scan")
        .arg(&big)
        .args(["--quiet", "--out"])
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    let killed = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("lqa: interrupted"));
    let left: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") && n != ".segments.csv.1.tmp")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Hostile-input issue, item 9: links were followed out of the scanned tree, so `passwd.po`
/// linked to /etc/passwd put its first line into skipped.csv and on stderr (a hostile
/// repository scanned in CI could leak a secret). Now a link that leads outside the scanned
/// folders is listed in skipped.csv and not read unless `--follow` is given, and no reason
/// quotes bytes of a file that fails to parse as a localization file.
#[test]
fn symlinks_out_of_the_tree_are_not_followed_and_no_reason_quotes_content() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(corpus.join("inner")).unwrap();
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(corpus.join("inner/good.ru-ru.md"), format!("{FRONT}{SPAN}\n")).unwrap();
    let secret = "root:x:0:0:SECRET-TOKEN-1234:/root:/bin/bash\n";
    std::fs::write(outside.join("passwd"), secret).unwrap();
    std::fs::write(outside.join("other.ru-ru.md"), format!("{FRONT}{SPAN}\n")).unwrap();
    std::os::unix::fs::symlink(outside.join("passwd"), corpus.join("passwd.po")).unwrap();
    std::os::unix::fs::symlink(&outside, corpus.join("linked-out")).unwrap();
    // A link that stays inside the scanned folder is read as before.
    std::os::unix::fs::symlink(corpus.join("inner"), corpus.join("linked-in")).unwrap();
    // A file in the tree that is not PO at all, under a localization name.
    std::fs::write(corpus.join("notes.po"), secret).unwrap();
    let run = |extra: &[&str], out: &str| {
        let output = Command::cargo_bin("lqa")
            .unwrap()
            .arg("scan")
            .arg(&corpus)
            .args(extra)
            .args(["--quiet", "--out"])
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let stderr = String::from_utf8(output.stderr).unwrap();
        let skipped = std::fs::read_to_string(dir.path().join(out).join("skipped.csv")).unwrap();
        for text in [&stderr, &skipped] {
            assert!(!text.contains("SECRET") && !text.contains("root:x"), "content quoted: {text}");
        }
        let segments = common::read_csv(&dir.path().join(out).join("segments.csv"));
        (common::read_csv(&dir.path().join(out).join("skipped.csv")), segments)
    };
    let (skipped, segments) = run(&[], "out");
    let reason_of = |rows: &[std::collections::HashMap<String, String>], name: &str| {
        rows.iter().find(|r| r["path"].ends_with(name)).map(|r| r["reason"].clone())
    };
    let outside_reason = "symbolic link leads outside the scanned folders (use --follow to read it)";
    assert_eq!(reason_of(&skipped, "passwd.po").as_deref(), Some(outside_reason), "{skipped:?}");
    assert_eq!(reason_of(&skipped, "linked-out").as_deref(), Some(outside_reason), "{skipped:?}");
    assert!(reason_of(&skipped, "notes.po").is_some_and(|r| r.contains("column 1")), "{skipped:?}");
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    // inner/good and linked-in/good: the link inside the tree is followed.
    assert_eq!(segments.len(), 2, "{segments:?}");
    // --follow reads every link, like ripgrep's -L; the content is still never quoted.
    let (skipped, segments) = run(&["--follow"], "out-follow");
    assert!(reason_of(&skipped, "passwd.po").is_some_and(|r| r.contains("column 1")), "{skipped:?}");
    assert_eq!(reason_of(&skipped, "linked-out"), None);
    assert_eq!(segments.len(), 3, "linked-out/other.ru-ru.md too");
}
/// Hostile-input issue 16, item 3: a file was read whole before the binary check, so an 8 GB
/// sparse `.po` took 8.4 GB of memory and 45 s just to be skipped (in a 2 GB cgroup a 3 GB file
/// killed the batch). Now a file over `--max-file-size` (default 1 GiB) is skipped unread, with
/// its size and the flag to raise, and a binary file is told from its first bytes.
#[test]
fn a_file_over_max_file_size_is_skipped_unread_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("good.ru-ru.md"), format!("{FRONT}{SPAN}\n")).unwrap();
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\nmsgid \"Select **Save**.\"\nmsgstr \"Выберите **Сохранить**.\"\n";
    std::fs::write(corpus.join("small.ru-ru.po"), po.repeat(40)).unwrap();
    // 8 GiB of NULs that take no disk.
    std::fs::File::create(corpus.join("huge.ru-ru.po")).unwrap().set_len(8 << 30).unwrap();
    let run = |flags: &[&str], out: &str| {
        let started = std::time::Instant::now();
        let out = dir.path().join(out);
        Command::cargo_bin("lqa")
            .unwrap()
            .arg("scan")
            .arg(&corpus)
            .args(flags)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        assert!(started.elapsed().as_secs() < 20, "the huge file was read: {:?}", started.elapsed());
        let skipped = common::read_csv(&out.join("skipped.csv"));
        let reasons: Vec<(String, String)> =
            skipped.iter().map(|r| (r["path"].rsplit('/').next().unwrap().to_string(), r["reason"].clone())).collect();
        (reasons, common::read_csv(&out.join("segments.csv")).len())
    };
    let too_large = |size: u64, limit: u64| {
        format!("file of {size} bytes is larger than --max-file-size ({limit} bytes): not read; raise --max-file-size to read it")
    };
    // The default: the huge file only.
    let (skipped, segments) = run(&["--quiet"], "default");
    assert_eq!(skipped, [("huge.ru-ru.po".to_string(), too_large(8 << 30, 1 << 30))]);
    assert_eq!(segments, 1 + 40, "good.ru-ru.md and small.ru-ru.po are read");
    // A small limit: the small PO (2,800 bytes) too; the Markdown file is under it.
    let (skipped, segments) = run(&["--quiet", "--max-file-size", "2K"], "small");
    assert_eq!(
        skipped,
        [
            ("huge.ru-ru.po".to_string(), too_large(8 << 30, 2048)),
            ("small.ru-ru.po".to_string(), too_large(po.len() as u64 * 40, 2048))
        ]
    );
    assert_eq!(segments, 1);
    // Raised past its size: found binary from its first bytes, not read whole.
    let (skipped, segments) = run(&["--quiet", "--max-file-size", "16G"], "raised");
    assert_eq!(skipped, [("huge.ru-ru.po".to_string(), "binary file (NUL byte at byte 0)".to_string())]);
    assert_eq!(segments, 1 + 40);
}

/// Hostile-input issue 16, item 3: scoring cost about 67 bytes per character and quadratic time
/// (a pair of 400,000 characters a side took 6.2 s; a 40 MB one-segment file never finished).
/// Now a pair with a side longer than `MAX_SCORED_CHARS` (20,000) is scored on the first 20,000
/// characters of each side, and the scan says so on stderr and in manifest.json.
#[test]
fn a_very_long_pair_is_scored_on_its_prefixes_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ru-ru.xlf");
    // One English source of 200,000 words translated twice: MT, and HT with every 50th word changed.
    let words = ["выберите", "клиента", "учетную", "запись", "затем", "счет", "сохранить", "открыть"];
    let source: Vec<&str> = (0..200_000).map(|i| ["select", "the", "customer", "account"][i * 7 % 4]).collect();
    let mt: Vec<&str> = (0..200_000).map(|i| words[i * 5 % 8]).collect();
    let ht: Vec<&str> = mt.iter().enumerate().map(|(i, w)| if i % 50 == 0 { "изменить" } else { w }).collect();
    let (source, mt, ht) = (source.join(" "), mt.join(" "), ht.join(" "));
    let unit = |id: &str, qualifier: &str, target: &str| {
        format!("<trans-unit id=\"{id}\"><source>{source}</source><target state=\"translated\" state-qualifier=\"{qualifier}\">{target}</target></trans-unit>\n")
    };
    std::fs::write(
        &path,
        format!(
            "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\" original=\"long\"><body>\n{}{}</body></file></xliff>\n",
            unit("mt", "leveraged-mt", &mt),
            unit("ht", "exact-match", &ht)
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let started = std::time::Instant::now();
    let output = Command::cargo_bin("lqa").unwrap().arg("scan").arg(&path).arg("--out").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("lqa: warning: 1 pair(s) with a side longer than 20000 characters scored on the first 20000 characters of each side"),
        "{stderr}"
    );
    let pairs = common::read_csv(&out.join("pairs.csv"));
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    // The lengths are the whole texts'; the distances are of the 20,000-character prefixes.
    assert_eq!(pair["hypothesis_chars"], mt.chars().count().to_string());
    assert_eq!(pair["reference_chars"], ht.chars().count().to_string());
    assert_eq!(pair["exact"], "false");
    let prefix = |t: &str| t.chars().take(20_000).collect::<String>();
    let distance = strsim::levenshtein(&prefix(&mt), &prefix(&ht));
    assert!(distance > 0);
    assert_eq!(pair["char_distance"], distance.to_string());
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!((manifest["pairs_truncated"].as_u64(), manifest["max_scored_chars"].as_u64()), (Some(1), Some(20_000)));
}

/// Writes `files` into a fresh corpus beside a good Markdown file, scans it and returns
/// (skipped.csv rows, segments.csv rows).
type Rows = Vec<std::collections::HashMap<String, String>>;
fn scan_files(files: &[(&str, &str)]) -> (Rows, Rows) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("good.ru-ru.md"), format!("{FRONT}{SPAN}\n")).unwrap();
    for (name, text) in files {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    scan(&corpus, &out).success();
    (common::read_csv(&out.join("skipped.csv")), common::read_csv(&out.join("segments.csv")))
}

fn xliff2_with_trg_lang(trg_lang: &str) -> String {
    format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"\n trgLang=\"{trg_lang}\">\n\
         <file id=\"f\"><unit id=\"u\"><segment><source>a</source><target>b</target></segment></unit></file></xliff>"
    )
}

/// Hostile-input issue, item 11: `trgLang="f r"` was accepted as the locale `f r`. Locale codes
/// read from files are parsed as BCP 47 tags; one that is not is an error with path and line,
/// the file is skipped with its reason and the batch goes on.
#[test]
fn a_locale_code_with_a_space_is_skipped_with_path_and_line() {
    let (skipped, segments) = scan_files(&[("space.xlf", &xliff2_with_trg_lang("f r"))]);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0]["path"].ends_with("corpus/space.xlf"), "{skipped:?}");
    assert_eq!(skipped[0]["line"], "1", "the root element's line: {skipped:?}");
    assert!(skipped[0]["reason"].starts_with("invalid locale in trgLang: not a BCP 47 locale code"), "{skipped:?}");
    assert_eq!(segments.len(), 1, "the good file's segment");
}

/// Item 11: markup as a locale code (`<b>fr</b>` in a TMX `xml:lang`, a CSV locale column, a PO
/// `Language:` header) is rejected too, and never quoted in the reason.
#[test]
fn a_locale_code_with_markup_is_skipped() {
    let tmx = "<tmx version=\"1.4\"><header srclang=\"en\"/>\n<body><tu><tuv xml:lang=\"en\"><seg>a</seg></tuv>\n\
               <tuv xml:lang=\"&lt;b&gt;fr&lt;/b&gt;\"><seg>b</seg></tuv></tu></body></tmx>";
    let csv = "source,target,locale\nSave,Speichern,de-DE\nOpen,Öffnen,<b>de</b>\n";
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: <b>fr</b>\\n\"\n\nmsgid \"a\"\nmsgstr \"b\"\n";
    let (skipped, segments) = scan_files(&[("markup.tmx", tmx), ("markup.csv", csv), ("markup.po", po)]);
    let mut rows: Vec<(&str, &str, &str)> = skipped
        .iter()
        .map(|r| (r["path"].rsplit('/').next().unwrap(), r["line"].as_str(), r["reason"].as_str()))
        .collect();
    rows.sort();
    let at = |field: &str| format!("invalid locale in {field}: not a BCP 47 locale code");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!((rows[0].0, rows[0].1), ("markup.csv", "3"), "{rows:?}");
    assert!(rows[0].2.starts_with(&at("the locale column")), "{rows:?}");
    assert_eq!((rows[1].0, rows[1].1), ("markup.po", "1"), "{rows:?}");
    assert!(rows[1].2.starts_with(&at("the Language header")), "{rows:?}");
    assert_eq!((rows[2].0, rows[2].1), ("markup.tmx", "3"), "{rows:?}");
    assert!(rows[2].2.starts_with(&at("xml:lang")), "{rows:?}");
    assert!(rows.iter().all(|r| !r.2.contains("<b>")), "{rows:?}");
    assert_eq!(segments.len(), 1, "the good file's segment");
}

/// Item 11: a 5 MB `trgLang` took 13.6 s in the reports and made a 25 MB index.html. A locale
/// code longer than 64 bytes is rejected before it is parsed, so the scan returns at once.
#[test]
fn a_5_mb_locale_code_is_skipped_before_it_is_parsed() {
    let (skipped, segments) = scan_files(&[("huge.xlf", &xliff2_with_trg_lang(&"a".repeat(5 << 20)))]);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0]["path"].ends_with("huge.xlf"));
    assert_eq!(skipped[0]["reason"], "invalid locale in trgLang: a locale code of 5242880 bytes (at most 64)");
    assert_eq!(segments.len(), 1, "the good file's segment");
}

/// Item 11: gettext's underscore form (`Language: pt_BR`) keeps working, as the tag pt-BR.
#[test]
fn a_po_language_header_pt_br_gives_the_locale_pt_br() {
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: pt_BR\\n\"\n\nmsgid \"Save\"\nmsgstr \"Salvar\"\n";
    let (skipped, segments) = scan_files(&[("app.po", po)]);
    assert!(skipped.is_empty(), "{skipped:?}");
    let po_rows: Vec<_> = segments.iter().filter(|r| r["path"].ends_with("app.po")).collect();
    assert_eq!(po_rows.len(), 1, "{segments:?}");
    assert_eq!(po_rows[0]["locale"], "pt-BR");
}
