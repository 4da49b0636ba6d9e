//! Save/deploy-time checks: first-line contract, size limit, syntax errors with line numbers.

use crate::helpers::sandbox;
use lambdabox_runtime::{CompileError, EXPECTED_FIRST_LINE, LambdaStyle, MAX_CODE_CHARS};

#[test]
fn accepted_first_lines_and_their_style() {
    let sandbox = sandbox();
    let cases = [
        ("function lambda(input, callback) {\n}", LambdaStyle::Callback),
        ("  function lambda(i, cb) { cb(null, 1); }", LambdaStyle::Callback),
        ("async function lambda(input, callback) {\n}", LambdaStyle::Callback),
        ("async function lambda(input) {\n return 1;\n}", LambdaStyle::Return),
        ("function   lambda ( $in , _cb ){\n}", LambdaStyle::Callback),
    ];
    for (code, style) in cases {
        assert_eq!(sandbox.compile(code).unwrap().style(), style, "{code}");
    }
}

#[test]
fn wrong_first_line_is_refused_quoting_the_expected_line() {
    let sandbox = sandbox();
    let refused = [
        "// comment\nfunction lambda(input, callback) {\n}",
        "const lambda = (input, callback) => {};",
        "function handler(input, callback) {\n}",
        "function lambda(input) {\n}",
        "function lambda() {\n}",
        "function lambda(input, callback, extra) {\n}",
        "",
    ];
    for code in refused {
        let err = sandbox.compile(code).unwrap_err();
        assert!(matches!(err, CompileError::Contract(_)), "{code}: {err:?}");
        assert!(err.to_string().contains(EXPECTED_FIRST_LINE), "{err}");
    }
}

#[test]
fn a_declaration_further_down_is_named_with_the_fix() {
    let code = "const _ = require('lodash');\n\nfunction lambda(input, callback) {\n  callback(null, 1);\n}";
    let err = sandbox().compile(code).unwrap_err().to_string();
    assert!(err.contains("declared on line 3") && err.contains("move that line to the top"), "{err}");
    let err = sandbox().compile("function handler(input, callback) {\n}").unwrap_err().to_string();
    assert!(!err.contains("declared on line"), "no declaration, no hint: {err}");
}

#[test]
fn syntax_error_names_the_line() {
    let code = "function lambda(input, callback) {\n  const a = 1;\n  const = 2;\n  callback(null, a);\n}";
    let err = sandbox().compile(code).unwrap_err();
    match err {
        CompileError::Syntax { line, ref message } => {
            assert_eq!(line, 3, "{message}");
            assert!(err.to_string().contains("line 3"));
        }
        other => panic!("expected syntax error, got {other:?}"),
    }
}

#[test]
fn code_over_the_size_limit_is_refused() {
    let mut code = String::from("function lambda(input, callback) {\n");
    code.push_str(&"// padding\n".repeat(MAX_CODE_CHARS / 10));
    code.push('}');
    assert!(matches!(sandbox().compile(&code), Err(CompileError::TooLong(_))));
}

#[test]
fn a_lambda_just_under_the_limit_compiles() {
    let mut code = String::from("function lambda(input, callback) {\n  const data = [\n");
    while code.len() < MAX_CODE_CHARS - 200 {
        code.push_str("    { id: 1, name: 'x' },\n");
    }
    code.push_str("  ];\n  callback(null, data.length);\n}");
    assert!(sandbox().compile(&code).unwrap().bytecode_len() > 0);
}
