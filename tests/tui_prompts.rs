//! The day prompts open holding the day in force (`d` on an item with its own deadline, `d`
//! in the since view): typing a new day replaces it, as the selected text of a form field
//! is, rather than being appended to it ("13/11/202301/11/2023" is not a day).

mod common;

use common::*;
use kehoach::i18n::Lang;
use kehoach::tui::Msg;
use kehoach::tui::state::Mode;

#[test]
fn typing_a_day_in_the_since_prompt_replaces_the_day_shown() {
    let (mut s, mut r) = start(seeded_memory(), Lang::Vi, day(2023, 11, 20));
    send(&mut s, &mut r, [Msg::ShowSince, Msg::SinceDate]);
    send(&mut s, &mut r, chars("01/11/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(
        matches!(&s.mode, Mode::Since { prompt: None, .. }),
        "the prompt is still open: {:?}",
        s.mode
    );
    assert_eq!(s.since.day, Some(day(2023, 11, 1)));
}

#[test]
fn typing_a_deadline_replaces_the_items_own_deadline_and_backspace_edits_it() {
    let mut store = seeded_memory();
    store
        .set_deadline(
            "lang-son-2023",
            "IV.2.a",
            Some(day(2023, 12, 15)),
            &actor(USER),
        )
        .unwrap();
    let (mut s, mut r) = start(store, Lang::Vi, day(2023, 11, 20));
    let item = ix(&s, "IV.2.a");
    s.reveal(item);
    send(&mut s, &mut r, [Msg::EditDeadline]);
    let input = |s: &kehoach::tui::State| match &s.mode {
        Mode::Deadline(d) => d.input.clone(),
        m => panic!("not the deadline prompt: {m:?}"),
    };
    assert_eq!(
        input(&s),
        "15/12/2023",
        "it opens on the item's own deadline"
    );
    send(&mut s, &mut r, chars("20/12/2023"));
    assert_eq!(input(&s), "20/12/2023");
    // Backspace first edits the day shown instead.
    send(
        &mut s,
        &mut r,
        [Msg::Back, Msg::EditDeadline, Msg::InputBackspace],
    );
    send(&mut s, &mut r, chars("4"));
    assert_eq!(input(&s), "15/12/2024");
}

/// The screen at `w`×`h` as rows of text.
fn screen(state: &mut kehoach::tui::State, w: u16, h: u16) -> Vec<String> {
    use ratatui::{Terminal, backend::TestBackend};
    state.size = (w, h);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| kehoach::tui::view::view(f, state)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn a_long_wrong_day_is_quoted_short_so_the_advice_fits_80_columns() {
    let typed = "ngày ba mươi tháng mười một năm nay";
    for (open, lang, advice) in [
        (vec![Msg::EditDeadline], Lang::Vi, "hoặc dd/mm/yyyy"),
        (vec![Msg::EditDeadline], Lang::En, "or dd/mm/yyyy"),
        (vec![Msg::ShowSince, Msg::SinceDate], Lang::Vi, "dd/mm/yyyy"),
    ] {
        let (mut s, mut r) = start(seeded_memory(), lang, day(2023, 11, 20));
        let item = ix(&s, "IV.2.a");
        s.reveal(item);
        send(&mut s, &mut r, open);
        send(&mut s, &mut r, chars(typed));
        send(&mut s, &mut r, [Msg::Submit]);
        let rows = screen(&mut s, 80, 24);
        let said = rows
            .iter()
            .find(|r| r.contains('…') && r.contains("dd/mm"))
            .unwrap_or_else(|| panic!("no whole error on screen:\n{}", rows.join("\n")));
        assert!(said.contains(advice), "{said}");
        assert!(
            said.contains("\"ngày ba mươi th"),
            "the typed text, cut: {said}"
        );
    }
}
