//! Marks the words of a passage that a query matched: HTML-escaped text with `<mark>` around
//! every hit, for a short snippet or for the whole passage. Uses the index's own analyzers, so
//! a word is marked exactly when it could have matched.

use super::analysis::{self, terms};
use super::query::QueryPlan;
use crate::content::markdown::escape_html;
use crate::domain::Lang;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use tantivy::tokenizer::TextAnalyzer;

/// Words as written, folded and stemmed, per thread and language, kept across searches: the
/// words of passages are few (the corpus's vocabulary), and analyzing them again for every hit
/// was most of the cost of a hit. Emptied when it grows past `WORD_CACHE_SIZE`.
const WORD_CACHE_SIZE: usize = 200_000;

/// A written word's folded form (for the unfinished word's prefix) and its stems; and which of
/// the query's groups it matched (a bit per group, 0 for none) in the search that last looked
/// at it (`seen_in`), so that each distinct word is judged once per search however many
/// passages use it.
struct Analyzed {
    folded: Box<str>,
    stems: Box<[Box<str>]>,
    seen_in: u64,
    groups: u64,
}

/// The bit of the unfinished word when it belongs to no group.
const LONE_PREFIX_BIT: u64 = 1 << 63;
/// The bit of a word that is marked but belongs to no counted group (a weak group's).
pub const MARK_ONLY_BIT: u64 = 1 << 62;

/// The bit standing for group `g` of a plan (plans have at most 32 groups).
pub fn group_bit(g: usize) -> u64 {
    1u64 << g.min(61)
}

/// Numbers the highlighters (one per search), for `Analyzed::seen_in`; 0 is no search.
static SEARCHES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static WORDS: RefCell<[FxHashMap<Box<str>, Analyzed>; 2]> = RefCell::default();
}

/// `f` of the analysis of `written` in `lang`, from the thread's cache.
fn with_analysis<R>(
    lang: Lang,
    written: &str,
    analyzer: &mut TextAnalyzer,
    f: impl FnOnce(&mut Analyzed) -> R,
) -> R {
    WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let map = &mut cache[lang as usize];
        if let Some(known) = map.get_mut(written) {
            return f(known);
        }
        if map.len() >= WORD_CACHE_SIZE {
            map.clear();
        }
        let folded = analysis::fold(written);
        let stems = terms(analyzer, &folded)
            .into_iter()
            .map(|f| f.term.into_boxed_str())
            .collect();
        let analyzed = Analyzed {
            folded: folded.into_boxed_str(),
            stems,
            seen_in: 0,
            groups: 0,
        };
        f(map.entry(written.into()).or_insert(analyzed))
    })
}

/// A run of passage text as the renderer hands it over, with the glossary terms found in it
/// (byte range and the opening `<dfn>` tag): the part of marking that does not depend on the
/// query, worked out once per passage.
pub struct Chunk {
    pub text: String,
    /// Byte ranges of its words (see `word_ranges`).
    pub words: Vec<(u32, u32)>,
    pub glossary: Vec<(usize, usize, String)>,
}

impl Chunk {
    pub fn new(text: &str, glossary: Vec<(usize, usize, String)>) -> Chunk {
        Chunk {
            text: text.to_string(),
            words: word_ranges(text),
            glossary,
        }
    }
}

/// Byte ranges of the words of `text`, as the whole-word analyzer cuts them.
pub fn word_ranges(text: &str) -> Vec<(u32, u32)> {
    terms(&mut analysis::words(), text)
        .into_iter()
        .map(|f| (f.from as u32, f.to as u32))
        .collect()
}

pub struct Highlighter {
    lang: Lang,
    stemmed: TextAnalyzer,
    /// Each stem of the query, with the bits of the groups it belongs to.
    stems: FxHashMap<Box<str>, u64>,
    prefix: Option<(String, u64)>,
    /// This search's number (`SEARCHES`).
    search: u64,
    /// The groups matched by the words looked at since the last `take_held`.
    held: u64,
}

impl Highlighter {
    pub fn new(plan: &QueryPlan, lang: Lang) -> Highlighter {
        let mut stems: FxHashMap<Box<str>, u64> = FxHashMap::default();
        for (g, group) in plan.groups.iter().enumerate() {
            for (_, stem) in group.alternatives.iter().flatten() {
                *stems.entry(Box::from(stem.as_str())).or_default() |= group_bit(g);
            }
        }
        for (_, stem) in plan
            .weak
            .iter()
            .flat_map(|g| g.alternatives.iter().flatten())
        {
            *stems.entry(Box::from(stem.as_str())).or_default() |= MARK_ONLY_BIT;
        }
        let prefix_bit = plan.prefix_group.map_or(LONE_PREFIX_BIT, group_bit);
        Highlighter {
            lang,
            stemmed: analysis::stemmed(lang),
            stems,
            prefix: plan.prefix.clone().map(|p| (p, prefix_bit)),
            search: SEARCHES.fetch_add(1, Ordering::Relaxed) + 1,
            held: 0,
        }
    }

    /// Does `written` (a word as the text has it) match the query: does its folded form start
    /// with the unfinished word, or stem to one of the query's stems? The stemming analyzer
    /// cuts text into the same words, only folding them further (stop words, stems).
    fn is_match(&mut self, written: &str) -> bool {
        let (stems, prefix, search) = (&self.stems, self.prefix.as_ref(), self.search);
        let groups = with_analysis(self.lang, written, &mut self.stemmed, |word| {
            if word.seen_in != search {
                let by_prefix = prefix
                    .filter(|(p, _)| word.folded.starts_with(p.as_str()))
                    .map_or(0, |(_, bit)| *bit);
                word.groups = word
                    .stems
                    .iter()
                    .filter_map(|stem| stems.get(stem))
                    .fold(by_prefix, |bits, b| bits | b);
                word.seen_in = search;
            }
            word.groups
        });
        self.held |= groups;
        groups != 0
    }

    /// Looks at the words of `text` (a title or heading) only to note the groups they hold.
    pub fn note(&mut self, text: &str) {
        for (from, to) in word_ranges(text) {
            if let Some(word) = text.get(from as usize..to as usize) {
                self.is_match(word);
            }
        }
    }

    /// The groups matched by the words looked at since the last call (bits; see `group_bit`).
    pub fn take_held(&mut self) -> u64 {
        std::mem::take(&mut self.held)
    }

    /// Byte ranges of matched words in `text`, sorted and not overlapping.
    #[cfg(test)]
    pub fn ranges(&mut self, text: &str) -> Vec<(usize, usize)> {
        self.ranges_in(text, &word_ranges(text))
    }

    /// Like `ranges`, with the words of `text` already cut (`words`).
    fn ranges_in(&mut self, text: &str, words: &[(u32, u32)]) -> Vec<(usize, usize)> {
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for &(from, to) in words {
            let (from, to) = (from as usize, to as usize);
            if text.get(from..to).is_some_and(|w| self.is_match(w)) {
                ranges.push((from, to));
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (from, to) in ranges {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        merged
    }

    /// All of `text`, escaped, with every match marked.
    #[cfg(test)]
    pub fn mark_all(&mut self, text: &str) -> String {
        let ranges = self.ranges(text);
        render(text, 0, text.len(), &ranges)
    }

    /// Like `mark_all`, also wrapping the chunk's glossary terms in their `<dfn>` elements.
    pub fn mark_chunk(&mut self, chunk: &Chunk) -> String {
        let text = chunk.text.as_str();
        let ranges = self.ranges_in(text, &chunk.words);
        let mut out = String::with_capacity(text.len() + 64);
        let mut at = 0;
        for (start, end, open_tag) in &chunk.glossary {
            out.push_str(&render(text, at, *start, &ranges));
            out.push_str(open_tag);
            out.push_str(&render(text, *start, *end, &ranges));
            out.push_str("</dfn>");
            at = *end;
        }
        out.push_str(&render(text, at, text.len(), &ranges));
        out
    }

    /// About `max_len` bytes of `text` around its densest run of matches, escaped and marked,
    /// with `…` where text was cut.
    #[cfg(test)]
    pub fn snippet(&mut self, text: &str, max_len: usize) -> String {
        self.snippet_in(text, &word_ranges(text), max_len)
    }

    /// Like `snippet`, with the words of `text` already cut (`words`).
    pub fn snippet_in(&mut self, text: &str, words: &[(u32, u32)], max_len: usize) -> String {
        let ranges = self.ranges_in(text, words);
        let (from, to) = window(text, &ranges, max_len);
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        out.push_str(&render(text, from, to, &ranges));
        if to < text.len() {
            out.push('…');
        }
        out
    }
}

fn render(text: &str, from: usize, to: usize, ranges: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(to - from + ranges.len() * 13);
    let mut at = from;
    for &(start, end) in ranges {
        if end <= from || start >= to {
            continue;
        }
        let (start, end) = (start.max(from), end.min(to));
        out.push_str(&escape_html(&text[at..start]));
        out.push_str("<mark>");
        out.push_str(&escape_html(&text[start..end]));
        out.push_str("</mark>");
        at = end;
    }
    out.push_str(&escape_html(&text[at..to]));
    out
}

/// Picks the window of at most `max_len` bytes holding the most matches, widened to whole
/// words, starting a little before the first match it holds.
fn window(text: &str, ranges: &[(usize, usize)], max_len: usize) -> (usize, usize) {
    if text.len() <= max_len {
        return (0, text.len());
    }
    let mut best = (0usize, 0usize); // (count, index of first range)
    for (i, &(start, _)) in ranges.iter().enumerate() {
        let count = ranges[i..]
            .iter()
            .take_while(|&&(_, end)| end <= start + max_len)
            .count();
        if count > best.0 {
            best = (count, i);
        }
    }
    let lead = max_len / 5;
    let anchor = ranges.get(best.1).map_or(0, |r| r.0);
    let mut from = word_start(text, anchor.saturating_sub(lead));
    if from <= lead {
        from = 0;
    }
    let to = word_end(text, (from + max_len).min(text.len()));
    (from, to)
}

/// How far a cut may move to land between words instead of inside one.
const WORD_SLACK: usize = 30;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A start at or a little after `at` that begins a word (or `at` itself inside a long word).
fn word_start(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    if at == 0 {
        return 0;
    }
    let look = floor_boundary(text, at.saturating_sub(WORD_SLACK));
    match text[look..at].rfind(char::is_whitespace) {
        Some(space) => {
            let space = look + space;
            space + text[space..].chars().next().map_or(1, char::len_utf8)
        }
        None => at,
    }
}

/// An end at or a little before `at` that ends a word (or `at` itself inside a long word).
fn word_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let at = floor_boundary(text, at);
    let look = floor_boundary(text, at.saturating_sub(WORD_SLACK));
    match text[look..at].rfind(char::is_whitespace) {
        Some(space) => look + space,
        None => at,
    }
}

#[cfg(test)]
mod tests {
    use super::super::query::plan;
    use super::*;

    fn highlighter(query: &str) -> Highlighter {
        Highlighter::new(&plan(query, Lang::En, &Default::default()), Lang::En)
    }

    #[test]
    fn marks_stemmed_matches_and_escapes_the_rest() {
        let html = highlighter("maintenance drug ").mark_all("<b>Maintenance</b> drugs & more");
        assert_eq!(
            html,
            "&lt;b&gt;<mark>Maintenance</mark>&lt;/b&gt; <mark>drugs</mark> &amp; more"
        );
    }

    #[test]
    fn marks_words_starting_with_an_unfinished_last_word() {
        let html = highlighter("how long mainte").mark_all("Maintenance lasts long.");
        assert_eq!(html, "<mark>Maintenance</mark> lasts <mark>long</mark>.");
    }

    #[test]
    fn snippet_centres_on_the_matches_and_cuts_at_words() {
        let text = format!(
            "{} the blinatumomab answer {}",
            "word ".repeat(60),
            "tail ".repeat(60)
        );
        let snippet = highlighter("blinatumomab ").snippet(&text, 80);
        assert!(
            snippet.starts_with('…') && snippet.ends_with('…'),
            "{snippet}"
        );
        assert!(snippet.contains("<mark>blinatumomab</mark>"), "{snippet}");
        assert!(
            !snippet.contains("wor…") && !snippet.contains("…ord"),
            "{snippet}"
        );
    }

    #[test]
    fn snippet_is_safe_on_multibyte_text() {
        let text = "ñ".repeat(300) + " remisión " + &"é".repeat(300);
        let mut h = Highlighter::new(&plan("remisión ", Lang::Es, &Default::default()), Lang::Es);
        let snippet = h.snippet(&text, 101);
        assert!(snippet.contains("<mark>remisión</mark>"), "{snippet}");
    }
}
