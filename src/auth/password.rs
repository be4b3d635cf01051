//! Password hashing (argon2id with a random salt) and the rules a new password must meet.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;

pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash to verify against when the user does not exist, so that a wrong name takes as long
/// as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password that matches nothing").unwrap_or_default())
}

/// Why a new password is refused, or `Ok`. Long enough, and not a common password or one
/// close to it (zxcvbn's frequency lists include the most common passwords).
pub fn check_new_password(username: &str, password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(format!(
            "the password must have at least {MIN_PASSWORD_CHARS} characters"
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(format!(
            "the password must have at most {MAX_PASSWORD_CHARS} characters"
        ));
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return Err("the password must not contain the user name".into());
    }
    let estimate = zxcvbn::zxcvbn(password, &[username]);
    if (estimate.score() as u8) < 3 {
        return Err("the password is too easy to guess (a common password, a word, or close to the user name); try a few unrelated words".into());
    }
    Ok(())
}

/// User names: 3–32 of a–z, 0–9, `.`, `_`, `-`, starting with a letter.
pub fn check_username(username: &str) -> Result<(), String> {
    let ok = (3..=32).contains(&username.len())
        && username.starts_with(|c: char| c.is_ascii_lowercase())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err("user names have 3–32 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter".into())
    }
}
