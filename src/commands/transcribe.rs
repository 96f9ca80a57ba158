//! `kehoach transcribe FILE`: a plan's text → a plan file and a review. The reading is in
//! [`crate::transcribe`]; this reads the files, writes the plan and prints the review.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{Failure, OrFail, exit};
use crate::cli::Global;
use crate::i18n::Lang;
use crate::i18n::transcribe::S;
use crate::plan::file::AgencyFile;
use crate::transcribe::clean::Dropped;
use crate::transcribe::{self, Options, Review};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReviewFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct TranscribeArgs {
    /// The plan's text: extracted from the PDF (pdftotext), plain text at any width, a Word
    /// file (.docx), or a PDF (read with pdftotext when it is installed)
    pub file: PathBuf,
    /// Write the plan file here (JSON, the format of data/plan.json)
    #[arg(long, value_name = "PLAN.json")]
    pub out: Option<PathBuf>,
    /// The plan's id [default: province and year, e.g. lang-son-2024]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Agencies to recognise: a plan file (its `agencies`) or a JSON array of agencies
    /// [default: the agencies of the built-in plan]
    #[arg(long, value_name = "FILE")]
    pub registry: Option<PathBuf>,
    /// How to print the review
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReviewFormat,
}

fn read_text(path: &Path, lang: Lang) -> Result<String, Failure> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match ext.as_deref() {
        Some("docx") => {
            let bytes = std::fs::read(path).map_err(|e| unreadable(lang, path, &e))?;
            return transcribe::docx::text(&bytes).map_err(|e| {
                Failure::new(
                    exit::BAD_INPUT,
                    S::TrDocx.fill(lang, &[&path.display(), &e]),
                )
            });
        }
        Some("pdf") => {
            let o = std::process::Command::new("pdftotext")
                .arg(path)
                .arg("-")
                .output()
                .map_err(|_| {
                    Failure::new(
                        exit::FAILED,
                        S::TrNoPdftotext.fill(lang, &[&path.display()]),
                    )
                    .hint("apt-get install poppler-utils")
                })?;
            if !o.status.success() {
                return Err(Failure::new(
                    exit::BAD_INPUT,
                    format!(
                        "{}: {}",
                        path.display(),
                        // pdftotext explains in several lines; the last says why it stopped.
                        String::from_utf8_lossy(&o.stderr)
                            .lines()
                            .rfind(|l| !l.trim().is_empty())
                            .unwrap_or("pdftotext failed")
                    ),
                ));
            }
            o.stdout
        }
        _ => std::fs::read(path).map_err(|e| unreadable(lang, path, &e))?,
    };
    String::from_utf8(bytes).map_err(|e| {
        Failure::new(
            exit::BAD_INPUT,
            S::TrNotText.fill(lang, &[&path.display(), &e.utf8_error().valid_up_to()]),
        )
    })
}

fn unreadable(lang: Lang, path: &Path, e: &std::io::Error) -> Failure {
    Failure::new(
        exit::BAD_INPUT,
        format!("{}: {}", path.display(), crate::i18n::io_error(lang, e)),
    )
}

/// The registry file: a plan file's `agencies`, or an array of agencies.
fn registry(path: Option<&Path>, lang: Lang) -> Result<Vec<AgencyFile>, Failure> {
    let (json, name) = match path {
        None => (
            crate::plan::EMBEDDED_PLAN.to_string(),
            "data/plan.json".into(),
        ),
        Some(p) => (
            std::fs::read_to_string(p).map_err(|e| unreadable(lang, p, &e))?,
            p.display().to_string(),
        ),
    };
    let bad = |e: String| Failure::new(exit::BAD_INPUT, S::TrBadRegistry.fill(lang, &[&name, &e]));
    let v: serde_json::Value = serde_json::from_str(&json).map_err(|e| bad(e.to_string()))?;
    let list = match v {
        serde_json::Value::Object(mut o) => o
            .remove("agencies")
            .ok_or_else(|| bad("no \"agencies\"".into()))?,
        v => v,
    };
    serde_json::from_value(list).map_err(|e| bad(e.to_string()))
}

/// The plan file as JSON, checked by the plan loader: kehoach never writes or imports a plan it
/// would itself refuse.
fn plan_json(t: &transcribe::Transcript, lang: Lang) -> Result<String, Failure> {
    let mut json = serde_json::to_string_pretty(&t.plan)
        .map_err(|e| Failure::new(exit::FAILED, e.to_string()))?;
    json.push('\n');
    crate::plan::Plan::parse(&json).map_err(|e| {
        Failure::new(
            exit::BAD_INPUT,
            S::TrInvalid.fill(lang, &[&crate::i18n::Localized::say(&e, lang)]),
        )
    })?;
    Ok(json)
}

/// A plan's text rather than a plan file: `import` transcribes it first.
pub fn is_plan_text(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "docx" | "pdf")
    )
}

/// `kehoach import FILE.txt|FILE.docx`: transcribe with the built-in registry, show the
/// review, and import unless lines need review (`--accept` imports anyway).
pub fn import(g: &Global, file: &Path, accept: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let lang = g.lang;
    let text = read_text(file, lang)?;
    let t = transcribe::transcribe(&text, registry(None, lang)?, &Options::default());
    let json = plan_json(&t, lang)?;
    write_review(&t.review, file, lang, out).or_fail()?;
    if t.review.needs_review() && !accept {
        return Err(Failure::new(
            exit::REVIEW,
            S::TrNotImported.fill(
                lang,
                &[&t.review.unplaced.len(), &t.review.proposed_agencies.len()],
            ),
        )
        .hint(S::TrAcceptHint.get(lang)));
    }
    let mut store = super::open_store(g)?;
    let r = store
        .import_plan(&json, &crate::store::Actor::new(&super::user_name(g)))
        .map_err(|e| match e {
            crate::store::ImportError::Plan(p) => Failure::new(
                exit::BAD_INPUT,
                format!(
                    "{}: {}",
                    file.display(),
                    crate::i18n::Localized::say(&p, lang)
                ),
            ),
            crate::store::ImportError::Store(s) => Failure::store(s, lang),
        })?;
    writeln!(
        out,
        "{}",
        crate::i18n::S::Imported.fill(lang, &[&r.plan_id, &r.items, &r.agencies])
    )
    .or_fail()?;
    super::carried(lang, &r, out)
}

pub fn run(g: &Global, args: &TranscribeArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let lang = g.lang;
    let text = read_text(&args.file, lang)?;
    let agencies = registry(args.registry.as_deref(), lang)?;
    let t = transcribe::transcribe(
        &text,
        agencies,
        &Options {
            id: args.id.clone(),
        },
    );
    let json = plan_json(&t, lang)?;
    if let Some(path) = &args.out {
        super::export::save_file(lang, path, json.as_bytes())?;
    }
    match args.format {
        ReviewFormat::Json => {
            let s = serde_json::to_string_pretty(&t.review)
                .map_err(|e| Failure::new(exit::FAILED, e.to_string()))?;
            writeln!(out, "{s}").or_fail()?;
        }
        ReviewFormat::Text => {
            write_review(&t.review, &args.file, lang, out).or_fail()?;
            match &args.out {
                Some(p) => writeln!(
                    out,
                    "{}",
                    S::TrWrote.fill(lang, &[&t.plan.id, &p.display()])
                ),
                None => writeln!(out, "{}", S::TrNotWritten.get(lang)),
            }
            .or_fail()?;
        }
    }
    out.flush().or_fail()?;
    if t.review.needs_review() {
        return Err(Failure::new(
            exit::REVIEW,
            S::TrNeedsReview.fill(
                lang,
                &[&t.review.unplaced.len(), &t.review.proposed_agencies.len()],
            ),
        ));
    }
    Ok(())
}

fn cut(s: &str, n: usize) -> String {
    crate::text::truncate(&crate::text::sanitize(s, false), n).into_owned()
}

fn write_review(r: &Review, file: &Path, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let left_out = r.dropped.len();
    writeln!(
        out,
        "{}",
        S::TrRead.fill(
            lang,
            &[
                &file.display(),
                &(r.placed + r.unplaced.len()),
                &r.placed,
                &left_out
            ]
        )
    )?;
    let kinds: Vec<String> = r.counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    writeln!(out, "{} {}", S::TrCounts.get(lang), kinds.join(", "))?;
    writeln!(out, "{}", S::TrRoleLines.fill(lang, &[&r.role_lines]))?;
    writeln!(out)?;
    writeln!(out, "{}", S::TrDeadlines.get(lang))?;
    for d in &r.deadlines {
        let date = chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d")
            .map(crate::i18n::date)
            .unwrap_or_else(|_| d.date.clone());
        let default = if d.default {
            S::TrDefault.get(lang)
        } else {
            ""
        };
        writeln!(
            out,
            "  {date}  {:<16} «{}» {default}",
            d.item,
            cut(&d.words, 50)
        )?;
    }
    if !r.deadlines.iter().any(|d| d.default) {
        writeln!(out, "  {}", S::TrNoDeadline.fill(lang, &[&"31/12"]))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        S::TrInferred.fill(lang, &[&r.inferred_roles.len()])
    )?;
    for i in &r.inferred_roles {
        writeln!(
            out,
            "  {:<16} {:<12} {:<40} «{}»",
            i.item,
            i.role,
            i.agencies.join(", "),
            cut(&i.words, 60)
        )?;
    }
    if !r.proposed_agencies.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            S::TrProposed.fill(lang, &[&r.proposed_agencies.len()])
        )?;
        for a in &r.proposed_agencies {
            writeln!(out, "  {:<24} {} ({:?})", a.id, cut(&a.name, 60), a.kind)?;
        }
    }
    writeln!(out)?;
    if r.unplaced.is_empty() {
        writeln!(out, "{}", S::TrAllPlaced.get(lang))?;
    } else {
        writeln!(out, "{}", S::TrUnplaced.fill(lang, &[&r.unplaced.len()]))?;
        for u in &r.unplaced {
            let at = S::TrLine.fill(lang, &[&u.line]);
            writeln!(out, "  {at:<10} {}", cut(&u.text, 66))?;
        }
    }
    if !r.dropped.is_empty() {
        writeln!(out, "{}", S::TrDropped.get(lang))?;
        for d in &r.dropped {
            let why = match d.why {
                Dropped::PageNumber => S::TrPageNumber,
                Dropped::WebAddress => S::TrWebAddress,
                Dropped::RunningHeader => S::TrRunningHeader,
            }
            .get(lang);
            let at = S::TrLine.fill(lang, &[&d.line]);
            writeln!(out, "  {at:<10} {why}: {}", cut(&d.text, 50))?;
        }
    }
    Ok(())
}
