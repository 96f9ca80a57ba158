//! `kehoach doctor` on another program's SQLite file says it is not kehoach's and promises
//! nothing kehoach would not do: no open upgrades it or turns it to WAL (opening it is
//! refused).

mod common;

use common::cli::Db;

#[test]
fn doctor_on_a_foreign_sqlite_file_promises_no_upgrade() {
    let db = Db::new();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch("CREATE TABLE x (a)").unwrap();
    drop(conn);
    let out = db.cmd(&["doctor"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("không phải cơ sở dữ liệu kehoach"), "{text}");
    assert!(!text.contains("lần mở tới sẽ nâng cấp"), "{text}");
    assert!(!text.contains("sẽ chuyển sang WAL"), "{text}");
    // And opening it is indeed refused, the file left as it was.
    let status = db.cmd(&["status"]).output().unwrap();
    assert!(!status.status.success());
}
