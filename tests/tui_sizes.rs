//! Every screen at every size a coordinator uses: 80×24 over SSH, 60×20 in a split window,
//! 120×40 on a projector and the 40×10 minimum, drawn into ratatui's TestBackend and compared
//! with a reviewed snapshot (tests/snapshots/tui_sizes__*). One table of screens walked at
//! every size; checks that need no reading (help and quit in the footer, ids on screen) are
//! asserted as well.

mod common;

use common::*;
use kehoach::i18n::Lang;
use kehoach::plan::accountability::AgencyState;
use kehoach::store::{NewMark, NewNote};
use kehoach::tui::state::{Mode, State};
use kehoach::tui::view::view;
use kehoach::tui::{Msg, effects::Runner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 4] = [(80, 24), (60, 20), (120, 40), (40, 10)];

/// Work under way on 20/11/2023: two tasks done, two notes on one task and one on another, an
/// own deadline, and three agencies' parts of the 30/06 plans.
fn worked() -> kehoach::store::Store {
    let mut store = seeded_memory();
    let p = "lang-son-2023";
    let a = actor(USER);
    store.set_done(p, "III.1.2.3.c1.t1", true, &a).unwrap();
    store.set_done(p, "IV.1.a.t1", true, &a).unwrap();
    for (item, text, doc) in [
        (
            "III.1.2.3.c1.t1",
            "Trung tâm Phục vụ hành chính công tỉnh đã vận hành một cửa liên thông.",
            "45/KH-VP",
        ),
        (
            "III.1.2.3.c1.t1",
            "Đã ban hành quy chế phối hợp giữa các sở, ngành.",
            "12/QĐ-UBND",
        ),
        ("III.1.2.3.c1.t2", "Cập nhật tiến độ hồ sơ hằng tuần.", ""),
    ] {
        store
            .add_note(
                p,
                item,
                &NewNote {
                    text: text.into(),
                    doc_ref: Some(doc.to_string()).filter(|d| !d.is_empty()),
                    doc_date: Some(day(2023, 6, 12)),
                },
                &a,
            )
            .unwrap();
    }
    store
        .set_deadline(p, "III.1.2.3.c1.t2", Some(day(2023, 12, 15)), &a)
        .unwrap();
    let mark = |state, doc: Option<&str>, date| NewMark {
        state,
        doc_ref: doc.map(str::to_string),
        doc_date: date,
        note: None,
    };
    for (agency, m) in [
        (
            "ubnd-cao-loc",
            mark(
                AgencyState::Done,
                Some("45/KH-UBND"),
                Some(day(2023, 6, 20)),
            ),
        ),
        (
            "snv",
            mark(AgencyState::Done, Some("12/KH-SNV"), Some(day(2023, 7, 5))),
        ),
        ("cuc-thue", mark(AgencyState::Reported, None, None)),
    ] {
        store
            .set_agency_state(p, "IV.1.a.t1", agency, &m, &a)
            .unwrap();
    }
    store
}

/// The state at `size`, on `item`, its notes loaded as a user's moves load them.
fn at(item: &str, (w, h): (u16, u16)) -> (State, Runner) {
    let (mut s, mut r) = start(worked(), Lang::Vi, day(2023, 11, 20));
    send(&mut s, &mut r, [Msg::Resize(w, h)]);
    let t = ix(&s, item);
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Down, Msg::Up]);
    (s, r)
}

const TASK: &str = "III.1.2.3.c1.t1";

/// Each screen: its name, the item it starts on, and what the user does to get there.
type Setup = fn(&mut State, &mut Runner);
const SCREENS: &[(&str, &str, Setup)] = &[
    ("tree", TASK, |_, _| {}),
    ("tree_filtered", "IV.1.a.t1", |s, r| {
        // `a`, the agency's row, Enter: as a user filters the tree.
        let cao_loc = s.plan.agencies.by_id("ubnd-cao-loc").unwrap();
        send(s, r, [Msg::ShowAgencies]);
        while !matches!(&s.mode, Mode::Agencies { rows, list } if rows[list.sel].agency == cao_loc)
        {
            send(s, r, [Msg::Down]);
        }
        send(s, r, [Msg::Activate]);
    }),
    ("search", TASK, |s, r| {
        send(s, r, [Msg::StartSearch]);
        send(s, r, chars("giai ngan"));
    }),
    ("detail", TASK, |s, r| send(s, r, [Msg::Activate])),
    ("help", TASK, |s, r| send(s, r, [Msg::ShowHelp])),
    ("editor", TASK, |s, r| {
        send(s, r, [Msg::NewNote]);
        send(
            s,
            r,
            keys("Đã niêm yết công khai 100% thủ tục tại Bộ phận Một cửa"),
        );
        send(s, r, [Msg::NextField]);
        send(s, r, chars("12/KH-UBND"));
    }),
    ("deadline", TASK, |s, r| {
        send(s, r, [Msg::EditDeadline]);
        send(s, r, chars("15/12/2023"));
    }),
    ("notes", TASK, |s, r| {
        send(s, r, [Msg::FocusNotes, Msg::Down])
    }),
    ("overdue", TASK, |s, r| send(s, r, [Msg::ShowOverdue])),
    ("agencies", TASK, |s, r| send(s, r, [Msg::ShowAgencies])),
    ("parts", "IV.1.a.t1", |s, r| send(s, r, [Msg::ShowParts])),
    ("checklist", TASK, |s, r| send(s, r, [Msg::ShowChecklist])),
    ("matrix_by_index", TASK, |s, r| {
        send(s, r, [Msg::ShowMatrix])
    }),
    ("matrix_by_section", TASK, |s, r| {
        // Scrolled right a few columns: cells hidden on both sides.
        send(s, r, [Msg::ShowMatrix, Msg::NextField]);
        send(s, r, std::iter::repeat_n(Msg::Right, 6).collect::<Vec<_>>());
    }),
];

fn draw(s: &State) -> String {
    let mut term = Terminal::new(TestBackend::new(s.size.0, s.size.1)).unwrap();
    term.draw(|f| view(f, s)).unwrap();
    term.backend().to_string()
}

#[test]
fn every_screen_at_every_size() {
    for size in SIZES {
        for (name, item, setup) in SCREENS {
            let (mut s, mut r) = at(item, size);
            setup(&mut s, &mut r);
            let out = draw(&s);
            let snap = format!("{name}_{}x{}", size.0, size.1);
            insta::assert_snapshot!(snap.clone(), out);
            let footer = out.lines().last().unwrap_or("");
            // The way to help and out is on screen wherever ? and q do that.
            if matches!(s.mode, Mode::Tree) {
                assert!(
                    footer.contains("? giúp") && footer.contains("q thoát"),
                    "{snap}: {footer:?}"
                );
            }
        }
    }
}

#[test]
fn the_matrix_says_how_many_columns_are_hidden_and_scrolls_to_them() {
    let (mut s, mut r) = at(TASK, (60, 20));
    send(&mut s, &mut r, [Msg::ShowMatrix, Msg::NextField]);
    let Mode::Matrix(m) = &s.mode else { panic!() };
    let n = m.columns.len();
    let visible = m.cols(&s).visible;
    assert!(visible < n, "by section, 60 columns cannot show all {n}");
    let head = |s: &State| draw(s).lines().nth(3).unwrap().to_string();
    let first = head(&s);
    assert!(first.contains(&format!("{} ▸", n - visible)), "{first}");
    assert!(
        !first.contains('◂'),
        "nothing hidden on the left yet: {first}"
    );
    // Right until the last column: the hidden ones move to the left.
    send(
        &mut s,
        &mut r,
        std::iter::repeat_n(Msg::Right, n).collect::<Vec<_>>(),
    );
    let last = head(&s);
    assert!(last.contains(&format!("◂ {}", n - visible)), "{last}");
    assert!(!last.contains('▸'), "{last}");
    // At 200 columns no agency's name is cut, by section (the cells scroll) or by index
    // (nothing hidden).
    send(&mut s, &mut r, [Msg::Resize(200, 50)]);
    let names =
        |out: &str| -> Vec<String> { out.lines().skip(4).take(40).map(str::to_string).collect() };
    let wide = draw(&s);
    assert!(names(&wide).iter().all(|l| !l.contains('…')), "{wide}");
    send(&mut s, &mut r, [Msg::NextField]);
    let wide = draw(&s);
    assert!(!wide.contains('◂') && !wide.contains('▸'), "{wide}");
    assert!(names(&wide).iter().all(|l| !l.contains('…')), "{wide}");
}

/// The tree row holding `text`.
fn row(out: &str, text: &str) -> String {
    out.lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen:\n{out}"))
        .to_string()
}

#[test]
fn tree_rows_count_evidence_notes() {
    let (mut s, mut r) = at(TASK, (80, 24));
    let out = draw(&s);
    // III.1.2.3.c1.t1 has two notes, .t2 one; their branch none of its own.
    assert!(
        row(&out, "Văn phòng UBND tỉnh chủ trì").ends_with("✎2\""),
        "{out}"
    );
    assert!(row(&out, "Các sở, ban, ngành, UBND cấp huyện").ends_with("✎1\""));
    assert!(!row(&out, "(1) Tiêu chí công khai").contains('✎'), "{out}");
    // A note saved in the view counts at once; deleted, it no longer does.
    send(&mut s, &mut r, [Msg::NewNote]);
    send(&mut s, &mut r, keys("Biên bản kiểm tra"));
    send(&mut s, &mut r, [Msg::Submit]);
    let out = draw(&s);
    assert!(
        row(&out, "Văn phòng UBND tỉnh chủ trì").ends_with("✎3\""),
        "{out}"
    );
    send(
        &mut s,
        &mut r,
        [Msg::FocusNotes, Msg::DeleteNote, Msg::Confirm(true)],
    );
    let out = draw(&s);
    assert!(
        row(&out, "Văn phòng UBND tỉnh chủ trì").ends_with("✎2\""),
        "{out}"
    );
    // On the Linux console the mark is a letter.
    s.ascii = true;
    let out = draw(&s);
    assert!(
        row(&out, "Văn phòng UBND tỉnh chủ trì").ends_with(" n2\""),
        "{out}"
    );
}

#[test]
fn the_overdue_lists_count_is_whole_at_every_size() {
    for size in SIZES {
        let (mut s, mut r) = at(TASK, size);
        send(&mut s, &mut r, [Msg::ShowOverdue]);
        let Mode::Overdue { rows, .. } = &s.mode else {
            panic!("not the overdue list")
        };
        let count = format!("— {}", rows.len());
        let out = draw(&s);
        // The title's line: the count ends it, never cut to fewer digits ("— 9" for 95).
        let title = out
            .lines()
            .find(|l| l.contains("Quá hạn"))
            .unwrap_or_else(|| panic!("no title:\n{out}"));
        assert!(
            title.trim_matches('"').trim_end().ends_with(&count),
            "{size:?}: {title:?} should end with {count:?}"
        );
    }
}
