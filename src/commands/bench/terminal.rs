//! Bytes the interface writes to a real terminal: the program runs in a private tmux server
//! whose pane output is copied to a file (`pipe-pane`), and each key's bytes are counted.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Bytes {
    pub first_frame: u64,
    pub moves: Vec<usize>,
    pub expand: u64,
    pub done: u64,
    pub idle_bytes: u64,
    pub idle_cpu: f64,
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
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
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

pub fn bytes(db: &Path, idle: u64) -> Result<Bytes, String> {
    if Command::new("tmux").arg("-V").output().is_err() {
        return Err("tmux is not installed".into());
    }
    let dir = db.parent().unwrap_or(Path::new("."));
    let log = dir.join("pane.log");
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let t = Tmux {
        socket: format!("kehoach-bench-{}", std::process::id()),
    };
    // The program starts after the pipe is in place, so its first frame is counted.
    let cmd = format!(
        "sleep 0.5; exec env TERM=xterm-256color {} --db '{}' --today 2023-11-20",
        exe.display(),
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
    let mut moves = Vec::new();
    for _ in 0..20 {
        moves.push(key("j")? as usize);
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
        moves,
        expand,
        done,
        idle_bytes,
        idle_cpu,
    })
}
