//! The command line, run as a real process.

mod common;

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_helpline-assist"))
}

#[test]
fn check_names_the_broken_file_and_line_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    common::write_content(dir.path());
    let out = bin().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let broken = dir.path().join("en/broken.md");
    assert!(
        stdout.contains(&format!("{}:1: error:", broken.display())),
        "{stdout}"
    );
}

#[test]
fn check_passes_good_content_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    common::write_content(dir.path());
    std::fs::remove_file(dir.path().join("en/broken.md")).unwrap();
    let out = bin().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2 documents, 3 passages, languages: en, es"),
        "{stdout}"
    );
}

#[test]
fn search_json_is_the_api_json() {
    let dir = tempfile::tempdir().unwrap();
    common::write_content(dir.path());
    let out = bin()
        .args(["search", "--json", "--limit", "3", "--content"])
        .arg(dir.path())
        .args(["maintenance", "how", "long"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["query"], "maintenance how long");
    assert_eq!(
        json["hits"][0]["passage_id"],
        "maintenance#how-long-does-maintenance-last"
    );
}

#[test]
fn search_rejects_a_bad_limit_clearly() {
    let out = bin()
        .args(["search", "--limit", "99", "anything"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("limit must be"));
}

#[test]
fn a_server_without_its_browser_bundle_refuses_to_start_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let empty_site = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["serve", "--addr", "127.0.0.1:0", "--site-root"])
        .arg(empty_site.path())
        .env("HELPLINE_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the browser bundle is missing"), "{stderr}");
    assert!(stderr.contains("cargo leptos build"), "{stderr}");
}
