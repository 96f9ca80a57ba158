//! Who is writing: the name recorded with every change.

use crate::cli::Global;

/// Where the name recorded with changes came from (`kehoach doctor` says it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserFrom {
    Flag,
    EnvUser,
    EnvLogname,
    /// Neither $USER nor $LOGNAME: the account's name from the system's user database.
    Account,
    /// Not even that: the account number.
    Uid,
}

/// The login name, unless --user says otherwise.
pub fn user_name(g: &Global) -> String {
    user_name_from(g).0
}

/// The name recorded with changes, and where it came from.
pub fn user_name_from(g: &Global) -> (String, UserFrom) {
    user_name_of(g.user.as_deref())
}

pub(super) fn user_name_of(flag: Option<&str>) -> (String, UserFrom) {
    let env = |k: &str| std::env::var(k).ok().filter(|u| !u.trim().is_empty());
    if let Some(u) = flag
        .map(crate::text::clean_input)
        .filter(|u| !u.trim().is_empty())
    {
        (u, UserFrom::Flag)
    } else if let Some(u) = env("USER") {
        (u, UserFrom::EnvUser)
    } else if let Some(u) = env("LOGNAME") {
        (u, UserFrom::EnvLogname)
    } else {
        match account_name() {
            Ok(u) => (u, UserFrom::Account),
            Err(uid) => (format!("uid {uid}"), UserFrom::Uid),
        }
    }
}

/// The name of the account this process runs as (getpwuid), or its number.
#[cfg(unix)]
fn account_name() -> Result<String, u32> {
    // SAFETY: geteuid cannot fail; getpwuid_r writes only into `pw`, `buf` and `found`,
    // which outlive the call, and `buf.len()` is its real size.
    unsafe {
        let uid = libc::geteuid();
        let mut pw: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let r = libc::getpwuid_r(uid, &mut pw, buf.as_mut_ptr(), buf.len(), &mut found);
        if r != 0 || found.is_null() || pw.pw_name.is_null() {
            return Err(uid);
        }
        let name = std::ffi::CStr::from_ptr(pw.pw_name)
            .to_string_lossy()
            .into_owned();
        if name.is_empty() { Err(uid) } else { Ok(name) }
    }
}

#[cfg(not(unix))]
fn account_name() -> Result<String, u32> {
    Err(0)
}
