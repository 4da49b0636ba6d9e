//! console.* recording and the per-invocation log limits.

use crate::helpers::{failure, ok, run};
use lambdabox_runtime::{FailureCode, LogLevel};
use serde_json::json;

#[tokio::test]
async fn console_calls_are_recorded_with_level_message_and_extras() {
    let sandbox = crate::helpers::sandbox();
    let code = r#"function lambda(input, callback) {
  console.debug('d');
  console.info('i', 1, { a: [true] });
  console.log('l');
  console.warn('w', 'x');
  console.error(new Error('e'));
  callback(null, 'done');
}"#;
    let result = run(&sandbox, code).await;
    assert_eq!(ok(&result), json!("done"));
    let levels: Vec<LogLevel> = result.logs.iter().map(|l| l.level).collect();
    assert_eq!(levels, [LogLevel::Debug, LogLevel::Info, LogLevel::Info, LogLevel::Warn, LogLevel::Error]);
    assert_eq!(result.logs[1].message, "i");
    assert_eq!(result.logs[1].extras, vec![json!(1), json!({ "a": [true] })]);
    assert_eq!(result.logs[4].message, "Error: e");
    assert!(result.logs[0].timestamp > 1_600_000_000_000);
}

#[tokio::test]
async fn too_many_entries_fail_with_log_limit_reached() {
    let sandbox = crate::helpers::sandbox();
    let code = "function lambda(input, callback) {\n for (let i = 0; i < 11; i++) console.info('line ' + i);\n callback(null, 'ok');\n}";
    let result = run(&sandbox, code).await;
    failure(&result, FailureCode::LogLimitReached);
    assert_eq!(result.logs.len(), 11, "10 entries plus the limit notice");
    assert!(result.logs[10].message.contains("log limit"));
}

#[tokio::test]
async fn too_many_characters_fail_with_log_limit_reached() {
    let sandbox = crate::helpers::sandbox();
    let code = "function lambda(input, callback) {\n console.info('x'.repeat(3000));\n console.info('y', 'z'.repeat(3000));\n callback(null, 'ok');\n}";
    failure(&run(&sandbox, code).await, FailureCode::LogLimitReached);
    let fits = "function lambda(input, callback) {\n console.info('x'.repeat(2900));\n console.info('y'.repeat(2900));\n callback(null, 'ok');\n}";
    assert_eq!(ok(&run(&sandbox, fits).await), json!("ok"));
}

#[tokio::test]
async fn a_repeated_callback_is_logged_as_a_warning() {
    let sandbox = crate::helpers::sandbox();
    let code = "function lambda(input, callback) {\n callback(null, 1);\n callback(null, 2);\n}";
    let result = run(&sandbox, code).await;
    assert_eq!(ok(&result), json!(1));
    assert!(result.logs.iter().any(|l| l.level == LogLevel::Warn && l.message.contains("more than once")));
}
