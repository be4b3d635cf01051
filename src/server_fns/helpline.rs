//! The helpline's facts and live-chat state, for the status bar.

use crate::domain::HelplineStatus;
use crate::error::AppError;
use leptos::prelude::*;

/// Phone, hours and whether live chat is open now; `None` when no helpline.toml is loaded.
#[server(endpoint = "helpline_now")]
pub async fn helpline_now() -> Result<Option<HelplineStatus>, AppError> {
    use crate::state::AppState;

    crate::server_fns::guard::require(crate::domain::Role::Specialist)?;
    let state = expect_context::<AppState>();
    let index = state.index();
    let Some(facts) = index.corpus().helpline.as_ref() else {
        return Ok(None);
    };
    let now = state.now();
    let status = facts.chat_status(now);
    let format = |t: chrono::DateTime<chrono_tz::Tz>| t.format("%a %-I:%M %p %Z").to_string();
    Ok(Some(HelplineStatus {
        name: facts.name.clone(),
        phone: facts.phone.clone(),
        phone_hours: facts.phone_hours.clone(),
        now_local: format(now.with_timezone(&facts.time_zone)),
        chat_open: status.open,
        chat_next_change: status.next_change.map(format),
        disclaimer: facts.disclaimer.clone(),
        disclaimer_es: facts.disclaimer_es.clone(),
    }))
}
