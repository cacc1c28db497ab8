//! Athletes' names, and the Hive-style partition folders (`athlete=NAME`) they are kept in.
//!
//! A name comes from a coach's command line, so it is checked before it becomes part of a
//! path: no `.` or `..`, no separators, no control or bidirectional-formatting characters, no
//! blank edges. What is left is written into the folder name escaped the way Hive, Spark and
//! DuckDB unescape partition values (`%` and two hex digits for `/ \ : = % ? * " ' # { } [ ] ^`
//! and `< > |`), so that every engine reads the name back exactly.

use std::fmt;

/// The athlete a store written by runlift 0.1 (schema version 1) becomes when it is migrated,
/// and the athlete of a new store when `--athlete` is not given.
pub const DEFAULT_ATHLETE: &str = "default";

/// The prefix of a partition folder: `athlete=NAME`.
pub(crate) const PARTITION_PREFIX: &str = "athlete=";

/// The longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// An athlete's name, checked to be safe as a folder name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AthleteName(String);

/// Why a name cannot be an athlete's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} cannot be an athlete's name: {reason}")]
pub struct InvalidAthleteName {
    /// The name as given.
    pub name: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// Characters Hive escapes in a partition value, plus those Windows forbids in a file name.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '"' | '#'
            | '%'
            | '\''
            | '*'
            | '/'
            | ':'
            | '='
            | '?'
            | '\\'
            | '{'
            | '}'
            | '['
            | ']'
            | '^'
            | '<'
            | '>'
            | '|'
    ) || c.is_control()
}

/// Characters that change how text around them is shown: a name holding one could print as
/// another athlete's.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

impl AthleteName {
    /// Checks `name` and makes it an athlete's name.
    pub fn new(name: &str) -> Result<AthleteName, InvalidAthleteName> {
        let refuse = |reason| {
            Err(InvalidAthleteName {
                name: name.to_owned(),
                reason,
            })
        };
        if name.is_empty() {
            return refuse("it is empty");
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return refuse("it is longer than 64 characters");
        }
        if name == "." || name == ".." {
            return refuse("it names a folder (`.` and `..` are not names)");
        }
        if name.contains(['/', '\\']) {
            return refuse("it holds a path separator (`/` or `\\`)");
        }
        if name.chars().any(char::is_control) {
            return refuse("it holds a control character");
        }
        if name.chars().any(is_invisible_format) {
            return refuse("it holds an invisible formatting character");
        }
        if name.trim() != name {
            return refuse("it starts or ends with white space");
        }
        Ok(AthleteName(name.to_owned()))
    }

    /// The athlete of a store that never named one.
    pub fn default_athlete() -> AthleteName {
        AthleteName(DEFAULT_ATHLETE.to_owned())
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The partition folder's name: `athlete=` and the escaped name.
    pub fn folder_name(&self) -> String {
        let mut out = String::from(PARTITION_PREFIX);
        for c in self.0.chars() {
            if needs_escape(c) {
                let mut buffer = [0; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The athlete whose partition folder is called `folder`, if it is one: the name
    /// unescaped and checked again.
    pub fn from_folder_name(folder: &str) -> Option<AthleteName> {
        let escaped = folder.strip_prefix(PARTITION_PREFIX)?;
        let mut bytes = Vec::with_capacity(escaped.len());
        let mut rest = escaped.as_bytes();
        while let Some((&first, tail)) = rest.split_first() {
            if first == b'%' && tail.len() >= 2 {
                let hex = std::str::from_utf8(&tail[..2]).ok()?;
                bytes.push(u8::from_str_radix(hex, 16).ok()?);
                rest = &tail[2..];
            } else {
                bytes.push(first);
                rest = tail;
            }
        }
        let name = String::from_utf8(bytes).ok()?;
        let athlete = AthleteName::new(&name).ok()?;
        // One folder per name: a folder escaped otherwise than runlift escapes is not its.
        (athlete.folder_name() == folder).then_some(athlete)
    }
}

impl fmt::Display for AthleteName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_as_hive_partition_values_and_read_back() {
        for (name, folder) in [
            ("alice", "athlete=alice"),
            ("Anna Müller", "athlete=Anna Müller"),
            ("team:a=1", "athlete=team%3Aa%3D1"),
            ("50%", "athlete=50%25"),
            ("o'neil #2", "athlete=o%27neil %232"),
            ("...", "athlete=..."),
        ] {
            let athlete = AthleteName::new(name).unwrap();
            assert_eq!(athlete.folder_name(), folder, "{name}");
            assert_eq!(AthleteName::from_folder_name(folder), Some(athlete), "{name}");
        }
    }

    #[test]
    fn hostile_names_are_refused_with_the_reason() {
        for (name, reason) in [
            ("", "it is empty"),
            (".", "it names a folder (`.` and `..` are not names)"),
            ("..", "it names a folder (`.` and `..` are not names)"),
            ("../bob", "it holds a path separator (`/` or `\\`)"),
            ("a/b", "it holds a path separator (`/` or `\\`)"),
            ("a\\b", "it holds a path separator (`/` or `\\`)"),
            ("bob\n", "it holds a control character"),
            ("bob\0", "it holds a control character"),
            ("\u{1b}[31mbob", "it holds a control character"),
            ("bob\u{202E}", "it holds an invisible formatting character"),
            (" bob", "it starts or ends with white space"),
        ] {
            let err = AthleteName::new(name).unwrap_err();
            assert_eq!(err.reason, reason, "{name:?}");
        }
        assert_eq!(
            AthleteName::new(&"x".repeat(65)).unwrap_err().reason,
            "it is longer than 64 characters"
        );
        assert!(AthleteName::new(&"x".repeat(64)).is_ok());
    }

    #[test]
    fn folders_that_are_not_runlifts_are_no_athletes() {
        assert_eq!(AthleteName::from_folder_name("generations"), None);
        assert_eq!(AthleteName::from_folder_name("athlete="), None);
        assert_eq!(AthleteName::from_folder_name("athlete=%2E%2E"), None);
        assert_eq!(AthleteName::from_folder_name("athlete=a%2Fb"), None);
        // `=` unescaped is not how runlift writes it.
        assert_eq!(AthleteName::from_folder_name("athlete=a=b"), None);
    }
}
