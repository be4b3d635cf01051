//! Random secrets (session cookies, API tokens, setup links) and the hashes stored for them.

use sha2::{Digest, Sha256};

/// 32 random bytes as 64 hex characters.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    to_hex(&bytes)
}

/// What is stored for a secret: its SHA-256, in hex. The secrets are random and long, so a
/// fast hash is enough.
pub fn hash_secret(secret: &str) -> String {
    to_hex(&Sha256::digest(secret.as_bytes()))
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
