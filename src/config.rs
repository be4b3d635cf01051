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
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            content_dir: PathBuf::from("content"),
            site_addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: PathBuf::from("target/site"),
            request_timeout_secs: 15,
        }
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
}
