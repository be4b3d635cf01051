//! A side-by-side diff: two columns of lines with their numbers, changed words marked
//! (`<del>` on the left, `<ins>` on the right), folded stretches shown as `⋯`.

use crate::domain::{DiffSpan, DiffView};
use leptos::prelude::*;

fn spans(spans: Vec<DiffSpan>, added: bool) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| match (span.changed, added) {
            (false, _) => view! { <span>{span.text}</span> }.into_any(),
            (true, false) => view! { <del>{span.text}</del> }.into_any(),
            (true, true) => view! { <ins>{span.text}</ins> }.into_any(),
        })
        .collect_view()
}

#[component]
pub fn DiffTable(diff: DiffView) -> impl IntoView {
    let DiffView {
        left_title,
        right_title,
        rows,
        changed_rows,
    } = diff;
    let rows = rows
        .into_iter()
        .map(|row| {
            if row.left_line.is_none() && row.right_line.is_none() {
                return view! { <tr class="diff-fold"><td colspan="4">"⋯"</td></tr> }.into_any();
            }
            let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
            view! {
                <tr class:diff-changed=row.changed>
                    <td class="diff-line">{number(row.left_line)}</td>
                    <td class="diff-text">{spans(row.left, false)}</td>
                    <td class="diff-line">{number(row.right_line)}</td>
                    <td class="diff-text">{spans(row.right, true)}</td>
                </tr>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <p class="hint">{format!("{changed_rows} changed line(s)")}</p>
        <div class="diff-scroll">
            <table class="diff">
                <thead>
                    <tr><th></th><th scope="col">{left_title}</th><th></th><th scope="col">{right_title}</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
