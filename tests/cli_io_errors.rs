//! A file that cannot be read is said in the user's language: no English system message
//! ("No such file or directory (os error 2)") on a Vietnamese line.

mod common;

use common::cli::Db;

#[test]
fn a_missing_or_wrong_file_is_said_in_vietnamese() {
    let db = Db::new();
    db.ok(&["status"]);
    let folder = db.file("thu-muc");
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.to_str().unwrap();
    for (args, code) in [
        (vec!["import", "khong-co.json"], 2),
        (vec!["import", folder], 2),
        (vec!["transcribe", "khong-co.txt"], 2),
        (vec!["transcribe", "khong-co.docx"], 2),
        (vec!["restore", "khong-co.db"], 2),
        (vec!["export", "--format", "md", "--out", folder], 1),
    ] {
        let err = db.fails(&args, code);
        assert!(
            !err.contains("os error")
                && !err.contains("No such file")
                && !err.contains("Is a directory"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("không có tệp") || err.contains("là một thư mục"),
            "{args:?}: {err}"
        );
    }
    let en = db.fails(&["--lang", "en", "import", "khong-co.json"], 2);
    assert!(en.contains("No such file or directory"), "{en}");
}

#[test]
fn a_plan_file_that_is_not_utf8_is_said_in_vietnamese() {
    let db = Db::new();
    let file = db.file("latin1.json");
    std::fs::write(&file, b"{\"id\": \"x\xe9\"}").unwrap();
    let err = db.fails(&["import", file.to_str().unwrap()], 2);
    assert!(!err.contains("not UTF-8"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
}
