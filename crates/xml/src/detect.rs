//! Telling GPX, TCX and Apple Health XML apart from the first bytes of a file.

/// Which XML fitness format a document is, from its root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum XmlFormat {
    /// GPS Exchange Format: root element `gpx`.
    Gpx,
    /// Garmin Training Center XML: root element `TrainingCenterDatabase`.
    Tcx,
    /// Apple Health's `export.xml`: root element `HealthData`.
    AppleHealth,
}

/// How much of a file [`detect`] looks at.
const WINDOW: usize = 16 * 1024;

/// Tells which XML fitness format `bytes` hold, from the root element after any byte order
/// mark, leading whitespace, XML declaration, processing instructions, comments and DOCTYPE.
///
/// Looks at the first 16 KiB only. When a DOCTYPE names the root but the window ends before
/// the root element itself (Apple Health puts a long DTD first), the DOCTYPE's name decides.
/// Returns `None` for anything that is not XML or whose root is not one of the formats.
///
/// ```
/// use runlift_xml::{detect, XmlFormat};
///
/// assert_eq!(detect(b"\xEF\xBB\xBF  <?xml version=\"1.0\"?>\n<gpx version=\"1.1\">"), Some(XmlFormat::Gpx));
/// assert_eq!(detect(b"<!-- hi --><TrainingCenterDatabase>"), Some(XmlFormat::Tcx));
/// assert_eq!(detect(b"<html></html>"), None);
/// assert_eq!(detect(b"lat,lon\n1,2\n"), None);
/// ```
pub fn detect(bytes: &[u8]) -> Option<XmlFormat> {
    let window = &bytes[..bytes.len().min(WINDOW)];
    match crate::utf16_to_utf8(window) {
        Some(text) => scan(text.as_bytes()),
        None => scan(window),
    }
}

fn format_of(name: &[u8]) -> Option<XmlFormat> {
    let local = name
        .iter()
        .rposition(|&b| b == b':')
        .map_or(name, |i| &name[i + 1..]);
    match local {
        b"gpx" => Some(XmlFormat::Gpx),
        b"TrainingCenterDatabase" => Some(XmlFormat::Tcx),
        b"HealthData" => Some(XmlFormat::AppleHealth),
        _ => None,
    }
}

pub(crate) fn is_name_byte(b: u8) -> bool {
    !(b.is_ascii_whitespace() || matches!(b, b'>' | b'/' | b'[' | b'<' | b'"' | b'\'' | b'='))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn scan(bytes: &[u8]) -> Option<XmlFormat> {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The root named by a DOCTYPE, used when the window ends before the root element.
    let mut doctype_root: Option<&[u8]> = None;
    loop {
        rest = rest.trim_ascii_start();
        if rest.is_empty() {
            return doctype_root.and_then(format_of);
        }
        if rest.starts_with(b"<?") {
            let Some(end) = find(rest, b"?>") else {
                return doctype_root.and_then(format_of);
            };
            rest = &rest[end + 2..];
        } else if rest.starts_with(b"<!--") {
            let Some(end) = find(&rest[4..], b"-->") else {
                return doctype_root.and_then(format_of);
            };
            rest = &rest[4 + end + 3..];
        } else if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!DOCTYPE") {
            let after = rest[9..].trim_ascii_start();
            let name_len = after.iter().take_while(|&&b| is_name_byte(b)).count();
            doctype_root = Some(&after[..name_len]);
            match doctype_end(rest) {
                Some(end) => rest = &rest[end..],
                None => return doctype_root.and_then(format_of),
            }
        } else if let [b'<', first, ..] = rest
            && is_name_byte(*first)
            && *first != b'!'
            && *first != b'?'
        {
            let name_len = rest[1..].iter().take_while(|&&b| is_name_byte(b)).count();
            return format_of(&rest[1..1 + name_len]);
        } else {
            return None;
        }
    }
}

/// The offset just past the `>` closing a DOCTYPE, skipping its internal subset in `[...]`
/// and quoted strings.
fn doctype_end(doctype: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (i, &b) in doctype.iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_after_prologs_are_recognised() {
        let cases: &[(&[u8], Option<XmlFormat>)] = &[
            (b"<gpx/>", Some(XmlFormat::Gpx)),
            (b"\n\n   <?xml version=\"1.0\" encoding=\"UTF-8\"?><gpx creator=\"StravaGPX\">", Some(XmlFormat::Gpx)),
            (b"<?xml version='1.0'?><?xml-stylesheet href='a.xsl'?><!-- <gpx> --><g:gpx xmlns:g='x'>", Some(XmlFormat::Gpx)),
            (b"<?xml version=\"1.0\"?>\n<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">", Some(XmlFormat::Tcx)),
            (b"<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (Record)*>\n<!ATTLIST Record type CDATA #REQUIRED>\n]>\n<HealthData locale=\"en_US\">", Some(XmlFormat::AppleHealth)),
            (b"<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me)> <!-- cut off here", Some(XmlFormat::AppleHealth)),
            (b"<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\">", None),
            (b"", None),
            (b"   ", None),
            (b"\xEF\xBB\xBF", None),
            (b"Date,Workout Name\n", None),
            (b"<?xml version=\"1.0\"", None),
            (b"<", None),
            (b"<>", None),
            (b"\x0e\x10\x00\x00.FIT", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(detect(bytes), *expected, "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn utf16_documents_are_recognised() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><gpx/>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(detect(&le), Some(XmlFormat::Gpx));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(detect(&be), Some(XmlFormat::Gpx));
    }

    #[test]
    fn the_window_is_bounded() {
        let mut long = b"<!--".to_vec();
        long.extend(std::iter::repeat_n(b'x', WINDOW));
        long.extend(b"--><gpx/>");
        assert_eq!(detect(&long), None);
    }
}
