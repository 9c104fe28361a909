//! Hostile-input issue, "done when": one folder of real files beside files built to hurt (deep
//! nesting, truncations, invalid encodings, symlink escapes, control characters in names, huge
//! lines, binaries), generated here at test time, never checked in. The scan must end with exit
//! 0 or 2 (never a panic's 101 or a signal), every good file's segments must appear, and every
//! hostile file must be accounted for: read, or listed in skipped.csv with its reason.

mod common;

use std::collections::HashMap;
use std::path::Path;

/// Good files: (path in the folder, expected segments).
struct Folder {
    good: Vec<(String, usize)>,
    /// Files that must be listed in skipped.csv (path in the folder).
    skipped: Vec<String>,
}

fn write(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

const XLIFF_UNIT: &str =
    "<trans-unit id=\"u\"><source>Select Save.</source><target>Wählen Sie Speichern.</target></trans-unit>";

fn xliff(units: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" \
         target-language=\"de-DE\" original=\"a\"><body>\n{units}\n</body></file></xliff>\n"
    )
}

/// Builds the folder: ten real Markdown files of the shared data (MANIFEST counts), three
/// small real-shaped XLIFF, TMX and PO files, and the hostile ones.
fn build(root: &Path) -> Folder {
    let data = common::root().join("data");
    let mut good = Vec::new();
    let rows = common::manifest(&data.join("MANIFEST.tsv"));
    for row in rows.iter().filter(|r| r.segments > 0 && r.set.starts_with("releases/")).take(10) {
        let relative = format!("good/{}", row.staged_path.replace('/', "_"));
        let bytes = std::fs::read(data.join("sample").join(&row.staged_path)).unwrap();
        // The locale folder is part of the staged path; keep the locale in the name too.
        let relative = relative.replace(".md", &format!(".{}.md", row.locale.to_lowercase()));
        write(root, &relative, &bytes);
        good.push((relative, row.segments));
    }
    write(root, "good/units.de-de.xlf", xliff(&[XLIFF_UNIT; 3].join("\n")).as_bytes());
    good.push(("good/units.de-de.xlf".into(), 3));
    let tmx = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" segtype=\"sentence\" \
               datatype=\"plaintext\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\"/>\
               <body>\n<tu><tuv xml:lang=\"en\"><seg>Open the file.</seg></tuv><tuv xml:lang=\"fr-FR\">\
               <seg>Ouvrez le fichier.</seg></tuv></tu>\n<tu><tuv xml:lang=\"en\"><seg>Close it.</seg></tuv>\
               <tuv xml:lang=\"fr-FR\"><seg>Fermez-le.</seg></tuv></tu>\n</body></tmx>\n";
    write(root, "good/memory.tmx", tmx.as_bytes());
    good.push(("good/memory.tmx".into(), 2));
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n\
              msgid \"Save\"\nmsgstr \"Сохранить\"\n\nmsgid \"Cancel\"\nmsgstr \"Отмена\"\n";
    write(root, "good/app.po", po.as_bytes());
    good.push(("good/app.po".into(), 2));

    let mut skipped = Vec::new();
    let mut hostile = |relative: &str, bytes: &[u8], must_skip: bool| {
        write(root, relative, bytes);
        if must_skip {
            skipped.push(relative.to_string());
        }
    };
    // Deep nesting: 6,000 nested inline elements (overflowed the stack before).
    let deep = format!(
        "<trans-unit id=\"d\"><source>{}x{}</source><target>y</target></trans-unit>",
        "<g>".repeat(6_000),
        "</g>".repeat(6_000)
    );
    hostile("hostile/deep.de-de.xlf", xliff(&deep).as_bytes(), true);
    // Truncations: a good XLIFF and a good TMX cut in half.
    let whole = xliff(&[XLIFF_UNIT; 3].join("\n"));
    hostile("hostile/cut.de-de.xlf", &whole.as_bytes()[..whole.len() / 2], true);
    hostile("hostile/cut.tmx", &tmx.as_bytes()[..tmx.len() / 2], true);
    // Invalid encodings: Latin-1 bytes in a file declared UTF-8; UTF-16 without a byte-order mark.
    let mut latin1 = xliff(XLIFF_UNIT).into_bytes();
    let at = latin1.windows(6).position(|w| w == b"W\xc3\xa4hle").unwrap();
    latin1.splice(at + 1..at + 3, [0xE4]);
    hostile("hostile/latin1.de-de.xlf", &latin1, true);
    let utf16: Vec<u8> = xliff(XLIFF_UNIT).encode_utf16().flat_map(u16::to_le_bytes).collect();
    hostile("hostile/utf16-no-bom.de-de.xlf", &utf16, true);
    // A binary renamed, and a NUL in the middle of a Markdown file.
    hostile("hostile/image.ru-ru.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", true);
    // Control characters in names (a name that forges a CI line, an escape sequence).
    hostile("hostile/x\nlqa: FAIL: forged\u{1b}[2J.xlf", b"<xliff version=\"1.2\"><file><body></xliff>", true);
    // Huge lines: a 30 MB line of prose in Markdown, a 5 MB msgstr in PO (read, not skipped).
    let mut md = b"---\nms.contentlocale: ru-ru\nms.translationtype: MT\n---\n".to_vec();
    md.extend(std::iter::repeat_n(b'a', 30 << 20));
    md.extend_from_slice(b"\n<span data-ttu-id=\"a1-1\">\xd0\x94\xd0\xb0.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-1\">Yes.</span></span>\n");
    hostile("hostile/long-line.ru-ru.md", &md, false);
    let big_po = format!(
        "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n\nmsgid \"Long\"\nmsgstr \"{}\"\n",
        "lang ".repeat(1 << 20)
    );
    hostile("hostile/long.po", big_po.as_bytes(), false);
    // An empty file and a folder named like a file.
    hostile("hostile/empty.de-de.xlf", b"", true);
    std::fs::create_dir_all(root.join("hostile/folder.md")).unwrap();
    // Symlink escapes: a file and a folder outside the tree (not followed; the file's bytes never quoted).
    std::os::unix::fs::symlink("/etc/passwd", root.join("hostile/passwd.po")).unwrap();
    std::os::unix::fs::symlink("/etc", root.join("hostile/etc")).unwrap();
    skipped.push("hostile/passwd.po".into());
    Folder { good, skipped }
}

#[test]
fn a_hostile_folder_ends_with_exit_0_or_2_and_loses_no_good_segment() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let folder = build(&corpus);
    let out = dir.path().join("out");
    let output = assert_cmd::Command::cargo_bin("lqa")
        .unwrap()
        .arg("scan")
        .arg(&corpus)
        .args(["--quiet", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // None: ended by a signal (an abort is 134, an OOM kill 137); 101: a panic.
    assert!(matches!(output.status.code(), Some(0 | 2)), "{:?}\n{stderr}", output.status);
    assert!(!stderr.contains("root:x:0:0"), "a file outside the tree was quoted:\n{stderr}");
    // No raw control character reaches the terminal: the forged name cannot start a line.
    assert!(!stderr.lines().any(|l| l.starts_with("lqa: FAIL: forged")), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");

    let shown = |path: &str| corpus.join(path).display().to_string();
    let mut per_file: HashMap<String, usize> = HashMap::new();
    for row in common::read_csv(&out.join("segments.csv")) {
        // A multi-part file's documents are PATH#part.
        let path = row["path"].split('#').next().unwrap().to_string();
        *per_file.entry(path).or_default() += 1;
    }
    for (path, expected) in &folder.good {
        assert_eq!(per_file.get(&shown(path)), Some(expected), "{path}");
    }
    // The huge lines are read, not skipped.
    assert_eq!(per_file.get(&shown("hostile/long-line.ru-ru.md")), Some(&1));
    assert_eq!(per_file.get(&shown("hostile/long.po")), Some(&1));

    let skipped = common::read_csv(&out.join("skipped.csv"));
    // The CSV keeps names exact (control characters included); only messages escape them.
    let reason = |path: &str| skipped.iter().find(|r| r["path"] == shown(path)).map(|r| r["reason"].clone());
    for path in &folder.skipped {
        let why = reason(path);
        assert!(why.as_deref().is_some_and(|r| !r.is_empty()), "{path} not in skipped.csv: {skipped:?}");
    }
    assert!(skipped.iter().all(|r| !r["reason"].contains("root:x")), "{skipped:?}");
}
