//! "Move the declaration to the first line": code brought from elsewhere often has `require`s
//! or helpers above `function lambda(input, callback) {`, which lambdabox (like LivePerson)
//! refuses. Moving the whole declaration to the top keeps the code working, since function
//! declarations are hoisted. A leading `'use strict'` directive would stop being one there, so
//! it moves into the lambda's body (the first statement of a function body is a directive too).

/// The rewritten code and what the user should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedDeclaration {
    /// The code with the declaration on line 1.
    pub code: String,
    /// Set when a `'use strict'` directive moved into the lambda's body.
    pub note: Option<String>,
}

/// Moves the top-level `[async] function lambda(...) {...}` declaration to the first line and
/// keeps everything else below it, in order. `Err` says why the code cannot be rewritten.
pub fn move_declaration_to_first_line(code: &str) -> Result<MovedDeclaration, String> {
    let code = code.strip_prefix('\u{feff}').unwrap_or(code);
    if is_declaration(code.lines().next().unwrap_or("")) {
        return Err("the lambda is already declared on the first line".into());
    }
    let scan = Scan::of(code)?;
    let start = line_starts(code)
        .find(|&p| scan.depth_at(p) == 0 && scan.first_code_on_line(code, p) && is_declaration(line_at(code, p)))
        .ok_or_else(|| {
            if code.lines().any(is_declaration) {
                "the lambda is declared inside a block or a literal; move it to the top level first".to_owned()
            } else {
                "there is no `function lambda(input, callback) {` declaration to move".to_owned()
            }
        })?;
    let open = scan
        .brackets
        .iter()
        .find(|(at, c, depth)| *at >= start && *c == b'{' && *depth == 0)
        .map(|(at, _, _)| *at)
        .ok_or("the lambda's body does not open with `{`")?;
    let end = scan
        .brackets
        .iter()
        .find(|(at, c, depth)| *at > open && *c == b'}' && *depth == 1)
        .map(|(at, _, _)| at + 1)
        .ok_or("the lambda's braces do not balance: its closing `}` is missing")?;
    let eol = code[end..].find('\n').map_or(code.len(), |i| end + i);
    let trailing = code[end..eol].trim();
    let after_decl = if trailing.is_empty() || trailing == ";" { (eol + 1).min(code.len()) } else { end };

    let mut before = code[..start].to_owned();
    let mut declaration = code[start..end].to_owned();
    let mut note = None;
    if let Some((from, to)) = leading_directive(code, start) {
        let quote = &code[from..from + 1];
        before.replace_range(from..to, "");
        let body = open - start + 1;
        if !body_starts_with_directive(&declaration[body..]) {
            declaration.insert_str(body, &format!("\n  {quote}use strict{quote};"));
        }
        note = Some(
            "The 'use strict' directive moved into the lambda's body: the lambda stays strict. Code outside \
             the lambda is strict only where it has a directive of its own."
                .to_owned(),
        );
    }
    let mut tail = &code[after_decl..];
    // The declaration's blank line above and below become one.
    if (before.is_empty() || before.ends_with("\n\n")) && tail.starts_with('\n') {
        tail = &tail[1..];
    }
    let rest = format!("{before}{tail}");
    let rest = rest.trim_start_matches(['\n', '\r']).trim_end_matches(['\n', '\r']);
    let mut out = declaration;
    out.push('\n');
    if !rest.trim().is_empty() {
        out.push('\n');
        out.push_str(rest);
        out.push('\n');
    }
    Ok(MovedDeclaration { code: out, note })
}

/// Whether a line declares the lambda: `[async ]function lambda(a[, b]) {`, as the contract
/// check accepts it.
pub fn is_declaration(line: &str) -> bool {
    let rest = line.trim_start();
    let (is_async, rest) = match rest.strip_prefix("async") {
        Some(after) if after.starts_with(char::is_whitespace) => (true, after.trim_start()),
        _ => (false, rest),
    };
    let Some(rest) = rest.strip_prefix("function").filter(|r| r.starts_with(char::is_whitespace)) else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix("lambda").and_then(|r| r.trim_start().strip_prefix('(')) else {
        return false;
    };
    let Some((params, rest)) = rest.split_once(')') else { return false };
    let names: Vec<&str> = params.split(',').map(str::trim).collect();
    rest.trim_start().starts_with('{')
        && names.iter().all(|n| is_identifier(n))
        && (names.len() == 2 || (names.len() == 1 && is_async))
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

fn line_starts(code: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(code.match_indices('\n').map(|(i, _)| i + 1)).filter(move |&p| p < code.len())
}

fn line_at(code: &str, start: usize) -> &str {
    let line = &code[start..];
    line.split('\n').next().unwrap_or("").trim_end_matches('\r')
}

fn body_starts_with_directive(body: &str) -> bool {
    let body = body.trim_start();
    body.starts_with("'use strict'") || body.starts_with("\"use strict\"")
}

/// What a pass over the code found: which bytes are code (not comments, strings, template text
/// or regular expressions) and every bracket with the depth before it.
struct Scan {
    is_code: Vec<bool>,
    brackets: Vec<(usize, u8, usize)>,
}

impl Scan {
    fn of(code: &str) -> Result<Self, String> {
        let bytes = code.as_bytes();
        let mut is_code = vec![false; bytes.len()];
        let mut templates: Vec<usize> = Vec::new();
        let mut last_significant: Option<usize> = None;
        let mut i = 0;
        let mut in_template = false;
        while i < bytes.len() {
            let c = bytes[i];
            if in_template {
                match c {
                    b'\\' => i += 2,
                    b'`' => {
                        in_template = false;
                        i += 1;
                    }
                    b'$' if bytes.get(i + 1) == Some(&b'{') => {
                        templates.push(0);
                        in_template = false;
                        i += 2;
                    }
                    _ => i += 1,
                }
                continue;
            }
            match c {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = code[i..].find('\n').map_or(bytes.len(), |n| i + n);
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = code[i + 2..].find("*/").map(|n| i + 2 + n + 2).ok_or("a comment is not closed")?;
                }
                b'/' if regex_may_start(code, last_significant) => {
                    i = skip_regex(bytes, i)?;
                    last_significant = Some(i - 1);
                }
                b'\'' | b'"' => {
                    i = skip_string(bytes, i)?;
                    last_significant = Some(i - 1);
                }
                b'`' => {
                    in_template = true;
                    i += 1;
                }
                b'}' if templates.last() == Some(&0) => {
                    templates.pop();
                    in_template = true;
                    i += 1;
                }
                _ => {
                    match (c, templates.last_mut()) {
                        (b'{', Some(open)) => *open += 1,
                        (b'}', Some(open)) => *open -= 1,
                        _ => {}
                    }
                    is_code[i] = true;
                    if !c.is_ascii_whitespace() {
                        last_significant = Some(i);
                    }
                    i += 1;
                }
            }
        }
        let mut brackets = Vec::new();
        let mut depth = 0usize;
        for (at, &c) in bytes.iter().enumerate() {
            if !is_code[at] {
                continue;
            }
            match c {
                b'{' | b'(' | b'[' => {
                    brackets.push((at, c, depth));
                    depth += 1;
                }
                b'}' | b')' | b']' => {
                    brackets.push((at, c, depth));
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
        }
        Ok(Self { is_code, brackets })
    }

    /// Bracket depth just before byte `at`.
    fn depth_at(&self, at: usize) -> usize {
        self.brackets.iter().rev().find(|(pos, _, _)| *pos < at).map_or(0, |(_, c, depth)| {
            if matches!(c, b'{' | b'(' | b'[') { depth + 1 } else { depth.saturating_sub(1) }
        })
    }

    /// Whether the first non-blank character of the line starting at `start` is code.
    fn first_code_on_line(&self, code: &str, start: usize) -> bool {
        let line = line_at(code, start);
        let offset = line.len() - line.trim_start().len();
        self.is_code.get(start + offset).copied().unwrap_or(false)
    }
}

/// The byte range of a `'use strict'` / `"use strict"` directive (with its `;` and line end)
/// opening the code before `limit`, if the code opens with one (after blanks and comments).
fn leading_directive(code: &str, limit: usize) -> Option<(usize, usize)> {
    let bytes = code.as_bytes();
    let mut first = 0;
    while first < limit {
        match (bytes[first], bytes.get(first + 1)) {
            (b'/', Some(b'/')) => first = code[first..].find('\n').map_or(code.len(), |n| first + n),
            (b'/', Some(b'*')) => first = code[first + 2..].find("*/").map_or(code.len(), |n| first + 2 + n + 2),
            (c, _) if c.is_ascii_whitespace() => first += 1,
            _ => break,
        }
    }
    let quote = *bytes.get(first).filter(|_| first < limit)?;
    if quote != b'\'' && quote != b'"' {
        return None;
    }
    let literal_end = first + 1 + "use strict".len();
    if code.get(first + 1..literal_end) != Some("use strict") || bytes.get(literal_end) != Some(&quote) {
        return None;
    }
    let mut to = literal_end + 1;
    while to < limit && matches!(bytes[to], b' ' | b'\t') {
        to += 1;
    }
    if to < limit && bytes[to] == b';' {
        to += 1;
    }
    while to < limit && matches!(bytes[to], b' ' | b'\t' | b'\r') {
        to += 1;
    }
    if to < limit && bytes[to] == b'\n' {
        to += 1;
    }
    Some((first, to))
}

/// A `/` starts a regular expression after an operator, an opening bracket, a separator or a
/// keyword; after a value it divides.
fn regex_may_start(code: &str, last_significant: Option<usize>) -> bool {
    let Some(last) = last_significant else { return true };
    let c = code.as_bytes()[last];
    if b"(,=:[!&|?{};+-*%<>~^".contains(&c) {
        return true;
    }
    let word: String = code[..=last].chars().rev().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    let word: String = word.chars().rev().collect();
    ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await"]
        .contains(&word.as_str())
}

fn skip_string(bytes: &[u8], start: usize) -> Result<usize, String> {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' => break,
            c if c == quote => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err("a string is not closed".into())
}

fn skip_regex(bytes: &[u8], start: usize) -> Result<usize, String> {
    let mut i = start + 1;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => {
                in_class = true;
                i += 1;
            }
            b']' => {
                in_class = false;
                i += 1;
            }
            b'/' if !in_class => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return Ok(i);
            }
            b'\n' => break,
            _ => i += 1,
        }
    }
    Err("a regular expression is not closed".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(code: &str) -> String {
        move_declaration_to_first_line(code).unwrap().code
    }

    #[test]
    fn the_declaration_moves_up_and_the_rest_stays_below_in_order() {
        let code = "const _ = require('lodash');\nconst GREETING = 'hi';\n\nfunction lambda(input, callback) {\n  callback(null, _.upperFirst(GREETING));\n}\n\nfunction helper() {}\n";
        assert_eq!(
            moved(code),
            "function lambda(input, callback) {\n  callback(null, _.upperFirst(GREETING));\n}\n\nconst _ = require('lodash');\nconst GREETING = 'hi';\n\nfunction helper() {}\n"
        );
        assert!(is_declaration(moved(code).lines().next().unwrap()));
    }

    #[test]
    fn braces_in_strings_comments_templates_and_regexes_do_not_end_the_body() {
        let code = "// helpers {\nconst x = 1;\nasync function lambda(input) {\n  const s = '}';\n  const t = `${ {a: 1}.a }}`;\n  /* } */ const r = /[}]\\}/g; // }\n  return s + t + r + (4 / 2);\n}\nconsole.log('after');";
        let out = moved(code);
        assert!(out.starts_with("async function lambda(input) {\n  const s = '}';"), "{out}");
        assert!(
            out.contains("return s + t + r + (4 / 2);\n}\n\n// helpers {\nconst x = 1;\nconsole.log('after');\n"),
            "{out}"
        );
    }

    #[test]
    fn use_strict_moves_into_the_lambda_body() {
        let code = "'use strict';\nconst A = 1;\nfunction lambda(input, callback) {\n  callback(null, A);\n}\n";
        let result = move_declaration_to_first_line(code).unwrap();
        assert_eq!(
            result.code,
            "function lambda(input, callback) {\n  'use strict';\n  callback(null, A);\n}\n\nconst A = 1;\n"
        );
        assert!(result.note.unwrap().contains("strict"));
        let double = moved("\"use strict\"\nfunction lambda(a, b) { b(null, 1); }\n");
        assert_eq!(double, "function lambda(a, b) {\n  \"use strict\"; b(null, 1); }\n");
        let already = moved("'use strict';\nfunction lambda(a, b) {\n  'use strict';\n  b(null, 1);\n}\n");
        assert_eq!(already.matches("use strict").count(), 1, "{already}");
    }

    #[test]
    fn code_that_cannot_be_rewritten_says_why() {
        let first = move_declaration_to_first_line("function lambda(a, b) {\n}\n").unwrap_err();
        assert!(first.contains("already"));
        let nested = move_declaration_to_first_line("if (true) {\nfunction lambda(a, b) {\n}\n}\n").unwrap_err();
        assert!(nested.contains("inside a block"), "{nested}");
        let missing = move_declaration_to_first_line("const x = 1;\n").unwrap_err();
        assert!(missing.contains("no `function lambda"));
        let open =
            move_declaration_to_first_line("const x = 1;\nfunction lambda(a, b) {\n  if (x) {\n}\n").unwrap_err();
        assert!(open.contains("closing"), "{open}");
        let in_string = move_declaration_to_first_line("const s = `\nfunction lambda(a, b) {}\n`;\n").unwrap_err();
        assert!(in_string.contains("inside a block or a literal"), "{in_string}");
    }

    #[test]
    fn a_declaration_at_the_end_leaves_no_blank_lines_behind() {
        assert_eq!(
            moved("const a = 1;\n\nfunction lambda(x, cb) {\n  cb(null, a);\n}\n"),
            "function lambda(x, cb) {\n  cb(null, a);\n}\n\nconst a = 1;\n"
        );
    }

    #[test]
    fn a_trailing_statement_on_the_closing_line_stays_below() {
        assert_eq!(
            moved("const a = 1;\nfunction lambda(x, cb) {\n  cb(null, a);\n} const b = 2;\n"),
            "function lambda(x, cb) {\n  cb(null, a);\n}\n\nconst a = 1;\n const b = 2;\n"
        );
    }
}
