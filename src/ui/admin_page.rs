//! `/admin/users`: accounts, API tokens and the audit log, for admins. Every action is a
//! server function that checks the admin role itself.

use crate::domain::{AccountView, Role, TokenView};
use crate::server_fns::admin::{
    AddToken, AddUser, ResetUserPassword, RevokeToken, SetUserDisabled, SetUserRole, list_accounts,
    list_audit,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminPage() -> impl IntoView {
    let add_user = ServerAction::<AddUser>::new();
    let set_disabled = ServerAction::<SetUserDisabled>::new();
    let set_role = ServerAction::<SetUserRole>::new();
    let reset = ServerAction::<ResetUserPassword>::new();
    let add_token = ServerAction::<AddToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let changes = move || {
        (
            add_user.version().get(),
            set_disabled.version().get(),
            set_role.version().get(),
            reset.version().get(),
            add_token.version().get(),
            revoke.version().get(),
        )
    };
    let accounts = Resource::new(changes, |_| list_accounts());
    let audit = Resource::new(changes, |_| list_audit());
    let outcome = move || {
        let errors = [
            add_user.value().get().and_then(Result::err),
            set_disabled.value().get().and_then(Result::err),
            set_role.value().get().and_then(Result::err),
            reset.value().get().and_then(Result::err),
            add_token.value().get().and_then(|r| r.err()),
            revoke.value().get().and_then(Result::err),
        ];
        errors
            .into_iter()
            .flatten()
            .last()
            .map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })
    };
    let new_token = move || {
        add_token.value().get().and_then(Result::ok).map(|secret| {
            view! {
                <p class="notice" role="status">
                    "New token — copy it now, it is not shown again: " <code class="token">{secret}</code>
                </p>
            }
        })
    };

    view! {
        <Title text="Users · Helpline Assist" />
        <div class="admin">
            <h1>"Users and tokens"</h1>
            {outcome}
            {new_token}
            <Suspense fallback=|| view! { <p class="hint">"Loading…"</p> }>
                {move || accounts.get().map(|answer| match answer {
                    Ok((users, tokens)) => view! {
                        <UserTable users set_disabled set_role reset />
                        <TokenTable tokens revoke />
                    }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
                })}
            </Suspense>
            <AddForms add_user add_token />
            <section class="admin-section">
                <h2>"Audit log"</h2>
                <Suspense>
                    {move || audit.get().and_then(Result::ok).map(|entries| view! { <AuditTable entries /> })}
                </Suspense>
            </section>
        </div>
    }
}

/// The forms that add a user and create an API token.
#[component]
fn AddForms(add_user: ServerAction<AddUser>, add_token: ServerAction<AddToken>) -> impl IntoView {
    view! {
        <section class="admin-section">
            <h2>"Add a user"</h2>
            <ActionForm action=add_user attr:class="inline-form">
                <input name="username" placeholder="user name" required maxlength="32" aria-label="User name" />
                <input name="password" type="password" placeholder="password" required maxlength="256" autocomplete="new-password" aria-label="Password" />
                <RoleSelect name="role" selected=Role::Specialist />
                <button type="submit">"Add"</button>
            </ActionForm>
        </section>
        <section class="admin-section">
            <h2>"Create an API token"</h2>
            <ActionForm action=add_token attr:class="inline-form">
                <input name="name" placeholder="token name (e.g. crm)" required maxlength="32" aria-label="Token name" />
                <RoleSelect name="role" selected=Role::Specialist />
                <input name="expires_days" type="number" min="1" max="3650" placeholder="expires in days (empty: never)" aria-label="Expires after this many days (empty: never)" />
                <button type="submit">"Create"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AuditTable(entries: Vec<crate::domain::AuditView>) -> impl IntoView {
    view! {
        <table class="table">
            <thead><tr><th>"When"</th><th>"Who"</th><th>"What"</th><th>"Whom"</th><th>"From"</th></tr></thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr><td>{e.at}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.target}</td><td>{e.client}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn RoleSelect(name: &'static str, selected: Role) -> impl IntoView {
    view! {
        <select name=name aria-label="Role">
            {Role::ALL.into_iter().map(|r| view! {
                <option value=r.as_str() selected=r == selected>{r.as_str()}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn UserTable(
    users: Vec<AccountView>,
    set_disabled: ServerAction<SetUserDisabled>,
    set_role: ServerAction<SetUserRole>,
    reset: ServerAction<ResetUserPassword>,
) -> impl IntoView {
    view! {
        <section class="admin-section">
            <h2>"Users"</h2>
            <table class="table users">
                <thead><tr><th>"User"</th><th>"Role"</th><th>"State"</th><th>"Since"</th><th>"New password"</th></tr></thead>
                <tbody>
                    {users.into_iter().map(|u| {
                        let (for_role, for_state, for_reset) = (u.username.clone(), u.username.clone(), u.username.clone());
                        view! {
                            <tr data-user=u.username.clone()>
                                <td>{u.username.clone()}</td>
                                <td>
                                    <ActionForm action=set_role attr:class="inline-form">
                                        <input type="hidden" name="username" value=for_role.clone() />
                                        <RoleSelect name="role" selected=u.role />
                                        <button type="submit">"Set"</button>
                                    </ActionForm>
                                </td>
                                <td>
                                    <ActionForm action=set_disabled attr:class="inline-form">
                                        <input type="hidden" name="username" value=for_state.clone() />
                                        <input type="hidden" name="disabled" value=(!u.disabled).to_string() />
                                        {if u.disabled { "disabled " } else { "active " }}
                                        <button type="submit">{if u.disabled { "Enable" } else { "Disable" }}</button>
                                    </ActionForm>
                                </td>
                                <td>{u.created.clone()}</td>
                                <td>
                                    <ActionForm action=reset attr:class="inline-form">
                                        <input type="hidden" name="username" value=for_reset.clone() />
                                        <input name="password" type="password" required maxlength="256" autocomplete="new-password" aria-label="New password" />
                                        <button type="submit">"Reset"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn TokenTable(tokens: Vec<TokenView>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    view! {
        <section class="admin-section">
            <h2>"API tokens"</h2>
            <table class="table tokens">
                <thead><tr><th>"Name"</th><th>"Role"</th><th>"Created"</th><th>"By"</th><th>"Expires"</th><th>"Last used"</th><th></th></tr></thead>
                <tbody>
                    {tokens.into_iter().map(|t| {
                        let for_revoke = t.name.clone();
                        view! {
                        <tr data-token=t.name.clone()>
                            <td>{t.name.clone()}</td>
                            <td>{t.role.as_str()}</td>
                            <td>{t.created.clone()}</td>
                            <td>{t.created_by.clone()}</td>
                            <td>{t.expires.clone().unwrap_or_else(|| "never".into())}</td>
                            <td>{t.last_used.clone().unwrap_or_else(|| "never".into())}</td>
                            <td>
                                {if t.revoked {
                                    view! { <span class="hint">"revoked"</span> }.into_any()
                                } else {
                                    view! {
                                        <ActionForm action=revoke attr:class="inline-form">
                                            <input type="hidden" name="name" value=for_revoke.clone() />
                                            <button type="submit">"Revoke"</button>
                                        </ActionForm>
                                    }.into_any()
                                }}
                            </td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
