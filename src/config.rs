//! The command line and every setting, from flags and environment variables (clap with `env`).
//! README's configuration table lists the same settings; keep the two together.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "helpline-assist",
    version,
    about = "Search-and-answer pane for helpline specialists (adult ALL treatment)",
    long_about = "Search-and-answer pane for helpline specialists (adult ALL treatment).\n\
                  With no command, runs `serve`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Log filter (tracing `EnvFilter` syntax), e.g. `info` or `helpline_assist=debug`.
    #[arg(long, global = true, env = "HELPLINE_LOG", default_value = "info")]
    pub log: String,

    /// Log line format.
    #[arg(long, global = true, env = "HELPLINE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web app (the default).
    Serve(ServeArgs),
    /// Search the content from the command line, with the same engine as the app.
    Search(SearchArgs),
    /// Check every content file; print problems as `path:line: message`.
    Check(CheckArgs),
    /// Score relevance on an evaluation set (recall@1, recall@3, MRR).
    Eval(EvalArgs),
    /// Write a synthetic content folder of N passages, for load tests and benchmarks.
    Generate(GenerateArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens for scripts and integrations.
    #[command(subcommand)]
    Token(TokenCommand),
    /// The published content in the database.
    #[command(subcommand)]
    Content(ContentCommand),
    /// Copy the SQLite database to FILE, consistently, while the server keeps serving.
    Backup {
        /// The copy to write (must not exist yet).
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// Write the published documents (each latest revision, byte for byte) as a content folder.
    Export {
        /// Folder to write (created if missing; files in it are replaced).
        dir: PathBuf,
        /// The content folder whose glossary, synonyms, helpline and safety files are copied.
        #[arg(
            long = "content",
            env = "HELPLINE_CONTENT_DIR",
            default_value = "content"
        )]
        content_dir: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; the password is read from standard input (never from the command line).
    Add {
        name: String,
        #[arg(long, default_value = "specialist")]
        role: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List users.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Disable a user (their sessions end).
    Disable {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Set a new password, read from standard input (their sessions end).
    ResetPassword {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token; it is printed once, on the last line, and only its hash is kept.
    Add {
        name: String,
        #[arg(long, default_value = "specialist")]
        role: String,
        /// The token stops working after this many days (1–3650); without it, never.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=3650))]
        expires_days: Option<u32>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List tokens (never the tokens themselves).
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Revoke a token.
    Revoke {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Folder of content (with `en/` and `es/` inside).
    #[arg(
        long = "content",
        env = "HELPLINE_CONTENT_DIR",
        default_value = "content"
    )]
    pub content_dir: PathBuf,

    /// Address to listen on.
    #[arg(
        long = "addr",
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000"
    )]
    pub site_addr: SocketAddr,

    /// Folder holding the built browser bundle and styles (`pkg/`), as cargo-leptos writes it.
    #[arg(
        long = "site-root",
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site"
    )]
    pub site_root: PathBuf,

    /// Longest time a request may take before it is answered with 408, in seconds.
    #[arg(long, env = "HELPLINE_REQUEST_TIMEOUT_SECS", default_value_t = 15)]
    pub request_timeout_secs: u64,

    #[command(flatten)]
    pub data: DataArgs,

    /// Folder where the search index is kept between restarts (opened with mmap; rebuilt only
    /// when the content or the program changed). Default: `index` in the data folder.
    #[arg(long = "index-dir", env = "HELPLINE_INDEX_DIR")]
    pub index_dir: Option<PathBuf>,

    /// Requests per minute one user, token or client may make to `/api/*` (a runaway script
    /// gets 429); 0 turns the limit off (load tests).
    #[arg(long, env = "HELPLINE_API_REQUESTS_PER_MINUTE", default_value_t = 1200)]
    pub api_requests_per_minute: u32,

    /// Searches allowed to run at once (on the blocking pool); more wait in a bounded queue.
    #[arg(long, env = "HELPLINE_MAX_CONCURRENT_SEARCHES", default_value_t = 32,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub max_concurrent_searches: u32,

    /// Answers remembered per content version (the same words typed again are answered from
    /// memory; the cache is emptied whenever the content is reloaded); 0 turns it off.
    #[arg(long, env = "HELPLINE_ANSWER_CACHE", default_value_t = 4096)]
    pub answer_cache: u32,

    /// Searches that may wait (up to 2 seconds) for a free slot; past that, 503 at once.
    #[arg(long, env = "HELPLINE_MAX_QUEUED_SEARCHES", default_value_t = 2048)]
    pub max_queued_searches: u32,

    /// Whether pane searches are logged (redacted, without the user) for analytics and the
    /// content-gap queue.
    #[arg(long, env = "HELPLINE_QUERY_LOG", value_enum, default_value_t = Switch::On)]
    pub query_log: Switch,

    /// Logged searches are deleted after this many days (checked daily).
    #[arg(long, env = "HELPLINE_QUERY_RETENTION_DAYS", default_value_t = 90,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub query_retention_days: u32,

    /// Pretend it is this moment (RFC 3339, e.g. 2026-03-06T18:29:00-06:00): the status bar
    /// and review dates use it. For tests and demonstrations; unset in production.
    #[arg(long, env = "HELPLINE_CLOCK")]
    pub clock: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// The address people use to reach the app (e.g. https://assist.example.org); with https,
    /// cookies are marked Secure. Also the start of the first-run setup link.
    #[arg(long, env = "HELPLINE_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Reverse proxies (IP addresses or CIDR ranges, comma-separated) whose `X-Forwarded-For`
    /// names the real client. Requests from anywhere else are taken by their socket address,
    /// and their `X-Forwarded-For` is ignored (a client cannot choose its own address).
    #[arg(long, env = "HELPLINE_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// On SIGTERM or Ctrl-C, seconds `/readyz` answers 503 (so a load balancer stops sending
    /// new requests) before the server stops accepting and finishes the requests in flight.
    #[arg(long, env = "HELPLINE_SHUTDOWN_DRAIN_SECONDS", default_value_t = 2)]
    pub shutdown_drain_seconds: u64,
}

/// One trusted proxy: an address (`10.0.0.5`) or a range (`10.0.0.0/8`).
fn parse_proxy(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("{text:?} is not an IP address or CIDR range (e.g. 10.0.0.0/8)"))
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            content_dir: PathBuf::from("content"),
            site_addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: PathBuf::from("target/site"),
            request_timeout_secs: 15,
            data: DataArgs::default(),
            index_dir: None,
            public_url: None,
            query_log: Switch::On,
            query_retention_days: 90,
            max_concurrent_searches: 32,
            max_queued_searches: 2048,
            answer_cache: 4096,
            api_requests_per_minute: 1200,
            clock: None,
            trusted_proxies: Vec::new(),
            shutdown_drain_seconds: 2,
        }
    }
}

/// On or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

impl ServeArgs {
    /// Now, or the fixed moment of `--clock`.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock
            .map_or_else(chrono::Utc::now, |t| t.with_timezone(&chrono::Utc))
    }

    /// Where the search index is kept: `--index-dir`, or `index` in the data folder.
    pub fn index_dir(&self) -> PathBuf {
        self.index_dir
            .clone()
            .unwrap_or_else(|| self.data.data_dir.join("index"))
    }

    /// Cookies need `Secure` when people reach the app over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// The address links printed by the server start with.
    pub fn base_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.site_addr))
            .trim_end_matches('/')
            .to_string()
    }
}

/// Where the database lives.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Folder of the embedded database (`helpline.db` inside).
    #[arg(long = "data-dir", env = "HELPLINE_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Database URL; overrides --data-dir: `sqlite:///var/lib/helpline/helpline.db`, or
    /// `postgres://user:password@host:5432/helpline` for several servers.
    #[arg(long = "database-url", env = "HELPLINE_DATABASE_URL")]
    pub database_url: Option<String>,
}

impl Default for DataArgs {
    fn default() -> Self {
        DataArgs {
            data_dir: PathBuf::from("data"),
            database_url: None,
        }
    }
}

impl DataArgs {
    pub fn url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("helpline.db").display()))
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Folder of content.
    #[arg(
        long = "content",
        env = "HELPLINE_CONTENT_DIR",
        default_value = "content"
    )]
    pub content_dir: PathBuf,

    /// Language of the answers (`en` or `es`); detected from the query when left out.
    #[arg(long)]
    pub lang: Option<String>,

    /// How many hits to show (1–50).
    #[arg(long, default_value = "10")]
    pub limit: String,

    /// Print the JSON the HTTP API returns.
    #[arg(long)]
    pub json: bool,

    /// What to search for.
    #[arg(required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folder of content.
    #[arg(default_value = "content")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Evaluation set: TSV with columns id, query, topic, answer_terms.
    pub file: PathBuf,

    /// Folder of content.
    #[arg(
        long = "content",
        env = "HELPLINE_CONTENT_DIR",
        default_value = "content"
    )]
    pub content_dir: PathBuf,

    /// Also list every question that was not answered first, with where its answer ranked.
    #[arg(long, short)]
    pub verbose: bool,

    /// Exit 1 when recall@3 is below this (a CI gate), e.g. 0.90.
    #[arg(long)]
    pub min_recall_at_3: Option<f64>,

    /// Exit 1 when recall@1 is below this (a CI gate).
    #[arg(long)]
    pub min_recall_at_1: Option<f64>,

    /// Also score a baseline on the same questions and content, and print both.
    #[arg(long, value_enum)]
    pub compare: Option<Baseline>,
}

/// A search to compare ours with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Baseline {
    /// SQLite FTS5: bm25, porter stemming, diacritics removed, the words OR-ed.
    Fts5,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Folder to write (`en/`, `es/`, synonyms and helpline facts copied from `--from`).
    pub out: PathBuf,
    /// How many passages.
    #[arg(long, default_value_t = 100_000)]
    pub passages: usize,
    /// The real content the sentences come from.
    #[arg(long, default_value = "content")]
    pub from: PathBuf,
}
