//! Several Unix accounts on one database, set up exactly as README "Sharing one database"
//! says: the test runs the README's own set-up commands (with the names and paths made
//! private to the test), then two coordinators and a read-only viewer use kehoach at once,
//! each with an interactive view open and a stream of one-shot commands. Afterwards every
//! acknowledged change is in the database once, nobody was locked out, the viewer saw the
//! writers' changes and `kehoach doctor` finds nothing to fix.
//!
//! It needs root (to create the accounts), `useradd`, `runuser` and `setpriv`; without them it
//! says why and passes, as on a developer's laptop. `.ci/run` runs as root on Debian.

mod common;

use std::collections::HashMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::tmux::Tmux;
use kehoach::plan::Plan;

/// Runnable by every account (see [`common::shared_binary`]).
fn bin() -> &'static str {
    common::shared_binary()
}

fn slow() -> bool {
    std::env::var_os("KEHOACH_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("could not run {cmd:?}: {e}"))
}

fn why_not() -> Option<String> {
    if !common::can_switch_accounts() {
        return Some("cannot act as other accounts".into());
    }
    for tool in ["useradd", "userdel", "groupadd", "groupdel", "runuser"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            return Some(format!("{tool} is missing"));
        }
    }
    None
}

/// The test's own accounts and group, removed again when the test ends (even on failure).
struct Accounts {
    group: String,
    lan: String,
    minh: String,
    viewer: String,
}

impl Accounts {
    fn create() -> Accounts {
        let tag = std::process::id() % 100_000;
        let a = Accounts {
            group: format!("khg{tag}"),
            lan: format!("khlan{tag}"),
            minh: format!("khminh{tag}"),
            viewer: format!("khxem{tag}"),
        };
        for user in [&a.lan, &a.minh, &a.viewer] {
            // -M no home, -N no group of its own: like accounts that already exist on a server.
            let out = run(Command::new("useradd").args(["-M", "-N", "-s", "/bin/sh", user]));
            assert!(
                out.status.success(),
                "useradd {user}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        a
    }

    fn uid(&self, user: &str) -> String {
        let out = run(Command::new("id").args(["-u", user]));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn gid(&self, user: &str) -> String {
        let out = run(Command::new("id").args(["-g", user]));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn group_id(&self) -> u32 {
        let out = run(Command::new("getent").args(["group", &self.group]));
        String::from_utf8_lossy(&out.stdout)
            .split(':')
            .nth(2)
            .and_then(|g| g.trim().parse().ok())
            .expect("the group exists after the README's set-up")
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        // -f: a view of that account may still be exiting; the account goes all the same.
        for user in [&self.lan, &self.minh, &self.viewer] {
            let _ = Command::new("userdel").args(["-f", user]).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

/// The set-up block of README.md, found by the comment that marks it as tested here.
fn readme_setup() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let marker = "<!-- tested by tests/shared_accounts.rs -->";
    let after = &readme[readme.find(marker).expect("README marks its set-up block")..];
    let start = after.find("```sh\n").expect("a sh block after the marker") + "```sh\n".len();
    let body = &after[start..];
    body[..body.find("```").expect("the block ends")].to_string()
}

/// README's commands with the test's names and paths: the same commands, private places.
fn localise(script: &str, acc: &Accounts, root: &Path) -> String {
    let bin_dir = root.join("bin");
    let words: HashMap<&str, &str> = [
        ("cchc", acc.group.as_str()),
        ("lan", acc.lan.as_str()),
        ("minh", acc.minh.as_str()),
    ]
    .into();
    script
        .lines()
        .map(|line| {
            let line = line
                .replace("target/release/kehoach", bin())
                .replace("/usr/local/bin/", &format!("{}/", bin_dir.display()))
                .replace("-- kehoach ", &format!("-- {}/kehoach ", bin_dir.display()))
                .replace(
                    "/srv/kehoach",
                    &root.join("srv/kehoach").display().to_string(),
                )
                .replace(
                    "/etc/environment",
                    &root.join("environment").display().to_string(),
                );
            line.split(' ')
                .map(|w| words.get(w).copied().unwrap_or(w))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One account's view of kehoach: one-shot commands and an interactive view.
struct Person<'a> {
    name: &'a str,
    uid: String,
    gid: String,
    db: PathBuf,
    home: PathBuf,
}

impl Person<'_> {
    fn prefix(&self) -> Vec<String> {
        vec![
            "setpriv".into(),
            format!("--reuid={}", self.uid),
            format!("--regid={}", self.gid),
            "--init-groups".into(),
            "env".into(),
            format!("HOME={}", self.home.display()),
            format!("USER={}", self.name),
            "LANG=C.UTF-8".into(),
            "KEHOACH_LANG=vi".into(),
            "COLUMNS=200".into(),
            bin().into(),
            "--db".into(),
            self.db.display().to_string(),
            "--today".into(),
            "2023-11-20".into(),
        ]
    }

    fn kehoach(&self, args: &[&str]) -> Output {
        let p = self.prefix();
        run(Command::new(&p[0]).args(&p[1..]).args(args))
    }

    fn tui(&self, tag: &str) -> Tmux {
        let line = self
            .prefix()
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" ");
        Tmux::start(tag, 80, 24, &format!("env TERM=xterm-256color {line}"))
    }
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn tasks() -> Vec<String> {
    Plan::embedded()
        .nodes
        .iter()
        .filter(|n| n.is_task())
        .map(|n| n.id.clone())
        .collect()
}

/// What a writer's stream of commands was told was saved.
#[derive(Default)]
struct Acked {
    /// (item, "done" | "reopen")
    states: Vec<(String, String)>,
    notes: Vec<String>,
    refused: Vec<String>,
}

fn write_stream(who: &Person<'_>, mine: &[String], n: usize) -> Acked {
    let mut acked = Acked::default();
    for i in 0..n {
        let item = &mine[i % mine.len()];
        let verb = if (i / mine.len()).is_multiple_of(2) {
            "done"
        } else {
            "reopen"
        };
        let out = who.kehoach(&[verb, item]);
        if out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Đã") {
            acked.states.push((item.clone(), verb.to_string()));
        } else {
            acked.refused.push(text(&out));
        }
        let note = format!("{}: biên bản {i}/BB-SNV về {item}", who.name);
        let out = who.kehoach(&["note", item, &note]);
        if out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Đã lưu") {
            acked.notes.push(note);
        } else {
            acked.refused.push(text(&out));
        }
    }
    acked
}

fn read_stream(who: &Person<'_>, watch: &[String], n: usize) -> Vec<String> {
    let mut refused = Vec::new();
    for i in 0..n {
        let id = &watch[i % watch.len()];
        let args: &[&str] = match i % 5 {
            0 => &["status"],
            1 => &["overdue"],
            2 => &["show", id],
            3 => &["history", "--limit", "5"],
            _ => &["search", "so noi vu"],
        };
        let out = who.kehoach(args);
        if !out.status.success() || out.stdout.is_empty() {
            refused.push(format!("{args:?}: {}", text(&out)));
        }
    }
    refused
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn three_accounts_share_one_database_set_up_as_the_readme_says() {
    if let Some(why) = why_not() {
        eprintln!("skipped: {why}");
        return;
    }
    let acc = Accounts::create();
    let root = tempfile::tempdir().unwrap();
    // Other accounts must reach the shared folder through the test's temporary folder.
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(root.path().join("bin")).unwrap();
    std::fs::create_dir(root.path().join("srv")).unwrap();

    // 1. The README's set-up, as root, line by line.
    let script = localise(&readme_setup(), &acc, root.path());
    let out = run(Command::new("bash").args(["-euo", "pipefail", "-c", &script]));
    assert!(
        out.status.success(),
        "README's set-up failed:\n{script}\n{}",
        text(&out)
    );
    let dir = root.path().join("srv/kehoach");
    let db = dir.join("kehoach.db");
    assert!(db.exists(), "the set-up created no database:\n{script}");
    assert_eq!(std::fs::metadata(&db).unwrap().gid(), acc.group_id());
    assert_eq!(mode(&db) & 0o060, 0o060, "the group may read and write");
    assert_eq!(mode(&dir) & 0o2000, 0o2000, "the folder is setgid");
    let env = std::fs::read_to_string(root.path().join("environment")).unwrap();
    assert!(
        env.contains(&format!("KEHOACH_DB={}", db.display())),
        "{env}"
    );

    let person = |name: &'static str, user: &str| -> Person<'static> {
        let home = root.path().join(format!("home-{name}"));
        std::fs::create_dir_all(&home).unwrap();
        run(Command::new("chown").arg(user).arg(&home));
        Person {
            name: Box::leak(user.to_string().into_boxed_str()),
            uid: acc.uid(user),
            gid: acc.gid(user),
            db: db.clone(),
            home,
        }
    };
    let lan = person("lan", &acc.lan);
    let minh = person("minh", &acc.minh);
    let viewer = person("xem", &acc.viewer);

    // 2. Everyone opens the interactive view; only the viewer's says read-only.
    let lan_tui = lan.tui("acc-lan");
    let minh_tui = minh.tui("acc-minh");
    let viewer_tui = viewer.tui("acc-xem");
    for (t, ro) in [(&lan_tui, false), (&minh_tui, false), (&viewer_tui, true)] {
        let s = t.wait_for("PAR INDEX", 20);
        assert_eq!(s.contains("[CHỈ ĐỌC]"), ro, "{s}");
    }

    // 3. Commands from all three at once, while the views stay open.
    let all = tasks();
    let share = |k: usize| -> Vec<String> { all.iter().skip(k).step_by(3).cloned().collect() };
    let (lan_items, minh_items, tui_items) = (share(0), share(1), share(2));
    let n = if slow() { 100 } else { 40 };
    let watch: Vec<String> = lan_items.iter().chain(&minh_items).cloned().collect();
    let (lan_acked, minh_acked, viewer_refused, tui_acked) = std::thread::scope(|s| {
        let a = s.spawn(|| write_stream(&lan, &lan_items, n));
        let b = s.spawn(|| write_stream(&minh, &minh_items, n));
        let v = s.spawn(|| read_stream(&viewer, &watch, 2 * n));
        // Meanwhile the two coordinators mark tasks done in their views.
        let mut tui_acked = Vec::new();
        for (k, item) in tui_items.iter().take(6).enumerate() {
            let (t, who) = if k % 2 == 0 {
                (&lan_tui, lan.name)
            } else {
                (&minh_tui, minh.name)
            };
            t.keys(&["Escape", "/"]);
            t.type_text(item);
            t.wait_for(&format!("Tìm: {item}"), 5);
            t.keys(&["Enter"]);
            t.wait_for(&format!("{item} · "), 5);
            t.keys(&["Space"]);
            // The footer's "Đã lưu" may already be replaced by the other writers' news; the
            // item's own line says who marked it done.
            t.wait_for(&format!(" · {who} · Hạn"), 10);
            tui_acked.push(item.clone());
        }
        (
            a.join().unwrap(),
            b.join().unwrap(),
            v.join().unwrap(),
            tui_acked,
        )
    });

    assert!(lan_acked.refused.is_empty(), "{:#?}", lan_acked.refused);
    assert!(minh_acked.refused.is_empty(), "{:#?}", minh_acked.refused);
    assert!(viewer_refused.is_empty(), "{viewer_refused:#?}");

    // 4. Every acknowledged change is in the database exactly once.
    let conn =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> i64 {
        conn.query_row(sql, p, |r| r.get(0)).unwrap()
    };
    for (who, acked) in [(lan.name, &lan_acked), (minh.name, &minh_acked)] {
        for note in &acked.notes {
            assert_eq!(
                count(
                    "SELECT count(*) FROM note WHERE text = ?1 AND author = ?2",
                    &[note, &who]
                ),
                1,
                "note {note:?}"
            );
        }
        let mut want: HashMap<(&str, &str), i64> = HashMap::new();
        for (item, verb) in &acked.states {
            *want.entry((item, verb)).or_default() += 1;
        }
        for ((item, verb), times) in want {
            let got = count(
                "SELECT count(*) FROM audit WHERE who = ?1 AND item_id = ?2 AND action = ?3",
                &[&who, &item, &verb],
            );
            assert_eq!(got, times, "{who} {verb} {item}");
        }
    }
    for item in &tui_acked {
        assert_eq!(
            count(
                "SELECT count(*) FROM audit WHERE item_id = ?1 AND action = 'done'",
                &[item]
            ),
            1,
            "{item} done in a view"
        );
    }

    // 5. The viewer sees the writers' work: in a command and in the open view.
    let last_lan = &lan_acked.states.last().unwrap();
    let shown = viewer.kehoach(&["show", &last_lan.0]);
    assert!(shown.status.success(), "{}", text(&shown));
    let want_state = if last_lan.1 == "done" {
        "Đã xong"
    } else {
        "Chưa xong"
    };
    assert!(
        String::from_utf8_lossy(&shown.stdout).contains(want_state),
        "{}",
        text(&shown)
    );
    // The viewer's header counts what the writers' own `status` counts.
    let status = String::from_utf8_lossy(&lan.kehoach(&["status"]).stdout).into_owned();
    let header: Vec<String> = ["PAR INDEX", "SIPAS", "PAPI"]
        .iter()
        .map(|index| {
            let line = status
                .lines()
                .find(|l| l.trim_start().starts_with(index))
                .unwrap_or_else(|| panic!("{index} in {status}"));
            let count = line.split_whitespace().find(|w| w.contains('/')).unwrap();
            format!("{index} {count} ")
        })
        .collect();
    for h in &header {
        viewer_tui.wait_for(h, 10);
    }

    // 6. Everyone closes; the viewer reads the file alone (no -wal now), and the writers are
    //    still not locked out afterwards.
    for t in [&lan_tui, &minh_tui, &viewer_tui] {
        t.keys(&["Escape", "q"]);
        t.wait_exit(10);
    }
    drop(conn);
    let alone = viewer.kehoach(&["status"]);
    assert!(alone.status.success(), "{}", text(&alone));
    for (who, item) in [(&lan, &lan_items[0]), (&minh, &minh_items[0])] {
        let out = who.kehoach(&["note", item, "sau cuộc họp"]);
        assert!(
            out.status.success(),
            "{} locked out: {}",
            who.name,
            text(&out)
        );
    }
    for side in ["-wal", "-shm"] {
        let p = dir.join(format!("kehoach.db{side}"));
        if let Ok(m) = std::fs::metadata(&p) {
            assert_eq!(m.gid(), acc.group_id(), "{side} belongs to the group");
            assert_eq!(mode(&p) & 0o060, 0o060, "{side} is group-writable");
        }
    }

    // 7. The doctor, asked by a coordinator, finds a sound, shared database.
    let doc = lan.kehoach(&["doctor"]);
    assert_eq!(doc.status.code(), Some(0), "{}", text(&doc));
    let report = String::from_utf8_lossy(&doc.stdout);
    assert!(report.contains("ổn"), "{report}");
}
