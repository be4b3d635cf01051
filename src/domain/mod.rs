//! Wire types shared by the server and the browser: what a search returns, what a document
//! page shows. Plain serde types; no Leptos, no server crates, so both builds compile them.

use serde::{Deserialize, Serialize};

/// A language the content is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "TEXT", rename_all = "lowercase"))]
pub enum Lang {
    En = 0,
    Es = 1,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// Parses a language code such as `en` or `ES`; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }
}

/// Where a document's facts come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceView {
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub accessed: Option<String>,
}

/// What a hit is: a passage of a document, or a glossary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Passage,
    Glossary,
}

/// Why a passage was put first although the search did not rank it there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pinned {
    /// A supervisor linked this query to the passage.
    Linked,
    /// The query names a disease the content does not cover; the passage explains the
    /// difference.
    NotCovered,
}

/// How a hit was found: what the JSON answer says so that a score further down the list being
/// higher is explained (a later pass needs fewer of the query's groups).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Why {
    /// Groups (words, or phrases from the synonyms) the query was cut into.
    pub groups: u8,
    /// Of those, how many the passage holds (title, heading or text).
    pub matched: u8,
    /// How many of the groups matched are corrected misspellings.
    pub typos: u8,
    /// Two of the query's words stand near each other in the passage (a bonus).
    pub phrase: bool,
    /// The pass that found it: how many groups it had to hold (passes step down from all).
    pub pass: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<Pinned>,
}

/// One passage that matched a query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub passage_id: String,
    pub doc_id: String,
    pub title: String,
    pub heading: String,
    pub lang: Lang,
    pub topic: String,
    /// A short extract, HTML-escaped, with the matched words wrapped in `<mark>`.
    pub snippet_html: String,
    /// The passage as plain text, ready to paste.
    pub text: String,
    pub score: f32,
    /// YYYY-MM-DD
    pub last_reviewed: String,
    /// Page path of the passage: `/doc/<doc id>#<heading slug>`.
    pub url: String,
    /// The whole passage rendered from Markdown (raw HTML escaped), matched words in `<mark>`.
    pub html: String,
    pub sources: Vec<SourceView>,
    /// Ready to paste into a chat: passage, source line, public link, disclaimer.
    pub chat_text: String,
    /// Ready to read aloud: no links, abbreviations spelled out at first use.
    pub phone_text: String,
    /// The same answer in the document's twin in the other language, when there is one.
    pub twin_url: Option<String>,
    /// The document is past its review date (it stays searchable, ranked a little lower).
    #[serde(default)]
    pub overdue: bool,
    /// How the search found it (absent for browsing by topic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Why>,
    /// Only what the list shows was sent (the pane sends the whole passage for its first hit
    /// only): `text`, `html`, `sources`, `chat_text` and `phone_text` are empty until the pane
    /// asks for the passage (`pane_hit`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

impl SearchHit {
    /// Keeps what the list of hits shows (title, heading, snippet, links) and drops the whole
    /// passage and its copy texts, marking the hit `partial`.
    pub fn lighten(&mut self) {
        for heavy in [
            &mut self.text,
            &mut self.html,
            &mut self.chat_text,
            &mut self.phone_text,
        ] {
            *heavy = String::new();
        }
        self.sources = Vec::new();
        self.partial = true;
    }
}

/// The answer to one search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub query: String,
    /// The language the hits are in (detected from the query when not given).
    pub lang: Option<Lang>,
    pub took_us: u64,
    /// The query with misspelled words corrected, when the hits came through a correction.
    pub corrected: Option<String>,
    /// How many passages matched in all (the hits are the best of them).
    pub total: usize,
    /// `total` is a lower bound: at least that many matched (large totals are not counted).
    #[serde(default)]
    pub total_at_least: bool,
    pub hits: Vec<SearchHit>,
    /// Real words of the query that no passage mentions (searched without them; never
    /// "corrected" into other words).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<String>,
    /// The words of the query naming a disease the content does not cover (CLL, AML, CML,
    /// childhood ALL), as typed: the pane says the content is about adult ALL, and no ALL
    /// passage is presented as the answer about that disease.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_covered: Option<String>,
    /// For the pane: names this search in the query log, to report what was opened or copied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_ref: Option<String>,
}

/// One section of a document page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PassageView {
    pub passage_id: String,
    /// The HTML anchor, also the part of the passage id after `#`.
    pub slug: String,
    pub heading: Option<String>,
    pub html: String,
}

/// A link to a document in the other language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocLink {
    pub id: String,
    pub title: String,
    pub lang: Lang,
}

/// A whole document, as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocView {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub lang: Lang,
    pub summary: String,
    pub owner: String,
    pub last_reviewed: String,
    /// Past its review date.
    #[serde(default)]
    pub overdue: bool,
    pub sources: Vec<SourceView>,
    pub passages: Vec<PassageView>,
    pub translations: Vec<DocLink>,
}

/// What the health check and the empty-state page need to know.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorpusStatus {
    pub documents: usize,
    pub passages: usize,
    pub skipped_files: usize,
    /// When the content being served was loaded (RFC 3339).
    #[serde(default)]
    pub loaded_at: String,
    /// Reloads since start-up that replaced the content, and ones refused for errors.
    #[serde(default)]
    pub reloads: u64,
    #[serde(default)]
    pub reload_failures: u64,
    /// Why the last refused reload was refused (`path:line: message`), until one succeeds.
    #[serde(default)]
    pub last_reload_errors: Vec<String>,
}

/// Topics the pane knows how to browse; others load with a warning.
pub const TOPICS: [&str; 25] = [
    "overview",
    "factors",
    "phases",
    "induction-ph-neg",
    "remission",
    "induction-ph-pos",
    "induction-t-cell",
    "older-adults",
    "cns",
    "consolidation",
    "maintenance",
    "outcomes",
    "relapsed-refractory",
    "transplant",
    "supportive-care",
    "glossary",
    "helpline",
    "side-effects",
    "procedures",
    "fertility",
    "clinical-trials",
    "practical-help",
    "after-treatment",
    "young-adults",
    "emotional-support",
];

/// Limits of the search API, shared by the server's checks and the browser.
pub const MAX_QUERY_CHARS: usize = 500;
pub const MAX_LIMIT: usize = 50;
pub const DEFAULT_LIMIT: usize = 10;

/// The helpline at this moment, for the status bar.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HelplineStatus {
    pub name: String,
    pub phone: String,
    pub phone_hours: String,
    /// The current time in the helpline's time zone, e.g. "Fri 6:29 PM CST".
    pub now_local: String,
    pub chat_open: bool,
    /// When chat closes (if open) or opens (if closed), e.g. "Mon 7:00 AM CST".
    pub chat_next_change: Option<String>,
    pub disclaimer: String,
    pub disclaimer_es: String,
}

/// What a signed-in user may do. Each role can do everything the one before it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "TEXT", rename_all = "lowercase"))]
pub enum Role {
    /// Search, read, flag.
    Specialist,
    /// Also the review pages and analytics.
    Supervisor,
    /// Also users and tokens.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Specialist, Role::Supervisor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Specialist => "specialist",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim().to_ascii_lowercase())
    }
}

/// Who is signed in, as the pages see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub username: String,
    pub role: Role,
}

/// A user account, as the admin page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    /// YYYY-MM-DD HH:MM UTC
    pub created: String,
}

/// An API token, as the admin page lists it (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub name: String,
    pub role: Role,
    pub created: String,
    pub created_by: String,
    pub revoked: bool,
    /// When it stops working, if it expires.
    pub expires: Option<String>,
    /// Its last request, if it has made one.
    pub last_used: Option<String>,
}

/// One of the signed-in user's sessions, as the account page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub started: String,
    pub last_seen: String,
    /// The session this page was loaded in.
    pub current: bool,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub client: String,
}

mod review;
pub use review::*;
mod editorial;
pub use editorial::*;
