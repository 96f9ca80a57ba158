//! "Since the last meeting" (`w`), the plans list (`P`) and the header's pace, through
//! `update` and the real store, with screens drawn into ratatui's TestBackend.

mod common;

use common::*;
use insta::assert_snapshot;
use kehoach::i18n::Lang;
use kehoach::store::{Actor, NewNote, Store};
use kehoach::tui::Msg;
use kehoach::tui::state::{Mode, State};
use kehoach::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PLAN: &str = "lang-son-2023";

fn at(user: &str, when: &str) -> Actor {
    Actor {
        user: user.into(),
        now: when.into(),
        undo: false,
    }
}

/// Work before and during the week up to 20/11/2023: lan's change in June is older than a
/// week; minh and hung worked on two items since 13/11.
fn week_store() -> Store {
    let mut store = seeded_memory();
    let june = at(USER, "2023-06-12T09:30:00+07:00");
    store.set_done(PLAN, "IV.1.a.t1", true, &june).unwrap();
    store
        .set_done(
            PLAN,
            "III.1.2.3.c1.t1",
            true,
            &at("minh", "2023-11-14T08:15:00+07:00"),
        )
        .unwrap();
    store
        .add_note(
            PLAN,
            "III.1.2.3.c1.t1",
            &NewNote {
                text: "Đã vận hành một cửa liên thông".into(),
                doc_ref: Some("45/KH-VP".into()),
                doc_date: Some(day(2023, 11, 10)),
            },
            &at("hung", "2023-11-15T16:05:00+07:00"),
        )
        .unwrap();
    store
        .set_deadline(
            PLAN,
            "IV.2.a",
            Some(day(2023, 12, 20)),
            &at("hung", "2023-11-16T10:00:00+07:00"),
        )
        .unwrap();
    store
}

fn today() -> chrono::NaiveDate {
    day(2023, 11, 20)
}

fn screen(state: &mut State, w: u16, h: u16) -> String {
    state.size = (w, h);
    state.keep_visible();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(f, state)).unwrap();
    term.backend().to_string()
}

/// Each row of the "since" list as text: a heading is the item id, a change "  who: what".
fn since_rows(s: &State) -> Vec<String> {
    let Mode::Since { rows, .. } = &s.mode else {
        panic!("not the since view: {:?}", s.mode.list_kind());
    };
    rows.iter()
        .map(|r| {
            let g = &s.since.groups[r.group];
            match r.change {
                None => g.item_id.clone().unwrap_or_default(),
                Some(c) => format!("  {}: {}", g.changes[c].who, g.changes[c].what),
            }
        })
        .collect()
}

fn selected_row(s: &State) -> usize {
    s.mode.list().unwrap().sel
}

#[test]
fn w_lists_what_changed_in_the_last_week_by_item_newest_first_and_who() {
    let (mut s, mut r) = start(week_store(), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::ShowSince]);
    assert_eq!(s.since.day, Some(day(2023, 11, 13)), "a week before today");
    assert_eq!(
        since_rows(&s),
        [
            "IV.2.a",
            "  hung: đặt hạn riêng 20/12/2023",
            "III.1.2.3.c1.t1",
            "  hung: thêm ghi chú #1: Đã vận hành một cửa liên thông",
            "  minh: đánh dấu xong",
        ],
        "lan's change of June is older than the week"
    );
}

#[test]
fn enter_opens_the_item_and_esc_comes_back_to_the_same_row() {
    let (mut s, mut r) = start(week_store(), Lang::Vi, today());
    send(
        &mut s,
        &mut r,
        [Msg::ShowSince, Msg::Down, Msg::Down, Msg::Down],
    );
    send(&mut s, &mut r, [Msg::Activate]);
    assert!(matches!(s.mode, Mode::Tree));
    assert_eq!(s.plan.node(s.selected).id, "III.1.2.3.c1.t1");
    send(&mut s, &mut r, [Msg::Back]);
    assert!(matches!(s.mode, Mode::Since { .. }));
    assert_eq!(selected_row(&s), 3);
    // Esc in the list goes back to the tree.
    send(&mut s, &mut r, [Msg::Back]);
    assert!(matches!(s.mode, Mode::Tree));
}

#[test]
fn slash_filters_the_changes_by_who_or_what_without_diacritics() {
    let (mut s, mut r) = start(week_store(), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::ShowSince, Msg::StartSearch]);
    send(&mut s, &mut r, chars("minh"));
    assert_eq!(since_rows(&s), ["III.1.2.3.c1.t1", "  minh: đánh dấu xong"]);
    send(&mut s, &mut r, [Msg::Back]);
    send(&mut s, &mut r, [Msg::StartSearch]);
    send(&mut s, &mut r, chars("dat han"));
    assert_eq!(
        since_rows(&s),
        ["IV.2.a", "  hung: đặt hạn riêng 20/12/2023"]
    );
}

#[test]
fn a_bad_day_keeps_the_prompt_and_its_text_and_says_what_is_wrong() {
    let (mut s, mut r) = start(week_store(), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::ShowSince, Msg::SinceDate]);
    let typed = |s: &State| match &s.mode {
        Mode::Since {
            prompt: Some(p), ..
        } => (p.input.clone(), p.error.clone()),
        _ => panic!("the prompt is closed"),
    };
    assert_eq!(
        typed(&s).0,
        "13/11/2023",
        "the prompt starts at the day shown"
    );
    for _ in 0..10 {
        send(&mut s, &mut r, [Msg::InputBackspace]);
    }
    for (bad, says) in [
        ("31/02/2023", "tháng 2/2023 chỉ có 28 ngày"),
        ("01/13/2023", "không có tháng 13"),
        ("01/12/2023", "chưa tới (hôm nay là 20/11/2023)"),
        ("hôm qua", "không phải ngày hợp lệ"),
        ("", "Hãy ghi một ngày"),
    ] {
        send(&mut s, &mut r, chars(bad));
        send(&mut s, &mut r, [Msg::Submit]);
        let (text, error) = typed(&s);
        assert_eq!(text, bad);
        let error = error.unwrap_or_else(|| panic!("{bad:?} was accepted"));
        assert!(error.contains(says), "{bad:?}: {error}");
        for _ in 0..bad.chars().count() {
            send(&mut s, &mut r, [Msg::InputBackspace]);
        }
    }
    assert_snapshot!("since_prompt_error_80x24", {
        send(&mut s, &mut r, chars("31/02/2023"));
        send(&mut s, &mut r, [Msg::Submit]);
        screen(&mut s, 80, 24)
    });
    // A good day closes the prompt and reads again: June's change is in now.
    for _ in 0..10 {
        send(&mut s, &mut r, [Msg::InputBackspace]);
    }
    send(&mut s, &mut r, chars("1/6/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(matches!(s.mode, Mode::Since { prompt: None, .. }));
    assert_eq!(s.since.day, Some(day(2023, 6, 1)));
    let rows = since_rows(&s);
    assert!(
        rows.contains(&"  lan: đánh dấu xong".to_string()),
        "{rows:?}"
    );
    // Esc on the prompt keeps the day.
    send(
        &mut s,
        &mut r,
        [Msg::SinceDate, Msg::InputChar('x'), Msg::Back],
    );
    assert!(matches!(s.mode, Mode::Since { prompt: None, .. }));
    assert_eq!(s.since.day, Some(day(2023, 6, 1)));
}

#[test]
fn another_persons_change_shows_the_next_time_w_is_pressed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let store = seeded_file(&path);
    let (mut s, mut r) = start(store, Lang::Vi, today());
    send(&mut s, &mut r, [Msg::ShowSince]);
    assert_eq!(since_rows(&s), Vec::<String>::new());
    let mut other = Store::open(&path).unwrap();
    other
        .set_done(PLAN, "III.1.2.3.c1.t1", true, &Actor::new("minh"))
        .unwrap();
    send(&mut s, &mut r, [Msg::Back, Msg::ShowSince]);
    assert_eq!(since_rows(&s), ["III.1.2.3.c1.t1", "  minh: đánh dấu xong"]);
}

#[test]
fn the_list_on_screen_takes_in_another_persons_change_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let (mut s, mut r) = start(seeded_file(&path), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::ShowSince]);
    assert!(r.poll_external(s.plan.id()).is_none());
    let mut other = Store::open(&path).unwrap();
    other
        .set_done(PLAN, "IV.2.c", true, &Actor::new("minh"))
        .unwrap();
    let msg = r.poll_external(s.plan.id()).expect("a change is noticed");
    send(&mut s, &mut r, [msg]);
    assert_eq!(since_rows(&s), ["IV.2.c", "  minh: đánh dấu xong"]);
}

#[test]
fn a_plan_that_cannot_be_loaded_leaves_the_view_on_its_plan_and_says_why() {
    let (mut s, mut r) = start(two_plans(), Lang::Vi, today());
    send(
        &mut s,
        &mut r,
        [Msg::PlanFailed("không có kế hoạch gone".into())],
    );
    assert_eq!(s.plan.id(), "mini");
    let flash = s.flash.clone().unwrap();
    assert!(flash.error && flash.text.contains("gone"), "{flash:?}");
    // The runner answers a plan that is not there with PlanFailed, naming it.
    let reply = r.run(kehoach::tui::Effect::SwitchPlan("gone".into()));
    assert!(
        matches!(&reply, Some(Msg::PlanFailed(e)) if e.contains("gone")),
        "{reply:?}"
    );
}

#[test]
fn w_p_and_d_are_keys_of_the_tree_and_of_the_since_list() {
    use kehoach::tui::keys::map;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let (mut s, mut r) = start(week_store(), Lang::Vi, today());
    assert!(matches!(map(&s, &key('w')), Some(Msg::ShowSince)));
    assert!(matches!(map(&s, &key('P')), Some(Msg::ShowPlans)));
    send(&mut s, &mut r, [Msg::ShowSince]);
    assert!(matches!(map(&s, &key('d')), Some(Msg::SinceDate)));
    // A letter with no meaning in the list never opens another view.
    assert!(matches!(map(&s, &key('o')), Some(Msg::InputChar('o'))));
    send(&mut s, &mut r, [Msg::SinceDate]);
    assert!(
        matches!(map(&s, &key('q')), Some(Msg::InputChar('q'))),
        "q is text in the prompt"
    );
}

#[test]
fn the_tree_footer_lists_w_and_p_where_there_is_room() {
    let (mut s, _r) = start(week_store(), Lang::Vi, today());
    let footer = |s: &mut State, w| screen(s, w, 30).lines().last().unwrap().to_string();
    let wide = footer(&mut s, 160);
    assert!(
        wide.contains("w thay đổi  P kế hoạch  ? giúp  q thoát"),
        "{wide}"
    );
    let narrow = footer(&mut s, 80);
    assert!(!narrow.contains("w thay đổi"), "{narrow}");
    assert!(narrow.contains("? giúp  q thoát"), "{narrow}");
}

#[test]
fn a_draft_left_on_the_other_plan_is_offered_when_the_view_switches_to_it() {
    let mut store = two_plans();
    let draft = kehoach::store::Draft {
        session: "earlier".into(),
        plan_id: PLAN.into(),
        item_id: "IV.2.a".into(),
        note_id: None,
        note: NewNote {
            text: "Báo cáo quý III đang soạn".into(),
            doc_ref: None,
            doc_date: None,
        },
        saved_at: "2023-11-19T17:00:00+07:00".into(),
    };
    store.save_draft(USER, &draft).unwrap();
    let (mut s, mut r) = start(store, Lang::Vi, today());
    assert!(matches!(s.mode, Mode::Tree), "not offered on the mini plan");
    send(&mut s, &mut r, [Msg::ShowPlans, Msg::Down, Msg::Activate]);
    let Mode::Editor(e) = &s.mode else {
        panic!("the draft is not offered: {:?}", s.flash)
    };
    assert_eq!(s.plan.node(e.item).id, "IV.2.a");
    assert_eq!(e.text.lines().join("\n"), "Báo cáo quý III đang soạn");
    let flash = s.flash.clone().unwrap().text;
    assert!(
        flash.starts_with("Đang xem kế hoạch lang-son-2023"),
        "{flash}"
    );
}

#[test]
fn p_with_one_plan_says_there_is_only_one() {
    let (mut s, mut r) = start(week_store(), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::ShowPlans]);
    assert!(matches!(s.mode, Mode::Tree));
    let flash = s.flash.clone().unwrap().text;
    assert!(flash.contains("Chỉ có kế hoạch lang-son-2023"), "{flash}");
}

#[test]
fn the_only_one_plan_message_is_whole_at_80_and_60_columns() {
    for (lang, w, h) in [(Lang::Vi, 80, 24), (Lang::Vi, 60, 20), (Lang::En, 60, 20)] {
        let (mut s, mut r) = start(week_store(), lang, today());
        send(&mut s, &mut r, [Msg::ShowPlans]);
        let screen = screen(&mut s, w, h);
        let message = screen.lines().rev().nth(1).unwrap().trim_matches('"');
        // The message says where another plan comes from; cut, it ends mid-sentence.
        assert!(
            message.trim_end().ends_with("`kehoach import`"),
            "{lang:?} {w}x{h}:\n{screen}"
        );
    }
}

fn two_plans() -> Store {
    let mut store = week_store();
    let mini = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini_plan.json"
    ))
    .unwrap();
    store.import_plan(&mini, &actor(USER)).unwrap();
    store
}

#[test]
fn p_lists_the_plans_and_enter_switches_the_view_and_its_writes_to_another() {
    let (mut s, mut r) = start(two_plans(), Lang::Vi, today());
    assert_eq!(s.plan.id(), "mini", "the newest import is the default");
    send(&mut s, &mut r, [Msg::ShowPlans]);
    let Mode::Plans { rows, list } = &s.mode else {
        panic!("no plans list")
    };
    let ids: Vec<&str> = rows.iter().map(|&i| s.plans[i].id.as_str()).collect();
    assert_eq!(ids, ["mini", "lang-son-2023"]);
    assert_eq!(list.sel, 0, "on the plan shown");
    assert_snapshot!("plans_80x24", screen(&mut s, 80, 24));
    assert_snapshot!("plans_40x10", screen(&mut s, 40, 10));
    send(&mut s, &mut r, [Msg::Down, Msg::Activate]);
    assert!(matches!(s.mode, Mode::Tree));
    assert_eq!(s.plan.id(), "lang-son-2023");
    assert_eq!(s.status.items.len(), s.plan.len());
    let flash = s.flash.clone().unwrap().text;
    assert!(
        flash.starts_with("Đang xem kế hoạch lang-son-2023"),
        "{flash}"
    );
    // Writes now go to the plan on screen.
    let task = ix(&s, "IV.2.a");
    s.reveal(task);
    send(&mut s, &mut r, [Msg::ToggleDone]);
    let plan = r.store().load_plan(Some("lang-son-2023")).unwrap();
    let states = r.store().item_states(&plan).unwrap();
    assert!(states[plan.find("IV.2.a").unwrap()].done);
    // Enter on the plan already shown only says so.
    send(&mut s, &mut r, [Msg::ShowPlans]);
    let Mode::Plans { list, .. } = &s.mode else {
        panic!("no plans list")
    };
    assert_eq!(list.sel, 1, "on the plan shown");
    send(&mut s, &mut r, [Msg::Activate]);
    assert!(s.flash.clone().unwrap().text.contains("đang được xem"));
}

#[test]
fn since_view_80x24_60x20_40x10_120x40() {
    let (mut s, mut r) = start(week_store(), Lang::Vi, today());
    send(&mut s, &mut r, [Msg::ShowSince, Msg::Down]);
    assert_snapshot!("since_80x24", screen(&mut s, 80, 24));
    assert_snapshot!("since_60x20", screen(&mut s, 60, 20));
    assert_snapshot!("since_40x10", screen(&mut s, 40, 10));
    assert_snapshot!("since_120x40", screen(&mut s, 120, 40));
    let (mut s, mut r) = start(week_store(), Lang::En, today());
    send(&mut s, &mut r, [Msg::ShowSince]);
    assert_snapshot!("since_english_80x24", screen(&mut s, 80, 24));
}

#[test]
fn the_since_titles_counts_are_whole_at_40_columns() {
    for (lang, end) in [(Lang::Vi, "ở 2 mục"), (Lang::En, "2 items")] {
        let (mut s, mut r) = start(week_store(), lang, today());
        send(&mut s, &mut r, [Msg::ShowSince]);
        let out = screen(&mut s, 40, 10);
        let title = out.lines().nth(3).unwrap().trim_matches('"').trim_end();
        assert!(title.ends_with(end), "{lang:?}: {title:?}\n{out}");
    }
}

/// The header before 30/06, after it was met and after it was missed, at every size: both
/// countdowns and the pace in the form that fits.
#[test]
fn header_with_pace_at_every_size() {
    for (name, store, today) in [
        // 30/06 ten days ahead with its one task to do.
        ("june", seeded_memory(), day(2023, 6, 20)),
        // 30/06 met, 30/11 ten days ahead.
        ("november", week_store(), today()),
        // 30/06 missed and 30/11 ten days ahead: the longest words.
        ("late", seeded_memory(), today()),
    ] {
        let (mut s, _r) = start(store, Lang::Vi, today);
        for (w, h) in [(40, 10), (60, 20), (80, 24), (120, 40), (200, 50)] {
            let text = screen(&mut s, w, h);
            let header: Vec<&str> = text.lines().take(3).collect();
            assert_snapshot!(format!("header_{name}_{w}x{h}"), header.join("\n"));
        }
    }
    let (mut s, _r) = start(week_store(), Lang::En, today());
    let text = screen(&mut s, 40, 10);
    let header: Vec<&str> = text.lines().take(3).collect();
    assert_snapshot!("header_english_40x10", header.join("\n"));
}

#[test]
fn the_header_pace_is_the_pace_status_prints() {
    let (mut s, _r) = start(week_store(), Lang::Vi, today());
    let plan = s.plan.clone();
    let m = kehoach::plan::pace::next_milestone(&plan, &s.status, today()).unwrap();
    let all = kehoach::plan::pace::pace(&plan, &s.status, &plan.roots, m, today());
    let need = format!("cần {} nhiệm vụ/tuần", all.per_week().unwrap());
    let text = screen(&mut s, 200, 50);
    assert!(text.lines().nth(1).unwrap().contains(&need), "{text}");
}
