//! The `helpline-assist` binary: everything is in the library; see `cli::run`.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    helpline_assist::cli::run().await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The binary is built with the `ssr` feature; the browser bundle is the library.
}
