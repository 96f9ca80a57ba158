//! Driving the real binary in a private tmux server, as a person at a terminal would.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Start `command` in an 80×24 (or given size) window on a private tmux server.
    pub fn start(name: &str, cols: u16, rows: u16, command: &str) -> Tmux {
        assert!(
            Command::new("tmux").arg("-V").output().is_ok(),
            "these tests drive kehoach in tmux: install it (apt-get install tmux); .ci/run does"
        );
        let socket = format!("kehoach-test-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let ok = t
            .cmd(&[
                "new-session",
                "-d",
                "-x",
                &cols.to_string(),
                "-y",
                &rows.to_string(),
                "-s",
                "main",
                command,
            ])
            .status
            .success();
        assert!(ok, "tmux could not start {command}");
        // Keep the pane after the program exits, so its last screen and exit can be read.
        t.cmd(&["set-option", "-t", "main", "remain-on-exit", "on"]);
        t
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// From the start screen, find "giai ngan" without diacritics and open the result: the
    /// disbursement criterion III.1.2.6.c1, the item the meeting tests work on.
    pub fn open_disbursement(&self) {
        self.wait_for("PAR INDEX", 20);
        self.keys(&["/"]);
        self.type_text("giai ngan");
        self.wait_for("Tìm: giai ngan", 5);
        self.keys(&["Enter"]);
        self.wait_for("III.1.2.6.c1 · ", 5);
    }

    /// Keys by tmux name ("Enter", "Escape", "Space", "j").
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }

    /// Text typed literally (UTF-8 as is).
    pub fn type_text(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "main", "-l", text]);
    }

    /// Paste `text` as tmux does: `bracketed` as a terminal that supports bracketed paste
    /// (`paste-buffer -p`, which brackets only when the program asked for it), otherwise as
    /// plain keys, each line break a carriage return.
    pub fn paste(&self, text: &str, bracketed: bool) {
        let file = std::env::temp_dir().join(format!("{}-paste.txt", self.socket));
        std::fs::write(&file, text).unwrap();
        let loaded = self.cmd(&["load-buffer", "-b", "paste", file.to_str().unwrap()]);
        let _ = std::fs::remove_file(&file);
        assert!(loaded.status.success(), "tmux load-buffer failed");
        let mut args = vec!["paste-buffer", "-d", "-b", "paste", "-t", "main"];
        if bracketed {
            args.push("-p");
        }
        assert!(self.cmd(&args).status.success(), "tmux paste-buffer failed");
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// Wait until the screen contains `needle`; panic with the screen if it never does.
    pub fn wait_for(&self, needle: &str, secs: u64) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                panic!("waited {secs}s for {needle:?}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether the program in the pane has exited.
    pub fn exited(&self) -> bool {
        let out = self.cmd(&["display-message", "-p", "-t", "main", "#{pane_dead}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    pub fn wait_exit(&self, secs: u64) {
        let start = Instant::now();
        while !self.exited() {
            if start.elapsed() > Duration::from_secs(secs) {
                panic!("kehoach did not exit; the screen was:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.cmd(&[
            "resize-window",
            "-t",
            "main",
            "-x",
            &cols.to_string(),
            "-y",
            &rows.to_string(),
        ]);
    }

    /// The pane's title, as the programs in it set it (OSC 0 / OSC 2).
    pub fn title(&self) -> String {
        let out = self.cmd(&["display-message", "-p", "-t", "main", "#{pane_title}"]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The pid of the program in the pane.
    pub fn pid(&self) -> u32 {
        let out = self.cmd(&["display-message", "-p", "-t", "main", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // kill-server leaves the socket file behind; remove it too.
        let socket = self.cmd(&["display-message", "-p", "-t", "main", "#{socket_path}"]);
        self.cmd(&["kill-server"]);
        let socket = String::from_utf8_lossy(&socket.stdout).trim().to_string();
        if !socket.is_empty() {
            let _ = std::fs::remove_file(socket);
        }
    }
}

/// A shell command line that runs kehoach on `db` with a fixed user and date.
pub fn kehoach_command(db: &Path, extra: &str) -> String {
    format!(
        "env TERM=xterm-256color LANG=C.UTF-8 USER=lan KEHOACH_LANG=vi {} --db '{}' --today 2023-11-20 {extra}",
        env!("CARGO_BIN_EXE_kehoach"),
        db.display()
    )
}

/// Run kehoach on `db` as [`kehoach_command`] does (user lan, Vietnamese, 20/11/2023) and
/// return what it printed; it must succeed.
pub fn kehoach_ok(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["--db", db.to_str().unwrap(), "--today", "2023-11-20"])
        .args(args)
        .env("USER", "lan")
        .env("KEHOACH_LANG", "vi")
        .output()
        .unwrap();
    assert!(out.status.success(), "kehoach {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The pid of the only child of `pid` (kehoach under the pane's shell).
pub fn child_of(pid: u32) -> u32 {
    let start = Instant::now();
    loop {
        let out = Command::new("pgrep")
            .args(["-P", &pid.to_string()])
            .output()
            .unwrap();
        if let Some(p) = String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
        {
            return p;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no child of {pid}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Send signal `sig` ("-HUP", "-TERM") to `pid`.
pub fn kill(sig: &str, pid: u32) {
    assert!(
        Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
}
