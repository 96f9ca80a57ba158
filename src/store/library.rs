//! SQLite's process-wide settings, made once before the first connection.

use std::ffi::{c_int, c_void};
use std::sync::Once;

use rusqlite::ffi;

/// Before SQLite starts (rusqlite starts it at the first connection it opens):
/// - no memory statistics: nothing reads them, and they cost a mutex round trip on every
///   allocation SQLite makes;
/// - no page-cache memory set out in bulk (87 kB) and no lookaside memory (48 kB) per
///   connection: SQLite lays a free list through each, touching every page of it before a
///   query needs one. A connection that maps the file (`Store::map_file`) needs few cache
///   pages; the lookaside's small allocations go to the C allocator instead.
///
/// Together 30 fewer fresh pages touched by a read command (of about 390) for 70,000 more
/// instructions (of 4.8 million); benches/BENCHMARKS.md, fourth round.
pub(super) fn configure() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config changes nothing once SQLite has started (it returns
        // SQLITE_MISUSE: another connection opened first, as in a test binary), and is called
        // here at most once, before this process's first Store opens its connection. The
        // variadic arguments have the C types each option takes.
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
            ffi::sqlite3_config(
                ffi::SQLITE_CONFIG_PAGECACHE,
                std::ptr::null_mut::<c_void>(),
                0 as c_int,
                0 as c_int,
            );
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_LOOKASIDE, 0 as c_int, 0 as c_int);
        }
    });
}
