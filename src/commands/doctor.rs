//! `kehoach doctor`: is the database sound, who else is using it, where is the last backup.
//! It reads only: no creating, migrating or seeding, so it can examine a damaged file.

use std::io::Write;

use super::{Failure, OrFail, UserFrom, db_path, exit, user_name_from};
use crate::cli::Global;
use crate::i18n::{Lang, S};
use crate::store::doctor::{Checkup, Holder, Integrity, checkup};
use crate::store::{StoreError, schema};
use crate::text::sanitize;

pub fn run(g: &Global, out: &mut dyn Write) -> Result<(), Failure> {
    let path = db_path(g);
    let c = checkup(&path);
    let lang = g.lang;
    if !c.exists {
        return Err(Failure::new(
            exit::NOT_FOUND,
            S::DoctorMissing.fill(lang, &[&path.display()]),
        ));
    }
    if !c.is_file {
        return Err(Failure::store(StoreError::NotAFile { path }, lang));
    }
    report(&c, lang, out)?;
    let (user, from) = user_name_from(g);
    let from = match from {
        UserFrom::Flag => S::UserFromFlag,
        UserFrom::EnvUser => S::UserFromUser,
        UserFrom::EnvLogname => S::UserFromLogname,
        UserFrom::Account => S::UserFromAccount,
        UserFrom::Uid => S::UserFromUid,
    };
    writeln!(
        out,
        "{}",
        S::DoctorUser.fill(lang, &[&sanitize(&user, false), &from.get(lang)])
    )
    .or_fail()?;
    if c.healthy() {
        if c.is_kehoach == Some(false) {
            return Err(Failure::store(StoreError::Foreign { path }, lang));
        }
        return match c.lockouts.first() {
            None => Ok(()),
            Some(l) => Err(Failure::new(
                exit::DATABASE,
                S::DoctorLockoutFix.fill(
                    lang,
                    &[
                        &l.path.display(),
                        &l.want_gid,
                        &l.path.display(),
                        &format!("{:o}", l.want_mode),
                        &l.path.display(),
                    ],
                ),
            )),
        };
    }
    if let Integrity::NotChecked(e) = &c.integrity {
        return Err(Failure::new(
            exit::DATABASE,
            S::DoctorNotChecked.fill(lang, &[&path.display(), &sanitize(e, false)]),
        ));
    }
    let why = match &c.integrity {
        Integrity::Ok | Integrity::NotChecked(_) => String::new(),
        Integrity::Problems(p) => p.first().cloned().unwrap_or_default(),
        Integrity::Unreadable(_) if !c.is_sqlite => S::DoctorNotSqlite.get(lang).to_string(),
        Integrity::Unreadable(e) => e.clone(),
    };
    Err(Failure::new(
        exit::DATABASE,
        S::DoctorUnhealthy.fill(lang, &[&path.display(), &sanitize(&why, false)]),
    ))
}

fn report(c: &Checkup, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(out, "{}", S::StatusDbPath.fill(lang, &[&c.path.display()])).or_fail()?;
    let integrity = match &c.integrity {
        Integrity::Ok => S::DoctorIntegrityOk.get(lang).to_string(),
        Integrity::Problems(p) => {
            S::DoctorIntegrityBad.fill(lang, &[&sanitize(&p.join("; "), false)])
        }
        Integrity::Unreadable(_) if !c.is_sqlite => {
            S::DoctorIntegrityBad.fill(lang, &[&S::DoctorNotSqlite.get(lang)])
        }
        Integrity::Unreadable(e) => S::DoctorIntegrityBad.fill(lang, &[&sanitize(e, false)]),
        Integrity::NotChecked(e) => S::DoctorIntegrityUnknown.fill(lang, &[&sanitize(e, false)]),
    };
    writeln!(out, "{integrity}").or_fail()?;
    // Another program's file: kehoach refuses to open it, so it promises no upgrade or WAL.
    let foreign = c.is_kehoach == Some(false);
    if let Some(v) = c.schema_version {
        let latest = schema::latest();
        let mut line = S::DoctorSchema.fill(lang, &[&v, &latest]);
        if foreign {
            // Nothing to add: the line after says it is not kehoach's.
        } else if v < latest {
            line.push_str(S::DoctorSchemaOld.get(lang));
        } else if v > latest {
            line.push_str(S::DoctorSchemaNew.get(lang));
        }
        writeln!(out, "{line}").or_fail()?;
    }
    if let Some(mode) = &c.journal_mode {
        let journal = if mode == "wal" {
            "WAL".to_string()
        } else if foreign {
            mode.clone()
        } else {
            S::DoctorNotWal.fill(lang, &[mode])
        };
        writeln!(out, "{}", S::DoctorJournal.fill(lang, &[&journal])).or_fail()?;
    }
    writeln!(
        out,
        "{}",
        S::DoctorSize.fill(lang, &[&c.bytes, &c.wal_bytes.unwrap_or(0)])
    )
    .or_fail()?;
    let can = |w: bool| if w { S::Writable } else { S::NotWritable }.get(lang);
    writeln!(
        out,
        "{}",
        S::DoctorPerms.fill(
            lang,
            &[
                &permissions(c.file_mode),
                &can(c.file_writable),
                &permissions(c.dir_mode),
                &can(c.dir_writable),
            ]
        )
    )
    .or_fail()?;
    for l in &c.lockouts {
        writeln!(
            out,
            "{}",
            S::DoctorLockout.fill(
                lang,
                &[
                    &l.path.display(),
                    &l.uid,
                    &l.gid,
                    &permissions(Some(l.mode)),
                ]
            )
        )
        .or_fail()?;
    }
    if c.is_kehoach == Some(false) {
        writeln!(out, "{}", S::DoctorForeign.get(lang)).or_fail()?;
    }
    match &c.last_backup {
        Some(b) => {
            let mut line = S::DoctorBackup.fill(
                lang,
                &[
                    &b.path.display(),
                    &crate::i18n::timestamp(&b.at),
                    &sanitize(&b.who, false),
                    &b.bytes,
                ],
            );
            if !b.present {
                line.push_str(S::DoctorBackupGone.get(lang));
            }
            writeln!(out, "{line}").or_fail()?;
        }
        None => writeln!(out, "{}", S::DoctorNoBackup.get(lang)).or_fail()?,
    }
    if let Some(b) = c.bak_files.first() {
        let when = b
            .modified
            .map(|t| {
                chrono::DateTime::<chrono::Local>::from(t)
                    .format("%d/%m/%Y %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        writeln!(
            out,
            "{}",
            S::DoctorBak.fill(lang, &[&b.path.display(), &when, &b.bytes])
        )
        .or_fail()?;
    }
    let holder = match c.holder {
        Holder::Nobody => S::DoctorNobody.get(lang).to_string(),
        Holder::Open(pid) => S::DoctorOpenBy.fill(lang, &[&pid]),
        Holder::Writing => S::DoctorWriting.get(lang).to_string(),
    };
    writeln!(out, "{holder}").or_fail()
}

/// 0o640 → "rw-r----- 640".
fn permissions(mode: Option<u32>) -> String {
    let Some(m) = mode else {
        return "?".into();
    };
    let bits: String = (0..9)
        .map(|i| {
            let on = m & (0o400 >> i) != 0;
            match (on, i % 3) {
                (false, _) => '-',
                (true, 0) => 'r',
                (true, 1) => 'w',
                (true, _) => 'x',
            }
        })
        .collect();
    format!("{bits} {:o}", m & 0o777)
}

#[cfg(test)]
mod tests {
    #[test]
    fn permissions_read_like_ls() {
        assert_eq!(super::permissions(Some(0o640)), "rw-r----- 640");
        assert_eq!(super::permissions(Some(0o755)), "rwxr-xr-x 755");
        assert_eq!(super::permissions(None), "?");
    }
}
