//! The browser bundle the pages name. `cargo leptos build` writes it under the site root — with
//! `hash-files`, as `pkg/<name>.<hash>.{js,wasm,css}` and a `hash.txt` beside the server binary
//! that names the hashes. A server built any other way (plain `cargo build`) or started without
//! its site would serve pages whose bundle does not exist: they render, but never hydrate.
//! [`locate`] finds the files the pages will name and refuses to start when one is missing.

use leptos::prelude::LeptosOptions;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The stylesheet's address once [`locate`] has found it, for the few plain-HTML answers the
/// request layer writes itself (too many sign-ins, not allowed).
static STYLESHEET_HREF: OnceLock<String> = OnceLock::new();

/// The stylesheet's address: hashed when the build hashed it.
pub fn stylesheet_href() -> &'static str {
    STYLESHEET_HREF
        .get()
        .map_or("/pkg/helpline-assist.css", String::as_str)
}

/// Why the server cannot serve its pages' bundle.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error(
        "the browser bundle is missing: {missing} does not exist.\n\
         Pages would load without it and never come alive (typing would not search).\n\
         Build the server and the bundle together: `cargo leptos build --release` \
         (or `./scripts/run`), and serve the site folder that build wrote (--site-root)."
    )]
    Missing { missing: String },
    #[error("cannot read {path}: {source}")]
    HashFile {
        path: String,
        source: std::io::Error,
    },
}

/// The bundle's files, as the pages will name them.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub js: PathBuf,
    pub wasm: PathBuf,
    pub css: PathBuf,
    /// The names carry a content hash, so they can be cached for good.
    pub hashed: bool,
}

/// Reads `hash.txt` beside the running binary when there is one (the build hashed the files;
/// `options.hash_files` is switched on so the pages name them) and checks that the bundle's
/// files exist under the site root.
pub fn locate(options: &mut LeptosOptions) -> Result<Bundle, BundleError> {
    let hash_file = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())));
    let hashes = match hash_file.filter(|path| path.exists()) {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|source| BundleError::HashFile {
                path: path.display().to_string(),
                source,
            })?;
            Some(text)
        }
        None => None,
    };
    options.hash_files = hashes.is_some();
    let pkg = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let bundle = names(&pkg, &options.output_name, hashes.as_deref());
    for file in [&bundle.js, &bundle.wasm, &bundle.css] {
        if !file.is_file() {
            return Err(BundleError::Missing {
                missing: file.display().to_string(),
            });
        }
    }
    if let Some(name) = bundle.css.file_name() {
        let href = format!("/{}/{}", options.site_pkg_dir, name.to_string_lossy());
        let _ = STYLESHEET_HREF.set(href);
    }
    Ok(bundle)
}

/// The file names Leptos puts in the pages: `<name>.<hash>.<ext>` from `hash.txt` lines such
/// as `wasm: 1a2b…`; without hashes, `<name>.js`, `<name>.css` and `<name>.wasm` — or
/// `<name>_bg.wasm` when the binary was not built by cargo-leptos, which is what such a
/// server's pages ask for.
fn names(pkg: &Path, output_name: &str, hashes: Option<&str>) -> Bundle {
    let hash_of = |kind: &str| {
        hashes?.lines().find_map(|line| {
            let (file, hash) = line.trim().split_once(':')?;
            (file.trim() == kind).then(|| hash.trim().to_string())
        })
    };
    let file = |kind: &str, ext: &str| match hash_of(kind) {
        Some(hash) => pkg.join(format!("{output_name}.{hash}.{ext}")),
        None if kind == "wasm" && std::option_env!("LEPTOS_OUTPUT_NAME").is_none() => {
            pkg.join(format!("{output_name}_bg.wasm"))
        }
        None => pkg.join(format!("{output_name}.{ext}")),
    };
    Bundle {
        js: file("js", "js"),
        wasm: file("wasm", "wasm"),
        css: file("css", "css"),
        hashed: hashes.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let hashes = "js: aaa111\nwasm: bbb222\ncss: ccc333\n";
        let bundle = names(Path::new("site/pkg"), "app", Some(hashes));
        assert_eq!(bundle.js, Path::new("site/pkg/app.aaa111.js"));
        assert_eq!(bundle.wasm, Path::new("site/pkg/app.bbb222.wasm"));
        assert_eq!(bundle.css, Path::new("site/pkg/app.ccc333.css"));
        assert!(bundle.hashed);
    }

    #[test]
    fn a_missing_bundle_is_refused_with_the_file_it_needs() {
        let site = tempfile::tempdir().unwrap();
        let mut options = LeptosOptions::builder()
            .output_name("app")
            .site_root(site.path().to_string_lossy().into_owned())
            .build();
        let err = locate(&mut options).unwrap_err();
        assert!(err.to_string().contains("cargo leptos build"), "{err}");
        // Once the files the pages will name are there, it starts.
        let pkg = site.path().join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        let expected = names(&pkg, "app", None);
        for file in [&expected.js, &expected.wasm, &expected.css] {
            std::fs::write(file, b"x").unwrap();
        }
        assert_eq!(locate(&mut options).unwrap(), expected);
    }
}
