//! A synthetic content folder of any size, for load tests (`helpline-assist generate`) and
//! benchmarks. Its passages are sentences of the real content shuffled into new passages (a
//! harsh case: every word is common), in valid documents that load without errors.

use super::Corpus;
use crate::domain::Lang;
use std::fmt::Write as _;
use std::path::Path;

const PASSAGES_PER_DOCUMENT: usize = 100;

/// A small deterministic generator (xorshift): the same folder every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below.max(1) as u64) as usize
    }
}

/// Writes `passages` passages built from `corpus` (and the synonyms and helpline files of
/// `from`) into `out`; returns the number of documents written.
pub fn write_folder(
    corpus: &Corpus,
    from: &Path,
    out: &Path,
    passages: usize,
) -> std::io::Result<usize> {
    let fail = |what: &str| std::io::Error::other(what.to_string());
    if corpus.documents().is_empty() {
        return Err(fail("no content to build from"));
    }
    let sentences = |lang: Lang| -> Vec<String> {
        corpus
            .documents()
            .iter()
            .filter(|d| d.lang == lang && d.topic != "glossary")
            .flat_map(|d| {
                d.passages
                    .iter()
                    .flat_map(|p| p.text.split(". ").map(str::to_string))
            })
            .filter(|s| s.len() > 20)
            .collect()
    };
    let pools = [sentences(Lang::En), sentences(Lang::Es)];
    for lang in Lang::ALL {
        std::fs::create_dir_all(out.join(lang.code()))?;
    }
    if from.join("helpline.toml").exists() {
        std::fs::copy(from.join("helpline.toml"), out.join("helpline.toml"))?;
    }
    if from.join("synonyms.toml").exists() {
        let synonyms = std::fs::read_to_string(from.join("synonyms.toml"))?;
        std::fs::write(out.join("synonyms.toml"), without_passage_names(&synonyms)?)?;
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let documents = passages.div_ceil(PASSAGES_PER_DOCUMENT);
    let mut left = passages;
    for d in 0..documents {
        let lang = if d % 4 == 3 { Lang::Es } else { Lang::En };
        let pool = &pools[lang as usize];
        if pool.is_empty() {
            return Err(fail("no sentences to build from in one of the languages"));
        }
        let mut text = format!(
            "+++\nid = \"gen-{d}\"\ntitle = \"Generated document {d}\"\ntopic = \"supportive\"\n\
             language = \"{}\"\nsummary = \"Synthetic passages for load tests.\"\n\
             owner = \"Load test\"\nlast_reviewed = \"2026-01-01\"\n\n[[sources]]\n\
             title = \"Generated\"\npublisher = \"helpline-assist generate\"\n+++\n",
            lang.code()
        );
        for p in 0..PASSAGES_PER_DOCUMENT.min(left) {
            let words: Vec<&str> = pool[rng.next(pool.len())]
                .split_whitespace()
                .take(6)
                .collect();
            let _ = write!(text, "\n## Section {p}: {}\n\n", words.join(" "));
            let body: Vec<&str> = (0..5)
                .map(|_| pool[rng.next(pool.len())].as_str())
                .collect();
            let _ = writeln!(text, "{}.", body.join(". ").trim_end_matches('.'));
        }
        left = left.saturating_sub(PASSAGES_PER_DOCUMENT);
        std::fs::write(out.join(lang.code()).join(format!("gen-{d}.md")), text)?;
    }
    Ok(documents)
}

/// The synonyms file without the keys that name passages of the real content (`not_covered`,
/// `age_passage`, and `ages_below` that needs them): the generated folder does not hold those
/// passages, and a folder naming missing passages is refused when it is reloaded.
fn without_passage_names(synonyms: &str) -> std::io::Result<String> {
    let mut file: toml_edit::DocumentMut = synonyms
        .parse()
        .map_err(|e| std::io::Error::other(format!("synonyms.toml: {e}")))?;
    if let Some(groups) = file
        .get_mut("group")
        .and_then(|g| g.as_array_of_tables_mut())
    {
        for group in groups.iter_mut() {
            for key in ["not_covered", "age_passage", "ages_below"] {
                group.remove(key);
            }
        }
    }
    Ok(file.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_dir;
    use crate::content::parse::parse_document;

    fn doc(id: &str, lang: &str, body: &str) -> crate::content::Document {
        let text = format!(
            "+++\nid = \"{id}\"\ntitle = \"T\"\ntopic = \"maintenance\"\nlanguage = \"{lang}\"\n\
             summary = \"s\"\nowner = \"o\"\nlast_reviewed = \"2026-01-01\"\n\n[[sources]]\n\
             title = \"T\"\npublisher = \"P\"\n+++\n\n## A\n\n{body}\n"
        );
        parse_document(Path::new("x.md"), &text, None)
            .document
            .expect("parses")
    }

    #[test]
    fn the_folder_loads_without_errors_with_the_asked_number_of_passages() {
        let corpus = Corpus::new(vec![
            doc(
                "a",
                "en",
                "Maintenance lasts about two years in most plans. It uses daily pills and monthly drugs.",
            ),
            doc(
                "b",
                "es",
                "El mantenimiento dura unos dos años en la mayoría de los planes. Usa pastillas diarias.",
            ),
        ]);
        let out = tempfile::tempdir().expect("temp dir");
        let from = tempfile::tempdir().expect("temp dir");
        // The real synonyms name passages the generated folder does not hold.
        std::fs::write(
            from.path().join("synonyms.toml"),
            "[[group]]\nterms = [\"AML\", \"acute myeloid leukemia\"]\n\
             not_covered = \"other#how-it-differs\"\n\n[[group]]\n\
             terms = [\"childhood ALL\"]\nnot_covered = \"other#children\"\n\
             ages_below = 18\nage_passage = \"other#children\"\n",
        )
        .expect("synonyms written");
        let documents = write_folder(&corpus, from.path(), out.path(), 250).expect("written");
        assert_eq!(documents, 3);
        let report = load_dir(out.path());
        assert!(
            report.problems.iter().all(|p| !p.is_error()),
            "{:?}",
            report.problems
        );
        assert_eq!(report.corpus.passage_count(), 250);
        assert!(write_folder(&Corpus::default(), from.path(), out.path(), 10).is_err());
    }
}
