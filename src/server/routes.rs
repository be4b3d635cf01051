//! Which routes need which role, as route groups: the open group (sign-in pages, the pane,
//! documents, the JSON search, every server function — each server function checks its own
//! role), the supervisors' group (review pages and the review JSON API) and the admins' group
//! (users page, metrics, reload). Each closed group sits behind a `route_layer` that asks
//! `CurrentUser::require(role)`; the request layer before it only finds out who is asking.

use super::layer::forbidden;
use crate::auth::CurrentUser;
use crate::domain::Role;
use crate::ui::App;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use leptos_axum::{AxumRouteListing, generate_route_list_with_exclusions};
use std::sync::OnceLock;

/// The app's pages and server functions by the role they need: each group lists its pages, and
/// every server function of another group as excluded (so that each is registered once, in its
/// own group, behind its group's layer — before its arguments are even read).
pub(super) struct PageGroups {
    pub open: Vec<AxumRouteListing>,
    pub supervisors: Vec<AxumRouteListing>,
    pub admins: Vec<AxumRouteListing>,
}

/// The role a page or a server function needs beyond being signed in, from where it is mounted
/// (`/admin/…` and `/api/admin/…` for admins; `/review…`, `/api/review/…` and
/// `/api/analytics/…` for supervisors).
fn route_role(path: &str) -> Option<Role> {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    if under("/admin") || under("/api/admin") {
        Some(Role::Admin)
    } else if under("/review") || under("/api/review") || under("/api/analytics") {
        Some(Role::Supervisor)
    } else {
        None
    }
}

/// The app's routes, listed once per process, with every server function's path as an
/// excluded entry.
///
/// Listing runs the app with resource loading suppressed through a process-wide flag
/// (leptos_server's `SuppressResourceLoad`): a page whose resource is first polled while any
/// thread is listing waits forever (leptos issue #4773). Listing once, before any router exists,
/// keeps a second router (tests build one each, concurrently) from stalling a page in flight.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES
        .get_or_init(|| {
            let server_fns = leptos::server_fn::axum::server_fn_paths()
                .map(|(path, _)| path.to_string())
                .collect();
            generate_route_list_with_exclusions(App, Some(server_fns))
        })
        .clone()
}

pub(super) fn page_groups() -> PageGroups {
    let (excluded, pages): (Vec<_>, Vec<_>) = route_list()
        .into_iter()
        .partition(|r| leptos::server_fn::axum::server_fn_paths().any(|(p, _)| p == r.path()));
    let group = |role: Option<Role>| -> Vec<AxumRouteListing> {
        pages
            .iter()
            .filter(|r| route_role(r.path()) == role)
            .chain(excluded.iter().filter(|f| route_role(f.path()) != role))
            .cloned()
            .collect()
    };
    PageGroups {
        open: group(None),
        supervisors: group(Some(Role::Supervisor)),
        admins: group(Some(Role::Admin)),
    }
}

/// The closed groups' `route_layer`: the signed-in user must hold `role` (403 otherwise: a page
/// for pages, JSON for `/api/*`).
pub(super) async fn require_role(role: Role, request: Request, next: Next) -> Response {
    let allowed = request
        .extensions()
        .get::<CurrentUser>()
        .is_some_and(|user| user.require(role).is_ok());
    if allowed {
        next.run(request).await
    } else {
        forbidden(request.uri().path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_grouped_by_the_role_they_need() {
        for (path, role) in [
            ("/admin/users", Some(Role::Admin)),
            ("/api/admin/add_user", Some(Role::Admin)),
            ("/api/review/queue", Some(Role::Supervisor)),
            ("/api/analytics/queries", Some(Role::Supervisor)),
            ("/api/search", None),
            ("/api/pane_search", None),
            ("/review", Some(Role::Supervisor)),
            ("/review/doc/:id", Some(Role::Supervisor)),
            ("/review/analytics", Some(Role::Supervisor)),
            ("/", None),
            ("/doc/:id", None),
            ("/account", None),
            ("/reviews", None),
            ("/administer", None),
        ] {
            assert_eq!(route_role(path), role, "{path}");
        }
    }
}
