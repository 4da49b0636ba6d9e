//! Table-driven: every `tests/lambdas/*.js` ends with `// expect: ok <json>` or
//! `// expect: <failure-code-suffix> <message substring>`, and is run against it.

use crate::helpers::{run, sandbox};
use lambdabox_runtime::RunOutcome;
use serde_json::Value;

#[tokio::test]
async fn every_fixture_has_its_expected_outcome() {
    let sandbox = sandbox();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lambdas");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut checked = 0;
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "js")) {
        let code = std::fs::read_to_string(path).unwrap();
        let Some(expect) = code.lines().rev().find_map(|l| l.strip_prefix("// expect: ")) else {
            continue;
        };
        let (kind, detail) = expect.split_once(' ').unwrap();
        let result = run(&sandbox, &code).await;
        let name = path.file_name().unwrap().to_string_lossy();
        match (&result.outcome, kind) {
            (RunOutcome::Ok(value), "ok") => {
                let expected: Value = serde_json::from_str(detail).unwrap();
                assert_eq!(value, &expected, "{name}");
            }
            (RunOutcome::Failure { code, message }, kind) if code.as_str().ends_with(kind) => {
                assert!(message.contains(detail), "{name}: message {message:?} lacks {detail:?}");
            }
            (other, _) => panic!("{name}: expected {expect}, got {other:?}; logs {:?}", result.logs),
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} fixtures ran");
}
