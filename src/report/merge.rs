//! `lqa merge`: combines the report folders of a sharded scan (`lqa scan
//! --shard K/N`, every K of one N) into exactly the reports one unsharded run
//! writes, byte for byte.
//!
//! Shards split the corpus by locale (see [`crate::corpus::ShardPlan`]), so
//! every per-locale figure — pairs, locale rows, length-ratio fences — is
//! already exact in its shard. Merging only restores order:
//! - per-document reports (documents.csv, segments.csv, checks.csv,
//!   warnings.csv) follow the global document order that each shard's
//!   `shard.json` records; documents.csv says how many rows of the others belong
//!   to each document;
//! - per-locale reports (pairs.csv, locales.csv, terms.csv, consistency.csv,
//!   releases.csv, changes.csv, segment_changes.csv) are merged by locale;
//! - skipped.csv is the sorted union (files whose path names no locale are
//!   tried by every shard); manifest.json adds the counts up;
//! - index.html and the charts are drawn from the merged page: each shard's
//!   `page.json` holds its locales' part of it (see [`crate::report::page`]).
//!
//! Rows are copied as CSV records, never re-computed.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Shard, Skipped};
use crate::error::{Error, Result};
use crate::report::manifest::Manifest;
use crate::report::page::{Page, PAGE_FILE};

/// What a shard records beside its reports for the merge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardInfo {
    /// `K/N`.
    pub shard: String,
    /// Each document's position in the global discovery order, in documents.csv order.
    pub documents: Vec<usize>,
    /// The content hash ([`file_hash`]) of every file the merge reads ([`hashed_files`]), by name:
    /// a shard's report edited after the scan is refused, not merged.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
}

/// The file a shard writes its [`ShardInfo`] to.
pub const SHARD_FILE: &str = "shard.json";

/// The files of a shard that `lqa merge` reads, whose hashes shard.json holds:
/// every CSV and JSON report and page.json.
pub fn hashed_files() -> impl Iterator<Item = &'static str> {
    crate::report::REPORTS.iter().map(|(name, _)| *name).chain([PAGE_FILE])
}

/// A file's content hash: SHA-1 in hex, computed with collision detection
/// (gix's sha1dc, already compiled in for `--git`, so no new crate).
pub fn file_hash(path: &Path) -> Result<String> {
    use std::io::Read;
    let io = |e| Error::Io { path: path.to_path_buf(), source: e };
    let mut file = File::open(path).map_err(io)?;
    let mut hasher = gix::hash::hasher(gix::hash::Kind::Sha1);
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(e)),
        }
    }
    let id = hasher.try_finalize().map_err(|e| input(path, format!("cannot hash: {e}")))?;
    Ok(id.to_string())
}

/// shard.json for a sharded scan, with the hashes of the staged (`(temporary, final)`) reports.
pub fn shard_json(scan: &crate::Scan, staged: &[(PathBuf, PathBuf)]) -> Result<Vec<u8>> {
    use rayon::prelude::*;
    let names: Vec<&str> = hashed_files().collect();
    let files = staged
        .par_iter()
        .filter_map(|(tmp, path)| {
            let name = path.file_name()?.to_str()?;
            names.contains(&name).then(|| file_hash(tmp).map(|hash| (name.to_string(), hash)))
        })
        .collect::<Result<BTreeMap<String, String>>>()?;
    let info = ShardInfo {
        shard: scan.config.shard.map(|s| s.to_string()).unwrap_or_default(),
        documents: scan.corpus.order.clone(),
        files,
    };
    crate::report::to_json(SHARD_FILE, &info)
}

/// Checks every file the merge reads against the hash in the shard's shard.json.
fn verify(dir: &Path, info: &ShardInfo) -> Result<()> {
    use rayon::prelude::*;
    let info_path = dir.join(SHARD_FILE);
    if info.files.is_empty() {
        return Err(input(&info_path, "holds no content hashes (written by an older lqa): rescan the shard".into()));
    }
    let names: Vec<&str> = hashed_files().collect();
    names.par_iter().try_for_each(|name| {
        let path = dir.join(name);
        let Some(expected) = info.files.get(*name) else {
            return Err(input(&info_path, format!("has no content hash of {name}: rescan the shard")));
        };
        if file_hash(&path)? != *expected {
            let message = format!(
                "differs from the content hash in {}: the shard's reports were changed after its scan; rescan the shard",
                info_path.display()
            );
            return Err(input(&path, message));
        }
        Ok(())
    })
}

/// What a merge combined.
#[derive(Debug)]
pub struct Merged {
    pub shards: usize,
    pub manifest: Manifest,
    pub written: Vec<PathBuf>,
}

struct Part {
    dir: PathBuf,
    info: ShardInfo,
    manifest: Manifest,
    /// documents.csv rows: (segments, findings, warnings) per document.
    counts: Vec<(usize, usize, usize)>,
}

fn input(path: &Path, message: String) -> Error {
    Error::Input { path: path.to_path_buf(), line: 0, message }
}

fn csv_reader(path: &Path) -> Result<csv::Reader<BufReader<File>>> {
    let file = File::open(path).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })?;
    Ok(csv::ReaderBuilder::new().from_reader(BufReader::with_capacity(1 << 20, file)))
}

fn csv_error(path: &Path) -> impl Fn(csv::Error) -> Error + '_ {
    move |source| Error::Csv { path: path.to_path_buf(), source }
}

fn read_part(dir: &Path) -> Result<Part> {
    let info_path = dir.join(SHARD_FILE);
    if !info_path.is_file() {
        return Err(input(dir, format!("not a shard's report folder (no {SHARD_FILE}; see lqa scan --shard K/N)")));
    }
    let text = std::fs::read_to_string(&info_path).map_err(|e| Error::Io { path: info_path.clone(), source: e })?;
    let info: ShardInfo = serde_json::from_str(&text).map_err(|e| input(&info_path, e.to_string()))?;
    verify(dir, &info)?;
    let manifest_path = dir.join("manifest.json");
    let text =
        std::fs::read_to_string(&manifest_path).map_err(|e| Error::Io { path: manifest_path.clone(), source: e })?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| input(&manifest_path, e.to_string()))?;
    let documents = dir.join("documents.csv");
    let mut reader = csv_reader(&documents)?;
    let headers = reader.headers().map_err(csv_error(&documents))?.clone();
    let column = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| input(&documents, format!("no '{name}' column")))
    };
    let columns = [
        column("segments")?,
        column("findings_info")?,
        column("findings_minor")?,
        column("findings_major")?,
        column("findings_critical")?,
        column("warnings")?,
    ];
    let mut counts = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(csv_error(&documents))?;
        let number = |c: usize| -> Result<usize> {
            record.get(c).and_then(|v| v.parse().ok()).ok_or_else(|| Error::Input {
                path: documents.clone(),
                line: i + 2,
                message: format!("'{}' is not a count", record.get(c).unwrap_or("")),
            })
        };
        let [segments, info, minor, major, critical, warnings] = columns.map(number);
        counts.push((segments?, info? + minor? + major? + critical?, warnings?));
    }
    if counts.len() != info.documents.len() {
        return Err(input(
            &documents,
            format!("{} rows, but {SHARD_FILE} lists {} documents", counts.len(), info.documents.len()),
        ));
    }
    Ok(Part { dir: dir.to_path_buf(), info, manifest, counts })
}

/// Merges the shard folders into `out`. Errors when a folder is not a shard's
/// output, when shards of different runs or settings are mixed, or when a
/// shard of the set is missing or given twice.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<Merged> {
    let parts: Vec<Part> = dirs.iter().map(|d| read_part(d)).collect::<Result<_>>()?;
    let Some(first) = parts.first() else {
        return Err(input(out, "no shard folders to merge".to_string()));
    };
    // One complete set: shards 1..=N of the same N, each once, from the same inputs and settings.
    let first_shard: Shard = first.info.shard.parse().map_err(|e: String| input(&first.dir.join(SHARD_FILE), e))?;
    let mut seen = BTreeMap::new();
    for part in &parts {
        let shard: Shard = part.info.shard.parse().map_err(|e: String| input(&part.dir.join(SHARD_FILE), e))?;
        if shard.count != first_shard.count {
            return Err(input(&part.dir, format!("shard {shard} is not one of {}", first_shard.count)));
        }
        if let Some(other) = seen.insert(shard.index, &part.dir) {
            return Err(input(&part.dir, format!("shard {shard} given twice (also {})", other.display())));
        }
        let (a, b) = (&first.manifest, &part.manifest);
        if a.csv_safe != b.csv_safe {
            let first = first.dir.display();
            return Err(input(
                &part.dir,
                format!(
                    "written with{} --csv-safe, unlike {first}: rescan one of them",
                    if b.csv_safe { "" } else { "out" }
                ),
            ));
        }
        if a.inputs != b.inputs || a.releases_mode != b.releases_mode || a.quality_model != b.quality_model {
            let first = first.dir.display();
            return Err(input(&part.dir, format!("not from the same run as {first}: inputs or settings differ")));
        }
        if a.lqa_version != b.lqa_version || a.signatures.chrf != b.signatures.chrf {
            let first = first.dir.display();
            return Err(input(&part.dir, format!("written by another lqa version or metric settings than {first}")));
        }
    }
    if let Some(missing) = (1..=first_shard.count).find(|k| !seen.contains_key(k)) {
        return Err(input(out, format!("shard {missing}/{} of the set is missing", first_shard.count)));
    }

    std::fs::create_dir_all(out).map_err(|e| Error::Io { path: out.to_path_buf(), source: e })?;
    // Global document order: (global index, part, local index).
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        order.extend(part.info.documents.iter().enumerate().map(|(local, &global)| (global, p, local)));
    }
    order.sort_unstable();

    let mut written = Vec::new();
    let mut stage = |name: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>| -> Result<()> {
        let path = out.join(name);
        crate::report::write_atomic_with(&path, fill)?;
        written.push(path);
        Ok(())
    };
    for (name, rows_of) in
        [("segments.csv", 0usize), ("documents.csv", usize::MAX), ("checks.csv", 1), ("warnings.csv", 2)]
    {
        stage(name, &mut |w| {
            merge_by_document(&parts, &order, name, w, |counts| match rows_of {
                0 => counts.0,
                1 => counts.1,
                2 => counts.2,
                _ => 1,
            })
        })?;
    }
    for name in [
        "pairs.csv",
        "locales.csv",
        "terms.csv",
        "consistency.csv",
        "releases.csv",
        "changes.csv",
        "segment_changes.csv",
    ] {
        stage(name, &mut |w| merge_by_locale(&parts, name, w))?;
    }
    let mut skipped: Vec<Skipped> = Vec::new();
    for part in &parts {
        let path = part.dir.join("skipped.csv");
        for row in csv_reader(&path)?.deserialize() {
            skipped.push(row.map_err(csv_error(&path))?);
        }
    }
    skipped.sort();
    skipped.dedup();
    stage("skipped.csv", &mut |w| {
        let mut writer = csv::Writer::from_writer(w);
        if skipped.is_empty() {
            writer.write_record(["path", "line", "reason"]).map_err(csv_error(Path::new("skipped.csv")))?;
        }
        for row in &skipped {
            writer.serialize(row).map_err(csv_error(Path::new("skipped.csv")))?;
        }
        writer.flush().map_err(|e| Error::Io { path: "skipped.csv".into(), source: e })
    })?;

    let manifest = merged_manifest(&parts, &order, skipped.len(), out)?;
    stage("manifest.json", &mut |w| crate::report::manifest::write(&manifest, w))?;

    // index.html and the charts, from the shards' pages.
    let mut pages = Vec::with_capacity(parts.len());
    for part in &parts {
        let path = part.dir.join(PAGE_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::Io { path: path.clone(), source: e })?;
        let page: Page = serde_json::from_str(&text).map_err(|e| input(&path, e.to_string()))?;
        if page.document_hashes.len() != part.info.documents.len() {
            let message = format!(
                "{} documents, but {SHARD_FILE} lists {}",
                page.document_hashes.len(),
                part.info.documents.len()
            );
            return Err(input(&path, message));
        }
        pages.push(page);
    }
    let page = crate::report::page::merge(pages, &order, manifest.releases.clone());
    written.extend(crate::report::commit(crate::report::stage_page(&page, &manifest, out))?);
    Ok(Merged { shards: parts.len(), manifest, written })
}

/// Every shard's records of one report, and a writer that has written the
/// (common) header; shards whose columns differ are an error.
type Records = csv::ByteRecordsIntoIter<BufReader<File>>;
type Opened<'w> = (Vec<(PathBuf, Records)>, csv::Writer<&'w mut dyn Write>);
fn open_parts<'w>(parts: &[Part], name: &str, out: &'w mut dyn Write) -> Result<Opened<'w>> {
    let mut readers = Vec::with_capacity(parts.len());
    let mut header = None;
    for part in parts {
        let path = part.dir.join(name);
        let mut reader = csv_reader(&path)?;
        let this = reader.byte_headers().map_err(csv_error(&path))?.clone();
        if header.get_or_insert_with(|| this.clone()) != &this {
            return Err(input(&path, "its columns differ from the other shards'".to_string()));
        }
        readers.push((path, reader.into_byte_records()));
    }
    let mut writer = csv::Writer::from_writer(out);
    if let Some(header) = &header {
        writer.write_byte_record(header).map_err(csv_error(Path::new(name)))?;
    }
    Ok((readers, writer))
}

/// Copies the rows of a per-document report in global document order:
/// `rows(counts)` says how many rows each document has in it.
fn merge_by_document(
    parts: &[Part],
    order: &[(usize, usize, usize)],
    name: &str,
    out: &mut dyn Write,
    rows: impl Fn(&(usize, usize, usize)) -> usize,
) -> Result<()> {
    let (mut readers, mut writer) = open_parts(parts, name, out)?;
    let header_path = Path::new(name);
    for &(_, p, local) in order {
        let (path, records) = &mut readers[p];
        for _ in 0..rows(&parts[p].counts[local]) {
            let record = records
                .next()
                .ok_or_else(|| input(path, "fewer rows than documents.csv accounts for".to_string()))?
                .map_err(csv_error(path))?;
            writer.write_byte_record(&record).map_err(csv_error(header_path))?;
        }
    }
    for (path, records) in &mut readers {
        if records.next().is_some() {
            return Err(input(path, "more rows than documents.csv accounts for".to_string()));
        }
    }
    writer.flush().map_err(|e| Error::Io { path: name.into(), source: e })
}

/// Merges a per-locale report (rows sorted by its first column, the locale;
/// each locale's rows all from one shard) by locale, keeping each shard's order within a locale.
fn merge_by_locale(parts: &[Part], name: &str, out: &mut dyn Write) -> Result<()> {
    let (readers, mut writer) = open_parts(parts, name, out)?;
    let header_path = Path::new(name);
    let mut sources = Vec::with_capacity(readers.len());
    for (path, mut records) in readers {
        let head = records.next().transpose().map_err(csv_error(&path))?;
        sources.push((path, records, head));
    }
    loop {
        // The shard whose next row has the smallest locale; it then gives all rows of that locale.
        let next = sources
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, head))| head.as_ref().map(|r| (r.get(0).unwrap_or_default().to_vec(), i)))
            .min();
        let Some((locale, i)) = next else { break };
        let (path, records, head) = &mut sources[i];
        while let Some(record) = head.take() {
            if record.get(0).unwrap_or_default() != locale.as_slice() {
                *head = Some(record);
                break;
            }
            writer.write_byte_record(&record).map_err(csv_error(header_path))?;
            *head = records.next().transpose().map_err(csv_error(path))?;
        }
    }
    writer.flush().map_err(|e| Error::Io { path: name.into(), source: e })
}

/// The manifest one unsharded run would write: counts added up, locales and
/// signatures united, releases in global document order.
fn merged_manifest(parts: &[Part], order: &[(usize, usize, usize)], skipped: usize, out: &Path) -> Result<Manifest> {
    let Some(first) = parts.first() else {
        return Err(input(out, "no shard folders to merge".to_string()));
    };
    let mut manifest = first.manifest.clone();
    manifest.files_read = parts.iter().map(|p| p.manifest.files_read).sum();
    manifest.segments = parts.iter().map(|p| p.manifest.segments).sum();
    manifest.pairs = parts.iter().map(|p| p.manifest.pairs).sum();
    manifest.pairs_truncated = parts.iter().map(|p| p.manifest.pairs_truncated).sum();
    manifest.findings = parts.iter().map(|p| p.manifest.findings).sum();
    manifest.files_skipped = skipped;
    let mut locales: Vec<String> = parts.iter().flat_map(|p| p.manifest.locales.iter().cloned()).collect();
    locales.sort();
    locales.dedup();
    manifest.locales = locales;
    // Per-locale signatures (TER's and BLEU's depend on the locale only): the union.
    let united = |of: fn(&Manifest) -> &BTreeMap<String, String>| {
        parts.iter().flat_map(|p| of(&p.manifest).iter().map(|(k, v)| (k.clone(), v.clone()))).collect()
    };
    manifest.signatures.ter = united(|m| &m.signatures.ter);
    manifest.signatures.bleu = united(|m| &m.signatures.bleu);
    // Releases: each document's release, in global order, consecutive repeats dropped
    // (documents.csv's first column, read again for this).
    let mut releases_of: Vec<Vec<String>> = Vec::with_capacity(parts.len());
    for part in parts {
        let path = part.dir.join("documents.csv");
        let mut list = Vec::new();
        for record in csv_reader(&path)?.records() {
            list.push(record.map_err(csv_error(&path))?.get(0).unwrap_or_default().to_string());
        }
        releases_of.push(list);
    }
    manifest.releases = order.iter().map(|&(_, p, local)| releases_of[p][local].clone()).collect();
    manifest.releases.dedup();
    Ok(manifest)
}
