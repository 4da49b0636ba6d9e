//! The input a lambda receives: `{timestamp, headers: [{key, value}], payload}`, as every
//! caller (the API, events, the test page) builds it from what it was given.

use serde_json::{Value, json};

/// Validates the invocation body `{timestamp, headers: [{key, value}], payload}`; missing
/// fields get LivePerson's defaults, wrong types are refused.
pub fn parse(body: Value) -> Result<Value, String> {
    let Value::Object(mut obj) = body else {
        return Err("the body must be a JSON object {timestamp, headers, payload}".into());
    };
    let timestamp = match obj.remove("timestamp") {
        None | Some(Value::Null) => json!(crate::now_ms()),
        Some(t @ Value::Number(_)) => t,
        Some(_) => return Err("timestamp must be a number (epoch milliseconds)".into()),
    };
    let headers = match obj.remove("headers") {
        None | Some(Value::Null) => json!([]),
        Some(Value::Array(items)) => {
            let ok = items.iter().all(|h| h.get("key").is_some_and(Value::is_string) && h.get("value").is_some());
            if !ok {
                return Err("headers must be an array of {key, value}".into());
            }
            Value::Array(items)
        }
        Some(_) => return Err("headers must be an array of {key, value}".into()),
    };
    let payload = match obj.remove("payload") {
        None | Some(Value::Null) => json!({}),
        Some(p) => p,
    };
    Ok(json!({"timestamp": timestamp, "headers": headers, "payload": payload}))
}
