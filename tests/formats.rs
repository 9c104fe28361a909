//! XLIFF 1.2/2.x, TMX, PO and CSV readers: hand-written files covering each
//! construct, and agreement with the Markdown reader — the shared corpus
//! sample converted file by file to every format reads back into the same
//! reports.

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lqa::read::{parse_documents, FormatConfig, Source};
use lqa::{Document, Origin};

fn source(path: &str) -> Source {
    Source { release: "current".into(), display: path.into(), relative: path.into() }
}

fn read(path: &str, text: &str) -> Vec<Document> {
    read_with(path, text.as_bytes(), &FormatConfig::default())
}

fn read_with(path: &str, bytes: &[u8], config: &FormatConfig) -> Vec<Document> {
    let texts = lqa::intern::TextInterner::default();
    parse_documents(Path::new(path), bytes, &source(path), config, &texts).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn error(path: &str, text: &str) -> String {
    let texts = lqa::intern::TextInterner::default();
    parse_documents(Path::new(path), text.as_bytes(), &source(path), &FormatConfig::default(), &texts)
        .expect_err("malformed input is an error")
        .to_string()
}

/// (id, source raw, target raw, origin) of every segment.
fn units(doc: &Document) -> Vec<(String, String, String, Origin)> {
    doc.segments.iter().map(|s| (s.id.clone(), s.source.raw.clone(), s.target.raw.clone(), s.origin)).collect()
}

fn u(id: &str, source: &str, target: &str, origin: Origin) -> (String, String, String, Origin) {
    (id.into(), source.into(), target.into(), origin)
}

const XLIFF12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
  <file original="intro.md" source-language="en-US" target-language="de-de" datatype="plaintext">
    <header><note>not a unit</note></header>
    <body>
      <group id="g1">
        <trans-unit id="1">
          <source>Select <g id="1">Save</g>.</source>
          <target state="translated">Wählen Sie <g id="1">Speichern</g>.</target>
        </trans-unit>
        <trans-unit id="2">
          <source>Line<x id="2"/>break &amp; <bx id="3"/>open<ex id="4"/> <ph id="5">&lt;br/&gt;</ph></source>
          <target state="needs-review-translation" state-qualifier="leveraged-mt">Zeile<x id="2"/>umbruch &amp; <bx id="3"/>offen<ex id="4"/> <ph id="5">&lt;br/&gt;</ph></target>
        </trans-unit>
      </group>
      <trans-unit id="3">
        <source>Click <bpt id="6">&lt;b&gt;</bpt>OK<ept id="6">&lt;/b&gt;</ept><it id="7" pos="open">&lt;i&gt;</it></source>
        <target state="translated">Klicken Sie auf <bpt id="6">&lt;b&gt;</bpt>OK<ept id="6">&lt;/b&gt;</ept><it id="7" pos="open">&lt;i&gt;</it></target>
        <alt-trans origin="DeepL MT" match-quality="100"><target>Klicken Sie auf <bpt id="6">&lt;b&gt;</bpt>OK<ept id="6">&lt;/b&gt;</ept><it id="7" pos="open">&lt;i&gt;</it></target></alt-trans>
      </trans-unit>
      <trans-unit id="4">
        <source>Two sentences.</source>
        <seg-source><mrk mtype="seg" mid="a">First one.</mrk> <mrk mtype="seg" mid="b">Second <mrk mtype="term">one</mrk>.</mrk></seg-source>
        <target><mrk mtype="seg" mid="a">Erster.</mrk> <mrk mtype="seg" mid="b">Zweiter <mrk mtype="term">Satz</mrk>.</mrk></target>
        <sdl:seg-defs><sdl:seg id="a" origin="mt"/><sdl:seg id="b" origin="tm"/></sdl:seg-defs>
      </trans-unit>
      <trans-unit id="5" translate="no"><source>lqa</source><target>lqa</target></trans-unit>
      <trans-unit id="6"><source>Not yet translated</source></trans-unit>
      <trans-unit id="7">
        <source>Leveraged</source>
        <target state-qualifier="exact-match">Übernommen</target>
        <alt-trans origin="Google MT"><target>Wirksam</target></alt-trans>
      </trans-unit>
      <trans-unit id="8"><source><![CDATA[Use <code> & more]]></source><target state="new">Nutze <![CDATA[<code>]]> &amp; mehr</target></trans-unit>
    </body>
  </file>
  <file original="other.md" source-language="en-US" target-language="fr-FR" datatype="plaintext">
    <body><trans-unit id="1"><source>Customer</source><target state="final">Client</target></trans-unit></body>
  </file>
</xliff>
"#;

#[test]
fn xliff_1_2_constructs() {
    let docs = read("de.xlf", XLIFF12);
    assert_eq!(docs.len(), 2, "one document per <file>");
    let (de, fr) = (&docs[0], &docs[1]);
    assert_eq!(de.locale.as_str(), "de-DE");
    assert_eq!(fr.locale.as_str(), "fr-FR");
    assert_eq!(de.front_matter.title.as_deref(), Some("intro.md"));
    assert_eq!(
        units(de),
        vec![
            u("1", "Select <g id=\"1\">Save</g>.", "Wählen Sie <g id=\"1\">Speichern</g>.", Origin::Human),
            u(
                "2",
                "Line<x id=\"2\"/>break & <bx id=\"3\"/>open<ex id=\"4\"/> <ph id=\"5\"><br/></ph>",
                "Zeile<x id=\"2\"/>umbruch & <bx id=\"3\"/>offen<ex id=\"4\"/> <ph id=\"5\"><br/></ph>",
                Origin::Machine
            ),
            u(
                "3",
                "Click <bpt id=\"6\"><b></bpt>OK<ept id=\"6\"></b></ept><it id=\"7\" pos=\"open\"><i></it>",
                "Klicken Sie auf <bpt id=\"6\"><b></bpt>OK<ept id=\"6\"></b></ept><it id=\"7\" pos=\"open\"><i></it>",
                Origin::Machine
            ),
            u("4/a", "First one.", "Erster.", Origin::Machine),
            u("4/b", "Second <mrk mtype=\"term\">one</mrk>.", "Zweiter <mrk mtype=\"term\">Satz</mrk>.", Origin::Human),
            // An exact TM match outranks an MT candidate the target does not equal.
            u("7", "Leveraged", "Übernommen", Origin::Human),
            u("8", "Use <code> & more", "Nutze <code> & mehr", Origin::Unknown),
        ]
    );
    assert_eq!(de.origin_label(), "mixed");
    assert_eq!(
        de.warnings,
        vec![(27, "2 unit(s) with no translation (no <target>, an empty one not marked translated, or translate=\"no\") not read".into())]
    );
    assert_eq!(units(fr), vec![u("1", "Customer", "Client", Origin::Human)]);
    // The inline codes are markup the checks compare.
    let tags: Vec<&str> = de.segments[0].target.markup.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(tags, vec!["<g id=\"1\">", "</g>"]);
    assert_eq!(de.segments[0].line, 7);
}

const XLIFF20: &str = r##"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"
       xmlns:its="http://www.w3.org/2005/11/its" version="2.1" srcLang="en-US" trgLang="ja-JP">
  <file id="f1" original="setup.md">
    <unit id="u1">
      <mtc:matches>
        <mtc:match ref="#s1" type="mt" origin="nmt-engine"><source>Open <pc id="1">Settings</pc>.</source><target>開く <pc id="1">設定</pc>。</target></mtc:match>
      </mtc:matches>
      <segment id="s1" state="translated"><source>Open <pc id="1">Settings</pc>.</source><target>開く <pc id="1">設定</pc>。</target></segment>
      <ignorable><source> </source><target> </target></ignorable>
      <segment id="s2" state="reviewed"><source>Press<ph id="2"/><sc id="3"/>Enter<ec startRef="3"/>.</source><target><cp hex="0009"/>Enter<ph id="2"/>を押します。</target></segment>
    </unit>
    <unit id="u2">
      <segment state="final"><source>Done</source><target its:mtConfidence="0.8">完了</target></segment>
    </unit>
    <unit id="u3">
      <segment state="translated" its:revPerson="Yuki" its:annotatorsRef="mt-confidence|engine"><source>Save</source><target>保存</target></segment>
    </unit>
    <unit id="u4"><segment state="initial"><source>Later</source></segment></unit>
  </file>
</xliff>
"##;

#[test]
fn xliff_2_constructs() {
    let docs = read("ja.xliff", XLIFF20);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].locale.as_str(), "ja-JP");
    assert_eq!(
        units(&docs[0]),
        vec![
            u("u1/s1", "Open <pc id=\"1\">Settings</pc>.", "開く <pc id=\"1\">設定</pc>。", Origin::Machine),
            u(
                "u1/s2",
                "Press<ph id=\"2\"/><sc id=\"3\"/>Enter<ec startRef=\"3\"/>.",
                "\tEnter<ph id=\"2\"/>を押します。",
                Origin::Human
            ),
            u("u2", "Done", "完了", Origin::Machine),
            // A reviser's name outranks the MT-confidence annotation.
            u("u3", "Save", "保存", Origin::Human),
        ]
    );
    assert_eq!(docs[0].warnings.len(), 1, "the untranslated segment is counted");
}

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" srclang="en-US" adminlang="en" datatype="plaintext" segtype="sentence" o-tmf="none"/>
  <body>
    <tu tuid="1" creationid="MT!">
      <tuv xml:lang="en-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
      <tuv xml:lang="ru-RU"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>Сохранить<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
      <tuv xml:lang="ko-KR" creationid="kim"><prop type="x-origin">HT</prop><seg>저장<ph x="1"/>을 <hi type="b">클릭</hi>합니다.</seg></tuv>
    </tu>
    <tu tuid="2">
      <prop type="x-translation-type">machine translation</prop>
      <tuv xml:lang="EN-us"><seg>Cancel</seg></tuv>
      <tuv xml:lang="ru-RU"><seg>Отмена</seg></tuv>
    </tu>
    <tu tuid="3"><tuv xml:lang="ru-RU"><seg>без источника</seg></tuv></tu>
    <tu><tuv lang="en-GB"><seg>Colour</seg></tuv><tuv lang="ru-RU"><seg>Цвет</seg></tuv></tu>
  </body>
</tmx>
"#;

#[test]
fn untranslated_units_are_warnings_not_segments() {
    // Empty targets a translator has not touched: XLIFF 1.2 `<target/>` and state="new",
    // SDL's empty `<mrk mtype="seg"/>` (conf Draft), XLIFF 2 state="initial". An empty
    // target marked translated is a defect and stays a segment (target-empty).
    let x12 = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
<file source-language="en-US" target-language="de-DE" datatype="plaintext" original="a.txt"><body>
<trans-unit id="1"><source>Save</source><target>Speichern</target></trans-unit>
<trans-unit id="2"><source>Open</source><target/></trans-unit>
<trans-unit id="3"><source>Close</source><target state="new"></target></trans-unit>
<trans-unit id="4"><source>Done</source><seg-source><mrk mtype="seg" mid="1">Done</mrk></seg-source><target><mrk mtype="seg" mid="1"/></target>
<sdl:seg-defs><sdl:seg id="1" conf="Draft"/></sdl:seg-defs></trans-unit>
<trans-unit id="5"><source>Edit</source><target state="translated"></target></trans-unit>
</body></file></xliff>"#;
    let docs = read("a.xlf", x12);
    assert_eq!(docs[0].segments.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["1", "5"]);
    assert_eq!(docs[0].warnings.len(), 1);
    assert!(docs[0].warnings[0].1.starts_with("3 unit(s) with no translation"), "{:?}", docs[0].warnings);
    let x2 = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="fr-FR">
<file id="f"><unit id="u1"><segment state="initial"><source>Save</source><target></target></segment></unit>
<unit id="u2"><segment state="translated"><source>Open</source><target>Ouvrir</target></segment></unit></file></xliff>"#;
    let docs = read("b.xlf", x2);
    assert_eq!(docs[0].segments.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["u2"]);
    assert!(docs[0].warnings[0].1.starts_with("1 unit(s) with no translation"), "{:?}", docs[0].warnings);
}

#[test]
fn tmx_constructs() {
    let docs = read("memory.tmx", TMX);
    assert_eq!(
        docs.iter().map(|d| d.locale.as_str()).collect::<Vec<_>>(),
        vec!["ru-RU", "ko-KR"],
        "one per target language"
    );
    assert_eq!(
        units(&docs[0]),
        vec![
            u(
                "1",
                "Click <bpt i=\"1\"><b></bpt>Save<ept i=\"1\"></b></ept>.",
                "Нажмите <bpt i=\"1\"><b></bpt>Сохранить<ept i=\"1\"></b></ept>.",
                Origin::Machine
            ),
            u("2", "Cancel", "Отмена", Origin::Machine),
            // TMX 1.1 `lang`, and en-GB taken as the source when no variant is en-US exactly.
            u("16", "Colour", "Цвет", Origin::Unknown),
        ]
    );
    assert_eq!(
        units(&docs[1]),
        vec![u(
            "1",
            "Click <bpt i=\"1\"><b></bpt>Save<ept i=\"1\"></b></ept>.",
            "저장<ph x=\"1\"/>을 <hi type=\"b\">클릭</hi>합니다.",
            Origin::Human
        )]
    );
    assert_eq!(
        docs[0].warnings,
        vec![(15, "1 <tu>(s) with no variant in the source language en-US not read".to_string())]
    );
    // The same memory as UTF-16 with a byte-order mark, as Trados exports it.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(TMX.encode_utf16().flat_map(u16::to_le_bytes));
    let again = read_with("memory.tmx", &utf16, &FormatConfig::default());
    assert_eq!(again.iter().map(units).collect::<Vec<_>>(), docs.iter().map(units).collect::<Vec<_>>());
    // A byte too many is an error, not an invented character.
    utf16.push(b'x');
    let texts = lqa::intern::TextInterner::default();
    let e = parse_documents(Path::new("memory.tmx"), &utf16, &source("memory.tmx"), &FormatConfig::default(), &texts)
        .unwrap_err()
        .to_string();
    assert_eq!(e, "memory.tmx: invalid UTF-16 (an odd number of bytes)");
}

const PO: &str = r#"# German translation.
msgid ""
msgstr ""
"Project-Id-Version: demo\n"
"Language: de_DE\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. The save button
#: src/ui.c:10
msgid "Save"
msgstr "Speichern"

# MT
#, c-format
msgctxt "menu"
msgid "Open %s"
msgstr "%s öffnen"

#, fuzzy
msgid "Delete"
msgstr "Entfernen"

msgid "One file"
msgid_plural "%d files"
msgstr[0] "Eine Datei"
msgstr[1] "%d Dateien"

msgid "Untranslated"
msgstr ""

msgid ""
"Multi "
"line \"quoted\"\n"
"text"
msgstr "Mehr\tzeilig \"zitiert\"\n"
"Text"

#~ msgid "Old"
#~ msgstr "Alt"
"#;

#[test]
fn po_constructs() {
    let docs = read("po/app.po", PO);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].locale.as_str(), "de-DE", "from the header's Language");
    assert_eq!(
        units(&docs[0]),
        vec![
            u("L10", "Save", "Speichern", Origin::Human),
            u("menu", "Open %s", "%s öffnen", Origin::Machine),
            u("L20", "Delete", "Entfernen", Origin::Unknown),
            u("L23[0]", "One file", "Eine Datei", Origin::Human),
            u("L23[1]", "%d files", "%d Dateien", Origin::Human),
            u("L31", "Multi line \"quoted\"\ntext", "Mehr\tzeilig \"zitiert\"\nText", Origin::Human),
        ]
    );
    assert_eq!(docs[0].warnings, vec![(28, "1 untranslated entr(ies) (empty msgstr) not read".to_string())]);
    // A rule makes fuzzy entries MT.
    let config: FormatConfig =
        toml::from_str("[[origin-rule]]\nfield = \"flag\"\nvalue = \"fuzzy\"\norigin = \"MT\"\n").unwrap();
    let docs = read_with("po/app.po", PO.as_bytes(), &config);
    assert_eq!(docs[0].segments[2].origin, Origin::Machine);
}

#[test]
fn csv_and_tsv_with_configured_columns() {
    let text = "doc;Lang;EN;Translation;How;Key\n\
                a.md;ru-RU;Save;Сохранить;MT;k1\n\
                a.md;ru-RU;\"Two;\nlines\";\"Две;\nстроки\";human;k2\n\
                b.md;de-DE;Save;Speichern;;k3\n";
    let config: FormatConfig = toml::from_str(
        "[columns]\nsource = \"EN\"\ntarget = \"translation\"\nlocale = \"lang\"\norigin = \"how\"\nid = \"key\"\ndocument = \"doc\"\n",
    )
    .unwrap();
    let docs = read_with("export.csv", text.as_bytes(), &config);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].locale.as_str(), "ru-RU");
    assert_eq!(
        units(&docs[0]),
        vec![u("k1", "Save", "Сохранить", Origin::Machine), u("k2", "Two;\nlines", "Две;\nстроки", Origin::Human)]
    );
    assert_eq!(docs[0].segments[1].line, 3);
    assert_eq!(units(&docs[1]), vec![u("k3", "Save", "Speichern", Origin::Unknown)]);
    // The same table as TSV with the default column names, the locale from the path.
    let tsv = "source\ttarget\torigin\nSave\tSpeichern\tHT\n";
    let docs = read("de-de/ui.tsv", tsv);
    assert_eq!(docs[0].locale.as_str(), "de-DE");
    assert_eq!(units(&docs[0]), vec![u("1", "Save", "Speichern", Origin::Human)]);
    // A table without source and target columns is not a bilingual file.
    assert!(read("MANIFEST.tsv", "repo\tpath\tlocale\nx\ty\tz\n").is_empty());
    // A row with a field too many names its line.
    let e = error("t.csv", "source,target\na,b\nc,d,e\n");
    assert!(e.starts_with("t.csv:3: row 2: 3 fields where the header has 2"), "{e}");
}

#[test]
fn malformed_files_name_path_line_and_column() {
    let e = error("bad.xlf", "<xliff version=\"1.2\">\n<file target-language=\"de\">\n<body><trans-unit id=\"1\"><source>a</target>\n</body></file></xliff>");
    assert!(e.starts_with("bad.xlf:3: column "), "{e}");
    let e = error("cut.tmx", "<tmx version=\"1.4\"><header srclang=\"en\"/>\n<body>\n<tu><tuv xml:lang=\"en\"><seg>a");
    assert!(e.contains("ends inside <seg>"), "{e}");
    let e = error("wrong.xlf", "<?xml version=\"1.0\"?>\n<html><body/></html>");
    assert!(e.contains("not XLIFF (<xliff>): the root element is <html>"), "{e}");
    let e = error("bad.po", "msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n");
    assert!(e.starts_with("bad.po:2: column "), "{e}");
    assert!(e.contains("unterminated string"), "{e}");
    let e = error("bad.po", "msgid \"a\"\nmsgstr \"b\"\nhello\n");
    assert!(e.starts_with("bad.po:3: column 1: expected msgid"), "{e}");
}

#[test]
fn xml_entities_are_never_resolved() {
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY big \"lol\">]>\n\
               <xliff version=\"1.2\"><file target-language=\"de\"><body><trans-unit id=\"1\">\
               <source>&xxe;</source><target state=\"translated\">&big;</target></trans-unit></body></file></xliff>";
    let docs = read("xxe.xlf", xxe);
    assert_eq!(units(&docs[0]), vec![u("1", "&xxe;", "&big;", Origin::Human)]);
}

#[test]
fn xml_files_of_other_kinds_are_passed_over() {
    assert!(read("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>").is_empty());
    assert_eq!(read("export.xml", TMX).len(), 2, "an .xml holding TMX is read as TMX");
    assert_eq!(read("mislabelled.tmx", XLIFF20).len(), 1, "content decides between XLIFF and TMX");
}

// ---------------------------------------------------------------------------
// Agreement with the Markdown reader on real content.

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML parsers fold CR LF into LF; a character reference keeps it.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

fn po_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\r', "\\r").replace('\t', "\\t")
}

fn xliff12(doc: &Document) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"{}\" source-language=\"en-US\" target-language=\"{}\" datatype=\"markdown\"><body>\n",
        xml_escape(&doc.relative_path),
        doc.locale
    );
    for s in &doc.segments {
        let state = match s.origin {
            Origin::Machine => "state=\"translated\" state-qualifier=\"leveraged-mt\"",
            Origin::Human => "state=\"translated\"",
            Origin::Unknown => "state=\"new\"",
        };
        let _ = writeln!(
            x,
            "<trans-unit id=\"{}\"><source>{}</source><target {state}>{}</target></trans-unit>",
            xml_escape(&s.id),
            xml_escape(&s.source.raw),
            xml_escape(&s.target.raw)
        );
    }
    x + "</body></file></xliff>\n"
}

fn xliff2(doc: &Document) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" version=\"2.0\" srcLang=\"en-US\" trgLang=\"{}\"><file id=\"f1\">\n",
        doc.locale
    );
    for s in &doc.segments {
        let (source, target) = (xml_escape(&s.source.raw), xml_escape(&s.target.raw));
        let _ = write!(x, "<unit id=\"{}\">", xml_escape(&s.id));
        if s.origin == Origin::Machine {
            let _ = write!(x, "<mtc:matches><mtc:match type=\"mt\" origin=\"engine\"><source>{source}</source><target>{target}</target></mtc:match></mtc:matches>");
        }
        let state = if s.origin == Origin::Unknown { "initial" } else { "translated" };
        let _ = writeln!(
            x,
            "<segment state=\"{state}\"><source>{source}</source><target>{target}</target></segment></unit>"
        );
    }
    x + "</file></xliff>\n"
}

fn tmx(doc: &Document) -> String {
    let mut x = String::from("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en-US\" datatype=\"markdown\" segtype=\"sentence\" o-tmf=\"lqa-test\" adminlang=\"en\" creationtool=\"lqa-test\" creationtoolversion=\"1\"/><body>\n");
    for s in &doc.segments {
        let prop = match s.origin {
            Origin::Machine => "<prop type=\"x-origin\">MT</prop>",
            Origin::Human => "<prop type=\"x-origin\">HT</prop>",
            Origin::Unknown => "",
        };
        let _ = writeln!(
            x,
            "<tu tuid=\"{}\">{prop}<tuv xml:lang=\"en-US\"><seg>{}</seg></tuv><tuv xml:lang=\"{}\"><seg>{}</seg></tuv></tu>",
            xml_escape(&s.id),
            xml_escape(&s.source.raw),
            doc.locale,
            xml_escape(&s.target.raw)
        );
    }
    x + "</body></tmx>\n"
}

fn po(doc: &Document) -> String {
    let mut x = format!("msgid \"\"\nmsgstr \"\"\n\"Language: {}\\n\"\n\n", doc.locale);
    for s in &doc.segments {
        match s.origin {
            Origin::Machine => x.push_str("# MT\n"),
            Origin::Unknown => x.push_str("#, fuzzy\n"),
            Origin::Human => {}
        }
        let _ = writeln!(
            x,
            "msgctxt \"{}\"\nmsgid \"{}\"\nmsgstr \"{}\"\n",
            po_escape(&s.id),
            po_escape(&s.source.raw),
            po_escape(&s.target.raw)
        );
    }
    x
}

fn csv(doc: &Document) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "locale", "origin", "source", "target"]).unwrap();
    for s in &doc.segments {
        let origin = if s.origin == Origin::Unknown { "" } else { s.origin.label() };
        w.write_record([s.id.as_str(), doc.locale.as_str(), origin, &s.source.raw, &s.target.raw]).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Rows of a report with the columns that name files or lines removed.
fn rows(dir: &Path, report: &str) -> Vec<Vec<(String, String)>> {
    let drop = ["path", "line", "mt_path", "ht_path", "example_path", "warnings"];
    common::read_csv(&dir.join(report))
        .into_iter()
        .map(|row| {
            let mut kept: Vec<(String, String)> =
                row.into_iter().filter(|(k, _)| !drop.contains(&k.as_str())).collect();
            kept.sort();
            kept
        })
        .collect()
}

#[test]
fn every_format_agrees_with_the_markdown_reader() {
    let sample = common::shared_corpus().join("sample");
    let config = lqa::ScanConfig { paths: vec![sample.clone()], ..Default::default() };
    let corpus = lqa::parse_only(&config, &lqa::NoProgress).unwrap();
    let mixed = tempfile::tempdir().unwrap();
    let mut written: HashMap<&str, usize> = HashMap::new();
    for (i, doc) in corpus.documents.iter().enumerate() {
        let relative = Path::new(&doc.path).strip_prefix(&sample).unwrap();
        let has_empty_target = doc.segments.iter().any(|s| s.target.raw.is_empty());
        // Every sixth file stays Markdown; an empty document has no units to carry its label.
        let kind = if doc.segments.is_empty() { 0 } else { i % 6 };
        let kind = if kind == 4 && has_empty_target { 1 } else { kind };
        let (ext, text) = match kind {
            1 => ("xlf", xliff12(doc)),
            2 => ("xliff", xliff2(doc)),
            3 => ("tmx", tmx(doc)),
            4 => ("po", po(doc)),
            5 => ("csv", csv(doc)),
            _ => ("md", std::fs::read_to_string(&doc.path).unwrap()),
        };
        let path: PathBuf = mixed.path().join(relative).with_extension(ext);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        *written.entry(ext).or_default() += 1;
    }
    for ext in ["md", "xlf", "xliff", "tmx", "po", "csv"] {
        assert!(written.get(ext).copied().unwrap_or(0) >= 50, "{ext}: {written:?}");
    }
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    common::scan_shared("sample", a.path());
    assert_cmd::Command::cargo_bin("lqa")
        .unwrap()
        .arg("scan")
        .arg(mixed.path())
        .args(["--quiet", "--out"])
        .arg(b.path())
        .assert()
        .success();
    assert!(common::read_csv(&b.path().join("skipped.csv")).is_empty());
    for report in [
        "locales.csv",
        "releases.csv",
        "documents.csv",
        "segments.csv",
        "pairs.csv",
        "checks.csv",
        "terms.csv",
        "consistency.csv",
    ] {
        let (want, got) = (rows(a.path(), report), rows(b.path(), report));
        assert_eq!(want.len(), got.len(), "{report}: row count");
        for (i, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(w, g, "{report}: row {i}");
        }
    }
    // The segment count is MANIFEST's for the sample, read through five formats.
    let manifest: usize = common::manifest(&common::shared_corpus().join("MANIFEST.tsv"))
        .iter()
        .filter(|r| r.set == "sample")
        .map(|r| r.segments)
        .sum();
    assert_eq!(common::read_csv(&b.path().join("segments.csv")).len(), manifest);
}

#[test]
fn the_config_file_sets_locale_and_origin_rules_for_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("app.po"), PO).unwrap();
    std::fs::write(dir.path().join("ui.xlf"), XLIFF12).unwrap();
    let config = dir.path().join("lqa.toml");
    std::fs::write(
        &config,
        "[formats]\nlocale = \"de-AT\"\n[[formats.origin-rule]]\nfield = \"flag\"\nvalue = \"fuzzy\"\norigin = \"MT\"\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    assert_cmd::Command::cargo_bin("lqa")
        .unwrap()
        .arg("scan")
        .arg(dir.path().join("app.po"))
        .arg(dir.path().join("ui.xlf"))
        .arg("--config")
        .arg(&config)
        .args(["--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    let segments = common::read_csv(&out.join("segments.csv"));
    assert_eq!(segments.len(), 6 + 8, "6 PO segments, 7 + 1 XLIFF");
    assert!(
        segments.iter().all(|r| r["locale"] == "de-AT"),
        "the configured locale wins over Language: and target-language"
    );
    let delete = segments.iter().find(|r| r["source"] == "Delete").unwrap();
    assert_eq!(delete["origin"], "MT", "the fuzzy entry, by the rule");
    // Both XLIFF <file>s now share a locale: told apart by their original names.
    let documents = common::read_csv(&out.join("documents.csv"));
    let paths: Vec<&str> = documents.iter().map(|r| r["path"].rsplit('/').next().unwrap()).collect();
    assert_eq!(paths, vec!["app.po", "ui.xlf#intro.md", "ui.xlf#other.md"]);
    assert_eq!(documents[1]["origin"], "mixed");
    let warnings = common::read_csv(&out.join("warnings.csv"));
    assert_eq!(warnings.len(), 2, "{warnings:?}");
}
