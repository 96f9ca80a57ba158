//! Bytes the interface writes to a real terminal: kehoach runs in a private tmux server whose
//! pane output is copied to a file (`pipe-pane`), and each key's bytes are counted. For the
//! first two moves down, `capture-pane` before and after gives the cells that changed: the
//! floor is their UTF-8 bytes, what must be sent at all.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub struct Bytes {
    pub first_frame: u64,
    /// The first two moves down: bytes sent, cells changed, UTF-8 bytes of those cells.
    pub first_moves: Vec<(u64, usize, usize)>,
    pub moves: Vec<u64>,
    pub expand: u64,
    pub done: u64,
    pub idle_bytes: u64,
    pub idle_cpu: f64,
}

impl Bytes {
    pub fn print(&self, idle: u64) {
        println!(
            "| bytes to an 80×24 terminal (tmux pipe-pane) | bytes | cells changed (their bytes) | × floor |"
        );
        println!("|---|---:|---:|---:|");
        println!("| first frame (full screen) | {} | | |", self.first_frame);
        for (i, (sent, cells, floor)) in self.first_moves.iter().enumerate() {
            println!(
                "| move down #{} | {sent} | {cells} ({floor}) | {:.2}× |",
                i + 1,
                *sent as f64 / (*floor).max(1) as f64
            );
        }
        let mut m = self.moves.clone();
        m.sort_unstable();
        println!(
            "| move down, median of {} | {} | | |",
            m.len(),
            m.get(m.len() / 2).copied().unwrap_or(0)
        );
        println!("| expand a branch | {} | | |", self.expand);
        println!("| mark done (toggle) | {} | | |", self.done);
        println!("| idle {idle} s | {} | | |", self.idle_bytes);
        println!("| CPU while idle {idle} s | {:.2} s | | |", self.idle_cpu);
    }
}

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Result<String, String> {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .map_err(|e| format!("tmux: {e}"))?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn screen(&self) -> Result<Vec<Vec<String>>, String> {
        Ok(self
            .run(&["capture-pane", "-p", "-t", "b"])?
            .lines()
            .map(cells)
            .collect())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_file(format!("/tmp/tmux-{}/{}", uid(), self.socket));
    }
}

fn uid() -> String {
    std::env::var("UID").unwrap_or_else(|_| {
        Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    })
}

/// A captured line as 80 cells: each grapheme in its first cell, "" in the cells a wide one
/// covers, " " past the end.
fn cells(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for g in line.graphemes(true) {
        out.push(g.to_string());
        for _ in 1..g.width() {
            out.push(String::new());
        }
    }
    out.resize(80, " ".into());
    out
}

/// Cells that differ between two captures, and the UTF-8 bytes of their new content.
fn changed(before: &[Vec<String>], after: &[Vec<String>]) -> (usize, usize) {
    let blank = vec![" ".to_string(); 80];
    let (mut n, mut bytes) = (0, 0);
    for row in 0..before.len().max(after.len()) {
        let b = before.get(row).unwrap_or(&blank);
        let a = after.get(row).unwrap_or(&blank);
        for (x, y) in b.iter().zip(a) {
            if x != y {
                n += 1;
                bytes += y.len();
            }
        }
    }
    (n, bytes)
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).map_or(0, |m| m.len())
}

/// Wait until the log has not grown for 300 ms.
fn settle(log: &Path) -> u64 {
    let mut last = size(log);
    let mut since = Instant::now();
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let now = size(log);
        if now != last {
            last = now;
            since = Instant::now();
        } else if since.elapsed() > Duration::from_millis(300) || start.elapsed().as_secs() > 10 {
            return now;
        }
    }
}

fn cpu_seconds(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

pub fn bytes(exe: &str, db: &Path, idle: u64) -> Result<Bytes, String> {
    if Command::new("tmux").arg("-V").output().is_err() {
        return Err("tmux is not installed".into());
    }
    let dir = db.parent().unwrap_or(Path::new("."));
    let log = dir.join("pane.log");
    let t = Tmux {
        socket: format!("kehoach-bench-{}", std::process::id()),
    };
    // The program starts after the pipe is in place, so its first frame is counted.
    let cmd = format!(
        "sleep 0.5; exec env TERM=xterm-256color {exe} --db '{}' --today 2023-11-20",
        db.display()
    );
    t.run(&["new-session", "-d", "-x", "80", "-y", "24", "-s", "b", &cmd])?;
    t.run(&[
        "pipe-pane",
        "-o",
        "-t",
        "b",
        &format!("cat > '{}'", log.display()),
    ])?;
    let start = Instant::now();
    while !t
        .run(&["capture-pane", "-p", "-t", "b"])?
        .contains("PAR INDEX")
    {
        if start.elapsed().as_secs() > 20 {
            return Err("the interface did not start in tmux".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let first_frame = settle(&log);
    let pid = t.run(&["display-message", "-p", "-t", "b", "#{pane_pid}"])?;
    let pid = pid.trim().to_string();
    let key = |k: &str| -> Result<u64, String> {
        let before = settle(&log);
        t.run(&["send-keys", "-t", "b", k])?;
        Ok(settle(&log) - before)
    };
    let mut first_moves = Vec::new();
    for _ in 0..2 {
        let before = t.screen()?;
        let sent = key("j")?;
        let (n, floor) = changed(&before, &t.screen()?);
        first_moves.push((sent, n, floor));
    }
    // The program opens on the first overdue task, near the end of the tree: the 20 moves
    // start from the top, so that each one moves.
    key("g")?;
    let mut moves = Vec::new();
    for _ in 0..20 {
        moves.push(key("j")?);
    }
    let expand = {
        // Find a collapsed branch: go to the top, then to part III's first section.
        key("g")?;
        for _ in 0..11 {
            key("j")?;
        }
        key("l")?
    };
    let done = {
        key("G")?;
        key("Space")?
    };
    let before = settle(&log);
    let cpu0 = cpu_seconds(&pid);
    std::thread::sleep(Duration::from_secs(idle));
    let idle_bytes = size(&log) - before;
    let idle_cpu = cpu_seconds(&pid) - cpu0;
    let _ = key("u");
    t.run(&["send-keys", "-t", "b", "q"])?;
    Ok(Bytes {
        first_frame,
        first_moves,
        moves,
        expand,
        done,
        idle_bytes,
        idle_cpu,
    })
}
