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
