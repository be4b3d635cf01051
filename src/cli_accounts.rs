//! `helpline-assist user …` and `token …`: account administration from a shell, on the same
//! database the server uses. Passwords come from standard input, never from the command line.

use crate::auth::Auth;
use crate::config::{DataArgs, TokenCommand, UserCommand};
use crate::domain::Role;
use crate::store::Store;
use std::io::BufRead;

/// Who the audit log names for shell actions.
const SHELL: &str = "command line";

async fn open(data: &DataArgs) -> anyhow::Result<Auth> {
    Ok(Auth::new(Store::open(&data.url()).await?))
}

fn role(text: &str) -> anyhow::Result<Role> {
    Role::parse(text).ok_or_else(|| anyhow::anyhow!("role must be specialist, supervisor or admin"))
}

/// One line of standard input, without its line ending.
fn read_password() -> anyhow::Result<String> {
    eprintln!("password (one line on standard input):");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        anyhow::bail!("no password on standard input");
    }
    Ok(password)
}

pub async fn user(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            name,
            role: r,
            data,
        } => {
            let role = role(&r)?;
            let password = read_password()?;
            open(&data)
                .await?
                .create_user(SHELL, &name, &password, role, "")
                .await?;
            println!("added {name} ({})", role.as_str());
        }
        UserCommand::List { data } => {
            for account in open(&data).await?.accounts().await? {
                let state = if account.disabled {
                    "disabled"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}\t{state}\tsince {}",
                    account.username,
                    account.role.as_str(),
                    account.created
                );
            }
        }
        UserCommand::Disable { name, data } => {
            open(&data)
                .await?
                .set_disabled(SHELL, &name, true, "")
                .await?;
            println!("disabled {name}");
        }
        UserCommand::ResetPassword { name, data } => {
            let password = read_password()?;
            open(&data)
                .await?
                .reset_password(SHELL, &name, &password, "")
                .await?;
            println!("new password set for {name}; their sessions have ended");
        }
    }
    Ok(())
}

pub async fn token(command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Add {
            name,
            role: r,
            expires_days,
            data,
        } => {
            let role = role(&r)?;
            let secret = open(&data)
                .await?
                .create_token_expiring(SHELL, &name, role, expires_days, "")
                .await?;
            println!(
                "token {name} ({}) created; it is shown once, here:",
                role.as_str()
            );
            println!("{secret}");
        }
        TokenCommand::List { data } => {
            for t in open(&data).await?.tokens().await? {
                let state = if t.revoked { "revoked" } else { "live" };
                println!(
                    "{}\t{}\t{state}\tcreated {} by {}\texpires {}\tlast used {}",
                    t.name,
                    t.role.as_str(),
                    t.created,
                    t.created_by,
                    t.expires.as_deref().unwrap_or("never"),
                    t.last_used.as_deref().unwrap_or("never"),
                );
            }
        }
        TokenCommand::Revoke { name, data } => {
            open(&data).await?.revoke_token(SHELL, &name, "").await?;
            println!("revoked {name}");
        }
    }
    Ok(())
}
