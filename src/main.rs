//! The `helpline-assist` binary: everything is in the library; see `cli::run`.

/// mimalloc: the server holds a large corpus built by several threads at once, which glibc's
/// per-thread arenas left fragmented (about 70 MB more resident at 100,000 passages).
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    helpline_assist::cli::run().await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The binary is built with the `ssr` feature; the browser bundle is the library.
}
