//! `helpline-assist generate`: writes a synthetic content folder of any size for load tests
//! and benchmarks. Its passages are sentences of the real content shuffled into new passages
//! (a harsh case: every word is common), in valid documents that load without errors.

use crate::config::GenerateArgs;
use crate::content::load_dir;
use crate::domain::Lang;
use anyhow::Context;
use std::fmt::Write as _;

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

pub fn generate(args: GenerateArgs) -> anyhow::Result<()> {
    let report = load_dir(&args.from);
    let corpus = report.corpus;
    anyhow::ensure!(
        !corpus.documents().is_empty(),
        "no content in {}",
        args.from.display()
    );
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
        std::fs::create_dir_all(args.out.join(lang.code()))
            .with_context(|| format!("cannot create {}", args.out.display()))?;
    }
    for file in ["synonyms.toml", "helpline.toml"] {
        let from = args.from.join(file);
        if from.exists() {
            std::fs::copy(&from, args.out.join(file))?;
        }
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let documents = args.passages.div_ceil(PASSAGES_PER_DOCUMENT);
    let mut left = args.passages;
    for d in 0..documents {
        let lang = if d % 4 == 3 { Lang::Es } else { Lang::En };
        let pool = &pools[lang as usize];
        anyhow::ensure!(
            !pool.is_empty(),
            "no {} sentences to build from",
            lang.code()
        );
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
        std::fs::write(args.out.join(lang.code()).join(format!("gen-{d}.md")), text)?;
    }
    println!(
        "wrote {} passages in {documents} documents to {}",
        args.passages,
        args.out.display()
    );
    Ok(())
}
