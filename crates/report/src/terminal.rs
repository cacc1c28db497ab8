//! Text from the data made safe to print on a terminal.

use std::fmt::Write as _;

/// `text` with every character that could steer a terminal or hide what is printed written out
/// visibly instead: newline, carriage return and tab as `\n`, `\r`, `\t`; other control
/// characters (C0, DEL, C1, among them ESC, which starts colour and cursor sequences, and BEL)
/// and the invisible direction and line-breaking marks (U+202E, which prints the rest of a
/// line backwards, U+2028, ...) as `\u{1b}`, `\u{202e}`.
///
/// Everything runlift prints to a terminal that comes from the data (paths, names inside
/// archives, activity and exercise names, messages quoting a file's content) passes here, so
/// a file called `run\n\x1b[2Jok.gpx` cannot forge a line or clear the screen. Backslashes are
/// kept as they are, so ordinary paths read unchanged.
///
/// ```
/// use runlift_report::terminal_safe;
///
/// assert_eq!(terminal_safe("morning run.gpx"), "morning run.gpx");
/// assert_eq!(terminal_safe("a\nb\x1b[31mc\u{202e}d"), "a\\nb\\u{1b}[31mc\\u{202e}d");
/// ```
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible_format(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Characters that change how a line is laid out without being seen: bidirectional
/// embeddings, overrides and isolates (the "Trojan Source" characters), the implicit direction
/// marks, and the Unicode line and paragraph separators.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_direction_characters_are_written_out_and_the_rest_kept() {
        let cases = [
            ("plain/path/run.gpx", "plain/path/run.gpx"),
            ("line\nbreak", "line\\nbreak"),
            ("cr\rlf", "cr\\rlf"),
            ("tab\there", "tab\\there"),
            ("\x1b[2J\x1b]0;title\x07", "\\u{1b}[2J\\u{1b}]0;title\\u{7}"),
            ("nul\0del\x7f", "nul\\u{0}del\\u{7f}"),
            ("c1\u{9b}31m", "c1\\u{9b}31m"),
            ("gpx.\u{202e}exe.txt", "gpx.\\u{202e}exe.txt"),
            ("\u{2066}iso\u{2069}\u{200f}", "\\u{2066}iso\\u{2069}\\u{200f}"),
            ("para\u{2029}sep", "para\\u{2029}sep"),
            (
                "Kniebeuge (Langhantel) ▁▂ 深蹲 🏋",
                "Kniebeuge (Langhantel) ▁▂ 深蹲 🏋",
            ),
            ("C:\\Users\\me\\run.fit", "C:\\Users\\me\\run.fit"),
        ];
        for (text, expected) in cases {
            assert_eq!(terminal_safe(text), expected, "{text:?}");
        }
    }
}
