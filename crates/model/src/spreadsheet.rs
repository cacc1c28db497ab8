//! One rule for text that runlift writes into CSV files meant for spreadsheets (the report's
//! `--format csv` and `runlift store export --format csv`), so both treat a name from the data
//! the same way.
//!
//! Names come from whoever wrote the file (a workout called `=HYPERLINK("http://…")`, an
//! exercise named with an escape sequence), and spreadsheets run a cell that starts with `=`,
//! `+`, `-` or `@` as a formula (CSV injection). So a text cell:
//!
//! - loses control characters other than tab and line breaks (which CSV quotes), replaced by
//!   U+FFFD, so an escape sequence cannot reach the terminal of whoever runs `cat` on the file;
//! - gets a leading apostrophe when it starts with `=`, `+`, `-`, `@`, a tab or a carriage
//!   return, which spreadsheets show as text and do not run.
//!
//! Numbers that runlift itself writes (a negative UTC offset, `-5`) are not text cells and are
//! written as they are: the rule is for text from the data only.
//!
//! ```
//! use runlift_model::spreadsheet_text;
//!
//! assert_eq!(spreadsheet_text("=cmd|' /c calc'!A1"), "'=cmd|' /c calc'!A1");
//! assert_eq!(spreadsheet_text("Squat\u{1b}[31m"), "Squat\u{fffd}[31m");
//! assert_eq!(spreadsheet_text("Morning Run"), "Morning Run");
//! ```

/// `cell` made safe for a spreadsheet: control characters other than tab and line breaks
/// replaced, and a leading apostrophe where a spreadsheet would run it as a formula.
pub fn spreadsheet_text(cell: &str) -> String {
    neutralise_formula(&without_controls(cell))
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading apostrophe, which spreadsheets show as text.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn without_controls(cell: &str) -> String {
    cell.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for (cell, safe) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("a=1", "a=1"),
            ("Squat = heavy", "Squat = heavy"),
            ("12.5", "12.5"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_text(cell), safe, "{cell:?}");
        }
    }

    #[test]
    fn control_characters_other_than_tab_and_line_breaks_are_replaced() {
        assert_eq!(
            spreadsheet_text("a\u{7}b\nc\td\u{1b}"),
            "a\u{fffd}b\nc\td\u{fffd}"
        );
        assert_eq!(spreadsheet_text("Squat\x1b[2J\x07"), "Squat\u{fffd}[2J\u{fffd}");
        assert_eq!(spreadsheet_text("a\tb\nc\rd"), "a\tb\nc\rd");
        assert_eq!(spreadsheet_text("\u{9b}31m"), "\u{fffd}31m");
    }
}
