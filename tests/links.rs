//! Query links through the app state: a logged search group linked to a passage answers the
//! next identical (or identically normalized) search first; bad links are refused; the link
//! counts the no-result searches it has answered; another server sharing the database follows.

mod common;

use common::{state_for, write_content};
use helpline_assist::domain::{Pinned, Role, SearchResponse};
use helpline_assist::review::ReviewError;
use helpline_assist::search::SearchRequest;
use helpline_assist::state::AppState;

async fn pane(state: &AppState, query: &str) -> SearchResponse {
    let request = SearchRequest {
        query: query.into(),
        lang: None,
        limit: 10,
        whole: Default::default(),
    };
    let mut response = state.search(request).await.expect("search");
    let index = state.index();
    response.search_ref = state
        .review()
        .log_search(
            index.corpus(),
            Role::Specialist,
            &response,
            None,
            state.now().timestamp(),
        )
        .await
        .expect("logged");
    response
}

fn normalized(state: &AppState, query: &str, lang: helpline_assist::domain::Lang) -> String {
    let index = state.index();
    helpline_assist::search::normalize::normalized_query(query, lang, &index.corpus().synonyms)
}

const PASSAGE: &str = "maintenance#which-drugs-are-used";

#[tokio::test]
async fn a_linked_group_is_answered_first_until_the_link_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path());
    let state = state_for(dir.path(), dir.path()).await;
    let query = "pills he takes at home every night";
    let before = pane(&state, query).await;
    assert_ne!(
        before.hits.first().map(|h| h.passage_id.as_str()),
        Some(PASSAGE)
    );
    let group = normalized(&state, query, helpline_assist::domain::Lang::En);
    let link = state
        .link_query("ada", &group, PASSAGE, "test")
        .await
        .expect("linked");
    assert_eq!(link.passage_id, PASSAGE);
    assert_eq!(link.example, query);

    let after = pane(&state, query).await;
    assert_eq!(after.hits[0].passage_id, PASSAGE);
    assert_eq!(
        after.hits[0].why.and_then(|w| w.pinned),
        Some(Pinned::Linked)
    );
    // The same group typed another way (order, case, plural) is linked too.
    let other = pane(&state, "Every night at home, the pill he takes").await;
    assert_eq!(other.hits[0].passage_id, PASSAGE);

    let links = state.query_links(None).await.expect("list");
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].searches, 2,
        "two searches of the group since it was linked"
    );
    assert_eq!(state.query_links(Some(PASSAGE)).await.unwrap().len(), 1);
    assert!(
        state
            .query_links(Some("maintenance#nope"))
            .await
            .unwrap()
            .is_empty()
    );

    state
        .unlink_query("ada", link.id, "test")
        .await
        .expect("removed");
    let removed = pane(&state, query).await;
    assert!(
        removed
            .hits
            .first()
            .is_none_or(|h| h.why.and_then(|w| w.pinned).is_none())
    );
    assert!(matches!(
        state.unlink_query("ada", link.id, "test").await,
        Err(ReviewError::NotFound(_))
    ));
}

#[tokio::test]
async fn a_no_result_search_answered_by_its_link_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path());
    let state = state_for(dir.path(), dir.path()).await;
    let query = "zorblax quimbentine";
    assert!(pane(&state, query).await.hits.is_empty());
    let group = normalized(&state, query, helpline_assist::domain::Lang::En);
    state
        .link_query("ada", &group, PASSAGE, "test")
        .await
        .expect("linked");
    let answered = pane(&state, query).await;
    assert_eq!(answered.hits.len(), 1);
    assert_eq!(answered.hits[0].passage_id, PASSAGE);
    let links = state.query_links(None).await.unwrap();
    assert_eq!((links[0].searches, links[0].answered), (1, 1));
    let index = state.index();
    let today = state.today();
    let view = state
        .review()
        .analytics(index.corpus(), today, today)
        .await
        .unwrap();
    assert_eq!((view.answered_by_links, view.led_by_links), (1, 0));
    // The gap queue no longer lists the group as pending; it names the passage.
    let index = state.index();
    let gaps = state.review().gaps(index.corpus(), None).await.unwrap();
    let gap = gaps
        .iter()
        .find(|g| g.group.normalized == group)
        .expect("still listed");
    assert_eq!(gap.linked_to.as_deref(), Some(PASSAGE));
}

#[tokio::test]
async fn bad_links_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path());
    let state = state_for(dir.path(), dir.path()).await;
    pane(&state, "how long is maintenance").await;
    let group = normalized(
        &state,
        "how long is maintenance",
        helpline_assist::domain::Lang::En,
    );
    let unknown_passage = state
        .link_query("ada", &group, "maintenance#nope", "t")
        .await;
    assert!(
        matches!(unknown_passage, Err(ReviewError::Invalid(_))),
        "{unknown_passage:?}"
    );
    let never_searched = state
        .link_query("ada", "never searched", PASSAGE, "t")
        .await;
    assert!(
        matches!(never_searched, Err(ReviewError::NotFound(_))),
        "{never_searched:?}"
    );
    let empty = state.link_query("ada", "  ", PASSAGE, "t").await;
    assert!(matches!(empty, Err(ReviewError::Invalid(_))), "{empty:?}");
    assert!(state.query_links(None).await.unwrap().is_empty());
}

#[tokio::test]
async fn another_server_on_the_same_database_follows_a_link() {
    let dir = tempfile::tempdir().unwrap();
    write_content(dir.path());
    let a = state_for(dir.path(), dir.path()).await;
    let b = state_for(dir.path(), dir.path()).await;
    b.watch_database();
    let query = "zorblax quimbentine";
    pane(&a, query).await;
    let group = normalized(&a, query, helpline_assist::domain::Lang::En);
    a.link_query("ada", &group, PASSAGE, "test")
        .await
        .expect("linked");
    let mut followed = false;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if b.search(SearchRequest {
            query: query.into(),
            lang: None,
            limit: 10,
            whole: Default::default(),
        })
        .await
        .expect("search")
        .hits
        .first()
        .is_some_and(|h| h.passage_id == PASSAGE)
        {
            followed = true;
            break;
        }
    }
    assert!(followed, "server B serves the link made on server A");
}
