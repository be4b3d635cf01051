//! The review service against an in-memory database and a corpus written inline.

use super::*;
use crate::content::fixture::TestDoc;
use crate::domain::{Lang, ReviewState, Role, SearchHit, SearchResponse, UseAction};
use crate::store::{FlagFilter, QueryKind};

fn document(
    id: &str,
    lang: &str,
    reviewed: &str,
    body: &str,
    translation_of: Option<&str>,
) -> Document {
    TestDoc::new(id, lang, &format!("\n## How long\n\n{body}\n"))
        .owner(&format!("Team {id}"))
        .reviewed(reviewed)
        .translation_of(translation_of)
        .parse()
}

fn corpus(en_body: &str) -> Corpus {
    Corpus::new(vec![
        document("upkeep", "en", "2026-01-10", en_body, None),
        document(
            "upkeep-es",
            "es",
            "2026-01-10",
            "El mantenimiento dura años.",
            Some("upkeep"),
        ),
        document("old", "en", "2024-01-01", "Old words.", None),
    ])
}

async fn service() -> ReviewService {
    let store = Store::in_memory().await.expect("in-memory database");
    ReviewService::load(store, QueryLogPolicy::default())
        .await
        .expect("service")
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

fn at(text: &str) -> i64 {
    start_of_day(day(text), DEFAULT_TIME_ZONE) + 12 * 3600
}

#[tokio::test]
async fn flag_notes_are_redacted_before_they_are_stored() {
    let s = service().await;
    let c = corpus("Maintenance lasts about two years.");
    let id = s
        .flag_passage(
            &c,
            "sam",
            "upkeep#how-long",
            "unclear",
            "Caller maría.lópez@gmail.com, mrn A-123-456\nphone 312 555 01 99 asked",
            "",
        )
        .await
        .expect("flag");
    s.resolve_flag("ada", id, "Called back five five five oh one nine nine", "")
        .await
        .expect("resolve");
    let stored = &s.flags(&c, &FlagFilter::default()).await.expect("flags")[0];
    assert_eq!(stored.note, "Caller [email], mrn [id]\nphone [phone] asked");
    assert_eq!(
        stored.resolution_note.as_deref(),
        Some("Called back [number]")
    );
}

#[tokio::test]
async fn queue_puts_overdue_first_and_counts_open_flags() {
    let s = service().await;
    let c = corpus("Maintenance lasts about two years.");
    s.flag_passage(
        &c,
        "sam",
        "upkeep#how-long",
        "outdated",
        "Dates changed",
        "",
    )
    .await
    .expect("flag");
    let queue = s.queue(&c, day("2026-06-01")).await.expect("queue");
    assert_eq!(queue[0].doc_id, "old");
    assert_eq!(queue[0].state, ReviewState::Overdue);
    let upkeep = queue.iter().find(|r| r.doc_id == "upkeep").expect("row");
    assert_eq!((upkeep.open_flags, upkeep.state), (1, ReviewState::Current));
}

#[tokio::test]
async fn flag_lifecycle() {
    let s = service().await;
    let c = corpus("Maintenance lasts about two years.");
    assert!(matches!(
        s.flag_passage(&c, "sam", "upkeep#how-long", "boring", "", "")
            .await,
        Err(ReviewError::Invalid(_))
    ));
    assert!(matches!(
        s.flag_passage(&c, "sam", "upkeep#nowhere", "unclear", "", "")
            .await,
        Err(ReviewError::NotFound(_))
    ));
    let long = "x".repeat(1001);
    assert!(
        s.flag_passage(&c, "sam", "upkeep#how-long", "unclear", &long, "")
            .await
            .is_err()
    );
    let id = s
        .flag_passage(&c, "sam", "upkeep#how-long", "unclear", "Which drugs?", "")
        .await
        .expect("flag");
    let mine = FlagFilter {
        created_by: Some("sam"),
        open_only: true,
        ..FlagFilter::default()
    };
    let open = s.flags(&c, &mine).await.expect("flags");
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].place.as_str(), open[0].text_changed),
        ("How long", false)
    );

    // The passage changes: the flag says so.
    let changed = corpus("Maintenance lasts two to three years.");
    assert!(s.flags(&changed, &mine).await.expect("flags")[0].text_changed);

    s.resolve_flag("ada", id, "Reworded", "")
        .await
        .expect("resolve");
    assert!(s.flags(&c, &mine).await.expect("flags").is_empty());
    assert!(matches!(
        s.resolve_flag("ada", id, "again", "").await,
        Err(ReviewError::NotFound(_))
    ));
    let all = s.flags(&c, &FlagFilter::default()).await.expect("flags");
    assert_eq!(all[0].resolved_by.as_deref(), Some("ada"));
    let audit = s.store().audit_entries(10).await.expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.action == "resolve flag" && e.actor == "ada")
    );
    assert!(
        audit
            .iter()
            .any(|e| e.action == "flag passage" && e.actor == "sam")
    );
}

#[tokio::test]
async fn mark_reviewed_counts_until_the_file_changes() {
    let s = service().await;
    let c = corpus("Maintenance lasts about two years.");
    s.mark_reviewed(&c, "ada", "old", "Checked", at("2026-05-20"), "")
        .await
        .expect("review");
    let page = s
        .document(&c, "old", day("2026-06-01"))
        .await
        .expect("page");
    assert_eq!(page.status.effective_review, "2026-05-20");
    assert_eq!(page.status.state, ReviewState::Current);
    assert_eq!(page.doc.last_reviewed, "2026-05-20");
    assert!(page.history[0].current_content);

    let edited = Corpus::new(vec![document(
        "old",
        "en",
        "2024-01-01",
        "New words.",
        None,
    )]);
    let page = s
        .document(&edited, "old", day("2026-06-01"))
        .await
        .expect("page");
    assert_eq!(page.status.state, ReviewState::Overdue);
    assert!(page.status.changed_since_review);
    assert!(!page.history[0].current_content);
}

#[tokio::test]
async fn a_translation_reviewed_before_its_original_changed_is_warned_about() {
    let s = service().await;
    let c = corpus("Maintenance lasts about two years.");
    s.note_versions(&c, at("2026-02-01"))
        .await
        .expect("versions");
    let queue = s.queue(&c, day("2026-03-01")).await.expect("queue");
    assert!(queue.iter().all(|r| r.twin_warning.is_none()), "{queue:?}");

    let edited = corpus("Maintenance lasts two to three years.");
    s.note_versions(&edited, at("2026-03-05"))
        .await
        .expect("versions");
    let queue = s.queue(&edited, day("2026-03-06")).await.expect("queue");
    let es = queue.iter().find(|r| r.doc_id == "upkeep-es").expect("row");
    assert!(
        es.twin_warning
            .as_deref()
            .is_some_and(|w| w.contains("2026-03-05")),
        "{es:?}"
    );

    s.mark_reviewed(&edited, "ada", "upkeep-es", "", at("2026-03-07"), "")
        .await
        .expect("review");
    let queue = s.queue(&edited, day("2026-03-08")).await.expect("queue");
    assert!(queue.iter().all(|r| r.twin_warning.is_none()));
}

fn response(query: &str, hits: usize) -> SearchResponse {
    let hit = SearchHit {
        kind: crate::domain::HitKind::Passage,
        passage_id: "upkeep#how-long".into(),
        doc_id: "upkeep".into(),
        title: String::new(),
        heading: String::new(),
        lang: Lang::En,
        topic: String::new(),
        snippet_html: String::new(),
        text: String::new(),
        score: 1.0,
        last_reviewed: "2026-01-10".into(),
        url: String::new(),
        html: String::new(),
        sources: Vec::new(),
        chat_text: "Source: x, reviewed 2026-01-10".into(),
        phone_text: String::new(),
        twin_url: None,
        overdue: false,
        why: None,
        partial: false,
    };
    SearchResponse {
        query: query.into(),
        lang: Some(Lang::En),
        hits: vec![hit; hits],
        total: hits,
        ..SearchResponse::default()
    }
}

#[tokio::test]
async fn logged_queries_are_redacted_and_carry_no_user() {
    let s = service().await;
    let c = corpus("Maintenance lasts about two years.");
    let now = at("2026-03-02");
    let query = "my wife jane@example.com 312-555-0100 born 4/5/1970 mrn 123456 maintenance";
    s.log_search(&c, Role::Specialist, &response(query, 1), None, now)
        .await
        .expect("log");
    let stored = s.store().stored_query_texts().await.expect("texts");
    assert_eq!(
        stored,
        ["my wife [email] [phone] born [date] mrn [number] maintenance"]
    );
}

#[tokio::test]
async fn typing_replaces_the_row_until_a_hit_is_used() {
    let s = service().await;
    let c = corpus("x");
    let now = at("2026-03-02");
    // A specialist's search typed as `text`, continuing `previous`, at `when`.
    let log = async |text: &str, hits: usize, previous: Option<&str>, when: i64| {
        s.log_search(&c, Role::Specialist, &response(text, hits), previous, when)
            .await
            .expect("log")
    };
    let texts = async || s.store().stored_query_texts().await.expect("texts");
    let r1 = log("mainte", 1, None, now).await;
    let r2 = log("maintenance", 1, r1.as_deref(), now + 1).await;
    assert_eq!(texts().await, ["maintenance"]);
    // One search per keystroke: the next can leave before the last one's answer is back, so
    // it names the same row — which keeps its reference and stays one row.
    assert_eq!(r2, r1);
    log("maintenanc", 1, r1.as_deref(), now + 1).await;
    log("maintenance", 1, r1.as_deref(), now + 1).await;
    assert_eq!(texts().await, ["maintenance"]);
    s.record_use(r2.as_deref().expect("ref"), 1, UseAction::Copy)
        .await
        .expect("use");
    log("maintenance drugs", 1, r2.as_deref(), now + 2).await;
    assert_eq!(texts().await.len(), 2);
    // Too late to count as the same typing.
    let r4 = log("relapse", 0, None, now + 3).await;
    log("relapsed", 0, r4.as_deref(), now + 100).await;
    assert_eq!(texts().await.len(), 4);
}

#[tokio::test]
async fn gaps_group_by_normalized_form_and_keep_decisions() {
    let s = service().await;
    let c = corpus("x");
    let now = at("2026-03-02");
    for q in ["Tooth pain?", "tooth  PAINS", "dental pain", "maintenance"] {
        let hits = usize::from(q == "maintenance");
        s.log_search(&c, Role::Specialist, &response(q, hits), None, now)
            .await
            .expect("log");
    }
    let gaps = s.gaps(&c, None).await.expect("gaps");
    let tooth = gaps
        .iter()
        .find(|g| g.group.normalized.contains("tooth"))
        .expect("tooth");
    assert_eq!((tooth.group.count, tooth.group.zero_results), (2, 2));
    assert_eq!(tooth.status, "open");
    // "maintenance" had a hit, but nothing was opened: a no-click gap.
    assert!(gaps.iter().any(|g| g.group.example == "maintenance"));

    assert!(
        s.set_gap(
            &c,
            "ada",
            &tooth.group.normalized,
            "added",
            "",
            "nowhere",
            ""
        )
        .await
        .is_err()
    );
    assert!(
        s.set_gap(&c, "ada", &tooth.group.normalized, "assigned", " ", "", "")
            .await
            .is_err()
    );
    s.set_gap(
        &c,
        "ada",
        &tooth.group.normalized,
        "added",
        "",
        "upkeep",
        "",
    )
    .await
    .expect("added");
    let open = s.gaps(&c, Some("open")).await.expect("gaps");
    assert!(open.iter().all(|g| !g.group.normalized.contains("tooth")));
    let added = s.gaps(&c, Some("added")).await.expect("gaps");
    assert_eq!(added[0].doc_id, "upkeep");
}

#[tokio::test]
async fn retention_deletes_old_queries_only() {
    let s = service().await;
    let c = corpus("x");
    let now = at("2026-06-01");
    s.log_search(
        &c,
        Role::Specialist,
        &response("old one", 0),
        None,
        now - 91 * 86_400,
    )
    .await
    .expect("log");
    s.log_search(
        &c,
        Role::Specialist,
        &response("new one", 0),
        None,
        now - 89 * 86_400,
    )
    .await
    .expect("log");
    assert_eq!(s.purge_old_queries(now).await.expect("purge"), 1);
    assert_eq!(
        s.store().stored_query_texts().await.expect("texts"),
        ["new one"]
    );
}

#[tokio::test]
async fn logging_off_stores_nothing() {
    let store = Store::in_memory().await.expect("db");
    let s = ReviewService::load(
        store,
        QueryLogPolicy {
            enabled: false,
            retention_days: 90,
        },
    )
    .await
    .expect("service");
    let r = s
        .log_search(
            &corpus("x"),
            Role::Specialist,
            &response("maintenance", 1),
            None,
            0,
        )
        .await
        .expect("log");
    assert_eq!(r, None);
    assert!(
        s.store()
            .stored_query_texts()
            .await
            .expect("texts")
            .is_empty()
    );
}

#[tokio::test]
async fn analytics_count_per_day_and_rank() {
    let s = service().await;
    let c = corpus("x");
    let r = s
        .log_search(
            &c,
            Role::Specialist,
            &response("maintenance", 3),
            None,
            at("2026-03-02"),
        )
        .await
        .expect("log");
    s.record_use(r.as_deref().expect("ref"), 2, UseAction::Open)
        .await
        .expect("use");
    s.log_search(
        &c,
        Role::Supervisor,
        &response("relapse", 0),
        None,
        at("2026-03-03"),
    )
    .await
    .expect("log");
    let view = s
        .analytics(&c, day("2026-03-01"), day("2026-03-03"))
        .await
        .expect("analytics");
    assert_eq!((view.searches, view.searches_with_hits), (2, 1));
    assert!(
        view.per_day
            .iter()
            .any(|d| d.day == "2026-03-02" && d.count == 1)
    );
    assert_eq!(view.by_rank[0].rank, 2);
    assert_eq!(view.zero[0].example, "relapse");
    assert!(view.no_click.is_empty());
    assert!(
        s.analytics(&c, day("2026-03-03"), day("2026-03-01"))
            .await
            .is_err()
    );
    let top = s
        .query_groups(&c, QueryKind::Top, day("2026-03-01"), day("2026-03-03"), 10)
        .await
        .expect("top");
    let csv = analytics::groups_csv(&top);
    assert!(csv.starts_with("query,normalized,count"));
    assert_eq!(csv.lines().count(), 3);
}

#[tokio::test]
async fn overdue_hits_carry_a_badge_and_drop_one_place() {
    let s = service().await;
    let c = corpus("x");
    let mut r = response("q", 2);
    r.hits[0].doc_id = "old".into();
    r.hits[0].passage_id = "old#how-long".into();
    r.hits[1].score = 0.9;
    s.apply_to_hits(&c, day("2026-06-01"), &mut r);
    assert_eq!(r.hits[0].doc_id, "upkeep");
    assert!(r.hits[1].overdue && !r.hits[0].overdue);
    assert_eq!(r.hits[1].last_reviewed, "2024-01-01");

    // Far ahead of the next hit, an overdue passage keeps its place.
    let mut r = response("q", 2);
    r.hits[0].doc_id = "old".into();
    r.hits[1].score = 0.5;
    s.apply_to_hits(&c, day("2026-06-01"), &mut r);
    assert_eq!(r.hits[0].doc_id, "old");

    // A pinned first hit (a supervisor's link, a not-covered explanation) stays first.
    let mut r = response("q", 2);
    r.hits[0].doc_id = "old".into();
    r.hits[1].score = 0.9;
    r.hits[0].why = Some(crate::domain::Why {
        pinned: Some(crate::domain::Pinned::Linked),
        ..Default::default()
    });
    s.apply_to_hits(&c, day("2026-06-01"), &mut r);
    assert_eq!(r.hits[0].doc_id, "old");
    assert!(r.hits[0].overdue);
}
