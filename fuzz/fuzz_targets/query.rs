//! Any bytes as a query, in any language setting, against the real content: the search must
//! answer (hits or none), never panic. Slow inputs show up as libFuzzer timeouts.
#![no_main]

use helpline_assist::content::load_dir;
use helpline_assist::domain::Lang;
use helpline_assist::search::{SearchIndex, SearchRequest};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, LazyLock};

static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    SearchIndex::build(Arc::new(load_dir(&dir).corpus)).expect("the real content indexes")
});

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lang = match choice % 3 {
        0 => None,
        1 => Some(Lang::En),
        _ => Some(Lang::Es),
    };
    let request = SearchRequest {
        query: text.chars().take(500).collect(),
        lang,
        limit: 1 + usize::from(choice) % 50,
    };
    let response = INDEX.search(&request).expect("a search never fails on its input");
    assert!(response.hits.len() <= request.limit);
});
