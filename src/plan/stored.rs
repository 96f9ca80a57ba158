//! How the store keeps a plan file: without the whitespace between JSON tokens (a third of
//! the built-in plan's 146 KB, read and skipped on every start), and with a digest, so that
//! "is the stored built-in plan the one in this binary?" compares 32 characters instead of
//! the whole file.

/// `json` with the whitespace between tokens removed; strings are kept byte for byte. Only
/// ASCII bytes outside strings are dropped, so the result is valid UTF-8 and, for a valid
/// JSON text, the same value.
pub fn compact(json: &str) -> String {
    let mut out = Vec::with_capacity(json.len());
    let mut scan = Scan::START;
    for &b in json.as_bytes() {
        if !scan.skips(b) {
            out.push(b);
        }
    }
    // Only ASCII whitespace was left out, between whole characters.
    String::from_utf8(out).unwrap_or_else(|_| json.to_string())
}

/// A 128-bit digest of a plan file, as 32 hex digits: of its [`compact`] form, so the same
/// plan stored with or without the space between tokens has one digest. Not for secrets: it
/// tells whether two plan files differ. Each 8-byte word goes through two lanes of steps that
/// are one-to-one for a given word, so files of one length that differ in a single word
/// always differ here; the length is mixed in at the end. The built-in plan's is worked out
/// when kehoach is compiled.
pub fn digest(text: &str) -> String {
    // Compared, not by address: each use of a `const` may be its own copy. A file of
    // another length costs nothing here; the same text costs a memcmp, not a hash.
    let (a, b) = if text.len() == super::EMBEDDED_PLAN.len() && text == super::EMBEDDED_PLAN {
        EMBEDDED
    } else {
        lanes(text.as_bytes())
    };
    format!("{a:016x}{b:016x}")
}

const EMBEDDED: (u64, u64) = lanes(super::EMBEDDED_PLAN.as_bytes());

/// The two lanes over the bytes [`compact`] keeps, in little-endian words, the last one
/// padded with zero bytes (an empty one when the length is a multiple of 8).
const fn lanes(bytes: &[u8]) -> (u64, u64) {
    const fn step((a, b): (u64, u64), w: u64) -> (u64, u64) {
        let a = (a ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let b = (b ^ w.rotate_left(29)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        (a ^ (a >> 32), b ^ (b >> 29))
    }
    let mut h = (0x243F_6A88_85A3_08D3_u64, 0x1319_8A2E_0370_7344_u64);
    let (mut word, mut in_word, mut kept) = (0u64, 0u32, 0u64);
    let mut scan = Scan::START;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if scan.skips(b) {
            continue;
        }
        word |= (b as u64) << (8 * in_word);
        in_word += 1;
        kept += 1;
        if in_word == 8 {
            h = step(h, word);
            (word, in_word) = (0, 0);
        }
    }
    step(step(h, word), kept)
}

/// Where a scan of a JSON text stands: inside a string, and just after a backslash there.
#[derive(Clone, Copy)]
struct Scan {
    in_string: bool,
    escaped: bool,
}

impl Scan {
    const START: Scan = Scan {
        in_string: false,
        escaped: false,
    };

    /// Whether `b` is whitespace between tokens (what [`compact`] drops), moving past it.
    const fn skips(&mut self, b: u8) -> bool {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
            false
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            true
        } else {
            self.in_string = b == b'"';
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_keeps_strings_and_drops_the_space_between_tokens() {
        let json = "{\n  \"a b\": [1, 2],\n\t\"q\\\" \\\\\": \"x  y\\n\"\r\n}";
        assert_eq!(compact(json), "{\"a b\":[1,2],\"q\\\" \\\\\":\"x  y\\n\"}");
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let w: serde_json::Value = serde_json::from_str(&compact(json)).unwrap();
        assert_eq!(v, w);
    }

    #[test]
    fn the_built_in_plan_compacts_to_the_same_value() {
        let json = crate::plan::EMBEDDED_PLAN;
        let small = compact(json);
        assert!(small.len() < json.len() * 3 / 4, "{}", small.len());
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let w: serde_json::Value = serde_json::from_str(&small).unwrap();
        assert_eq!(v, w);
    }

    #[test]
    fn digest_tells_apart_files_that_differ_by_one_character_or_in_length() {
        let json = crate::plan::EMBEDDED_PLAN;
        let d = digest(json);
        assert_eq!(d.len(), 32);
        assert_eq!(d, digest(json), "the same file, the same digest");
        // A corrected letter somewhere in the middle, and the same file one byte shorter.
        let mid = json.len() / 2;
        let at = (mid..).find(|&i| json.as_bytes()[i] == b'a').unwrap();
        let fixed = format!("{}e{}", &json[..at], &json[at + 1..]);
        assert_eq!(fixed.len(), json.len());
        assert_ne!(digest(&fixed), d);
        let body = json.trim_end();
        assert_ne!(
            digest(&body[..body.len() - 1]),
            d,
            "the closing brace left out"
        );
        assert_ne!(digest(""), digest("\0"), "trailing zero bytes count");
        // The one worked out at compile time is the one any copy of the file gets.
        assert_eq!(
            digest(&compact(json)),
            d,
            "the space between tokens does not count"
        );
        let copy = String::from(json);
        assert_eq!(digest(copy.as_str()), d);
    }
}
