//! Side-by-side diffs of two texts: lines paired by the `similar` crate's line diff, and within
//! each changed pair, the words that differ marked. Unchanged stretches far from any change
//! are left out (a row with no line numbers stands for them).

use crate::domain::{DiffRow, DiffSpan, DiffView};
use similar::{ChangeTag, DiffTag, TextDiff};

/// Unchanged lines kept around each change.
const CONTEXT: usize = 3;

/// `left` and `right` side by side.
pub fn diff(left_title: &str, left: &str, right_title: &str, right: &str) -> DiffView {
    let lines = TextDiff::from_lines(left, right);
    let old: Vec<&str> = left.lines().collect();
    let new: Vec<&str> = right.lines().collect();
    let mut rows = Vec::new();
    for op in lines.ops() {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let pairs = old_range.len().max(new_range.len());
        for k in 0..pairs {
            let l = (k < old_range.len()).then(|| old_range.start + k);
            let r = (k < new_range.len()).then(|| new_range.start + k);
            let left_text = l.and_then(|i| old.get(i).copied());
            let right_text = r.and_then(|i| new.get(i).copied());
            rows.push(row(tag, l, left_text, r, right_text));
        }
    }
    let changed_rows = rows.iter().filter(|r| r.changed).count();
    DiffView {
        left_title: left_title.to_string(),
        right_title: right_title.to_string(),
        rows: with_context(rows),
        changed_rows,
    }
}

fn row(
    tag: DiffTag,
    left_line: Option<usize>,
    left: Option<&str>,
    right_line: Option<usize>,
    right: Option<&str>,
) -> DiffRow {
    let whole = |text: Option<&str>, changed: bool| {
        text.map(|t| {
            vec![DiffSpan {
                text: t.to_string(),
                changed,
            }]
        })
        .unwrap_or_default()
    };
    let (left_spans, right_spans) = match (tag, left, right) {
        (DiffTag::Equal, _, _) => (whole(left, false), whole(right, false)),
        (_, Some(a), Some(b)) => words(a, b),
        _ => (whole(left, true), whole(right, true)),
    };
    DiffRow {
        left_line: left_line.map(|i| i + 1),
        left: left_spans,
        right_line: right_line.map(|i| i + 1),
        right: right_spans,
        changed: tag != DiffTag::Equal,
    }
}

/// The words of `a` not in `b` and of `b` not in `a`, marked.
fn words(a: &str, b: &str) -> (Vec<DiffSpan>, Vec<DiffSpan>) {
    let diff = TextDiff::from_words(a, b);
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut left, text, false);
                push(&mut right, text, false);
            }
            ChangeTag::Delete => push(&mut left, text, true),
            ChangeTag::Insert => push(&mut right, text, true),
        }
    }
    (left, right)
}

/// Appends `text`, joining it to the last span when that is marked the same way.
fn push(spans: &mut Vec<DiffSpan>, text: &str, changed: bool) {
    match spans.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => spans.push(DiffSpan {
            text: text.to_string(),
            changed,
        }),
    }
}

/// The rows near a change; each run of rows left out becomes one empty row.
fn with_context(rows: Vec<DiffRow>) -> Vec<DiffRow> {
    let near: Vec<bool> = (0..rows.len())
        .map(|i| {
            let from = i.saturating_sub(CONTEXT);
            let to = (i + CONTEXT + 1).min(rows.len());
            rows[from..to].iter().any(|r| r.changed)
        })
        .collect();
    let mut kept = Vec::new();
    let mut skipping = false;
    for (row, near) in rows.into_iter().zip(near) {
        if near {
            kept.push(row);
            skipping = false;
        } else if !skipping {
            kept.push(DiffRow {
                left_line: None,
                left: Vec::new(),
                right_line: None,
                right: Vec::new(),
                changed: false,
            });
            skipping = true;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(spans: &[DiffSpan]) -> Vec<&str> {
        spans
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.text.trim())
            .collect()
    }

    #[test]
    fn changed_words_are_marked_on_both_sides() {
        let view = diff(
            "old",
            "Take it twice a day.\n",
            "new",
            "Take it three times a day.\n",
        );
        assert_eq!(view.changed_rows, 1);
        let row = &view.rows[0];
        assert_eq!(marked(&row.left), ["twice"]);
        assert_eq!(marked(&row.right), ["three times"]);
        assert_eq!((row.left_line, row.right_line), (Some(1), Some(1)));
    }

    #[test]
    fn added_and_removed_lines_have_one_side() {
        let view = diff("a", "one\ntwo\n", "b", "one\nthree\nfour\n");
        assert_eq!(view.changed_rows, 2);
        let added = view
            .rows
            .iter()
            .find(|r| r.left_line.is_none() && r.right_line.is_some());
        assert_eq!(added.map(|r| r.right[0].text.as_str()), Some("four"));
    }

    #[test]
    fn identical_texts_have_no_changes() {
        let view = diff("a", "same\ntext\n", "b", "same\ntext\n");
        assert_eq!(view.changed_rows, 0);
        assert!(view.rows.iter().all(|r| !r.changed));
    }

    #[test]
    fn unchanged_lines_far_from_a_change_are_folded() {
        let old: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 10\n", "line ten\n");
        let view = diff("a", &old, "b", &new);
        // 3 lines either side of the change, plus one fold before and one after.
        assert_eq!(view.rows.len(), 7 + 2);
        assert!(view.rows.first().is_some_and(|r| r.left_line.is_none()));
        assert!(
            view.rows
                .iter()
                .any(|r| r.left_line == Some(10) && r.changed)
        );
    }
}
