//! Crash safety: flags and reviews are written by several clients while the server is killed
//! with SIGKILL; after a restart every write the server acknowledged is there and the database
//! passes SQLite's integrity check. Runs the real binary on loopback.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_helpline-assist");
const PASSAGE: &str = "maintenance#how-long-does-maintenance-last";

/// One HTTP/1.1 request on a fresh connection; `None` when the server is gone.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: Option<(&str, &str)>,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let (content_type, body) = body.unwrap_or(("text/plain", ""));
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let status = answer.split(' ').nth(1)?.parse().ok()?;
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_string())?;
    Some((status, body))
}

fn free_addr() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

/// A site folder with the bundle files a server built by plain `cargo build` names (the server
/// refuses to start without them); their contents do not matter to these tests.
fn stand_in_site(data: &Path) -> std::path::PathBuf {
    let site = data.join("site");
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for name in [
        "helpline-assist.js",
        "helpline-assist.css",
        "helpline-assist.wasm",
        "helpline-assist_bg.wasm",
    ] {
        std::fs::write(pkg.join(name), b"").unwrap();
    }
    site
}

fn start(data: &Path, addr: SocketAddr) -> Child {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let child = Command::new(BIN)
        .args(["serve", "--addr", &addr.to_string(), "--content"])
        .arg(content)
        .arg("--site-root")
        .arg(stand_in_site(data))
        .env("HELPLINE_DATA_DIR", data)
        .env("HELPLINE_API_REQUESTS_PER_MINUTE", "0")
        .env("HELPLINE_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while http(addr, "GET", "/healthz", "", None).is_none_or(|(s, _)| s != 200) {
        assert!(Instant::now() < deadline, "the server did not come up");
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

fn admin_token(data: &Path) -> String {
    let out = Command::new(BIN)
        .args(["token", "add", "crash-test", "--role", "admin"])
        .env("HELPLINE_DATA_DIR", data)
        .output()
        .expect("token add runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let data = tempfile::tempdir().unwrap();
    let token = admin_token(data.path());
    let addr = free_addr();
    let mut server = start(data.path(), addr);

    let flags = Arc::new(Mutex::new(Vec::<i64>::new()));
    let reviews = Arc::new(Mutex::new(0usize));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (flags, reviews, stop, token) = (flags.clone(), reviews.clone(), stop.clone(), token.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    if w == 0 && i % 3 == 0 {
                        let form = format!("doc_id=maintenance&note=review+{i}");
                        let sent = http(addr, "POST", "/api/review/mark_reviewed", &token,
                            Some(("application/x-www-form-urlencoded", &form)));
                        if sent.is_some_and(|(s, _)| s == 200) {
                            *reviews.lock().unwrap() += 1;
                        }
                        continue;
                    }
                    let body = format!(r#"{{"passage_id":"{PASSAGE}","reason":"other","note":"writer {w} flag {i}"}}"#);
                    let sent = http(addr, "POST", "/api/flags", &token, Some(("application/json", &body)));
                    if let Some((201, answer)) = sent {
                        let id = serde_json::from_str::<serde_json::Value>(&answer).unwrap()["id"]
                            .as_i64()
                            .unwrap();
                        flags.lock().unwrap().push(id);
                    }
                }
            })
        })
        .collect();

    let deadline = Instant::now() + Duration::from_secs(60);
    while flags.lock().unwrap().len() < 150 {
        assert!(
            Instant::now() < deadline,
            "too few writes were acknowledged"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().unwrap();
    }
    let acknowledged = flags.lock().unwrap().clone();
    let reviews_acknowledged = *reviews.lock().unwrap();

    let mut server = start(data.path(), addr);
    let (status, listed) = http(
        addr,
        "GET",
        "/api/review/flags?doc=maintenance&open=true",
        &token,
        None,
    )
    .unwrap();
    assert_eq!(status, 200, "{listed}");
    let stored: Vec<i64> = serde_json::from_str::<serde_json::Value>(&listed)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_i64().unwrap())
        .collect();
    let lost: Vec<&i64> = acknowledged
        .iter()
        .filter(|id| !stored.contains(id))
        .collect();
    assert!(lost.is_empty(), "acknowledged flags lost: {lost:?}");
    let (_, page) = http(
        addr,
        "POST",
        "/api/review/document",
        &token,
        Some(("application/x-www-form-urlencoded", "id=maintenance")),
    )
    .unwrap();
    let history = serde_json::from_str::<serde_json::Value>(&page).unwrap()["history"]
        .as_array()
        .unwrap()
        .len();
    assert!(
        history >= reviews_acknowledged,
        "{history} reviews stored, {reviews_acknowledged} acknowledged"
    );
    server.kill().unwrap();
    server.wait().unwrap();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = format!("sqlite://{}", data.path().join("helpline.db").display());
    let check = runtime.block_on(async {
        helpline_assist::store::Store::open(&url)
            .await
            .unwrap()
            .integrity_check()
            .await
            .unwrap()
    });
    assert_eq!(check, "ok");
}
