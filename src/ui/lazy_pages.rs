//! The pages a specialist's pane never opens — review, analytics, gaps, links, editing,
//! history, suggestions, flags, account and admin — as lazy routes: `cargo leptos build
//! --split` puts each in a file of its own, fetched when the page is first visited, so the
//! pane's first load carries only what the pane needs. On the server they render as before.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// A route type whose view is `$page`, loaded on demand.
macro_rules! lazy_page {
    ($($name:ident => $page:path),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($page), "`, loaded on demand.")]
        pub struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(this: Self) -> AnyView {
                let $name = this;
                view! { {$page()} <super::LiveMark /> }.into_any()
            }
        }
    )*};
}

lazy_page! {
    AdminRoute => super::admin_page::AdminPage,
    MyFlagsRoute => super::my_flags_page::MyFlagsPage,
    AccountRoute => super::account_page::AccountPage,
    ReviewQueueRoute => super::review_page::ReviewQueuePage,
    ReviewDocRoute => super::review_doc_page::ReviewDocPage,
    AnalyticsRoute => super::analytics_page::AnalyticsPage,
    GapsRoute => super::gaps_page::GapsPage,
    LinksRoute => super::link_page::LinksPage,
    EditDocRoute => super::editor_page::EditDocPage,
    HistoryRoute => super::history_page::HistoryPageView,
    DraftRoute => super::editor_page::DraftPage,
    SuggestRoute => super::suggest_page::SuggestPage,
}
