//! The baseline (`test262-baseline.txt`): the pass count the run may not drop below and the
//! runs known to fail, grouped under comments that explain them. `passed N` once; every other
//! non-comment line is a run id (`path/under/test.js:mode`, mode `sloppy`, `strict` or `module`).

use std::collections::BTreeSet;

/// The checked-in expectations.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// Minimum number of passing runs.
    pub passed: usize,
    /// Runs known to fail.
    pub known_failures: BTreeSet<String>,
}

/// How a run compares with the baseline.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Failing runs the baseline does not list.
    pub new_failures: Vec<String>,
    /// Runs the baseline lists as failing that passed (or were not run).
    pub no_longer_failing: Vec<String>,
    /// Fewer passes than the baseline's count.
    pub below_count: bool,
}

impl Comparison {
    /// The run is acceptable: no fewer passes, and nothing fails that the baseline does not
    /// list as failing.
    pub fn ok(&self) -> bool {
        !self.below_count && self.new_failures.is_empty()
    }
}

impl Baseline {
    /// Parses the file's text.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut baseline = Self::default();
        let mut seen_count = false;
        for (number, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            if let Some(count) = line.strip_prefix("passed ") {
                baseline.passed = count
                    .trim()
                    .replace(['_', ','], "")
                    .parse()
                    .map_err(|e| format!("line {}: bad pass count: {e}", number + 1))?;
                seen_count = true;
            } else if line.contains(".js:") {
                baseline.known_failures.insert(line.to_owned());
            } else {
                return Err(format!("line {}: neither `passed N` nor a run id: `{line}`", number + 1));
            }
        }
        if !seen_count {
            return Err("no `passed N` line".to_owned());
        }
        Ok(baseline)
    }

    /// Compares a run (its pass count and failing run ids) with the baseline.
    pub fn compare(&self, passed: usize, failures: &BTreeSet<String>) -> Comparison {
        Comparison {
            new_failures: failures.difference(&self.known_failures).cloned().collect(),
            no_longer_failing: self.known_failures.difference(failures).cloned().collect(),
            below_count: passed < self.passed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_compare() {
        let baseline = Baseline::parse("# header\npassed 10\n\n# group\na/b.js:strict\na/c.js:sloppy # note\n")
            .unwrap_or_default();
        assert_eq!(baseline.passed, 10);
        assert_eq!(baseline.known_failures.len(), 2);
        let failures: BTreeSet<String> = ["a/b.js:strict".to_owned()].into();
        let same = baseline.compare(11, &failures);
        assert!(same.ok());
        assert_eq!(same.no_longer_failing, ["a/c.js:sloppy"]);
        let worse: BTreeSet<String> = ["a/d.js:module".to_owned()].into();
        let comparison = baseline.compare(9, &worse);
        assert!(!comparison.ok() && comparison.below_count);
        assert_eq!(comparison.new_failures, ["a/d.js:module"]);
        assert!(Baseline::parse("a/b.js:strict").is_err());
        assert!(Baseline::parse("passed x").is_err());
    }
}
