//! A [`Document`] as a `.docx` file (docx-rs), laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I
//! asks: A4 portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman,
//! body 14 pt justified with a 1.27 cm first-line indent and 6 pt after each paragraph; the
//! header as a two-column table without borders; tables with borders on every cell, 12 pt,
//! whose header row repeats on every page; page numbers centred at the top from page 2.

use docx_rs::{
    AlignmentType, Docx, Header, HeightRule, LineSpacing, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, VAlignType,
    WidthType,
};

use super::clean;
use super::document::{Block, Document, Letterhead};

/// A4 in twentieths of a point, and the margins (20, 20, 30, 15 mm).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: i32 = 1134;
const MARGIN_BOTTOM: i32 = 1134;
const MARGIN_LEFT: i32 = 1701;
const MARGIN_RIGHT: i32 = 850;
/// The width between the margins.
const TEXT_W: usize = 9355;
/// First-line indent of a body paragraph: 1.27 cm.
const INDENT: i32 = 720;
/// Sizes in half-points.
const BODY: usize = 28;
const SMALL: usize = 26;
const TABLE: usize = 24;
const LIST: usize = 22;

/// The bytes of the `.docx` file.
pub fn write(doc: &Document) -> std::io::Result<Vec<u8>> {
    let font = "Times New Roman";
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(567)
                .footer(567),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(font)
                .hi_ansi(font)
                .cs(font)
                .east_asia(font),
        )
        .default_size(BODY)
        // Page numbers from page 2: the first page has its own, empty, header.
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        )
        .first_header(Header::new())
        .title_pg();
    d = d.add_table(letterhead(&doc.head));
    if let Some((kind, subject)) = &doc.title {
        d = d
            .add_paragraph(spaced(centred(run(kind).bold()), 360, 0))
            .add_paragraph(centred(run(subject).bold()))
            .add_paragraph(short_line(14));
    }
    if !doc.to.is_empty() {
        d = d.add_paragraph(spaced(Paragraph::new(), 120, 0));
        if let [one] = doc.to.as_slice() {
            d = d.add_paragraph(centred(
                run(&format!("{} ", doc.to_label)).add_text(clean(one)),
            ));
        } else {
            d = d.add_paragraph(centred(run(&doc.to_label)));
            for t in &doc.to {
                d = d.add_paragraph(Paragraph::new().add_run(run(&format!("- {t}"))).indent(
                    Some(2268),
                    None,
                    None,
                    None,
                ));
            }
        }
    }
    d = d.add_paragraph(spaced(Paragraph::new(), 120, 0));
    for block in &doc.body {
        d = match block {
            Block::Heading(h) => d.add_paragraph(body(run(h).bold()).keep_next(true)),
            Block::Para(p) => d.add_paragraph(body(run(p))),
            Block::Table(t) => {
                d.add_table(table(t))
                    .add_paragraph(spaced(Paragraph::new(), 0, 120))
            }
        };
    }
    d = d.add_table(closing(doc));
    let mut xml = d.build();
    xml.document = repeat_header_rows(&xml.document);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

/// The mark of a header row: a minimum height of one twip, which no other row has.
const HEADER_ROW_HEIGHT: f32 = 1.0;
const HEADER_ROW_XML: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// docx-rs 0.4 cannot write `w:tblHeader`, so each header row (marked by its height) gets it
/// beside the mark; the order of the elements inside `w:trPr` is free.
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let xml = String::from_utf8_lossy(document);
    xml.replace(HEADER_ROW_XML, &format!("{HEADER_ROW_XML}<w:tblHeader />"))
        .into_bytes()
}

fn run(text: &str) -> Run {
    let mut r = Run::new();
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn centred(r: Run) -> Paragraph {
    spaced(
        Paragraph::new().add_run(r).align(AlignmentType::Center),
        0,
        0,
    )
}

fn spaced(p: Paragraph, before: u32, after: u32) -> Paragraph {
    p.line_spacing(LineSpacing::new().before(before).after(after).line(240))
}

/// A body paragraph: justified, first line indented, 6 pt after.
fn body(r: Run) -> Paragraph {
    spaced(
        Paragraph::new()
            .add_run(r)
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None),
        0,
        120,
    )
}

/// The short rule under the issuing body, the motto and a title: underlined no-break spaces,
/// centred, `n` of them.
fn short_line(n: usize) -> Paragraph {
    centred(
        Run::new()
            .add_text("\u{a0}".repeat(n))
            .underline("single")
            .size(SMALL),
    )
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn letterhead(h: &Letterhead) -> Table {
    let (lw, rw) = (3800, TEXT_W - 3800);
    let mut left = vec![
        centred(run(&h.superior.to_uppercase()).size(SMALL)),
        centred(run(&h.issuer.to_uppercase()).size(SMALL).bold()),
        short_line(12),
        spaced(centred(run(&h.number).size(SMALL)), 120, 0),
    ];
    if let Some(about) = &h.about {
        left.push(spaced(centred(run(about).size(TABLE)), 60, 0));
    }
    let right = vec![
        centred(run(&h.nation).size(TABLE).bold()),
        centred(run(&h.motto).size(SMALL).bold()),
        short_line(44),
        spaced(centred(run(&h.place_date).size(BODY).italic()), 120, 0),
    ];
    Table::without_borders(vec![TableRow::new(vec![cell(left, lw), cell(right, rw)])])
        .set_grid(vec![lw, rw])
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn table(t: &super::document::Table) -> Table {
    let total: u32 = t.widths.iter().sum::<u32>().max(1);
    let widths: Vec<usize> = t
        .widths
        .iter()
        .map(|&w| (w as usize * TEXT_W) / total as usize)
        .collect();
    let para = |text: &str, centre: bool| {
        let p = Paragraph::new().add_run(run(text).size(TABLE));
        let p = if centre {
            p.align(AlignmentType::Center)
        } else {
            p.align(AlignmentType::Left)
        };
        spaced(p, 40, 40)
    };
    let lines = |text: &str, centre: bool| -> Vec<Paragraph> {
        text.split('\n').map(|l| para(l, centre)).collect()
    };
    let head = TableRow::new(
        t.headers
            .iter()
            .zip(&widths)
            .map(|(h, &w)| {
                cell(
                    vec![spaced(
                        Paragraph::new()
                            .add_run(run(h).size(TABLE).bold())
                            .align(AlignmentType::Center),
                        40,
                        40,
                    )],
                    w,
                )
                .vertical_align(VAlignType::Center)
            })
            .collect(),
    )
    .cant_split()
    .row_height(HEADER_ROW_HEIGHT)
    .height_rule(HeightRule::AtLeast);
    let mut rows = vec![head];
    for r in &t.rows {
        // A row stays on one page: a recipient reads an agency's parts together.
        rows.push(
            TableRow::new(
                r.iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(c, (text, &w))| cell(lines(text, t.centred.contains(&c)), w))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn closing(doc: &Document) -> Table {
    let (lw, rw) = (4400, TEXT_W - 4400);
    let mut left = vec![spaced(
        Paragraph::new().add_run(run(&doc.recipients_label).size(TABLE).bold().italic()),
        120,
        0,
    )];
    for r in &doc.recipients {
        left.push(spaced(
            Paragraph::new().add_run(run(&format!("- {r}")).size(LIST)),
            0,
            0,
        ));
    }
    let s = &doc.signature;
    let mut right = vec![spaced(Paragraph::new(), 120, 0)];
    if let Some(a) = &s.authority {
        right.push(centred(run(&a.to_uppercase()).bold()));
    }
    right.push(centred(run(&s.title.to_uppercase()).bold()));
    for _ in 0..4 {
        right.push(centred(Run::new()));
    }
    right.push(centred(run(&s.name).bold()));
    Table::without_borders(vec![TableRow::new(vec![cell(left, lw), cell(right, rw)])])
        .set_grid(vec![lw, rw])
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}
