//! What every Word document shares: the letterhead, the recipients and the signature, from
//! the command-line options, with visible placeholders for what is not given.

use chrono::NaiveDate;

use crate::cli::LetterArgs;
use crate::commands::{Ctx, Failure, exit};
use crate::i18n::{self, Lang, O, S, place_date};
use crate::output::document::{Block, Document, Letterhead, Signature};
use crate::plan::AgencyIx;
use crate::text::parse_date;

/// The options of a document, resolved: what is not given is a visible placeholder.
pub struct Letter {
    /// The issuing body and the one above it, as written in a sentence ("Sở Nội vụ").
    pub(super) issuer: String,
    pub(super) superior: String,
    pub(super) head: Letterhead,
    /// The date to reply by, or its placeholder.
    pub(super) reply_by: String,
    cc: Vec<String>,
    signature: Signature,
}

fn date_arg(lang: Lang, flag: &str, s: &Option<String>) -> Result<Option<NaiveDate>, Failure> {
    s.as_deref()
        .map(|d| {
            parse_date(d).ok_or_else(|| {
                Failure::new(exit::BAD_INPUT, S::BadDate.fill(lang, &[&d]))
                    .hint(format!("{flag} 15/07/2023"))
            })
        })
        .transpose()
}

impl Letter {
    pub fn new(ctx: &Ctx, a: &LetterArgs) -> Result<Letter, Failure> {
        let lang = ctx.lang;
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(crate::text::clean_input)
                .filter(|s| !s.trim().is_empty())
        };
        let dots = O::Dots.get(lang).to_string();
        let issuer = clean(&a.issuer).unwrap_or_else(|| O::DefaultIssuer.get(lang).into());
        let superior = clean(&a.superior)
            .or_else(|| Some(ctx.plan.file.issuer.clone()).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| dots.clone());
        let number = clean(&a.number).unwrap_or_else(|| O::NumberPlaceholder.get(lang).into());
        let date = date_arg(lang, "--date", &a.date)?;
        let reply_by = date_arg(lang, "--reply-by", &a.reply_by)?
            .map(i18n::date)
            .unwrap_or_else(|| O::DatePlaceholder.get(lang).into());
        let place = clean(&a.place).unwrap_or(dots);
        Ok(Letter {
            head: Letterhead {
                superior: superior.clone(),
                issuer: issuer.clone(),
                number: O::Number.fill(lang, &[&number]),
                about: None,
                nation: O::Nation.get(lang).into(),
                motto: O::Motto.get(lang).into(),
                place_date: place_date(lang, &place, date),
            },
            issuer,
            superior,
            reply_by,
            cc: a.cc.iter().map(|c| crate::text::clean_input(c)).collect(),
            signature: Signature {
                authority: clean(&a.on_behalf),
                title: clean(&a.signer_title)
                    .unwrap_or_else(|| O::DefaultSignerTitle.get(lang).into()),
                name: clean(&a.signer).unwrap_or_else(|| O::SignerPlaceholder.get(lang).into()),
            },
        })
    }

    /// "- X;" lines under "Nơi nhận", ending with the archive line.
    pub(super) fn recipients(&self, lang: Lang, first: Vec<String>) -> Vec<String> {
        let mut r = first;
        r.extend(
            self.cc
                .iter()
                .map(|c| format!("{};", c.trim_end_matches(';'))),
        );
        r.push(O::Archive.get(lang).into());
        r
    }

    pub(super) fn document(
        &self,
        lang: Lang,
        head: Letterhead,
        body: Vec<Block>,
        to: Vec<String>,
    ) -> Document {
        Document {
            head,
            title: None,
            to_label: O::To.get(lang).into(),
            to,
            body,
            recipients_label: O::Recipients.get(lang).into(),
            recipients: Vec::new(),
            signature: self.signature.clone(),
        }
    }
}

pub(super) fn numbered(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<Vec<String>> {
    rows.into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r.insert(0, (i + 1).to_string());
            r
        })
        .collect()
}

pub(super) fn headers(lang: Lang, cols: &[&str]) -> Vec<String> {
    let mut h = vec![O::ColNo.get(lang).to_string()];
    h.extend(cols.iter().map(|c| c.to_string()));
    h
}

pub(super) fn name(ctx: &Ctx, a: AgencyIx) -> String {
    ctx.plan
        .agencies
        .get(a)
        .display_name(ctx.lang == Lang::En)
        .to_string()
}
