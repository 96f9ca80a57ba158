//! The ASCII letter each Latin letter with marks folds to (`fold`), or 0 where it folds to
//! something else: Latin-1 Supplement to Latin Extended-B (U+00C0–U+024F) and Latin
//! Extended Additional (U+1E00–U+1EFF, Vietnamese letters with two marks). Written out so a
//! start does not work it out (a quarter of a million instructions); `fold`'s tests derive
//! it again from the decompositions and compare.

pub(super) const LATIN: [u8; 0x190] = [
    b'a', b'a', b'a', b'a', b'a', b'a', 0, b'c', b'e', b'e', b'e', b'e', b'i', b'i', b'i', b'i', 0,
    b'n', b'o', b'o', b'o', b'o', b'o', 0, 0, b'u', b'u', b'u', b'u', b'y', 0, 0, b'a', b'a', b'a',
    b'a', b'a', b'a', 0, b'c', b'e', b'e', b'e', b'e', b'i', b'i', b'i', b'i', 0, b'n', b'o', b'o',
    b'o', b'o', b'o', 0, 0, b'u', b'u', b'u', b'u', b'y', 0, b'y', b'a', b'a', b'a', b'a', b'a',
    b'a', b'c', b'c', b'c', b'c', b'c', b'c', b'c', b'c', b'd', b'd', b'd', b'd', b'e', b'e', b'e',
    b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'g', b'g', b'g', b'g', b'g', b'g', b'g', b'g', b'h',
    b'h', 0, 0, b'i', b'i', b'i', b'i', b'i', b'i', b'i', b'i', b'i', 0, 0, 0, b'j', b'j', b'k',
    b'k', 0, b'l', b'l', b'l', b'l', b'l', b'l', 0, 0, 0, 0, b'n', b'n', b'n', b'n', b'n', b'n', 0,
    0, 0, b'o', b'o', b'o', b'o', b'o', b'o', 0, 0, b'r', b'r', b'r', b'r', b'r', b'r', b's', b's',
    b's', b's', b's', b's', b's', b's', b't', b't', b't', b't', 0, 0, b'u', b'u', b'u', b'u', b'u',
    b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'w', b'w', b'y', b'y', b'y', b'z', b'z', b'z', b'z',
    b'z', b'z', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, b'o', b'o', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'u', b'u', 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'a', b'a', b'i', b'i', b'o',
    b'o', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', 0, b'a', b'a', b'a', b'a', 0,
    0, 0, 0, b'g', b'g', b'k', b'k', b'o', b'o', b'o', b'o', 0, 0, b'j', 0, 0, 0, b'g', b'g', 0, 0,
    b'n', b'n', b'a', b'a', 0, 0, 0, 0, b'a', b'a', b'a', b'a', b'e', b'e', b'e', b'e', b'i', b'i',
    b'i', b'i', b'o', b'o', b'o', b'o', b'r', b'r', b'r', b'r', b'u', b'u', b'u', b'u', b's', b's',
    b't', b't', 0, 0, b'h', b'h', 0, 0, 0, 0, 0, 0, b'a', b'a', b'e', b'e', b'o', b'o', b'o', b'o',
    b'o', b'o', b'o', b'o', b'y', b'y', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
];

pub(super) const ADDITIONAL: [u8; 0x100] = [
    b'a', b'a', b'b', b'b', b'b', b'b', b'b', b'b', b'c', b'c', b'd', b'd', b'd', b'd', b'd', b'd',
    b'd', b'd', b'd', b'd', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'f', b'f',
    b'g', b'g', b'h', b'h', b'h', b'h', b'h', b'h', b'h', b'h', b'h', b'h', b'i', b'i', b'i', b'i',
    b'k', b'k', b'k', b'k', b'k', b'k', b'l', b'l', b'l', b'l', b'l', b'l', b'l', b'l', b'm', b'm',
    b'm', b'm', b'm', b'm', b'n', b'n', b'n', b'n', b'n', b'n', b'n', b'n', b'o', b'o', b'o', b'o',
    b'o', b'o', b'o', b'o', b'p', b'p', b'p', b'p', b'r', b'r', b'r', b'r', b'r', b'r', b'r', b'r',
    b's', b's', b's', b's', b's', b's', b's', b's', b's', b's', b't', b't', b't', b't', b't', b't',
    b't', b't', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'v', b'v', b'v', b'v',
    b'w', b'w', b'w', b'w', b'w', b'w', b'w', b'w', b'w', b'w', b'x', b'x', b'x', b'x', b'y', b'y',
    b'z', b'z', b'z', b'z', b'z', b'z', b'h', b't', b'w', b'y', 0, 0, 0, 0, 0, 0, b'a', b'a', b'a',
    b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a',
    b'a', b'a', b'a', b'a', b'a', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e',
    b'e', b'e', b'e', b'e', b'e', b'i', b'i', b'i', b'i', b'o', b'o', b'o', b'o', b'o', b'o', b'o',
    b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o', b'o',
    b'o', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'y',
    b'y', b'y', b'y', b'y', b'y', b'y', b'y', 0, 0, 0, 0, 0, 0,
];
