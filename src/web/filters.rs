//! Template filters (askama finds them as `filters::NAME` beside each template struct).

use std::fmt::Display;

/// A message as a sentence: a first letter that is a lower-case ASCII letter becomes upper
/// case. Messages that begin with what the user typed quote it, so their input is never
/// changed (a first character that is not a letter, such as a quote, is left alone).
pub fn sentence<T: Display>(message: T, _: &dyn askama::Values) -> askama::Result<String> {
    let mut text = message.to_string();
    if let Some(first) = text.get(0..1)
        && first.bytes().all(|b| b.is_ascii_lowercase())
    {
        text.replace_range(0..1, &first.to_ascii_uppercase());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_leading_lower_case_letter_changes() {
        let values = askama::NO_VALUES;
        assert_eq!(sentence("wrong password", values).unwrap(), "Wrong password");
        assert_eq!(sentence("'abc' is not a domain", values).unwrap(), "'abc' is not a domain");
        assert_eq!(sentence("\"not a domain!!\" is not valid", values).unwrap(), "\"not a domain!!\" is not valid");
        assert_eq!(sentence("élan", values).unwrap(), "élan");
        assert_eq!(sentence("", values).unwrap(), "");
    }
}
