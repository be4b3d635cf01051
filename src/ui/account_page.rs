//! `/account`: the signed-in user's own password and sessions — change the password (the
//! current one is asked for; other sessions end), see where they are signed in, and sign out
//! everywhere. Plain forms (server functions), so they work without JavaScript too.

use crate::server_fns::account::{ChangePassword, SignOutEverywhere, my_sessions};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let sessions = Resource::new(move || change.version().get(), |_| my_sessions());
    let outcome = move || {
        change.value().get().map(|result| match result {
            Ok(()) => view! { <p class="notice" role="status">"Password changed. Your other sessions have ended."</p> }.into_any(),
            Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
        })
    };
    view! {
        <Title text="Your account · Helpline Assist" />
        <div class="admin">
            <h1>"Your account"</h1>
            <section class="admin-section">
                <h2>"Change your password"</h2>
                {outcome}
                <ActionForm action=change attr:class="auth-form">
                    <label for="current">"Current password"</label>
                    <input id="current" name="current" type="password" autocomplete="current-password" required maxlength="256" />
                    <label for="new_password">"New password (at least 10 characters, not a common one)"</label>
                    <input id="new_password" name="new_password" type="password" autocomplete="new-password" required maxlength="256" />
                    <button type="submit">"Change password"</button>
                </ActionForm>
            </section>
            <section class="admin-section">
                <h2>"Where you are signed in"</h2>
                <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                    {move || sessions.get().map(|answer| match answer {
                        Ok(list) => view! {
                            <table class="table sessions">
                                <thead><tr><th>"Signed in"</th><th>"Last active"</th><th></th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|s| view! {
                                        <tr>
                                            <td>{s.started}</td>
                                            <td>{s.last_seen}</td>
                                            <td>{s.current.then_some("this browser")}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                    })}
                </Suspense>
                <ActionForm action=everywhere attr:class="inline-form">
                    <button type="submit">"Sign out everywhere"</button>
                </ActionForm>
                <p class="hint">"Ends every session, this one too: use it after signing in on a shared or lost computer."</p>
            </section>
        </div>
    }
}
