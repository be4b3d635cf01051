//! The command line: `serve` (the default), `search` and `check`. Parses arguments, sets up
//! logging, and hands each command to the module that owns the work.

use crate::config::{CheckArgs, Cli, Command, LogFormat, SearchArgs, ServeArgs};
use crate::content::load_dir;
use crate::domain::SearchResponse;
use crate::search::{SearchIndex, SearchRequest};
use crate::state::AppState;
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs the command the arguments name; the exit code tells how it went.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli.log, cli.log_format);
    let result = match cli.command {
        None => serve(ServeArgs::parse_from_env()).await,
        Some(Command::Serve(args)) => serve(args).await,
        Some(Command::Search(args)) => search(args),
        Some(Command::Check(args)) => return check(args),
        Some(Command::Eval(args)) => crate::cli_eval::eval(args).await,
        Some(Command::Generate(args)) => generate(args),
        Some(Command::User(command)) => crate::cli_accounts::user(command).await,
        Some(Command::Token(command)) => crate::cli_accounts::token(command).await,
        Some(Command::Content(command)) => content(command).await,
        Some(Command::Backup { file, data }) => backup(&file, &data).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(filter: &str, format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

impl ServeArgs {
    /// `serve`'s settings when no command is given: defaults and environment variables only.
    fn parse_from_env() -> ServeArgs {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            args: ServeArgs,
        }
        Only::parse_from(["helpline-assist"]).args
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let mut options = leptos::prelude::get_configuration(None)
        .map(|conf| conf.leptos_options)
        .unwrap_or_else(|_| {
            leptos::prelude::LeptosOptions::builder()
                .output_name("helpline-assist")
                .build()
        });
    if options.output_name.is_empty() {
        options.output_name = "helpline-assist".into();
    }
    options.site_addr = args.site_addr;
    options.site_root = args.site_root.to_string_lossy().into_owned().into();
    let bundle = crate::server::bundle::locate(&mut options)?;
    tracing::info!(wasm = %bundle.wasm.display(), hashed = bundle.hashed, "browser bundle found");
    let addr = args.site_addr;
    let store = crate::store::Store::open(&args.data.url()).await?;
    let base_url = args.base_url();
    let state = AppState::load(args, options, store).await?;
    state.spawn_query_retention();
    state.spawn_api_usage_sharing();
    state.spawn_memory_upkeep();
    state.watch_content();
    state.watch_database();
    if let Some(secret) = state.auth().first_run_secret().await? {
        // The one time a secret is printed by the server: nobody can sign in before it is used.
        println!(
            "\nNo accounts yet. Create the first admin within an hour at:\n\n    {base_url}/setup?token={secret}\n"
        );
        tracing::warn!("no accounts yet: the first-run setup link is printed on standard output");
    }
    let drain = std::time::Duration::from_secs(state.settings.shutdown_drain_seconds);
    crate::server::serve(
        crate::server::router(state.clone()),
        addr,
        state.clone(),
        drain,
    )
    .await?;
    state.close_database().await;
    Ok(())
}

fn search(args: SearchArgs) -> anyhow::Result<()> {
    let query = args.query.join(" ");
    let request =
        SearchRequest::from_params(Some(&query), args.lang.as_deref(), Some(&args.limit))?;
    let index = load_index(&args.content_dir)?;
    let response = index.search(&request)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &response)?;
        writeln!(out)?;
    } else {
        print_hits(&mut out, &response)?;
    }
    Ok(())
}

fn print_hits(out: &mut impl Write, response: &SearchResponse) -> std::io::Result<()> {
    let lang = response.lang.map_or("", |l| l.code());
    writeln!(
        out,
        "{} of {}{} passages ({lang}), {} µs",
        response.hits.len(),
        response.total,
        if response.total_at_least { "+" } else { "" },
        response.took_us
    )?;
    for (rank, hit) in response.hits.iter().enumerate() {
        writeln!(
            out,
            "\n{}. {} — {}  [{:.2}]",
            rank + 1,
            hit.title,
            hit.heading,
            hit.score
        )?;
        writeln!(out, "   {}", plain_snippet(&hit.snippet_html))?;
        writeln!(out, "   {}  (reviewed {})", hit.url, hit.last_reviewed)?;
    }
    Ok(())
}

/// A snippet for a terminal: matches in [brackets], entities decoded.
fn plain_snippet(html: &str) -> String {
    html.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn generate(args: crate::config::GenerateArgs) -> anyhow::Result<()> {
    let corpus = crate::content::load_dir(&args.from).corpus;
    let documents =
        crate::content::synthetic::write_folder(&corpus, &args.from, &args.out, args.passages)?;
    println!(
        "wrote {} passages in {documents} documents to {}",
        args.passages,
        args.out.display()
    );
    Ok(())
}

fn check(args: CheckArgs) -> ExitCode {
    let report = load_dir(&args.dir);
    for problem in &report.problems {
        println!("{problem}");
    }
    if report.has_errors() {
        let errors = report.problems.iter().filter(|p| p.is_error()).count();
        println!("{errors} error(s) in {} file(s) checked", report.files_seen);
        return ExitCode::FAILURE;
    }
    let corpus = &report.corpus;
    let langs: Vec<&str> = corpus.languages().iter().map(|l| l.code()).collect();
    println!(
        "ok: {} documents, {} passages, languages: {}",
        corpus.documents().len(),
        corpus.passage_count(),
        if langs.is_empty() {
            "none".to_string()
        } else {
            langs.join(", ")
        }
    );
    ExitCode::SUCCESS
}

pub(crate) fn load_index(content_dir: &std::path::Path) -> anyhow::Result<SearchIndex> {
    let report = load_dir(content_dir);
    if report.corpus.documents().is_empty() {
        anyhow::bail!("no content loaded from {}", content_dir.display());
    }
    Ok(SearchIndex::build(Arc::new(report.corpus))?)
}

/// `content export DIR`.
async fn content(command: crate::config::ContentCommand) -> anyhow::Result<()> {
    let crate::config::ContentCommand::Export {
        dir,
        content_dir,
        data,
    } = command;
    let store = crate::store::Store::open(&data.url()).await?;
    let exported = crate::editorial::export::export(&store, &content_dir, &dir).await?;
    println!(
        "{} published documents written to {}",
        exported.documents,
        dir.display()
    );
    for path in exported.retired {
        println!("retired, not written: {path}");
    }
    Ok(())
}

/// `backup FILE`: a consistent copy of the database, safe while the server runs.
async fn backup(file: &std::path::Path, data: &crate::config::DataArgs) -> anyhow::Result<()> {
    let (store, database) = crate::store::Store::open_for_backup(&data.url()).await?;
    store.backup_to(file).await?;
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!(
        "backup of {} written to {} ({bytes} bytes, readable by you only)\n\
         to restore: stop the server, remove {0}-wal and {0}-shm if present, copy the backup to {0}",
        database.display(),
        file.display(),
    );
    Ok(())
}
