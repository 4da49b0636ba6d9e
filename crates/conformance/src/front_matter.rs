//! The YAML front matter of a test262 test (`/*--- ... ---*/`): only the keys the runner
//! needs (`includes`, `flags`, `features`, `negative`), in the two list styles test262 uses
//! (`key: [a, b]` and a block of `- a` lines). Everything else (descriptions, `info: |` text)
//! is skipped.

/// The parts of a test's front matter the runner uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Harness files to run before the test.
    pub includes: Vec<String>,
    /// `onlyStrict`, `noStrict`, `module`, `raw`, `async`, `CanBlockIsFalse`, ...
    pub flags: Vec<String>,
    /// Language features the test needs.
    pub features: Vec<String>,
    /// The error the test must end with, if it is a negative test.
    pub negative: Option<Negative>,
}

/// `negative: {phase, type}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Negative {
    /// `parse`, `resolution` or `runtime`.
    pub phase: String,
    /// The constructor name of the expected error (`SyntaxError`, ...).
    pub kind: String,
}

impl Meta {
    /// Whether `flag` is among the flags.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// Parses the front matter of `source`; a test without one gets the default (no flags).
pub fn parse(source: &str) -> Meta {
    let mut meta = Meta::default();
    let Some(start) = source.find("/*---") else { return meta };
    let rest = &source[start + 5..];
    let Some(end) = rest.find("---*/") else { return meta };
    let mut key = String::new();
    // A few tests are about line terminators and use CR alone.
    for line in rest[..end].split(['\n', '\r']) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if !indented {
            let Some((k, value)) = trimmed.split_once(':') else {
                key.clear();
                continue;
            };
            key = k.trim().to_owned();
            let value = value.trim();
            if let Some(list) = target(&mut meta, &key) {
                list.extend(flow_list(value));
            }
            if key == "negative" {
                meta.negative = Some(Negative::default());
            }
            continue;
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            if let Some(list) = target(&mut meta, &key) {
                list.push(unquote(item).to_owned());
            }
        } else if key == "negative"
            && let (Some(negative), Some((k, v))) = (meta.negative.as_mut(), trimmed.split_once(':'))
        {
            match k.trim() {
                "phase" => negative.phase = unquote(v.trim()).to_owned(),
                "type" => negative.kind = unquote(v.trim()).to_owned(),
                _ => {}
            }
        }
    }
    meta
}

fn target<'a>(meta: &'a mut Meta, key: &str) -> Option<&'a mut Vec<String>> {
    match key {
        "includes" => Some(&mut meta.includes),
        "flags" => Some(&mut meta.flags),
        "features" => Some(&mut meta.features),
        _ => None,
    }
}

/// `[a, b, c]` (a trailing `# comment` allowed); anything else is no items.
fn flow_list(value: &str) -> Vec<String> {
    let value = value.split('#').next().unwrap_or_default().trim();
    let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) else {
        return Vec::new();
    };
    inner.split(',').map(|item| unquote(item.trim()).to_owned()).filter(|item| !item.is_empty()).collect()
}

fn unquote(value: &str) -> &str {
    let value = value.trim();
    value
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_lists_and_negative() {
        let source = "// Copyright\n/*---\nesid: sec-x\ndescription: >\n  Some text: with a colon\n  - not an item\n\
                      includes: [propertyHelper.js, compareArray.js]\nflags: [onlyStrict]\n\
                      features: [Symbol, 'Proxy'] # why\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n$DONOTEVALUATE();";
        let meta = parse(source);
        assert_eq!(meta.includes, ["propertyHelper.js", "compareArray.js"]);
        assert_eq!(meta.flags, ["onlyStrict"]);
        assert_eq!(meta.features, ["Symbol", "Proxy"]);
        assert_eq!(meta.negative, Some(Negative { phase: "parse".into(), kind: "SyntaxError".into() }));
        assert!(meta.has_flag("onlyStrict"));
    }

    #[test]
    fn block_lists_and_text_blocks() {
        let source = "/*---\ninfo: |\n  includes: [nope.js]\n  - nope\nincludes:\n  - a.js\n  - \"b.js\"\n\
                      flags:\n  - module\n  - async\n---*/";
        let meta = parse(source);
        assert_eq!(meta.includes, ["a.js", "b.js"]);
        assert_eq!(meta.flags, ["module", "async"]);
        assert!(meta.features.is_empty());
        assert_eq!(meta.negative, None);
    }

    #[test]
    fn carriage_returns_alone() {
        let meta = parse("/*---\rincludes: [nativeFunctionMatcher.js]\rflags: [raw]\r---*/");
        assert_eq!(meta.includes, ["nativeFunctionMatcher.js"]);
        assert_eq!(meta.flags, ["raw"]);
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(parse("var x = 1;"), Meta::default());
    }
}
