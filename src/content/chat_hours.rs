//! Is live chat open at a given instant, and when does that change? Computed in the
//! helpline's own time zone from the weekly schedule and the holidays, so it stays right
//! across daylight-saving changes.

use super::helpline::HelplineFacts;
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// Live chat's state at one instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatStatus {
    pub open: bool,
    /// When chat next closes (if open) or opens (if closed), in the helpline's time zone;
    /// `None` when the schedule has no such moment within two weeks.
    pub next_change: Option<DateTime<Tz>>,
}

/// How far ahead to look for the next opening.
const LOOKAHEAD_DAYS: u64 = 14;

impl HelplineFacts {
    /// Opening and closing instants of chat on a local `date`, if it opens that day.
    fn chat_window(&self, date: NaiveDate) -> Option<(DateTime<Tz>, DateTime<Tz>)> {
        if self.chat_holidays.contains(&date) {
            return None;
        }
        let hours = self.chat_hours_on(date.weekday())?;
        // `earliest` picks the first of two readings of an hour repeated when clocks go back,
        // and none for an hour skipped when they go forward (then the next valid minute).
        let at = |time| {
            let naive = date.and_time(time);
            self.time_zone
                .from_local_datetime(&naive)
                .earliest()
                .or_else(|| {
                    self.time_zone
                        .from_local_datetime(&(naive + chrono::Duration::hours(1)))
                        .earliest()
                })
        };
        Some((at(hours.opens)?, at(hours.closes)?))
    }

    /// Chat's state at `now`.
    pub fn chat_status(&self, now: DateTime<Utc>) -> ChatStatus {
        let local = now.with_timezone(&self.time_zone);
        let today = local.date_naive();
        for offset in 0..=LOOKAHEAD_DAYS {
            let Some(date) = today.checked_add_days(chrono::Days::new(offset)) else {
                break;
            };
            let Some((opens, closes)) = self.chat_window(date) else {
                continue;
            };
            if local < opens {
                return ChatStatus {
                    open: false,
                    next_change: Some(opens),
                };
            }
            if local < closes {
                return ChatStatus {
                    open: true,
                    next_change: Some(closes),
                };
            }
        }
        ChatStatus {
            open: false,
            next_change: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn facts(holidays: &str) -> HelplineFacts {
        let text = format!(
            "name = \"H\"\nphone = \"1\"\nphone_hours = \"24/7\"\ntime_zone = \"America/Chicago\"\n\
             disclaimer = \"d\"\ndisclaimer_es = \"d\"\n[chat]\nholidays = [{holidays}]\n[chat.hours]\n\
             mon = \"07:00-18:30\"\ntue = \"07:00-18:30\"\nwed = \"07:00-18:30\"\nthu = \"07:00-18:30\"\n\
             fri = \"07:00-18:30\"\nsat = \"closed\"\n"
        );
        HelplineFacts::parse(Path::new("h.toml"), &text).unwrap()
    }

    /// An instant given as Chicago wall-clock time.
    fn chicago(text: &str) -> DateTime<Utc> {
        let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        chrono_tz::America::Chicago
            .from_local_datetime(&naive)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn local(change: Option<DateTime<Tz>>) -> String {
        change
            .map(|c| c.format("%a %Y-%m-%d %H:%M %Z").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn friday_evening_edges() {
        let f = facts("");
        let s = f.chat_status(chicago("2026-11-27 18:29"));
        assert!(s.open);
        assert_eq!(local(s.next_change), "Fri 2026-11-27 18:30 CST");
        let s = f.chat_status(chicago("2026-11-27 18:30"));
        assert!(!s.open);
        assert_eq!(local(s.next_change), "Mon 2026-11-30 07:00 CST");
    }

    #[test]
    fn closed_all_weekend_and_before_opening() {
        let f = facts("");
        assert!(!f.chat_status(chicago("2026-11-28 12:00")).open, "Saturday");
        assert!(!f.chat_status(chicago("2026-11-29 12:00")).open, "Sunday");
        let s = f.chat_status(chicago("2026-11-30 06:59"));
        assert!(!s.open);
        assert_eq!(local(s.next_change), "Mon 2026-11-30 07:00 CST");
        assert!(f.chat_status(chicago("2026-11-30 07:00")).open);
    }

    #[test]
    fn holidays_are_closed() {
        let f = facts("\"2026-12-25\"");
        let s = f.chat_status(chicago("2026-12-25 10:00"));
        assert!(!s.open);
        assert_eq!(local(s.next_change), "Mon 2026-12-28 07:00 CST");
        assert_eq!(
            local(f.chat_status(chicago("2026-12-24 19:00")).next_change),
            "Mon 2026-12-28 07:00 CST"
        );
    }

    /// The moment's time of day in UTC (`HH:MM`).
    fn utc_time(at: Option<chrono::DateTime<chrono_tz::Tz>>) -> String {
        at.unwrap().with_timezone(&Utc).format("%H:%M").to_string()
    }

    #[test]
    fn daylight_saving_changes_keep_local_hours() {
        let f = facts("");
        // Spring forward: Sunday 2026-03-08 02:00 CST → 03:00 CDT; Monday opens 07:00 CDT.
        let s = f.chat_status(chicago("2026-03-08 03:30"));
        assert_eq!(local(s.next_change), "Mon 2026-03-09 07:00 CDT");
        assert_eq!(utc_time(s.next_change), "12:00");
        // Fall back: Sunday 2026-11-01 02:00 CDT → 01:00 CST; Monday opens 07:00 CST.
        let s = f.chat_status(chicago("2026-11-01 01:30"));
        assert_eq!(local(s.next_change), "Mon 2026-11-02 07:00 CST");
        assert_eq!(utc_time(s.next_change), "13:00");
        // Friday before the change closes at 18:30 CDT = 23:30 UTC.
        let s = f.chat_status(chicago("2026-10-30 18:00"));
        assert!(s.open);
        assert_eq!(
            s.next_change
                .unwrap()
                .with_timezone(&Utc)
                .format("%H:%M")
                .to_string(),
            "23:30"
        );
    }

    #[test]
    fn a_schedule_with_no_opening_says_so() {
        let text = "name = \"H\"\nphone = \"1\"\nphone_hours = \"24/7\"\ntime_zone = \"UTC\"\n\
                    disclaimer = \"d\"\ndisclaimer_es = \"d\"\n[chat]\n[chat.hours]\n";
        let f = HelplineFacts::parse(Path::new("h.toml"), text).unwrap();
        assert_eq!(
            f.chat_status(Utc::now()),
            ChatStatus {
                open: false,
                next_change: None
            }
        );
    }
}
