//! README "A new plan" as a coordinator follows it: its commands, run as written, on next
//! year's text (the 2023 extract with every 2023 made 2024; `pdftotext` is stood in for by
//! that text, since the test has no PDF), end with the new plan current in the database.

use std::path::Path;
use std::process::Command;

fn readme_block() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let marker = "<!-- tested by tests/readme_new_plan.rs -->";
    let after = &readme[readme.find(marker).expect("README marks the block")..];
    let start = after.find("```sh\n").unwrap() + "```sh\n".len();
    let body = &after[start..];
    body[..body.find("```").unwrap()]
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_readme_steps_take_next_years_text_to_the_current_plan() {
    let dir = tempfile::tempdir().unwrap();
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/source.txt")).unwrap();
    let bin_dir = dir.path().join("bin");
    std::fs::create_dir(&bin_dir).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_kehoach"), bin_dir.join("kehoach")).unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut outputs = Vec::new();
    for line in readme_block() {
        let command = line.split(" #").next().unwrap().trim().to_string();
        if command.starts_with("pdftotext") {
            // What pdftotext would give for next year's plan.
            std::fs::write(
                dir.path().join("ke-hoach-2024.txt"),
                source.replace("2023", "2024"),
            )
            .unwrap();
            continue;
        }
        let out = Command::new("bash")
            .args(["-c", &command])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("KEHOACH_DB", dir.path().join("kehoach.db"))
            .env("USER", "lan")
            .env_remove("KEHOACH_TODAY")
            .env_remove("KEHOACH_LANG")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{command}: exit {:?}\n{}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        outputs.push((command, String::from_utf8_lossy(&out.stdout).into_owned()));
    }
    let said = |prefix: &str| {
        outputs
            .iter()
            .find(|(c, _)| c.starts_with(prefix))
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| panic!("README runs no {prefix:?}"))
    };
    assert!(dir.path().join("ke-hoach-2024.json").exists());
    let review: serde_json::Value =
        serde_json::from_str(&said("kehoach transcribe ke-hoach-2024.txt --format json")).unwrap();
    assert!(review.is_object(), "{review}");
    assert!(said("kehoach import").contains("lang-son-2024"));
    let plans = said("kehoach plans");
    assert!(
        plans.lines().next().unwrap().starts_with("* lang-son-2024"),
        "{plans}"
    );
}
