//! The Word and Excel files through the real binary, read back as a recipient's program
//! would: the workbooks with calamine (cells, dates as dates, sheet names, counts) compared
//! with the same command's CSV or JSON; the documents' XML with zip.

mod common;

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::cli::{Db, csv, json};
use kehoach::commands::exit;
use unicode_normalization::is_nfc;

/// A database where, as of 10/07/2023, Cao Lộc issued its plan on time, Sở Nội vụ late,
/// Cục Thuế only reported, the Treasury is exempt, and one task is done with evidence.
fn sample() -> Db {
    let db = Db::new();
    db.ok(&[
        "agency-done",
        "IV.1.a.t1",
        "cao loc",
        "--doc",
        "45/KH-UBND",
        "--doc-date",
        "20/06/2023",
    ]);
    db.ok(&[
        "agency-done",
        "IV.1.a.t1",
        "so noi vu",
        "--doc",
        "12/KH-SNV",
        "--doc-date",
        "05/07/2023",
    ]);
    db.ok(&[
        "agency-done",
        "IV.1.a.t1",
        "cuc thue",
        "--state",
        "reported",
    ]);
    db.ok(&[
        "agency-done",
        "IV.1.a.t1",
        "kho bac",
        "--state",
        "not-applicable",
    ]);
    db.ok(&[
        "note",
        "III.1.2.4.c1.t1",
        "Đã ban hành Kế hoạch sắp xếp đơn vị sự nghiệp công lập năm 2023",
        "--doc",
        "45/KH-SNV",
        "--doc-date",
        "2023-06-12",
    ]);
    db.ok(&["done", "III.1.2.4.c1.t1"]);
    db
}

type Sheets = Vec<(String, Vec<Vec<Data>>)>;

/// Every sheet of a workbook, in order, as rows of cells.
fn workbook(path: &Path) -> Sheets {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).expect("an .xlsx calamine can open");
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// A cell as the CSV writes it: text as is, a date as dd/mm/yyyy, a number without ".0".
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            d.as_datetime().unwrap().format("%d/%m/%Y").to_string()
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

/// A cell that must be a real date (not text that looks like one), as YYYY-MM-DD.
fn date(cell: &Data) -> String {
    match cell {
        Data::DateTime(d) => d.as_datetime().unwrap().format("%Y-%m-%d").to_string(),
        other => panic!("not a date cell: {other:?}"),
    }
}

/// One part of the zip archive, as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in {}", path.display()))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The header row stays in view, carries the filter buttons and prints on every page.
fn assert_header_frozen_and_filtered(path: &Path, sheet: usize, cols: usize, rows: usize) {
    let xml = part(path, &format!("xl/worksheets/sheet{sheet}.xml"));
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "header row not frozen: {xml:.400}"
    );
    let last_col = char::from(b'A' + u8::try_from(cols - 1).unwrap());
    let filter = format!(r#"<autoFilter ref="A1:{last_col}{}"/>"#, rows + 1);
    assert!(xml.contains(&filter), "no {filter}");
}

#[test]
fn checklist_workbook_has_the_csv_rows_with_real_dates_and_marks() {
    let db = sample();
    let out = db.file("danh-sach.xlsx");
    let said = db.ok(&[
        "--today",
        "2023-07-10",
        "checklist",
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(said.contains("danh-sach.xlsx"), "{said}");
    let expected = csv(&db.ok(&["--today", "2023-07-10", "checklist", "--format", "csv"]));
    let book = workbook(&out);
    assert_eq!(book.len(), 1);
    let (name, rows) = &book[0];
    assert_eq!(name, "Kế hoạch của cơ quan");
    assert_eq!(rows.len(), expected.len(), "header + 41 agencies");
    assert_eq!(rows.len(), 42);
    for (got, want) in rows.iter().zip(&expected) {
        let got: Vec<String> = got.iter().map(text).collect();
        assert_eq!(&got, want);
        assert!(got.iter().all(|c| is_nfc(c)), "{got:?}");
    }
    let cao_loc = rows
        .iter()
        .find(|r| text(&r[0]) == "Ủy ban nhân dân huyện Cao Lộc")
        .unwrap();
    assert_eq!(date(&cao_loc[3]), "2023-06-20");
    assert_eq!(text(&cao_loc[4]), "đúng hạn");
    assert_header_frozen_and_filtered(&out, 1, 5, 41);
    // A plan not issued is past due on 10/07: its cell is red; Cao Lộc's, on time, green.
    let row_of = |name: &str| 1 + rows.iter().position(|r| text(&r[0]) == name).unwrap();
    assert_eq!(
        fill(&out, 1, &format!("E{}", row_of("Ban Dân tộc tỉnh"))),
        "FFFFC7CE"
    );
    assert_eq!(
        fill(
            &out,
            1,
            &format!("E{}", row_of("Ủy ban nhân dân huyện Cao Lộc"))
        ),
        "FFC6EFCE"
    );
    assert_eq!(
        fill(&out, 1, &format!("A{}", row_of("Ban Dân tộc tỉnh"))),
        "none"
    );
}

/// The fill colour of a cell (`FFFFC7CE`), or `none`: its style's fill in styles.xml.
fn fill(path: &Path, sheet: usize, cell: &str) -> String {
    let xml = part(path, &format!("xl/worksheets/sheet{sheet}.xml"));
    let at = xml
        .find(&format!(r#"<c r="{cell}""#))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let tag = &xml[at..at + xml[at..].find('>').unwrap()];
    let style: usize = tag
        .split(r#" s=""#)
        .nth(1)
        .map_or(0, |s| s[..s.find('"').unwrap()].parse().unwrap());
    let styles = part(path, "xl/styles.xml");
    let nth = |list: &str, tag: &str, n: usize| -> String {
        let start = styles.find(&format!("<{list}")).unwrap();
        let body = &styles[start..start + styles[start..].find(&format!("</{list}>")).unwrap()];
        body.split(&format!("<{tag}"))
            .nth(n + 1)
            .unwrap()
            .to_string()
    };
    let xf = nth("cellXfs", "xf ", style);
    let after = xf.split(r#"fillId=""#).nth(1).unwrap();
    let fill_id: usize = after[..after.find('"').unwrap()].parse().unwrap();
    let f = nth("fills", "fill>", fill_id);
    match f.split(r#"fgColor rgb=""#).nth(1) {
        Some(rest) => rest[..rest.find('"').unwrap()].to_string(),
        None => "none".into(),
    }
}

#[test]
fn overdue_workbook_matches_the_json_rows() {
    let db = sample();
    let out = db.file("qua-han.xlsx");
    let args = ["--today", "2023-12-01", "overdue", "--agency", "so noi vu"];
    let want = json(&db.ok(&[&args[..], &["--format", "json"]].concat()));
    let want = want.as_array().unwrap();
    db.ok(&[
        &args[..],
        &["--format", "xlsx", "--out", out.to_str().unwrap()],
    ]
    .concat());
    let book = workbook(&out);
    let (name, rows) = &book[0];
    assert_eq!(name, "Quá hạn");
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        ["Mã", "Nội dung", "Chủ trì", "Hạn", "Quá hạn"]
    );
    assert_eq!(rows.len() - 1, want.len());
    assert!(want.len() > 30, "{}", want.len());
    for (r, w) in rows[1..].iter().zip(want) {
        assert_eq!(text(&r[0]), w["id"].as_str().unwrap());
        assert_eq!(text(&r[1]), w["title"].as_str().unwrap());
        assert_eq!(date(&r[3]), w["deadline"].as_str().unwrap());
        assert_eq!(text(&r[4]), w["countdown"].as_str().unwrap());
    }
    assert_header_frozen_and_filtered(&out, 1, 5, want.len());
}

#[test]
fn overdue_by_agency_workbook_has_every_late_part() {
    let db = sample();
    let out = db.file("theo-co-quan.xlsx");
    let args = ["--today", "2023-07-10", "overdue", "--by-agency"];
    let want = csv(&db.ok(&[&args[..], &["--format", "csv"]].concat()));
    db.ok(&[
        &args[..],
        &["--format", "xlsx", "--out", out.to_str().unwrap()],
    ]
    .concat());
    let book = workbook(&out);
    let (name, rows) = &book[0];
    assert_eq!(name, "Quá hạn theo cơ quan");
    assert_eq!(rows.len(), want.len());
    for (r, w) in rows.iter().zip(&want).skip(1) {
        assert_eq!(text(&r[0]), w[0]);
        assert_eq!(text(&r[1]), w[1]);
        assert_eq!(date(&r[4]), w[4]);
        assert_eq!(text(&r[5]), w[5]);
    }
    // Every agency that has not issued its plan is there; Cao Lộc (on time) is not.
    let agencies: Vec<String> = rows[1..].iter().map(|r| text(&r[0])).collect();
    assert!(agencies.contains(&"Ban Dân tộc tỉnh".to_string()));
    assert!(agencies.contains(&"Cục Thuế tỉnh Lạng Sơn".to_string()));
    assert!(!agencies.contains(&"Ủy ban nhân dân huyện Cao Lộc".to_string()));
}

#[test]
fn matrix_command_and_workbook_agree() {
    let db = sample();
    let table = db.ok(&["--today", "2023-07-10", "matrix"]);
    assert!(table.starts_with("Cơ quan × chỉ số"), "{table}");
    assert!(table.contains("PAR INDEX"));
    let out = db.file("ma-tran.xlsx");
    db.ok(&[
        "--today",
        "2023-07-10",
        "matrix",
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let book = workbook(&out);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Theo chỉ số", "Theo mục"]);
    for (by, (_, rows)) in ["index", "section"].iter().zip(&book) {
        let want = csv(&db.ok(&[
            "--today",
            "2023-07-10",
            "matrix",
            "--by",
            by,
            "--format",
            "csv",
        ]));
        assert_eq!(want[0], ["Cơ quan", "Cột", "Đã xong", "Tổng", "Quá hạn"]);
        let headers: Vec<String> = rows[0].iter().map(text).collect();
        let mut cells = 0;
        for r in &rows[1..] {
            for (c, cell) in r.iter().enumerate().skip(1) {
                if text(cell).is_empty() {
                    continue;
                }
                cells += 1;
                let agency = text(&r[0]);
                let line = want
                    .iter()
                    .find(|w| w[0] == agency && w[1] == headers[c])
                    .unwrap_or_else(|| panic!("no CSV row for {agency} × {}", headers[c]));
                assert_eq!(text(cell), format!("{}/{}", line[2], line[3]));
            }
        }
        assert_eq!(cells, want.len() - 1, "{by}");
    }
}

#[test]
fn export_workbook_has_items_agencies_and_checklist() {
    let db = sample();
    let out = db.file("ke-hoach.xlsx");
    db.ok(&[
        "--today",
        "2023-12-01",
        "export",
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let want = csv(db
        .ok(&["--today", "2023-12-01", "export", "--format", "csv"])
        .trim_start_matches('\u{feff}'));
    let book = workbook(&out);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Nhiệm vụ", "Cơ quan", "Kế hoạch của cơ quan"]);
    let items = &book[0].1;
    assert_eq!(items.len(), want.len(), "one row per item, as the CSV");
    for (r, w) in items[1..].iter().zip(&want[1..]) {
        assert_eq!(text(&r[0]), w[0], "id");
        assert_eq!(text(&r[2]), w[3], "title");
        assert_eq!(text(&r[3]), w[5], "lead");
        assert_eq!(date(&r[6]), w[8], "deadline");
    }
    let done = items
        .iter()
        .find(|r| text(&r[0]) == "III.1.2.4.c1.t1")
        .unwrap();
    assert_eq!(text(&done[7]), "Đã xong");
    assert!(
        matches!(done[8], Data::DateTime(_)),
        "done on: {:?}",
        done[8]
    );
    assert!(text(&done[10]).contains("45/KH-SNV"), "{:?}", done[10]);
    let late = items.iter().find(|r| text(&r[0]) == "IV.1.a.t1").unwrap();
    assert_eq!(text(&late[7]), "quá hạn 154 ngày");
    let agencies = &book[1].1;
    let snv = agencies
        .iter()
        .find(|r| text(&r[0]) == "Sở Nội vụ")
        .unwrap();
    assert!(matches!(snv[5], Data::Float(_)), "counts are numbers");
    assert_eq!(book[2].1.len(), 42);
    assert_header_frozen_and_filtered(&out, 1, 11, want.len() - 1);
}

#[test]
fn binary_formats_need_a_file_and_leave_nothing_half_written() {
    let db = sample();
    for args in [
        &["checklist", "--format", "xlsx"][..],
        &["overdue", "--format", "xlsx"],
        &["matrix", "--format", "xlsx"],
        &["export", "--format", "xlsx"],
    ] {
        let err = db.fails(args, exit::BAD_INPUT);
        assert!(err.contains("--out"), "{args:?}: {err}");
    }
    let err = db.fails(
        &["checklist", "--format", "csv", "--out", "x.xlsx"],
        exit::BAD_INPUT,
    );
    assert!(err.contains("--format xlsx"), "{err}");
    // A destination that cannot be replaced (a folder): refused, no temporary file left.
    let dir = db.file("bao-cao.xlsx");
    std::fs::create_dir(&dir).unwrap();
    db.fails(
        &[
            "checklist",
            "--format",
            "xlsx",
            "--out",
            dir.to_str().unwrap(),
        ],
        exit::FAILED,
    );
    let left: Vec<_> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// ---- Word documents -------------------------------------------------------------------

/// The text of the `w:t` runs between `from` and `to` in `xml`, XML entities decoded.
fn runs(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(p) = rest.find("<w:t") {
        rest = &rest[p + 4..];
        // <w:t>, <w:t xml:space="preserve">, but not <w:tbl>, <w:tc>, <w:tr> …
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let start = rest.find('>').unwrap() + 1;
        let end = rest.find("</w:t>").unwrap();
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every paragraph's text, in order (those inside tables too).
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>").map(runs).collect()
}

/// The rows of every table after the first (the letterhead), as cells of text; a cell's
/// paragraphs joined by a line break.
fn table_rows(xml: &str) -> Vec<Vec<String>> {
    xml.split("<w:tr>")
        .skip(1)
        .map(|tr| {
            let tr = &tr[..tr.find("</w:tr>").unwrap()];
            tr.split("</w:tc>")
                .filter(|c| c.contains("<w:tc>"))
                .map(|c| {
                    c.split("</w:p>")
                        .map(runs)
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect()
        })
        .collect()
}

fn document_xml(path: &Path) -> String {
    let xml = part(path, "word/document.xml");
    assert!(is_nfc(&xml), "text not in NFC");
    xml
}

fn has(paras: &[String], text: &str) {
    assert!(
        paras.iter().any(|p| p == text),
        "no paragraph {text:?} in {paras:#?}"
    );
}

/// A4 portrait, margins 20/20/30/15 mm, Times New Roman, header rows that repeat.
fn assert_layout(path: &Path, xml: &str) {
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "not A4");
    assert!(
        xml.contains(r#"w:top="1134""#)
            && xml.contains(r#"w:left="1701""#)
            && xml.contains(r#"w:right="850""#),
        "margins"
    );
    let styles = part(path, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#), "font");
    assert!(xml.contains("<w:tblHeader />"), "no repeating header row");
    // Page numbers in the top margin, not on the first page.
    assert!(xml.contains("<w:titlePg />"), "first page numbered");
    let numbered = (1..=2).any(|n| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut h = String::new();
        zip.by_name(&format!("word/header{n}.xml"))
            .map(|mut f| f.read_to_string(&mut h).unwrap())
            .is_ok()
            && h.contains("PAGE")
    });
    assert!(numbered, "no page number in a header");
}

#[test]
fn reminder_letter_names_every_late_agency_with_its_parts() {
    let db = sample();
    let out = db.file("don-doc.docx");
    db.ok(&[
        "--today",
        "2023-07-10",
        "report",
        "--missing",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
        "--number",
        "215/SNV-CCHC",
        "--place",
        "Lạng Sơn",
        "--date",
        "2023-07-12",
        "--on-behalf",
        "KT. Giám đốc",
        "--signer-title",
        "Phó Giám đốc",
        "--signer",
        "Nguyễn Văn An",
    ]);
    let xml = document_xml(&out);
    assert_layout(&out, &xml);
    let paras = paragraphs(&xml);
    for p in [
        "UBND TỈNH LẠNG SƠN",
        "SỞ NỘI VỤ",
        "Số: 215/SNV-CCHC",
        "V/v đôn đốc thực hiện Kế hoạch nâng cao PAR INDEX, SIPAS, PAPI tỉnh Lạng Sơn năm 2023",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lạng Sơn, ngày 12 tháng 7 năm 2023",
        "Kính gửi: Các cơ quan, đơn vị có tên trong danh sách dưới đây.",
        "Nơi nhận:",
        "- Như trên;",
        "- UBND tỉnh Lạng Sơn (b/c);",
        "- Lưu: VT, ….",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn An",
    ] {
        has(&paras, p);
    }
    // The table: one row per late agency, the same agencies and parts as
    // `overdue --by-agency` on the same day.
    let late = csv(&db.ok(&[
        "--today",
        "2023-07-10",
        "overdue",
        "--by-agency",
        "--format",
        "csv",
    ]));
    let mut want: Vec<(String, usize)> = Vec::new();
    for r in &late[1..] {
        match want.last_mut() {
            Some((a, n)) if *a == r[0] => *n += 1,
            _ => want.push((r[0].clone(), 1)),
        }
    }
    let rows = table_rows(&xml);
    let table: Vec<&Vec<String>> = rows.iter().filter(|r| r.len() == 4).collect();
    assert_eq!(
        table[0],
        &[
            "STT",
            "Cơ quan, đơn vị",
            "Phần việc chưa hoàn thành",
            "Số việc"
        ]
    );
    let got: Vec<(String, usize)> = table[1..]
        .iter()
        .map(|r| (r[1].clone(), r[3].parse().unwrap()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        got.len(),
        38,
        "41 agencies less Cao Lộc, Sở Nội vụ (done), the Treasury (exempt)"
    );
    let thue = table
        .iter()
        .find(|r| r[1] == "Cục Thuế tỉnh Lạng Sơn")
        .expect("an agency that only reported is still late");
    assert!(
        thue[2].starts_with("IV.1.a.t1 — Kế hoạch của các cơ quan"),
        "{thue:?}"
    );
    assert!(thue[2].contains("quá hạn 10 ngày"), "{thue:?}");
    assert_eq!(
        thue[0],
        (table.iter().position(|r| r == thue).unwrap()).to_string()
    );
}

#[test]
fn a_letter_without_its_particulars_shows_placeholders() {
    let db = sample();
    let out = db.file("don-doc.docx");
    db.ok(&[
        "--today",
        "2023-07-10",
        "report",
        "--missing",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let paras = paragraphs(&document_xml(&out));
    for p in [
        "Số: …/…",
        "……, ngày … tháng … năm …",
        "GIÁM ĐỐC",
        "[Họ và tên người ký]",
    ] {
        has(&paras, p);
    }
    assert!(
        paras
            .iter()
            .any(|p| p.contains("về Sở Nội vụ trước ngày …/…/……")),
        "{paras:#?}"
    );
}

#[test]
fn one_letter_per_late_agency() {
    let db = sample();
    let dir = db.file("thu");
    let said = db.ok(&[
        "--today",
        "2023-07-10",
        "report",
        "--missing",
        "--format",
        "docx",
        "--per-agency",
        dir.to_str().unwrap(),
        "--reply-by",
        "20/07/2023",
    ]);
    assert!(said.contains("38"), "{said}");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 38);
    assert!(files.contains(&"ban-dan-toc.docx".to_string()), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("cao-loc")), "{files:?}");
    let xml = document_xml(&dir.join("ban-dan-toc.docx"));
    assert_layout(&dir.join("ban-dan-toc.docx"), &xml);
    let paras = paragraphs(&xml);
    has(&paras, "Kính gửi: Ban Dân tộc tỉnh");
    has(&paras, "- Ban Dân tộc tỉnh;");
    assert!(paras.iter().any(|p| p.contains("trước ngày 20/07/2023")));
    let rows = table_rows(&xml);
    let parts: Vec<&Vec<String>> = rows.iter().filter(|r| r.len() == 5).collect();
    assert_eq!(parts[0], &["STT", "Mã", "Nhiệm vụ", "Hạn", "Tình trạng"]);
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[1][1], "IV.1.a.t1");
    assert_eq!(parts[1][3], "30/06/2023");
    assert_eq!(parts[1][4], "Chưa thực hiện\nquá hạn 10 ngày");
}

#[test]
fn agency_report_lists_its_duties_as_the_csv_does() {
    let db = sample();
    let out = db.file("cao-loc.docx");
    db.ok(&[
        "--today",
        "2023-07-10",
        "report",
        "--agency",
        "cao loc",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let want = csv(db
        .ok(&[
            "--today",
            "2023-07-10",
            "report",
            "--agency",
            "cao loc",
            "--format",
            "csv",
        ])
        .trim_start_matches('\u{feff}'));
    let xml = document_xml(&out);
    assert_layout(&out, &xml);
    let paras = paragraphs(&xml);
    has(&paras, "BÁO CÁO");
    has(
        &paras,
        "Tình hình thực hiện Kế hoạch nâng cao PAR INDEX, SIPAS, PAPI tỉnh Lạng Sơn năm 2023 của Ủy ban nhân dân huyện Cao Lộc",
    );
    has(&paras, "Tính đến ngày 10/07/2023");
    has(&paras, "- Ủy ban nhân dân huyện Cao Lộc;");
    let rows: Vec<Vec<String>> = table_rows(&xml)
        .into_iter()
        .filter(|r| r.len() == 6 && r[0] != "Mã")
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let want_ids: Vec<&str> = want[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, want_ids);
    let plan = rows.iter().find(|r| r[0] == "IV.1.a.t1").unwrap();
    assert_eq!(plan[3], "30/06/2023");
    assert!(plan[4].starts_with("Đã xong"), "{plan:?}");
    assert_eq!(plan[5], "45/KH-UBND (20/06/2023)");
}

#[test]
fn plan_report_has_progress_evidence_and_overdue_tasks() {
    let db = sample();
    let out = db.file("bao-cao.docx");
    db.ok(&[
        "--today",
        "2023-12-01",
        "export",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    let xml = document_xml(&out);
    assert_layout(&out, &xml);
    let paras = paragraphs(&xml);
    has(&paras, "BÁO CÁO");
    has(
        &paras,
        "Kết quả thực hiện Kế hoạch nâng cao PAR INDEX, SIPAS, PAPI tỉnh Lạng Sơn năm 2023",
    );
    for h in [
        "I. Tiến độ theo chỉ số",
        "II. Tiến độ theo phần",
        "III. Tiến độ theo cơ quan",
        "IV. Nhiệm vụ đã hoàn thành và minh chứng",
        "V. Nhiệm vụ quá hạn",
    ] {
        has(&paras, h);
    }
    let rows = table_rows(&xml);
    assert!(
        rows.iter().any(|r| r == &["PAR INDEX", "1", "50", "2%"]),
        "{rows:?}"
    );
    let done = rows
        .iter()
        .find(|r| r.get(1).map(String::as_str) == Some("III.1.2.4.c1.t1"))
        .unwrap();
    assert_eq!(
        done[4],
        "45/KH-SNV (12/06/2023) — Đã ban hành Kế hoạch sắp xếp đơn vị sự nghiệp công lập năm 2023"
    );
    let overdue = json(&db.ok(&["--today", "2023-12-01", "overdue", "--format", "json"]));
    let overdue = overdue.as_array().unwrap();
    let late_rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.len() == 5 && r[4].contains("quá hạn"))
        .collect();
    assert_eq!(late_rows.len(), overdue.len());
    for (r, w) in late_rows.iter().zip(overdue) {
        assert_eq!(r[1], w["id"].as_str().unwrap());
    }
}

#[test]
fn word_documents_need_a_file_and_a_day_with_nothing_late_writes_none() {
    let db = sample();
    let err = db.fails(
        &["report", "--missing", "--format", "docx"],
        exit::BAD_INPUT,
    );
    assert!(err.contains("--out"), "{err}");
    db.fails(&["export", "--format", "docx"], exit::BAD_INPUT);
    db.fails(
        &["report", "--missing", "--per-agency", "thu"],
        exit::BAD_INPUT,
    );
    db.fails(
        &["report", "--agency", "snv", "--out", "x.docx"],
        exit::BAD_INPUT,
    );
    let out = db.file("khong.docx");
    let said = db.ok(&[
        "--today",
        "2023-06-01",
        "report",
        "--missing",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(said.contains("Không có cơ quan nào"), "{said}");
    assert!(!out.exists());
}
