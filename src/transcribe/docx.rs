//! A Word file's text: each paragraph one line, a line break inside a paragraph a new line, a
//! tab a space; tables (the *Nơi nhận* and signature columns) cell by cell, row by row. Read
//! with the `.docx` reader of docx-rs, which kehoach already uses to write Word reports.
//!
//! Labels that Word numbers by itself (automatic lists) are not in the text and are not read.

use docx_rs::{
    DocumentChild, Paragraph, ParagraphChild, RunChild, Table, TableCellContent, TableChild,
    TableRowChild,
};

fn runs(children: &[ParagraphChild], line: &mut String, out: &mut Vec<String>) {
    for c in children {
        match c {
            ParagraphChild::Run(r) => {
                for rc in &r.children {
                    match rc {
                        RunChild::Text(t) => line.push_str(&t.text),
                        RunChild::Tab(_) | RunChild::PTab(_) => line.push(' '),
                        RunChild::Break(_) | RunChild::CarriageReturn(_) => {
                            out.push(std::mem::take(line));
                        }
                        _ => {}
                    }
                }
            }
            ParagraphChild::Hyperlink(h) => runs(&h.children, line, out),
            _ => {}
        }
    }
}

fn paragraph(p: &Paragraph, out: &mut Vec<String>) {
    let mut line = String::new();
    runs(&p.children, &mut line, out);
    out.push(line);
}

fn table(t: &Table, out: &mut Vec<String>) {
    for TableChild::TableRow(row) in &t.rows {
        for TableRowChild::TableCell(cell) in &row.cells {
            for c in &cell.children {
                match c {
                    TableCellContent::Paragraph(p) => paragraph(p, out),
                    TableCellContent::Table(t) => table(t, out),
                    _ => {}
                }
            }
        }
    }
}

/// The text of a `.docx` file, or why it could not be read.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    let doc = docx_rs::read_docx(bytes).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for c in &doc.document.children {
        match c {
            DocumentChild::Paragraph(p) => paragraph(p, &mut out),
            DocumentChild::Table(t) => table(t, &mut out),
            _ => {}
        }
    }
    Ok(out.join("\n"))
}
