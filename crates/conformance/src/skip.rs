//! The skip list (`test262-skip.txt`): features the engine does not implement, flags whose
//! tests cannot run in the sandbox's configuration, and source text that marks tests needing
//! host hooks the runner does not provide. One entry a line, `kind value`; `#` starts a comment.

use crate::front_matter::Meta;

/// What makes a test skipped.
#[derive(Debug, Clone, Default)]
pub struct SkipList {
    features: Vec<String>,
    flags: Vec<String>,
    sources: Vec<String>,
}

impl SkipList {
    /// Parses the file's text: `feature NAME`, `flag NAME` or `source TEXT` a line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut list = Self::default();
        for (number, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let (kind, value) = line.split_once(' ').map(|(k, v)| (k, v.trim())).unwrap_or((line, ""));
            let target = match kind {
                "feature" => &mut list.features,
                "flag" => &mut list.flags,
                "source" => &mut list.sources,
                _ => return Err(format!("line {}: unknown entry `{line}`", number + 1)),
            };
            if value.is_empty() {
                return Err(format!("line {}: `{kind}` needs a value", number + 1));
            }
            target.push(value.to_owned());
        }
        Ok(list)
    }

    /// Why the test is skipped, if it is.
    pub fn reason(&self, meta: &Meta, source: &str) -> Option<String> {
        if let Some(feature) = meta.features.iter().find(|f| self.features.contains(f)) {
            return Some(format!("feature {feature}"));
        }
        if let Some(flag) = meta.flags.iter().find(|f| self.flags.contains(f)) {
            return Some(format!("flag {flag}"));
        }
        self.sources.iter().find(|s| source.contains(s.as_str())).map(|s| format!("uses {s}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_reasons() {
        let list = SkipList::parse("# c\nfeature Temporal # why\n\nflag CanBlockIsTrue\nsource $262.agent\n")
            .unwrap_or_default();
        let meta = Meta { features: vec!["Symbol".into(), "Temporal".into()], ..Meta::default() };
        assert_eq!(list.reason(&meta, ""), Some("feature Temporal".into()));
        let meta = Meta { flags: vec!["CanBlockIsTrue".into()], ..Meta::default() };
        assert_eq!(list.reason(&meta, ""), Some("flag CanBlockIsTrue".into()));
        assert_eq!(list.reason(&Meta::default(), "x = $262.agent.start"), Some("uses $262.agent".into()));
        assert_eq!(list.reason(&Meta::default(), "x"), None);
        assert!(SkipList::parse("bogus x").is_err());
        assert!(SkipList::parse("feature").is_err());
    }
}
