//! The query log and what is read from it: logging a pane search (redacted, no user), the use
//! of a hit, the retention purge, the analytics page, the content-gap queue and CSV export.

use super::queue::local_time;
use super::redact::redact;
use super::{ReviewError, ReviewService, local_day, start_of_day, time_zone};
use crate::content::Corpus;
use crate::domain::{
    AnalyticsView, DayCount, Lang, QueryGroupView, RankUse, Role, SearchResponse, UseAction,
};
use crate::search::normalize::normalized_query;
use crate::store::{NewQuery, QueryGroupRow, QueryKind};
use chrono::{Datelike, Days, NaiveDate, Timelike};
use std::collections::HashMap;

/// Whether a query link put the first hit there: `"only"` when it is the only hit (the engine
/// found nothing), `"first"` when the engine found others too.
fn link_use(response: &SearchResponse) -> Option<&'static str> {
    let why = response.hits.first()?.why?;
    // A pinned passage the engine did not find itself has no pass (0).
    let alone = response.hits.len() == 1 && why.pass == 0;
    (why.pinned == Some(crate::domain::Pinned::Linked)).then_some(if alone {
        "only"
    } else {
        "first"
    })
}

/// A search still being typed replaces its row for this long.
const TYPING_WINDOW_SECS: i64 = 30;
/// Rows shown per list on the analytics page.
const LIST_LIMIT: i64 = 50;
/// Longest date range the analytics page draws, in days.
pub const MAX_RANGE_DAYS: u64 = 400;

impl ReviewService {
    /// Logs a pane search (redacted, with the role, never the user) and returns the reference
    /// the pane reports uses with. `replacing` is the previous reference of the same typing.
    pub async fn log_search(
        &self,
        corpus: &Corpus,
        role: Role,
        response: &SearchResponse,
        replacing: Option<&str>,
        now: i64,
    ) -> Result<Option<String>, ReviewError> {
        if !self.policy.enabled || response.query.trim().is_empty() {
            return Ok(None);
        }
        let query = redact(&response.query);
        let lang = response.lang.unwrap_or(Lang::En);
        let normalized = normalized_query(&query, lang, &corpus.synonyms);
        let reference = crate::secret::new_secret()[..24].to_string();
        // In an outage the search is answered unlogged at once, not after the pool gives up.
        let replaced = self
            .store
            .quick(self.store.log_query(
                &NewQuery {
                    reference: &reference,
                    at: now,
                    role,
                    lang: lang.code(),
                    query: &query,
                    normalized: &normalized,
                    hits: response.hits.len() as i64,
                    link: link_use(response),
                },
                replacing.map(|r| (r, now - TYPING_WINDOW_SECS)),
            ))
            .await?;
        Ok(Some(match (replaced, replacing) {
            (true, Some(kept)) => kept.to_string(),
            _ => reference,
        }))
    }

    /// Records that the hit at `rank` (1-based) of a logged search was opened or copied.
    pub async fn record_use(
        &self,
        reference: &str,
        rank: i64,
        action: UseAction,
    ) -> Result<(), ReviewError> {
        if !(1..=crate::domain::MAX_LIMIT as i64).contains(&rank) {
            return Err(ReviewError::Invalid("rank out of range".into()));
        }
        // An unknown or already used search is not an error: the pane reports at most once.
        self.store.record_use(reference, rank, action).await?;
        Ok(())
    }

    /// Deletes logged searches older than the retention period; returns how many.
    pub async fn purge_old_queries(&self, now: i64) -> Result<u64, ReviewError> {
        let before = now - i64::from(self.policy.retention_days) * 86_400;
        Ok(self.store.delete_queries_before(before).await?)
    }

    /// Searches from `from` to `to` (inclusive days in the helpline's time zone).
    pub async fn analytics(
        &self,
        corpus: &Corpus,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<AnalyticsView, ReviewError> {
        let tz = time_zone(corpus);
        let (start, end) = range_bounds(from, to, tz)?;
        let mut searches = 0;
        let mut per_day: HashMap<NaiveDate, i64> = HashMap::new();
        let mut per_hour = [[0i64; 24]; 7];
        for (hour, count, _) in self.store.hour_counts(start, end).await? {
            searches += count;
            let local = chrono::DateTime::from_timestamp(hour * 3600, 0)
                .unwrap_or_default()
                .with_timezone(&tz);
            *per_day.entry(local.date_naive()).or_default() += count;
            per_hour[local.weekday().num_days_from_monday() as usize][local.hour() as usize] +=
                count;
        }
        let days: Vec<(NaiveDate, i64)> = from
            .iter_days()
            .take_while(|d| *d <= to)
            .map(|d| (d, per_day.get(&d).copied().unwrap_or(0)))
            .collect();
        let (with_hits, by_rank) = self.store.use_by_rank(start, end).await?;
        let (answered_by_links, led_by_links) = self.store.link_answers(start, end).await?;
        let [top, zero, no_click] = self.store.group_lists(start, end, LIST_LIMIT).await?;
        let mut names: Vec<String> = [&top, &zero, &no_click]
            .into_iter()
            .flatten()
            .map(|row| row.normalized.clone())
            .collect();
        names.sort();
        names.dedup();
        let examples = self.store.group_examples(&names).await?;
        let views = |rows: Vec<QueryGroupRow>| -> Vec<QueryGroupView> {
            rows.into_iter()
                .map(|mut row| {
                    row.example = examples.get(&row.normalized).cloned().unwrap_or_default();
                    group_view(row, tz)
                })
                .collect()
        };
        Ok(AnalyticsView {
            from: from.to_string(),
            to: to.to_string(),
            searches,
            searches_with_hits: with_hits,
            per_day: days
                .iter()
                .map(|(day, count)| DayCount {
                    day: day.to_string(),
                    count: *count,
                })
                .collect(),
            per_hour,
            top: views(top),
            zero: views(zero),
            no_click: views(no_click),
            by_rank: by_rank
                .into_iter()
                .map(|(rank, uses)| RankUse {
                    rank,
                    uses,
                    rate: if with_hits > 0 {
                        uses as f64 / with_hits as f64
                    } else {
                        0.0
                    },
                })
                .collect(),
            logging: self.policy.enabled,
            answered_by_links,
            led_by_links,
            retention_days: self.policy.retention_days,
        })
    }

    /// Logged searches of `kind` grouped by normalized form, most frequent first.
    pub async fn query_groups(
        &self,
        corpus: &Corpus,
        kind: QueryKind,
        from: NaiveDate,
        to: NaiveDate,
        limit: i64,
    ) -> Result<Vec<QueryGroupView>, ReviewError> {
        let tz = time_zone(corpus);
        let (start, end) = range_bounds(from, to, tz)?;
        Ok(self
            .store
            .query_groups(kind, start, end, limit)
            .await?
            .into_iter()
            .map(|row| group_view(row, tz))
            .collect())
    }
}

/// `[from, to]` in days as `[start, end)` in Unix seconds.
fn range_bounds(
    from: NaiveDate,
    to: NaiveDate,
    tz: chrono_tz::Tz,
) -> Result<(i64, i64), ReviewError> {
    if to < from {
        return Err(ReviewError::Invalid(
            "the range ends before it starts".into(),
        ));
    }
    if (to - from).num_days() as u64 > MAX_RANGE_DAYS {
        return Err(ReviewError::Invalid(format!(
            "choose a range of at most {MAX_RANGE_DAYS} days"
        )));
    }
    let end_day = to.checked_add_days(Days::new(1)).unwrap_or(to);
    Ok((start_of_day(from, tz), start_of_day(end_day, tz)))
}

fn group_view(row: QueryGroupRow, tz: chrono_tz::Tz) -> QueryGroupView {
    QueryGroupView {
        first_seen: local_time(row.first_seen, tz),
        last_seen: local_time(row.last_seen, tz),
        normalized: row.normalized,
        example: row.example,
        count: row.count,
        zero_results: row.zero_results,
    }
}

/// Query groups as CSV (RFC 4180 quoting).
pub fn groups_csv(groups: &[QueryGroupView]) -> String {
    let quote = |field: &str| {
        // A leading = + - @ would be a formula in a spreadsheet.
        let field = if field.starts_with(['=', '+', '-', '@']) {
            format!("'{field}")
        } else {
            field.to_string()
        };
        format!("\"{}\"", field.replace('"', "\"\""))
    };
    let mut csv = String::from("query,normalized,count,zero_results,first_seen,last_seen\r\n");
    for g in groups {
        csv.push_str(&format!(
            "{},{},{},{},{},{}\r\n",
            quote(&g.example),
            quote(&g.normalized),
            g.count,
            g.zero_results,
            quote(&g.first_seen),
            quote(&g.last_seen)
        ));
    }
    csv
}

/// The day `at` falls on in the helpline's time zone (for the default analytics range).
pub fn today_in(corpus: &Corpus, at: i64) -> NaiveDate {
    local_day(at, time_zone(corpus))
}
