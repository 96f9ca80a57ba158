//! Each agency's part in the interactive view: the parts list of an item, the 30/06 checklist
//! and the matrix, driven by messages with a real database behind them, and drawn at 80×24.

mod common;

use common::*;
use insta::assert_snapshot;
use kehoach::i18n::Lang;
use kehoach::plan::accountability::{AgencyState, Timing};
use kehoach::store::NewMark;
use kehoach::tui::state::{Mode, State};
use kehoach::tui::view::view;
use kehoach::tui::{Msg, effects::Runner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(state: &mut State, w: u16, h: u16) -> String {
    state.size = (w, h);
    state.keep_visible();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(f, state)).unwrap();
    term.backend().to_string()
}

/// Some parts recorded: Cao Lộc issued its plan on time, Sở Nội vụ late, Cục Thuế reported.
fn worked() -> kehoach::store::Store {
    let mut store = seeded_memory();
    let a = actor(USER);
    let mark = |state, doc: Option<&str>, date| NewMark {
        state,
        doc_ref: doc.map(str::to_string),
        doc_date: date,
        note: None,
    };
    let p = "lang-son-2023";
    store
        .set_agency_state(
            p,
            "IV.1.a.t1",
            "ubnd-cao-loc",
            &mark(
                AgencyState::Done,
                Some("45/KH-UBND"),
                Some(day(2023, 6, 20)),
            ),
            &a,
        )
        .unwrap();
    store
        .set_agency_state(
            p,
            "IV.1.a.t1",
            "snv",
            &mark(AgencyState::Done, Some("12/KH-SNV"), Some(day(2023, 7, 5))),
            &a,
        )
        .unwrap();
    store
        .set_agency_state(
            p,
            "IV.1.a.t1",
            "cuc-thue",
            &mark(AgencyState::Reported, None, None),
            &a,
        )
        .unwrap();
    store
}

fn at(store: kehoach::store::Store, id: &str, today: chrono::NaiveDate) -> (State, Runner) {
    let (mut s, mut r) = start(store, Lang::Vi, today);
    let t = ix(&s, id);
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Down, Msg::Up]);
    (s, r)
}

fn select_agency(s: &mut State, r: &mut Runner, id: &str) {
    let target = s.plan.agencies.by_id(id).unwrap();
    let list = match &s.mode {
        Mode::Parts { agencies, .. } => agencies.clone(),
        Mode::Checklist { rows, .. } => rows.iter().map(|x| x.agency).collect(),
        _ => panic!("not a list of agencies"),
    };
    let at = list.iter().position(|&a| a == target).unwrap();
    send(s, r, [Msg::Top]);
    for _ in 0..at {
        send(s, r, [Msg::Down]);
    }
}

#[test]
fn the_parts_of_an_item_are_recorded_one_agency_at_a_time() {
    let (mut s, mut r) = at(seeded_memory(), "III.1.2.3.c1.t2", day(2023, 11, 20));
    send(&mut s, &mut r, [Msg::ShowParts]);
    let Mode::Parts { agencies, .. } = &s.mode else {
        panic!("parts mode")
    };
    // Groups expanded: 20 departments, 11 districts, and the communes (a group of its own).
    assert_eq!(agencies.len(), 32);
    let t = ix(&s, "III.1.2.3.c1.t2");
    let cao_loc = s.plan.agencies.by_id("ubnd-cao-loc").unwrap();
    select_agency(&mut s, &mut r, "ubnd-cao-loc");
    send(&mut s, &mut r, [Msg::MarkAgency(AgencyState::Done)]);
    let stored = r.store().ledger(&s.plan).unwrap();
    assert_eq!(stored.mark(t, cao_loc).unwrap().state, AgencyState::Done);
    assert!(s.flash.as_ref().unwrap().text.contains("Cao Lộc"));
    // The same key again takes it back.
    send(&mut s, &mut r, [Msg::MarkAgency(AgencyState::Done)]);
    assert!(
        r.store()
            .ledger(&s.plan)
            .unwrap()
            .mark(t, cao_loc)
            .is_none()
    );
    // Reported, then its document through the editor: done with evidence.
    send(
        &mut s,
        &mut r,
        [Msg::MarkAgency(AgencyState::Reported), Msg::NewNote],
    );
    let Mode::Editor(e) = &s.mode else {
        panic!("the evidence editor")
    };
    assert_eq!(e.agency, Some(cao_loc));
    send(&mut s, &mut r, chars("45/KH-UBND"));
    send(&mut s, &mut r, [Msg::NextField]);
    send(&mut s, &mut r, chars("20/11/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    assert!(matches!(s.mode, Mode::Parts { .. }), "back to the list");
    let m = r
        .store()
        .ledger(&s.plan)
        .unwrap()
        .mark(t, cao_loc)
        .cloned()
        .unwrap();
    assert_eq!(m.state, AgencyState::Done);
    assert_eq!(m.doc_ref.as_deref(), Some("45/KH-UBND"));
    assert_eq!(m.doc_date, Some(day(2023, 11, 20)));
    // Undo brings back "reported".
    send(&mut s, &mut r, [Msg::Undo]);
    let m = r
        .store()
        .ledger(&s.plan)
        .unwrap()
        .mark(t, cao_loc)
        .cloned()
        .unwrap();
    assert_eq!(m.state, AgencyState::Reported);
    let log = r.store().history(None, 1).unwrap();
    assert_eq!(log[0].action, "undo agency ubnd-cao-loc");
}

#[test]
fn when_every_agency_is_done_the_detail_says_so() {
    let (mut s, mut r) = at(seeded_memory(), "III.1.2.9.t1", day(2023, 11, 20));
    // III.1.2.9.t1 is Sở Nội vụ's alone: one agency, so no count is shown …
    let out = screen(&mut s, 80, 24);
    assert!(!out.contains("cơ quan đã xong"), "{out}");
    // … while the criterion's tasks for all departments and districts count each one.
    let t = ix(&s, "III.1.2.9.t3");
    s.reveal(t);
    send(&mut s, &mut r, [Msg::Down, Msg::Up, Msg::Activate]);
    let out = screen(&mut s, 80, 24);
    assert!(out.contains("0/31 cơ quan đã xong"), "{out}");
    send(&mut s, &mut r, [Msg::Back, Msg::ShowParts]);
    for _ in 0..31 {
        send(
            &mut s,
            &mut r,
            [Msg::MarkAgency(AgencyState::Done), Msg::Down],
        );
    }
    send(&mut s, &mut r, [Msg::Back, Msg::Activate]);
    let out = screen(&mut s, 80, 24);
    assert!(out.contains("31/31 cơ quan đã xong"), "{out}");
    assert!(out.contains("Tất cả cơ quan đã xong"), "{out}");
}

#[test]
fn the_checklist_says_who_issued_their_plan_and_when() {
    let (mut s, mut r) = at(worked(), "I", day(2023, 7, 10));
    send(&mut s, &mut r, [Msg::ShowChecklist]);
    let Mode::Checklist { rows, .. } = &s.mode else {
        panic!("checklist")
    };
    // Departments, districts, communes, and the central agencies of IV.4.
    assert_eq!(rows.len(), 41);
    let row = |id: &str| {
        let a = s.plan.agencies.by_id(id).unwrap();
        rows.iter().find(|r| r.agency == a).unwrap().clone()
    };
    assert_eq!(row("ubnd-cao-loc").timing, Timing::OnTime);
    assert_eq!(row("snv").timing, Timing::Late(5));
    assert_eq!(row("cuc-thue").state, AgencyState::Reported);
    assert!(matches!(row("sct").timing, Timing::Pending(_)));
    assert_snapshot!("checklist_80x24", screen(&mut s, 80, 24));
    assert_snapshot!("checklist_120x40", screen(&mut s, 120, 40));
    // Record Sở Công Thương's plan from the list.
    select_agency(&mut s, &mut r, "sct");
    send(&mut s, &mut r, [Msg::Activate]);
    send(&mut s, &mut r, chars("7/KH-SCT"));
    send(&mut s, &mut r, [Msg::NextField]);
    send(&mut s, &mut r, chars("29/06/2023"));
    send(&mut s, &mut r, [Msg::Submit]);
    let Mode::Checklist { rows, .. } = &s.mode else {
        panic!("back to the checklist")
    };
    let sct = s.plan.agencies.by_id("sct").unwrap();
    let row = rows.iter().find(|r| r.agency == sct).unwrap();
    assert_eq!(row.timing, Timing::OnTime);
    assert_eq!(row.doc_ref.as_deref(), Some("7/KH-SCT"));
}

#[test]
fn the_matrix_answers_who_is_late_and_drills_into_an_agency() {
    let (mut s, mut r) = at(worked(), "I", day(2023, 7, 10));
    send(&mut s, &mut r, [Msg::ShowMatrix]);
    assert_snapshot!("matrix_by_index_80x24", screen(&mut s, 80, 24));
    let Mode::Matrix(m) = &s.mode else { panic!() };
    assert_eq!(m.columns.len(), 4);
    let snv = s.plan.agencies.by_id("snv").unwrap();
    let (_, cells) = m.rows.iter().find(|(a, _)| *a == snv).unwrap();
    // Sở Nội vụ's plan (IV.1.a.t1) is done, late: in "Chung", done and nothing overdue.
    assert_eq!(cells[3].overdue, 0);
    assert!(cells[3].tally.done >= 1);
    let row = m.rows.iter().position(|(a, _)| *a == snv).unwrap();
    // By section, scrolled right to the PAPI groups.
    send(&mut s, &mut r, [Msg::NextField]);
    for _ in 0..row {
        send(&mut s, &mut r, [Msg::Down]);
    }
    // To 1.2.9, the survey of leaders that Sở Nội vụ leads.
    loop {
        let Mode::Matrix(m) = &s.mode else { panic!() };
        if m.columns[m.col].label == "1.2.9" {
            break;
        }
        send(&mut s, &mut r, [Msg::Right]);
    }
    assert_snapshot!("matrix_by_section_80x24", screen(&mut s, 80, 24));
    let Mode::Matrix(m) = &s.mode else { panic!() };
    let column = m.columns[m.col].clone();
    send(&mut s, &mut r, [Msg::Activate]);
    assert!(matches!(s.mode, Mode::Tree));
    assert_eq!(s.filter.as_ref().unwrap().agency, snv);
    let root = column.roots[0];
    assert!(
        (root..s.plan.node(root).end).contains(&s.selected),
        "the selection is in the chosen column"
    );
}

#[test]
fn the_parts_list_at_80x24() {
    let (mut s, mut r) = at(worked(), "IV.1.a.t1", day(2023, 7, 10));
    send(&mut s, &mut r, [Msg::ShowParts]);
    assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn undo_leaves_an_agencys_part_someone_recorded_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (mut s, mut r) = at(seeded_file(&db), "III.1.2.3.c1.t2", day(2023, 11, 20));
    let mut hung = kehoach::store::Store::open(&db).unwrap();
    send(&mut s, &mut r, [Msg::ShowParts]);
    select_agency(&mut s, &mut r, "ubnd-cao-loc");
    send(&mut s, &mut r, [Msg::MarkAgency(AgencyState::Done)]);
    // Hùng records the same part as not applicable.
    let na = NewMark {
        state: AgencyState::NotApplicable,
        ..NewMark::default()
    };
    hung.set_agency_state(
        "lang-son-2023",
        "III.1.2.3.c1.t2",
        "ubnd-cao-loc",
        &na,
        &actor("hung"),
    )
    .unwrap();
    send(&mut s, &mut r, [Msg::Undo]);
    let flash = s.flash.clone().unwrap();
    assert!(flash.error && flash.text.contains("hung"), "{}", flash.text);
    let t = ix(&s, "III.1.2.3.c1.t2");
    let cao_loc = s.plan.agencies.by_id("ubnd-cao-loc").unwrap();
    let ledger = r.store().ledger(&s.plan).unwrap();
    assert_eq!(
        ledger.mark(t, cao_loc).unwrap().state,
        AgencyState::NotApplicable
    );
}
