//! The helpline's own facts from `content/helpline.toml`: phone number and hours, the live-chat
//! schedule per weekday in an IANA time zone, holidays, languages and the disclaimer line.
//! Nothing about the helpline is written in Rust; this module reads and checks the file.

use super::problem::Problem;
use super::text::parse_date;
use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Opening hours of one day, in the helpline's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hours {
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

#[derive(Clone, Debug)]
pub struct HelplineFacts {
    pub name: String,
    pub phone: String,
    pub phone_hours: String,
    pub time_zone: Tz,
    pub languages: Vec<String>,
    pub disclaimer: String,
    pub disclaimer_es: String,
    /// Live-chat hours, Monday first; `None` when chat is closed all day.
    pub chat_hours: [Option<Hours>; 7],
    /// Dates when live chat is closed.
    pub chat_holidays: Vec<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: String,
    phone: String,
    phone_hours: String,
    time_zone: String,
    #[serde(default)]
    languages: Vec<String>,
    disclaimer: String,
    disclaimer_es: String,
    chat: ChatEntry,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChatEntry {
    hours: BTreeMap<String, String>,
    #[serde(default)]
    holidays: Vec<String>,
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

/// `"07:00-18:30"` → hours; `"closed"` → `None`.
fn parse_hours(text: &str) -> Result<Option<Hours>, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("closed") {
        return Ok(None);
    }
    let (opens, closes) = text
        .split_once('-')
        .ok_or_else(|| format!("hours {text:?} must look like \"07:00-18:30\" or \"closed\""))?;
    let time = |t: &str| {
        NaiveTime::parse_from_str(t.trim(), "%H:%M")
            .map_err(|_| format!("{t:?} is not a time (HH:MM)"))
    };
    let hours = Hours {
        opens: time(opens)?,
        closes: time(closes)?,
    };
    if hours.closes <= hours.opens {
        return Err(format!("hours {text:?} close before they open"));
    }
    Ok(Some(hours))
}

impl HelplineFacts {
    /// Parses and checks `text`, the contents of `path`.
    pub fn parse(path: &Path, text: &str) -> Result<HelplineFacts, Vec<Problem>> {
        let file: File = toml::from_str(text)
            .map_err(|err| vec![Problem::from_toml(path, text, &err, "helpline")])?;
        let mut problems = Vec::new();
        let mut error = |key: &str, message: String| {
            problems.push(Problem::error(path, key_line(text, key), message))
        };
        let time_zone = file.time_zone.parse::<Tz>().unwrap_or_else(|_| {
            error(
                "time_zone",
                format!(
                    "time_zone {:?} is not an IANA time zone (like America/Chicago)",
                    file.time_zone
                ),
            );
            Tz::UTC
        });
        for (key, value) in [
            ("name", &file.name),
            ("phone", &file.phone),
            ("phone_hours", &file.phone_hours),
            ("disclaimer", &file.disclaimer),
            ("disclaimer_es", &file.disclaimer_es),
        ] {
            if value.trim().is_empty() {
                error(key, format!("{key} must not be empty"));
            }
        }
        for code in &file.languages {
            if crate::domain::Lang::from_code(code).is_none() {
                error(
                    "languages",
                    format!("language {code:?} is not one of: en, es"),
                );
            }
        }
        let mut chat_hours = [None; 7];
        for (day, value) in &file.chat.hours {
            match DAYS.iter().position(|(name, _)| name == day) {
                None => error(
                    day,
                    format!("unknown day {day:?}; use mon, tue, wed, thu, fri, sat, sun"),
                ),
                Some(i) => match parse_hours(value) {
                    Ok(hours) => chat_hours[i] = hours,
                    Err(message) => error(day, message),
                },
            }
        }
        let mut chat_holidays = Vec::new();
        for holiday in &file.chat.holidays {
            match parse_date(holiday) {
                Some(date) => chat_holidays.push(date),
                None => error(
                    "holidays",
                    format!("holiday {holiday:?} is not a date (YYYY-MM-DD)"),
                ),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(HelplineFacts {
            name: file.name,
            phone: file.phone,
            phone_hours: file.phone_hours,
            time_zone,
            languages: file.languages,
            disclaimer: file.disclaimer,
            disclaimer_es: file.disclaimer_es,
            chat_hours,
            chat_holidays,
        })
    }

    /// Chat hours on `day`, `None` when closed.
    pub fn chat_hours_on(&self, day: Weekday) -> Option<Hours> {
        self.chat_hours[day.num_days_from_monday() as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const FILE: &str = r#"name = "Helpline"
phone = "1-800-227-2345"
phone_hours = "24 hours a day, 7 days a week"
time_zone = "America/Chicago"
languages = ["en", "es"]
disclaimer = "General information."
disclaimer_es = "Información general."

[chat]
holidays = ["2026-12-25"]

[chat.hours]
mon = "07:00-18:30"
fri = "07:00-18:30"
sat = "closed"
"#;

    #[test]
    fn reads_the_schedule_per_weekday() {
        let facts = HelplineFacts::parse(Path::new("h.toml"), FILE).unwrap();
        assert_eq!(facts.time_zone, chrono_tz::America::Chicago);
        let fri = facts.chat_hours_on(Weekday::Fri).unwrap();
        assert_eq!(
            (fri.opens.to_string(), fri.closes.to_string()),
            ("07:00:00".into(), "18:30:00".into())
        );
        assert_eq!(facts.chat_hours_on(Weekday::Sat), None);
        assert_eq!(
            facts.chat_hours_on(Weekday::Sun),
            None,
            "a day left out is closed"
        );
        assert_eq!(facts.chat_holidays.len(), 1);
    }

    #[test]
    fn bad_values_name_their_line() {
        let text = FILE
            .replace("America/Chicago", "America/Springfield")
            .replace("fri = \"07:00-18:30\"", "fri = \"18:30-07:00\"")
            .replace("\"2026-12-25\"", "\"Christmas\"");
        let problems = HelplineFacts::parse(Path::new("h.toml"), &text).unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [4, 14, 10], "{problems:?}");
    }

    #[test]
    fn a_missing_field_is_an_error() {
        let text = FILE.replace("phone = \"1-800-227-2345\"\n", "");
        let problems = HelplineFacts::parse(Path::new("h.toml"), &text).unwrap_err();
        assert!(problems[0].message.contains("phone"), "{problems:?}");
    }
}
