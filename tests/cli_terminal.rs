//! Stored text that carries terminal escape sequences (a plan title, an agency name, a note, a
//! document number): every command shows it to a terminal with placeholders, and keeps it as
//! stored in a pipe or a file written with `--out` (README "Text from notes and plan files").
//! The terminal is real: a pty from `script`, and tmux for what a person would notice.

mod common;

use std::path::Path;

use common::cli::Db;
use common::plan_file::{edited_plan, node_mut};
use common::tmux::Tmux;

/// Retitles the terminal, then clears it.
const ATTACK: &str = "\u{1b}]0;HACKED\u{7}\u{1b}[2J";
/// What a terminal must show instead.
const SHOWN: &str = "␛]0;HACKED␇␛[2J";

/// A database whose newest plan carries the attack in its title, a task's title and an
/// agency's name, and in a note and two document numbers; returns a plan file whose id
/// carries it too, not yet imported.
fn attacked() -> (Db, std::path::PathBuf) {
    let db = Db::new();
    let plan = edited_plan(|v| {
        v["id"] = "thu-nghiem".into();
        v["title"] = format!("Kế hoạch thử {ATTACK}").into();
        v["agencies"][0]["name"] = format!("Sở Nội vụ {ATTACK}").into();
        let task = node_mut(v, "IV.1.a.t1");
        task["title"] = format!("Kế hoạch ban hành {ATTACK}").into();
    });
    let file = db.file("plan.json");
    std::fs::write(&file, plan).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    // Imported by the tests themselves: its id is quoted by the success message.
    let named = db.file("named.json");
    let plan = edited_plan(|v| v["id"] = format!("thu-{ATTACK}").into());
    std::fs::write(&named, plan).unwrap();
    db.ok(&[
        "note",
        "IV.1.a.t1",
        &format!("Đã ban hành {ATTACK}"),
        "--doc",
        &format!("45/KH-SNV {ATTACK}"),
    ]);
    db.ok(&[
        "agency-done",
        "IV.1.a.t1",
        "so noi vu",
        "--doc",
        &format!("12/KH {ATTACK}"),
    ]);
    (db, named)
}

/// A plan file the import refuses, quoting an agency name that carries the attack.
fn refused_plan(db: &Db) -> std::path::PathBuf {
    let plan = edited_plan(|v| {
        v["id"] = "hong".into();
        node_mut(v, "IV.1.a.t1")["lead"] = serde_json::json!([format!("Sở Lạ {ATTACK}")]);
    });
    let file = db.file("hong.json");
    std::fs::write(&file, plan).unwrap();
    file
}

/// Every command of issue 9 that printed stored text raw, and the ones that already did not.
fn commands(plan: &Path, refused: &Path) -> Vec<Vec<String>> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        s(&["export", "--format", "md"]),
        s(&["export", "--format", "csv"]),
        s(&["export", "--format", "json"]),
        s(&["report", "--agency", "so noi vu"]),
        s(&["report", "--agency", "so noi vu", "--format", "csv"]),
        s(&["report", "--missing"]),
        s(&["checklist"]),
        s(&["checklist", "--format", "csv"]),
        s(&["plans"]),
        s(&["status"]),
        s(&["show", "IV.1.a.t1"]),
        s(&["search", "ban hanh"]),
        // Sở Nội vụ recorded its part of IV.1.a.t1 (its own plan): Cao Lộc still owes it.
        s(&["overdue", "--agency", "cao loc"]),
        s(&["history"]),
        s(&["import", plan.to_str().unwrap()]),
        s(&["import", refused.to_str().unwrap()]),
    ]
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// kehoach in a pseudo-terminal, as of 01/12/2023.
fn on_a_terminal(db: &Db, args: &[String]) -> Vec<u8> {
    let args: Vec<&str> = ["--today", "2023-12-01"]
        .into_iter()
        .chain(args.iter().map(String::as_str))
        .collect();
    common::cli::on_a_terminal(&db.path, &args)
}

#[test]
fn a_terminal_never_receives_an_escape_sequence_from_stored_text() {
    let (db, plan) = attacked();
    let refused = refused_plan(&db);
    for args in commands(&plan, &refused) {
        let got = on_a_terminal(&db, &args);
        let text = String::from_utf8_lossy(&got);
        assert!(
            !got.iter().any(|&b| b == 0x1b || b == 0x07),
            "kehoach {args:?} sent a raw escape sequence to the terminal:\n{text}"
        );
        // Either the data shows as placeholders, or (json, which escapes) as \u001b.
        assert!(
            text.contains(SHOWN) || text.contains("\\u001b]0;HACKED\\u0007"),
            "kehoach {args:?} did not show the stored text:\n{text}"
        );
    }
}

#[test]
fn a_pipe_and_a_file_keep_the_text_as_stored() {
    let (db, plan) = attacked();
    let refused = refused_plan(&db);
    for args in commands(&plan, &refused) {
        if args[0] == "export" && args[2] == "json" {
            continue; // JSON escapes control characters itself.
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = db
            .cmd(&["--today", "2023-12-01"])
            .args(&args)
            .output()
            .unwrap();
        let both = [out.stdout, out.stderr].concat();
        let both = String::from_utf8(both).unwrap();
        assert!(
            both.contains(ATTACK),
            "kehoach {args:?} changed the stored text in a pipe:\n{both}"
        );
        assert!(!both.contains(SHOWN), "{both}");
    }
    // --out writes the file as stored, and says so on the terminal without the data.
    let file = db.file("r.md");
    let said = on_a_terminal(
        &db,
        &[
            "--plan".into(),
            "thu-nghiem".into(),
            "export".into(),
            "--format".into(),
            "md".into(),
            "--out".into(),
            file.to_str().unwrap().into(),
        ],
    );
    assert!(!said.contains(&0x1b), "{}", String::from_utf8_lossy(&said));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains(ATTACK), "{written}");
}

/// What a coordinator would notice: the window keeps its title and the screen is not cleared.
#[test]
fn in_tmux_the_title_stays_and_the_screen_is_not_cleared() {
    let (db, _) = attacked();
    let refused = refused_plan(&db);
    let kehoach = |args: &str| {
        format!(
            "{} --db {} --today 2023-12-01 {args}",
            env!("CARGO_BIN_EXE_kehoach"),
            shell_quote(db.path.to_str().unwrap())
        )
    };
    // The shell titles the window itself first; a raw OSC 0 from kehoach would replace it.
    let script = format!(
        "printf '\\033]0;kehoach-test\\007'; echo TRUOC; {}; {}; echo SAU; sleep 60",
        kehoach("plans"),
        kehoach(&format!(
            "import {}",
            shell_quote(refused.to_str().unwrap())
        )),
    );
    let t = Tmux::start(
        "sanitise",
        120,
        30,
        &format!(
            "env TERM=xterm-256color LANG=C.UTF-8 USER=lan sh -c {}",
            shell_quote(&script)
        ),
    );
    let screen = t.wait_for("SAU", 20);
    assert!(
        screen.contains("TRUOC"),
        "the screen was cleared:\n{screen}"
    );
    assert!(
        screen.contains(&format!("Kế hoạch thử {SHOWN}")),
        "{screen}"
    );
    assert!(screen.contains(&format!("Sở Lạ {SHOWN}")), "{screen}");
    assert_eq!(t.title(), "kehoach-test", "the terminal was retitled");
}
