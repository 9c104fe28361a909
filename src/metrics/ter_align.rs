//! The TER alignment algorithm of sacreBLEU 2.6.0 (`metrics/lib_ter.py`),
//! reimplemented over interned word ids: greedy block shifts chosen with
//! Tercom's ranking, scored with sacreBLEU's beam-limited edit distance, and
//! the final edit operations (insertions, deletions, substitutions, shifts).
//!
//! What it does: given hypothesis and reference as `u32` word ids (equal ids ⇔
//! equal words), it reproduces sacreBLEU's number of edits exactly, including
//! the places where sacreBLEU deviates from an exact Levenshtein distance (the
//! beam around the pseudo-diagonal), the order in which shift candidates are
//! enumerated and ranked, the tie-breaking among equal-cost edit operations
//! (which decides the alignment, hence the shift candidates), and the global
//! cap of [`MAX_SHIFT_CANDIDATES`] evaluated candidates.
//!
//! What it does not do: no tokenisation, lowercasing or scoring (see
//! `ter.rs`), and no multi-reference handling. sacreBLEU's edit-distance cache
//! is not reproduced: it only stores rows that a fresh computation would
//! produce identically (rows depend on the hypothesis prefix and the fixed
//! hypothesis length only), so it affects speed, never results. Speed comes
//! instead from resuming each candidate's computation at the first changed
//! word, a bit-parallel exact distance that provably equals the beam distance
//! in the common case, and pruning of candidates that cannot win.

use std::collections::HashMap;

/// Tercom's limit on the length (in words) of a shifted block.
pub const MAX_SHIFT_SIZE: usize = 10;
/// Tercom's limit on |hypothesis position − reference position| of a shift.
pub const MAX_SHIFT_DIST: usize = 50;
/// Half-width of the band around the pseudo-diagonal in which sacreBLEU's
/// edit distance computes cells (widened for very unequal lengths).
pub const BEAM_WIDTH: usize = 25;
/// sacreBLEU's own limit: after this many evaluated shift candidates (summed
/// over all shift rounds of one sentence) the search stops, and the best
/// shift of the round in which the limit was reached is *not* applied.
pub const MAX_SHIFT_CANDIDATES: usize = 1000;

/// Cost of a reference word missing from the hypothesis.
const COST_INS: u32 = 1;
/// Cost of a hypothesis word absent from the reference.
const COST_DEL: u32 = 1;
/// Cost of a substitution.
const COST_SUB: u32 = 1;

/// "Not computed" (outside the beam). Large enough that no real distance
/// reaches it and small enough that `INF + 1` cannot overflow.
const INF: u32 = u32::MAX / 2;

/// One step of the alignment of the (shifted) hypothesis to the reference.
///
/// Naming follows TER's "edit the hypothesis into the reference" view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditOp {
    /// Hypothesis word equals the reference word.
    Match,
    /// Hypothesis word replaced by the reference word.
    Substitution,
    /// Reference word missing from the hypothesis (must be inserted).
    Insertion,
    /// Hypothesis word absent from the reference (must be deleted).
    Deletion,
}

/// One applied block shift, in positions of the hypothesis *as it was just
/// before this shift* (shifts are applied one after another).
///
/// `target` is sacreBLEU's insertion index: the block `[start, start+length)`
/// is moved before word `target` when `target < start` or
/// `target > start + length`; for `start ≤ target ≤ start + length` sacreBLEU
/// moves the block `target − start` words to the right (clamped at the end),
/// and so does this implementation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shift {
    pub start: usize,
    pub length: usize,
    pub target: usize,
}

/// Counts of one TER alignment. `shifts + insertions + deletions +
/// substitutions` is sacreBLEU's `num_edits`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EditCounts {
    pub insertions: usize,
    pub deletions: usize,
    pub substitutions: usize,
    pub shifts: usize,
}

impl EditCounts {
    /// sacreBLEU's `num_edits`: shifts plus the final (beam) edit distance.
    pub fn num_edits(&self) -> usize {
        self.shifts + self.insertions + self.deletions + self.substitutions
    }
}

/// Full result of [`TerAligner::align`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    pub counts: EditCounts,
    /// Shifts in the order they were applied.
    pub shifts: Vec<Shift>,
    /// The hypothesis after all shifts.
    pub shifted_hypothesis: Vec<u32>,
    /// Edit operations turning `shifted_hypothesis` into the reference, in order.
    pub ops: Vec<EditOp>,
}

/// Reusable state for TER alignments; keep one per thread and call it for
/// every pair so that the buffers are allocated once.
#[derive(Default)]
pub struct TerAligner {
    /// Current (shifted) hypothesis and the candidate being scored.
    cur: Vec<u32>,
    cand: Vec<u32>,
    /// Reference and hypothesis ids remapped to a dense range when the caller's
    /// ids are sparse (so the bit-parallel match table stays small).
    dense_ref: Vec<u32>,
    dense_hyp: Vec<u32>,
    remap: HashMap<u32, u32>,
    band: Band,
    beam: BeamMatrix,
    exact: ExactDistance,
    /// Alignment of the current hypothesis (see `update_alignment`).
    trace: Vec<EditOp>,
    align: Vec<i64>,
    /// `next_hyp_err[k]`: first erroneous hypothesis position ≥ k (n if none);
    /// likewise for the reference. A block needs an error on both sides.
    next_hyp_err: Vec<usize>,
    next_ref_err: Vec<usize>,
    /// Reference positions of every word id, grouped by id (CSR layout), so
    /// that matching blocks are found without scanning all pairs.
    ref_pos_start: Vec<u32>,
    ref_pos: Vec<u32>,
    pos_fill: Vec<u32>,
    /// Rolling rows for the beam distance of a candidate.
    rows: RollingRows,
    shifts: Vec<Shift>,
    /// Whether `beam` holds the matrix of `cur` (this shift round).
    beam_filled: bool,
    /// Test hook: when true, candidates are always scored with the beam DP.
    beam_only: bool,
}

impl TerAligner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Edit counts of sacreBLEU's TER for one hypothesis/reference pair of
    /// word ids. Does not allocate once the buffers are large enough.
    pub fn edit_counts(&mut self, hypothesis: &[u32], reference: &[u32]) -> EditCounts {
        self.run(hypothesis, reference)
    }

    /// Like [`edit_counts`](Self::edit_counts), also returning the shifts and
    /// the final edit operations.
    pub fn align(&mut self, hypothesis: &[u32], reference: &[u32]) -> Alignment {
        let counts = self.run(hypothesis, reference);
        Alignment {
            counts,
            shifts: self.shifts.clone(),
            shifted_hypothesis: if reference.is_empty() { hypothesis.to_vec() } else { self.unmap_current(hypothesis) },
            ops: self.trace.clone(),
        }
    }

    /// The current hypothesis in the caller's ids (undoing the dense remap).
    fn unmap_current(&self, original: &[u32]) -> Vec<u32> {
        if self.remap.is_empty() {
            return self.cur.clone();
        }
        // Dense ids are first-occurrence order over reference then hypothesis;
        // invert through the original sequences.
        let mut back: HashMap<u32, u32> = HashMap::new();
        for (&o, &d) in original.iter().zip(&self.dense_hyp) {
            back.insert(d, o);
        }
        self.cur.iter().map(|d| back.get(d).copied().unwrap_or(*d)).collect()
    }

    fn run(&mut self, hypothesis: &[u32], reference: &[u32]) -> EditCounts {
        self.shifts.clear();
        self.trace.clear();
        self.remap.clear();
        let n = hypothesis.len();
        let m = reference.len();
        if m == 0 {
            // sacreBLEU: an empty reference costs one edit per hypothesis word.
            self.trace.extend(std::iter::repeat_n(EditOp::Deletion, n));
            self.cur.clear();
            self.cur.extend_from_slice(hypothesis);
            return EditCounts { deletions: n, ..EditCounts::default() };
        }
        let alphabet = self.prepare_ids(hypothesis, reference);
        let reference = std::mem::take(&mut self.dense_ref);
        let result = self.shift_loop(&reference, alphabet);
        self.dense_ref = reference;
        result
    }

    /// Copies the ids into `cur`/`dense_ref`, remapping to `0..alphabet` only
    /// when the caller's ids are too sparse for a direct match table.
    fn prepare_ids(&mut self, hypothesis: &[u32], reference: &[u32]) -> usize {
        let max_id = hypothesis.iter().chain(reference).copied().max().unwrap_or(0) as usize;
        let total = hypothesis.len() + reference.len();
        self.cur.clear();
        self.dense_ref.clear();
        self.dense_hyp.clear();
        if max_id < 2 * total + 64 {
            self.cur.extend_from_slice(hypothesis);
            self.dense_ref.extend_from_slice(reference);
            return max_id + 1;
        }
        for &w in reference.iter().chain(hypothesis) {
            let next = self.remap.len() as u32;
            self.remap.entry(w).or_insert(next);
        }
        let remap = &self.remap;
        let dense = |w: &u32| remap.get(w).copied().unwrap_or(0);
        self.dense_ref.extend(reference.iter().map(dense));
        self.dense_hyp.extend(hypothesis.iter().map(dense));
        self.cur.extend_from_slice(&self.dense_hyp);
        self.remap.len()
    }

    /// sacreBLEU's `translation_edit_rate` main loop: apply the best shift
    /// while it strictly reduces the beam edit distance and the candidate
    /// budget is not exhausted.
    fn shift_loop(&mut self, reference: &[u32], alphabet: usize) -> EditCounts {
        let n = self.cur.len();
        let m = reference.len();
        // A full band's rows are only needed by the beam fill, which such a
        // band skips when the checkpoints hold every row.
        let full = self.band.set_shape(n, m);
        let mut rows_built = false;
        self.exact.set_pattern(reference, alphabet);
        self.index_reference(reference, alphabet);
        let mut checked = 0usize;
        loop {
            // Distance, matrix and alignment of the current hypothesis. In
            // sacreBLEU this is `pre_score` of `_shift`; after the last round it
            // is also the final edit distance (the same hypothesis).
            self.exact.checkpoint(&self.cur);
            // When the beam holds every optimal path (a full band, or a
            // distance small enough), the trace is read from the checkpoints
            // of the exact matrix and the O(n·m) fill is skipped. Candidates
            // then only need exact distances: one that could win has a
            // smaller distance, so it is within the beam too.
            let exact = self.exact.final_distance();
            let skip_fill = !self.beam_only
                && self.exact.has_every_row()
                && self.exact.blocks <= MAX_EXACT_BLOCKS
                && (full || self.band.exact_within_beam(exact, n, m));
            self.beam_filled = false;
            let pre = if skip_fill {
                self.exact.backtrack(&self.cur, reference, &mut self.trace);
                exact
            } else {
                if !rows_built {
                    self.band.build_rows();
                    rows_built = true;
                }
                self.beam.fill(&self.band, &self.cur, reference, &mut self.rows);
                self.beam_filled = true;
                self.beam.backtrack(&self.band, &self.cur, reference, &mut self.trace);
                self.beam.distance(&self.band, n, m)
            };
            self.update_alignment(m);
            let found = self.best_shift(reference, pre, &mut checked);
            if checked >= MAX_SHIFT_CANDIDATES {
                break; // sacreBLEU discards the round's best shift here
            }
            let Some(shift) = found else { break };
            perform_shift(&self.cur, shift.start, shift.length, shift.target, &mut self.cand);
            std::mem::swap(&mut self.cur, &mut self.cand);
            self.shifts.push(shift);
        }
        let mut counts = EditCounts { shifts: self.shifts.len(), ..EditCounts::default() };
        for op in &self.trace {
            match op {
                EditOp::Match => {}
                EditOp::Substitution => counts.substitutions += 1,
                EditOp::Insertion => counts.insertions += 1,
                EditOp::Deletion => counts.deletions += 1,
            }
        }
        counts
    }

    /// Positions of each reference word, grouped by word id.
    fn index_reference(&mut self, reference: &[u32], alphabet: usize) {
        self.ref_pos_start.clear();
        self.ref_pos_start.resize(alphabet + 1, 0);
        for &w in reference {
            if let Some(c) = self.ref_pos_start.get_mut(w as usize + 1) {
                *c += 1;
            }
        }
        for k in 1..self.ref_pos_start.len() {
            self.ref_pos_start[k] += self.ref_pos_start[k - 1];
        }
        self.ref_pos.clear();
        self.ref_pos.resize(reference.len(), 0);
        // Counting sort: positions increase within each word id.
        self.pos_fill.clear();
        self.pos_fill.extend_from_slice(&self.ref_pos_start[..alphabet]);
        for (p, &w) in reference.iter().enumerate() {
            if let Some(slot) = self.pos_fill.get_mut(w as usize) {
                self.ref_pos[*slot as usize] = p as u32;
                *slot += 1;
            }
        }
    }

    /// Derives sacreBLEU's `align` / `hyp_err` / `ref_err` from the trace of
    /// the current hypothesis (it flips insertions and deletions and reads the
    /// trace as rewriting the reference into the hypothesis; the result is
    /// what is computed here directly).
    fn update_alignment(&mut self, m: usize) {
        let n = self.cur.len();
        self.align.clear();
        self.next_hyp_err.clear();
        self.next_ref_err.clear();
        // pos_hyp starts at −1: reference words before any hypothesis word are
        // aligned to −1 (a shift target of 0).
        let mut pos_hyp: i64 = -1;
        // First collect error flags (1 = error) in the `next_*` buffers, then
        // turn them into "next error position" in one backward pass.
        for &op in &self.trace {
            match op {
                EditOp::Match | EditOp::Substitution => {
                    let e = usize::from(op == EditOp::Substitution);
                    pos_hyp += 1;
                    self.align.push(pos_hyp);
                    self.next_hyp_err.push(e);
                    self.next_ref_err.push(e);
                }
                EditOp::Deletion => {
                    pos_hyp += 1;
                    self.next_hyp_err.push(1);
                }
                EditOp::Insertion => {
                    self.align.push(pos_hyp);
                    self.next_ref_err.push(1);
                }
            }
        }
        debug_assert_eq!(self.align.len(), m);
        debug_assert_eq!(self.next_hyp_err.len(), n);
        for v in [&mut self.next_hyp_err, &mut self.next_ref_err] {
            let len = v.len();
            let mut next = len;
            for k in (0..len).rev() {
                if v[k] != 0 {
                    next = k;
                }
                v[k] = next;
            }
            v.push(len);
        }
    }

    /// sacreBLEU's `_shift`: enumerate matching blocks in its order, filter
    /// them, try each distinct target position, and return the best candidate
    /// by (gain, length, −start, −target) if its gain is positive.
    ///
    /// Only the winner matters, and only if its gain is > 0, so a candidate
    /// whose upper bound on the gain cannot beat the current best is counted
    /// but not scored.
    fn best_shift(&mut self, reference: &[u32], pre: u32, checked: &mut usize) -> Option<Shift> {
        let n = self.cur.len();
        let m = reference.len();
        let mut best: Option<(u32, Shift)> = None;
        for start_h in 0..n {
            // Reference positions of this word within MAX_SHIFT_DIST, in
            // increasing order (sacreBLEU scans start_r = 0..m and skips the
            // others; they yield no block).
            let w = self.cur[start_h] as usize;
            let (from, to) = match (self.ref_pos_start.get(w), self.ref_pos_start.get(w + 1)) {
                (Some(&a), Some(&b)) => (a as usize, b as usize),
                _ => (0, 0),
            };
            let r_lo = start_h.saturating_sub(MAX_SHIFT_DIST);
            let r_hi = m.min(start_h + MAX_SHIFT_DIST + 1);
            for k in from..to {
                let start_r = self.ref_pos[k] as usize;
                if start_r < r_lo {
                    continue;
                }
                if start_r >= r_hi {
                    break;
                }
                // Each prefix of the common run (up to MAX_SHIFT_SIZE) is one
                // block, shortest first. Lengths that sacreBLEU would reject
                // without evaluating anything are skipped here directly: the
                // block must contain a hypothesis error and a reference error,
                // and must not contain the hypothesis position aligned to
                // start_r (a shift onto itself).
                let max_len = MAX_SHIFT_SIZE.min(n - start_h).min(m - start_r);
                let mut run = 1;
                while run < max_len && self.cur[start_h + run] == reference[start_r + run] {
                    run += 1;
                }
                let need = (self.next_hyp_err[start_h] - start_h).max(self.next_ref_err[start_r] - start_r) + 1;
                let a = self.align[start_r];
                let cap = if a >= start_h as i64 { run.min((a - start_h as i64) as usize) } else { run };
                for length in need..=cap {
                    self.try_targets(reference, pre, start_h, start_r, length, checked, &mut best);
                    if *checked >= MAX_SHIFT_CANDIDATES {
                        return best.map(|(_, s)| s);
                    }
                }
            }
        }
        best.map(|(_, s)| s)
    }

    /// The target positions of one accepted (start_h, start_r, length) block.
    #[allow(clippy::too_many_arguments)]
    fn try_targets(
        &mut self,
        reference: &[u32],
        pre: u32,
        start_h: usize,
        start_r: usize,
        length: usize,
        checked: &mut usize,
        best: &mut Option<(u32, Shift)>,
    ) {
        let mut prev_idx: i64 = -1;
        // Target: before the hypothesis word aligned after each reference
        // position start_r−1 .. start_r+length−1; consecutive duplicates skipped.
        for r in (start_r as i64 - 1)..(start_r + length) as i64 {
            let idx = if r < 0 {
                0
            } else {
                match self.align.get(r as usize) {
                    Some(&h) => h + 1,
                    None => break, // past the reference (cannot happen; see align)
                }
            };
            if idx == prev_idx {
                continue;
            }
            prev_idx = idx;
            *checked += 1;
            let shift = Shift { start: start_h, length, target: idx as usize };
            self.consider(reference, pre, shift, best);
        }
    }

    /// Scores `shift` if it could become the best candidate, and records it.
    fn consider(&mut self, reference: &[u32], pre: u32, shift: Shift, best: &mut Option<(u32, Shift)>) {
        // Minimum gain with which this candidate wins: ties on gain are broken
        // by longer block, then earlier start, then earlier target.
        let needed = match best {
            None => 1,
            Some((g, b)) => {
                let wins_tie = (shift.length, std::cmp::Reverse(shift.start), std::cmp::Reverse(shift.target))
                    > (b.length, std::cmp::Reverse(b.start), std::cmp::Reverse(b.target));
                if wins_tie {
                    *g
                } else {
                    *g + 1
                }
            }
        };
        let n = self.cur.len();
        let (first, end, jumped) = shift_extent(n, shift.start, shift.length, shift.target);
        // Levenshtein is a metric and moving `length` words over `jumped` words
        // costs at most 2·min(length, jumped) edits, so the beam distance of
        // the candidate (≥ its exact distance) is at least exact(cur) − that.
        let exact_cur = self.exact.final_distance();
        let bound = i64::from(pre) - i64::from(exact_cur) + 2 * shift.length.min(jumped) as i64;
        if bound < i64::from(needed) {
            return;
        }
        perform_shift(&self.cur, shift.start, shift.length, shift.target, &mut self.cand);
        let score = if self.beam_only || self.exact.blocks > MAX_EXACT_BLOCKS {
            // Long reference: a bit-parallel column costs more than the
            // 50-cell beam row, and beam rows re-join the stored ones sooner.
            self.beam_distance_resumed(reference, first, end)
        } else {
            let exact = self.exact.distance_resumed(&self.cand, first, end);
            if i64::from(pre) - i64::from(exact) < i64::from(needed) {
                return;
            }
            if self.band.is_full() || self.band.exact_within_beam(exact, n, reference.len()) {
                exact
            } else {
                self.beam_distance_resumed(reference, first, end)
            }
        };
        if pre >= score && pre - score >= needed {
            *best = Some((pre - score, shift));
        }
    }

    /// Beam distance of `self.cand`, which equals `self.cur` before position
    /// `first` and from position `end` on: resume from the stored row `first`
    /// and stop early once a row after `end` equals the stored one.
    fn beam_distance_resumed(&mut self, reference: &[u32], first: usize, end: usize) -> u32 {
        debug_assert!(self.beam_filled, "a candidate that cannot win reached the beam distance");
        let n = self.cand.len();
        let m = reference.len();
        let band = &self.band;
        let (lo, _) = band.range(first);
        self.rows.start(m, lo, self.beam.row(band, first));
        for i in first + 1..=n {
            let (lo, hi) = band.range(i);
            let row = self.rows.advance(lo, hi, self.cand[i - 1], reference);
            // Same row as the current hypothesis after the changed region:
            // every later row, hence the distance, is the same too.
            if i >= end && i < n && row == self.beam.row(band, i) {
                return self.beam.distance(band, n, m);
            }
        }
        self.rows.last(m)
    }
}

/// Two full-width rows of the beam recurrence (column j at index j+1, index
/// 0 is column −1) used alternately as previous and next row. Cells outside
/// a row's band always read INF, so the inner loop needs no range checks.
#[derive(Default)]
struct RollingRows {
    prev: Vec<u32>,
    next: Vec<u32>,
    /// One past the highest column written into each buffer.
    prev_dirty: usize,
    next_dirty: usize,
}

impl RollingRows {
    /// Starts from a stored row covering columns `lo..lo + row.len()`.
    fn start(&mut self, m: usize, lo: usize, row: &[u32]) {
        for v in [&mut self.prev, &mut self.next] {
            v.clear();
            v.resize(m + 2, INF);
        }
        self.prev[lo + 1..lo + 1 + row.len()].copy_from_slice(row);
        self.prev_dirty = lo + row.len();
        self.next_dirty = 0;
    }

    /// Computes the next row over columns `[lo, hi)` for hypothesis word
    /// `word` and returns it: each cell is the cheapest of diagonal,
    /// hypothesis-only and reference-only step, INF if none is reachable.
    #[inline]
    fn advance(&mut self, lo: usize, hi: usize, word: u32, reference: &[u32]) -> &[u32] {
        let next = &mut self.next;
        let prev = &self.prev;
        // Bands move right monotonically except after the complete row 0,
        // so stale cells right of the band exist only in that case.
        if self.next_dirty > hi {
            next[hi + 1..self.next_dirty + 1].fill(INF);
        }
        self.next_dirty = hi;
        // Column lo−1 is read by this row (left neighbour) and the next one.
        next[lo] = INF;
        let mut j = lo;
        if j == 0 && hi > 0 {
            next[1] = (prev[1] + COST_DEL).min(INF);
            j = 1;
        }
        if j < hi {
            // Columns j..hi: reference words j−1..hi−1, previous row cells
            // j−1..hi (indices j..=hi), this row's cells at indices j+1..=hi.
            let refs = &reference[j - 1..hi - 1];
            let diag_up = &prev[j..hi + 1];
            let out = &mut next[j..hi + 1];
            let mut left = out[0];
            for (k, &r) in refs.iter().enumerate() {
                let diag = diag_up[k] + if word == r { 0 } else { COST_SUB };
                let up = diag_up[k + 1] + COST_DEL;
                let v = diag.min(up).min(left + COST_INS).min(INF);
                out[k + 1] = v;
                left = v;
            }
        }
        std::mem::swap(&mut self.prev, &mut self.next);
        std::mem::swap(&mut self.prev_dirty, &mut self.next_dirty);
        &self.prev[lo + 1..hi + 1]
    }

    /// Column m of the last computed row.
    fn last(&self, m: usize) -> u32 {
        self.prev.get(m + 1).copied().unwrap_or(INF)
    }
}

/// For a shift of `[start, start+length)` to `target` over `n` words: the
/// first changed position, the end of the changed region, and how many words
/// the block jumps over.
fn shift_extent(n: usize, start: usize, length: usize, target: usize) -> (usize, usize, usize) {
    if target < start {
        (target, start + length, start - target)
    } else if target > start + length {
        (start, target.min(n), target.min(n) - start - length)
    } else {
        let end = (target + length).min(n);
        (start, end, end - start - length)
    }
}

/// sacreBLEU's `_perform_shift`, including its behaviour for
/// `start ≤ target ≤ start + length` (move right by `target − start`, clamped).
fn perform_shift(words: &[u32], start: usize, length: usize, target: usize, out: &mut Vec<u32>) {
    let n = words.len();
    let start = start.min(n);
    let block_end = (start + length).min(n);
    let block = &words[start..block_end];
    out.clear();
    if target < start {
        out.extend_from_slice(&words[..target]);
        out.extend_from_slice(block);
        out.extend_from_slice(&words[target..start]);
        out.extend_from_slice(&words[block_end..]);
    } else if target > block_end {
        let t = target.min(n);
        out.extend_from_slice(&words[..start]);
        out.extend_from_slice(&words[block_end..t]);
        out.extend_from_slice(block);
        out.extend_from_slice(&words[t..]);
    } else {
        let t = (length + target).min(n).max(block_end);
        out.extend_from_slice(&words[..start]);
        out.extend_from_slice(&words[block_end..t]);
        out.extend_from_slice(block);
        out.extend_from_slice(&words[t..]);
    }
}

/// sacreBLEU's beam: for hypothesis row i (1-based) the reference columns
/// `[lo_i, hi_i)` around the pseudo-diagonal ⌊i·m/n⌋; the last row always
/// extends to column m. Depends on n and m only, so it is fixed per pair.
#[derive(Default)]
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Offset of each row in the flattened matrix.
    off: Vec<usize>,
    width: usize,
    full: bool,
    n: usize,
    m: usize,
    ratio: f64,
}

impl Band {
    /// The band of an n-word hypothesis against an m-word reference, rows
    /// included (the tests' entry point).
    #[cfg(test)]
    fn compute(&mut self, n: usize, m: usize) {
        self.set_shape(n, m);
        self.build_rows();
    }

    /// Width and fullness of the band, without its rows (see
    /// [`build_rows`](Self::build_rows)), which a full band does not need.
    /// The pseudo-diagonal ⌊i · ratio⌋ never decreases with i (a product with
    /// a positive float is monotone), so every row spans all columns exactly
    /// when row 1 reaches column m (rows 1..n−1 end at ⌊i · ratio⌋ + width,
    /// capped; row n always ends at m) and row n starts at column 0.
    fn set_shape(&mut self, n: usize, m: usize) -> bool {
        // Same float arithmetic as Python: ratio = m / n, ⌊i · ratio⌋.
        self.n = n;
        self.m = m;
        self.ratio = if n > 0 { m as f64 / n as f64 } else { 1.0 };
        let half = self.ratio / 2.0;
        self.width = if (BEAM_WIDTH as f64) < half {
            // Very unequal lengths: widen so that consecutive rows overlap.
            (half + BEAM_WIDTH as f64).ceil() as usize
        } else {
            BEAM_WIDTH
        };
        let diag = |i: usize| (i as f64 * self.ratio) as usize;
        self.full = (n <= 1 || diag(1) + self.width > m) && diag(n) <= self.width;
        self.full
    }

    /// The column range of every row, for the beam fill.
    fn build_rows(&mut self) {
        let (n, m, ratio) = (self.n, self.m, self.ratio);
        self.lo.clear();
        self.hi.clear();
        self.off.clear();
        let mut total = 0;
        let mut full = true;
        for i in 0..=n {
            let (lo, hi) = if i == 0 {
                (0, m + 1) // the initial row (all insertions) is complete
            } else {
                // floor() of a non-negative number is its truncation, and `as`
                // truncates without the libm call floor() compiles to here.
                let diag = (i as f64 * ratio) as usize;
                let lo = diag.saturating_sub(self.width);
                let hi = if i == n { m + 1 } else { (m + 1).min(diag + self.width) };
                (lo.min(hi), hi)
            };
            full &= lo == 0 && hi == m + 1;
            self.lo.push(lo);
            self.hi.push(hi);
            self.off.push(total);
            total += hi - lo;
        }
        self.off.push(total);
        debug_assert_eq!(full, self.full, "n = {n}, m = {m}");
    }

    fn range(&self, i: usize) -> (usize, usize) {
        (self.lo[i], self.hi[i])
    }

    fn is_full(&self) -> bool {
        self.full
    }

    /// True when the beam provably contains every path of cost ≤ `exact`, so
    /// the beam distance equals the exact distance: a path of cost d through
    /// (i, j) has |j−i| + |(m−j)−(n−i)| ≤ d, which keeps it within
    /// (d + |m−n|)/2 columns of the diagonal band, and ⌊i·m/n⌋ (with float
    /// rounding) stays within 2 of i·m/n. See the tests for a brute-force check.
    fn exact_within_beam(&self, exact: u32, n: usize, m: usize) -> bool {
        let slack = 2 * self.width;
        exact as usize + n.abs_diff(m) + 6 <= slack
    }
}

/// sacreBLEU's beam edit distance matrix (values only) for the current
/// hypothesis; the operation of a cell is re-derived during backtracking.
#[derive(Default)]
struct BeamMatrix {
    vals: Vec<u32>,
}

/// The operation sacreBLEU records in a cell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellOp {
    Undefined,
    Diagonal,
    /// sacreBLEU's 'd': consume a hypothesis word only (our `Deletion`).
    HypOnly,
    /// sacreBLEU's 'i': consume a reference word only (our `Insertion`).
    RefOnly,
}

impl BeamMatrix {
    fn row(&self, band: &Band, i: usize) -> &[u32] {
        &self.vals[band.off[i]..band.off[i + 1]]
    }

    /// Value of cell (i, j); INF outside the beam.
    fn get(&self, band: &Band, i: usize, j: usize) -> u32 {
        let (lo, hi) = band.range(i);
        if j >= lo && j < hi {
            self.vals[band.off[i] + j - lo]
        } else {
            INF
        }
    }

    fn distance(&self, band: &Band, n: usize, m: usize) -> u32 {
        self.get(band, n, m)
    }

    /// Fills all rows of the beam matrix.
    fn fill(&mut self, band: &Band, hyp: &[u32], reference: &[u32], rows: &mut RollingRows) {
        let total = band.off.last().copied().unwrap_or(0);
        self.vals.clear();
        self.vals.resize(total, INF);
        let m = reference.len();
        // Row 0: j insertions of reference words.
        for j in 0..=m {
            self.vals[j] = j as u32 * COST_INS;
        }
        rows.start(m, 0, &self.vals[..=m]);
        for (i, &word) in hyp.iter().enumerate() {
            let i = i + 1;
            let (lo, hi) = band.range(i);
            let row = rows.advance(lo, hi, word, reference);
            self.vals[band.off[i]..band.off[i + 1]].copy_from_slice(row);
        }
    }

    /// The operation sacreBLEU stores in cell (i, j). It starts from INF and
    /// takes, in this order, the diagonal (match/substitution), the
    /// hypothesis-only and the reference-only step, each only if strictly
    /// cheaper than what it has: among equal costs the earliest wins. Since
    /// the stored values are exactly those it computed, the choice can be
    /// replayed from them instead of being stored for every cell.
    fn cell_op(&self, band: &Band, hyp: &[u32], reference: &[u32], i: usize, j: usize) -> CellOp {
        if i == 0 {
            return CellOp::RefOnly; // initial row
        }
        if j == 0 {
            return CellOp::HypOnly; // column 0 is always a deletion
        }
        let same = hyp[i - 1] == reference[j - 1];
        let diag = self.get(band, i - 1, j - 1) + if same { 0 } else { COST_SUB };
        let up = self.get(band, i - 1, j) + COST_DEL;
        let left = self.get(band, i, j - 1) + COST_INS;
        let (mut v, mut op) = (INF, CellOp::Undefined);
        if diag < v {
            v = diag;
            op = CellOp::Diagonal;
        }
        if up < v {
            v = up;
            op = CellOp::HypOnly;
        }
        if left < v {
            op = CellOp::RefOnly;
        }
        op
    }

    /// The operations from (0,0) to (n,m), in forward order.
    fn backtrack(&self, band: &Band, hyp: &[u32], reference: &[u32], out: &mut Vec<EditOp>) {
        out.clear();
        let (mut i, mut j) = (hyp.len(), reference.len());
        while i > 0 || j > 0 {
            let op =
                if self.get(band, i, j) < INF { self.cell_op(band, hyp, reference, i, j) } else { CellOp::Undefined };
            match op {
                CellOp::Diagonal => {
                    out.push(if hyp[i - 1] == reference[j - 1] { EditOp::Match } else { EditOp::Substitution });
                    i -= 1;
                    j -= 1;
                }
                CellOp::HypOnly => {
                    out.push(EditOp::Deletion);
                    i -= 1;
                }
                CellOp::RefOnly => {
                    out.push(EditOp::Insertion);
                    j -= 1;
                }
                CellOp::Undefined => {
                    // Unreachable: finite cells always point to finite cells.
                    // Never panic on odd input; finish with plain steps.
                    debug_assert!(false, "undefined cell in TER trace at ({i},{j})");
                    out.extend(std::iter::repeat_n(EditOp::Deletion, i));
                    out.extend(std::iter::repeat_n(EditOp::Insertion, j));
                    break;
                }
            }
        }
        out.reverse();
    }
}

/// Exact (unbanded) Levenshtein distance of hypothesis variants against the
/// fixed reference with Myers' bit-parallel algorithm (reference = pattern,
/// hypothesis words = text), with checkpoints of the column state of the
/// current hypothesis so that a candidate resumes at its first changed word
/// and stops as soon as its state re-joins the current one.
#[derive(Default)]
struct ExactDistance {
    m: usize,
    blocks: usize,
    alphabet: usize,
    peq: Vec<u64>,
    /// Checkpoint every `every` hypothesis words: `blocks` VP words then
    /// `blocks` VN words per checkpoint, and the distance D[m][k].
    every: usize,
    states: Vec<u64>,
    scores: Vec<u32>,
    final_score: u32,
    vp: Vec<u64>,
    vn: Vec<u64>,
    /// Test hook: overrides [`MAX_CHECKPOINT_WORDS`] when non-zero.
    checkpoint_budget: usize,
}

/// Longest reference (in 64-word blocks) for which candidates are scored
/// with the bit-parallel exact distance first.
const MAX_EXACT_BLOCKS: usize = 8;

/// Upper bound on stored checkpoint words, so that huge inputs stay bounded
/// in memory (at the price of resuming from an earlier checkpoint).
const MAX_CHECKPOINT_WORDS: usize = 1 << 22;

impl ExactDistance {
    fn set_pattern(&mut self, reference: &[u32], alphabet: usize) {
        self.m = reference.len();
        self.blocks = self.m.div_ceil(64).max(1);
        self.alphabet = alphabet;
        self.peq.clear();
        self.peq.resize(alphabet * self.blocks, 0);
        for (p, &w) in reference.iter().enumerate() {
            if let Some(x) = self.peq.get_mut(w as usize * self.blocks + p / 64) {
                *x |= 1u64 << (p % 64);
            }
        }
        self.vp.clear();
        self.vp.resize(self.blocks, 0);
        self.vn.clear();
        self.vn.resize(self.blocks, 0);
    }

    fn final_distance(&self) -> u32 {
        self.final_score
    }

    fn reset_state(&mut self) {
        self.vp.fill(!0);
        self.vn.fill(0);
    }

    /// Processes the whole current hypothesis and stores its checkpoints.
    fn checkpoint(&mut self, hyp: &[u32]) {
        let n = hyp.len();
        let per = 2 * self.blocks;
        let budget = if self.checkpoint_budget > 0 { self.checkpoint_budget } else { MAX_CHECKPOINT_WORDS };
        self.every = ((n + 1) * per).div_ceil(budget).max(1);
        self.states.clear();
        self.scores.clear();
        self.reset_state();
        let mut score = self.m as u32;
        self.save(score);
        if self.every == 1 && self.blocks == 1 {
            // The common case: two words and a score per row, without the
            // modulo (a division) and the slice copies of the general loop.
            for &w in hyp {
                score = self.step(w, score);
                self.states.extend([self.vp[0], self.vn[0]]);
                self.scores.push(score);
            }
        } else {
            for (k, &w) in hyp.iter().enumerate() {
                score = self.step(w, score);
                if (k + 1) % self.every == 0 {
                    self.save(score);
                }
            }
        }
        self.final_score = score;
    }

    /// True when the checkpoints hold the column state after every
    /// hypothesis word, so [`cell`](Self::cell) can read any cell of the
    /// exact matrix.
    fn has_every_row(&self) -> bool {
        self.every == 1
    }

    /// D(i, j) of the exact matrix: D(i, 0) = i plus the vertical deltas of
    /// row i's checkpoint below bit j (VP: +1, VN: −1).
    #[inline]
    fn cell(&self, i: usize, j: usize) -> u32 {
        let b = self.blocks;
        let (vp, vn) = self.states[2 * b * i..2 * b * (i + 1)].split_at(b);
        let (whole, part) = (j / 64, j % 64);
        let mut d = i as u32;
        for k in 0..whole.min(b) {
            d = (d + vp[k].count_ones()) - vn[k].count_ones();
        }
        if part > 0 && whole < b {
            let below = (1u64 << part) - 1;
            d = (d + (vp[whole] & below).count_ones()) - (vn[whole] & below).count_ones();
        }
        d
    }

    /// D(i, j−1) given D(i, j) = `v`, for j ≥ 1.
    #[inline]
    fn cell_left(&self, i: usize, j: usize, v: u32) -> u32 {
        let b = self.blocks;
        let (block, bit) = ((j - 1) / 64, 1u64 << ((j - 1) % 64));
        let (vp, vn) = (self.states[2 * b * i + block], self.states[2 * b * i + b + block]);
        (v + u32::from(vn & bit != 0)) - u32::from(vp & bit != 0)
    }

    /// The trace of the current hypothesis read from the exact matrix, with
    /// the tie-breaking of [`BeamMatrix::cell_op`]: in cell (i, j) holding v,
    /// the diagonal if it gives v, else the hypothesis-only step if it does,
    /// else the reference-only step. Only valid when
    /// [`has_every_row`](Self::has_every_row).
    ///
    /// It equals the beam matrix's trace when the band is full (then the
    /// beam matrix is this matrix) and when every path of cost ≤ D(n, m) lies
    /// within the beam ([`Band::exact_within_beam`]): the backtrack only
    /// visits cells on optimal paths, whose beam values are exact, and a
    /// neighbour decides a tie only when it continues an optimal path, so it
    /// is exact too; any other neighbour exceeds the cell's value minus its
    /// step cost in both matrices.
    fn backtrack(&self, hyp: &[u32], reference: &[u32], out: &mut Vec<EditOp>) {
        out.clear();
        let (mut i, mut j) = (hyp.len(), reference.len());
        let mut v = self.final_score;
        while i > 0 && j > 0 {
            let up = self.cell(i - 1, j);
            let diag = self.cell_left(i - 1, j, up);
            let same = hyp[i - 1] == reference[j - 1];
            if diag + u32::from(!same) == v {
                out.push(if same { EditOp::Match } else { EditOp::Substitution });
                (i, j, v) = (i - 1, j - 1, diag);
            } else if up + COST_DEL == v {
                out.push(EditOp::Deletion);
                (i, v) = (i - 1, up);
            } else {
                out.push(EditOp::Insertion);
                (j, v) = (j - 1, self.cell_left(i, j, v));
            }
        }
        // Column 0 is all hypothesis-only steps, row 0 all reference-only.
        out.extend(std::iter::repeat_n(EditOp::Deletion, i));
        out.extend(std::iter::repeat_n(EditOp::Insertion, j));
        out.reverse();
    }

    fn save(&mut self, score: u32) {
        self.states.extend_from_slice(&self.vp);
        self.states.extend_from_slice(&self.vn);
        self.scores.push(score);
    }

    fn matches_checkpoint(&self, c: usize, score: u32) -> bool {
        let per = 2 * self.blocks;
        let s = &self.states[c * per..(c + 1) * per];
        self.scores[c] == score && s[..self.blocks] == *self.vp && s[self.blocks..] == *self.vn
    }

    /// Exact distance of `cand`, identical to the current hypothesis before
    /// `first` and from `end` on.
    fn distance_resumed(&mut self, cand: &[u32], first: usize, end: usize) -> u32 {
        let c = first / self.every;
        let per = 2 * self.blocks;
        let b = self.blocks;
        let (vp, vn) = (&mut self.vp, &mut self.vn);
        vp.copy_from_slice(&self.states[c * per..c * per + b]);
        vn.copy_from_slice(&self.states[c * per + b..(c + 1) * per]);
        let mut score = self.scores[c];
        for k in c * self.every..cand.len() {
            score = self.step(cand[k], score);
            let pos = k + 1;
            if pos >= end
                && pos % self.every == 0
                && pos < cand.len()
                && self.matches_checkpoint(pos / self.every, score)
            {
                return self.final_score;
            }
        }
        score
    }

    /// One text step of Myers/Hyyrö (global distance: +1 enters at the top).
    /// The one-block case is inlined into the loops (a call cost a third of
    /// its instructions); longer references take [`step_blocks`](Self::step_blocks).
    #[inline(always)]
    fn step(&mut self, word: u32, score: u32) -> u32 {
        let b = self.blocks;
        let row = word as usize * b;
        if b == 1 {
            let pm = if (word as usize) < self.alphabet { self.peq[row] } else { 0 };
            let vp = self.vp[0];
            let vn = self.vn[0];
            let d0 = (((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            let last = 1u64 << (self.m - 1);
            let score = (score + u32::from(hp & last != 0)).saturating_sub(u32::from(hn & last != 0));
            let hp = (hp << 1) | 1;
            let hn = hn << 1;
            self.vp[0] = hn | !(d0 | hp);
            self.vn[0] = hp & d0;
            return score;
        }
        self.step_blocks(word, score)
    }

    /// [`step`](Self::step) over several 64-word blocks, carrying the
    /// horizontal deltas from block to block.
    #[inline(never)]
    fn step_blocks(&mut self, word: u32, score: u32) -> u32 {
        let b = self.blocks;
        let row = word as usize * b;
        let masks = self.peq.get(row..row + b);
        let last_bit = (self.m - 1) % 64;
        let mut hp_carry = 1u64;
        let mut hn_carry = 0u64;
        for k in 0..b {
            let pm = masks.map_or(0, |r| r[k]);
            let vp = self.vp[k];
            let vn = self.vn[k];
            let x = pm | hn_carry;
            let d0 = (((x & vp).wrapping_add(vp)) ^ vp) | x | vn;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            let (out_p, out_n) =
                if k + 1 < b { (hp >> 63, hn >> 63) } else { ((hp >> last_bit) & 1, (hn >> last_bit) & 1) };
            let hp_s = (hp << 1) | hp_carry;
            let hn_s = (hn << 1) | hn_carry;
            hp_carry = out_p;
            hn_carry = out_n;
            self.vp[k] = hn_s | !(d0 | hp_s);
            self.vn[k] = hp_s & d0;
        }
        (score + hp_carry as u32).saturating_sub(hn_carry as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Straightforward model of sacreBLEU's algorithm for cross-checking the
    /// optimised code: full beam matrix for every candidate, no pruning, no
    /// resumption, no bit-parallel shortcut.
    mod model {
        use super::super::*;

        const OP_UNDEF: u8 = 0;
        const OP_NOP: u8 = 1;
        const OP_SUB: u8 = 2;
        const OP_HYP: u8 = 3;
        const OP_REF: u8 = 4;

        pub fn beam(hyp: &[u32], r: &[u32]) -> (u32, Vec<EditOp>) {
            let (n, m) = (hyp.len(), r.len());
            let mut band = Band::default();
            band.compute(n, m);
            let mut d = vec![vec![(INF, OP_UNDEF); m + 1]; n + 1];
            for (j, cell) in d[0].iter_mut().enumerate() {
                *cell = (j as u32, OP_REF);
            }
            for i in 1..=n {
                let (lo, hi) = band.range(i);
                for j in lo..hi {
                    if j == 0 {
                        d[i][0] = ((d[i - 1][0].0 + 1).min(INF), OP_HYP);
                        continue;
                    }
                    let same = hyp[i - 1] == r[j - 1];
                    let cands = [
                        (d[i - 1][j - 1].0 + u32::from(!same), if same { OP_NOP } else { OP_SUB }),
                        (d[i - 1][j].0 + 1, OP_HYP),
                        (d[i][j - 1].0 + 1, OP_REF),
                    ];
                    for (c, op) in cands {
                        if d[i][j].0 > c {
                            d[i][j] = (c, op);
                        }
                    }
                }
            }
            let mut ops = Vec::new();
            let (mut i, mut j) = (n, m);
            while i > 0 || j > 0 {
                match d[i][j].1 {
                    OP_NOP => ops.push(EditOp::Match),
                    OP_SUB => ops.push(EditOp::Substitution),
                    OP_HYP => ops.push(EditOp::Deletion),
                    _ => ops.push(EditOp::Insertion),
                }
                match d[i][j].1 {
                    OP_NOP | OP_SUB => {
                        i -= 1;
                        j -= 1
                    }
                    OP_HYP => i -= 1,
                    _ => j -= 1,
                }
            }
            ops.reverse();
            (d[n][m].0, ops)
        }

        pub fn ter(hyp: &[u32], r: &[u32]) -> (usize, u32, Vec<EditOp>) {
            if r.is_empty() {
                return (0, hyp.len() as u32, vec![EditOp::Deletion; hyp.len()]);
            }
            let mut cur = hyp.to_vec();
            let mut shifts = 0;
            let mut checked = 0;
            loop {
                let (pre, ops) = beam(&cur, r);
                // align / err arrays
                let (mut ph, mut align, mut herr, mut rerr) = (-1i64, vec![], vec![], vec![]);
                for op in &ops {
                    match op {
                        EditOp::Match | EditOp::Substitution => {
                            ph += 1;
                            align.push(ph);
                            let e = u32::from(*op == EditOp::Substitution);
                            herr.push(e);
                            rerr.push(e);
                        }
                        EditOp::Deletion => {
                            ph += 1;
                            herr.push(1);
                        }
                        EditOp::Insertion => {
                            align.push(ph);
                            rerr.push(1);
                        }
                    }
                }
                let mut best: Option<(i64, usize, i64, i64, Vec<u32>)> = None;
                let (n, m) = (cur.len(), r.len());
                'outer: for sh in 0..n {
                    for sr in 0..m {
                        if sr.abs_diff(sh) > MAX_SHIFT_DIST {
                            continue;
                        }
                        let mut len = 0;
                        while len < MAX_SHIFT_SIZE && cur[sh + len] == r[sr + len] {
                            len += 1;
                            let ok = herr[sh..sh + len].iter().sum::<u32>() > 0
                                && rerr[sr..sr + len].iter().sum::<u32>() > 0
                                && !(sh as i64 <= align[sr] && align[sr] < (sh + len) as i64);
                            if ok {
                                let mut prev = -1;
                                for off in -1..len as i64 {
                                    let idx =
                                        if sr as i64 + off == -1 { 0 } else { align[(sr as i64 + off) as usize] + 1 };
                                    if idx == prev {
                                        continue;
                                    }
                                    prev = idx;
                                    let mut out = Vec::new();
                                    perform_shift(&cur, sh, len, idx as usize, &mut out);
                                    let gain = i64::from(pre) - i64::from(beam(&out, r).0);
                                    let cand = (gain, len, -(sh as i64), -idx, out);
                                    checked += 1;
                                    if best.as_ref().is_none_or(|b| cand > *b) {
                                        best = Some(cand);
                                    }
                                }
                                if checked >= MAX_SHIFT_CANDIDATES {
                                    break 'outer;
                                }
                            }
                            if n == sh + len || m == sr + len {
                                break;
                            }
                        }
                    }
                }
                if checked >= MAX_SHIFT_CANDIDATES {
                    return (shifts, pre, ops);
                }
                match best {
                    Some((gain, _, _, _, out)) if gain > 0 => {
                        shifts += 1;
                        cur = out;
                    }
                    _ => return (shifts, pre, ops),
                }
            }
        }
    }

    /// Tiny deterministic generator (no dependency needed).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, k: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) % k as u64) as usize
        }
        fn seq(&mut self, len: usize, vocab: usize) -> Vec<u32> {
            (0..len).map(|_| self.next(vocab) as u32).collect()
        }
        /// A random reference of `m` words and a copy with up to `edits − 1`
        /// random insertions, deletions and substitutions.
        fn near_copy(&mut self, m: usize, vocab: usize, edits: usize) -> (Vec<u32>, Vec<u32>) {
            let r = self.seq(m, vocab);
            let mut h = r.clone();
            for _ in 0..self.next(edits) {
                let at = self.next(h.len() + 1);
                match self.next(3) {
                    0 => h.insert(at, self.next(vocab) as u32),
                    1 if at < h.len() => {
                        h.remove(at);
                    }
                    _ if at < h.len() => h[at] = self.next(vocab) as u32,
                    _ => {}
                }
            }
            (h, r)
        }
    }

    fn check(aligner: &mut TerAligner, h: &[u32], r: &[u32]) {
        let (shifts, ed, ops) = model::ter(h, r);
        let a = aligner.align(h, r);
        assert_eq!(
            (a.counts.shifts, a.counts.num_edits() - a.counts.shifts, &a.ops),
            (shifts, ed as usize, &ops),
            "hyp={h:?} ref={r:?}"
        );
    }

    #[test]
    fn optimised_search_equals_plain_model() {
        let mut rng = Lcg(42);
        let mut aligner = TerAligner::new();
        // The plain model is slow unoptimised; `cargo test --release` runs all.
        let cases = if cfg!(debug_assertions) { 200 } else { 1500 };
        for case in 0..cases {
            let vocab = [2, 3, 5, 8, 40][case % 5];
            let m = [rng.next(12), rng.next(40), 20 + rng.next(60), 60 + rng.next(90)][case % 4];
            let r = rng.seq(m, vocab);
            let h = if case % 3 == 0 {
                let n = [rng.next(12), rng.next(80), 1 + rng.next(3), 100 + rng.next(100)][case % 4];
                rng.seq(n, vocab)
            } else {
                // Moved blocks plus a few substitutions.
                let mut h = r.clone();
                for _ in 0..1 + rng.next(3) {
                    if h.len() > 2 {
                        let len = 1 + rng.next(h.len().min(6) - 1);
                        let at = rng.next(h.len() - len + 1);
                        let block: Vec<u32> = h.drain(at..at + len).collect();
                        let to = rng.next(h.len() + 1);
                        h.splice(to..to, block);
                    }
                }
                for _ in 0..rng.next(4) {
                    if !h.is_empty() {
                        let at = rng.next(h.len());
                        h[at] = rng.next(vocab) as u32;
                    }
                }
                h
            };
            check(&mut aligner, &h, &r);
        }
    }

    #[test]
    fn beam_only_scoring_equals_plain_model() {
        // The path taken for references longer than MAX_EXACT_BLOCKS blocks.
        let mut rng = Lcg(1234);
        let mut aligner = TerAligner::new();
        aligner.beam_only = true;
        let cases = if cfg!(debug_assertions) { 100 } else { 600 };
        for case in 0..cases {
            let vocab = [2, 3, 6, 30][case % 4];
            let m = [rng.next(30), 20 + rng.next(100)][case % 2];
            let r = rng.seq(m, vocab);
            let mut h = r.clone();
            if case % 3 == 0 {
                let n = rng.next(120);
                h = rng.seq(n, vocab);
            } else if m > 3 {
                let k = rng.next(m);
                h.rotate_left(k);
                let at = rng.next(m);
                h[at] = 99;
            }
            check(&mut aligner, &h, &r);
        }
    }

    #[test]
    fn band_fullness_from_its_shape_equals_row_by_row() {
        let mut band = Band::default();
        let mut full = 0;
        for n in 0..=300 {
            for m in 0..=300 {
                let analytic = band.set_shape(n, m);
                band.build_rows();
                let rows = (0..=n).all(|i| band.range(i) == (0, m + 1));
                assert_eq!(analytic, rows, "n = {n}, m = {m}");
                full += usize::from(rows);
            }
        }
        assert!(full > 500, "{full}");
    }

    #[test]
    fn trace_from_checkpoints_equals_beam_trace_when_the_beam_holds_every_optimal_path() {
        // The path that skips the beam fill: with a full band every cell read
        // back from the bit-parallel checkpoints equals the filled beam
        // matrix; with a partial band whose beam holds every optimal path the
        // distance does. In both cases the trace, with its tie-breaking, is
        // the beam's (small vocabularies give many ties). Long near-identical
        // pairs reach the partial-band case and several 64-word blocks.
        let mut rng = Lcg(4321);
        let (mut band, mut beam, mut rows, mut exact) =
            (Band::default(), BeamMatrix::default(), RollingRows::default(), ExactDistance::default());
        let (mut from_bits, mut from_beam) = (Vec::new(), Vec::new());
        let (mut full_cases, mut partial_cases) = (0, 0);
        for case in 0..4000 {
            let vocab = 1 + case % 5;
            let (h, r) = if case % 2 == 0 {
                let (n, m) = (rng.next(30), 1 + rng.next(30));
                (rng.seq(n, vocab), rng.seq(m, vocab))
            } else {
                let m = 1 + rng.next(200);
                rng.near_copy(m, vocab, 12)
            };
            let (n, m) = (h.len(), r.len());
            band.compute(n, m);
            exact.set_pattern(&r, vocab);
            exact.checkpoint(&h);
            assert!(exact.has_every_row());
            let d = exact.final_distance();
            if band.is_full() {
                full_cases += 1;
            } else if band.exact_within_beam(d, n, m) {
                partial_cases += 1;
            } else {
                continue;
            }
            beam.fill(&band, &h, &r, &mut rows);
            assert_eq!(d, beam.distance(&band, n, m), "{h:?} / {r:?}");
            if band.is_full() {
                for i in 0..=n {
                    for j in 0..=m {
                        assert_eq!(exact.cell(i, j), beam.get(&band, i, j), "cell ({i},{j}) of {h:?} / {r:?}");
                    }
                }
            }
            exact.backtrack(&h, &r, &mut from_bits);
            beam.backtrack(&band, &h, &r, &mut from_beam);
            assert_eq!(from_bits, from_beam, "{h:?} / {r:?}");
        }
        assert!(full_cases > 1500 && partial_cases > 300, "{full_cases} full, {partial_cases} partial");
    }

    #[test]
    fn checkpoint_intervals_do_not_change_results() {
        let mut rng = Lcg(7);
        let mut aligner = TerAligner::new();
        aligner.exact.checkpoint_budget = 10; // forces every > 1
        let cases = if cfg!(debug_assertions) { 60 } else { 300 };
        for _ in 0..cases {
            let m = 10 + rng.next(140);
            let r = rng.seq(m, 4);
            let mut h = r.clone();
            let k = rng.next(m);
            h.rotate_left(k);
            let at = rng.next(m);
            h[at] = 9;
            check(&mut aligner, &h, &r);
        }
    }

    #[test]
    fn exact_distance_equals_beam_when_claimed() {
        // Brute-force check of Band::exact_within_beam, including unequal
        // lengths where the pseudo-diagonal is not the diagonal, and
        // near-identical long pairs where the claim is used beyond a full band.
        let mut rng = Lcg(99);
        let mut claimed_partial_band = 0;
        let cases = if cfg!(debug_assertions) { 1000 } else { 3000 };
        for case in 0..cases {
            let vocab = 2 + rng.next(6);
            let (h, r) = if case % 2 == 0 {
                let (n, m) = (1 + rng.next(120), 1 + rng.next(120));
                (rng.seq(n, vocab), rng.seq(m, vocab))
            } else {
                let m = 25 + rng.next(200);
                rng.near_copy(m, vocab, 25)
            };
            let (n, m) = (h.len(), r.len());
            let exact = crate::metrics::levenshtein::token_distance(&h, &r) as u32;
            let mut band = Band::default();
            band.compute(n, m);
            let (beam, _) = model::beam(&h, &r);
            assert!(beam >= exact);
            if band.is_full() || band.exact_within_beam(exact, n, m) {
                assert_eq!(beam, exact, "n={n} m={m}");
                claimed_partial_band += usize::from(!band.is_full());
            }
        }
        assert!(claimed_partial_band > cases / 10, "test does not exercise the claim ({claimed_partial_band})");
    }

    #[test]
    fn perform_shift_matches_sacrebleu_slicing() {
        let w: Vec<u32> = (0..8).collect();
        let mut out = Vec::new();
        perform_shift(&w, 4, 2, 1, &mut out); // before
        assert_eq!(out, [0, 4, 5, 1, 2, 3, 6, 7]);
        perform_shift(&w, 1, 2, 6, &mut out); // after
        assert_eq!(out, [0, 3, 4, 5, 1, 2, 6, 7]);
        perform_shift(&w, 2, 3, 4, &mut out); // within: right by target − start
        assert_eq!(out, [0, 1, 5, 6, 2, 3, 4, 7]);
        perform_shift(&w, 4, 3, 6, &mut out); // within, clamped at the end
        assert_eq!(out, [0, 1, 2, 3, 7, 4, 5, 6]);
        perform_shift(&w, 3, 2, 3, &mut out); // identity
        assert_eq!(out, w);
    }

    #[test]
    fn empty_and_degenerate_inputs() {
        let mut a = TerAligner::new();
        assert_eq!(a.edit_counts(&[], &[]).num_edits(), 0);
        assert_eq!(a.edit_counts(&[1, 2], &[]).deletions, 2);
        assert_eq!(a.edit_counts(&[], &[1, 2, 3]).insertions, 3);
        assert_eq!(a.edit_counts(&[1, 2, 3], &[1, 2, 3]).num_edits(), 0);
        // Sparse caller ids take the remapping path.
        let c = a.align(&[u32::MAX, 7, 1 << 30], &[7, 1 << 30, u32::MAX]);
        assert_eq!(c.counts.shifts, 1);
        assert_eq!(c.shifted_hypothesis, vec![7, 1 << 30, u32::MAX]);
        check(&mut a, &[5; 200], &[5, 6]);
        check(&mut a, &[1], &(0..300).map(|i| i % 3).collect::<Vec<_>>());
    }
}
