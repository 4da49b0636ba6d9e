//! SecretClient and OrchestratorClient against in-memory implementations of the traits.

#![allow(clippy::unwrap_used)] // test helpers and fakes fail loudly

use crate::helpers::{caps, ok, run_with, sandbox};
use lambdabox_runtime::{BoxFuture, Orchestrator, OrchestratorReply, SecretError, SecretStore};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub(crate) struct MemorySecrets(pub(crate) Mutex<HashMap<String, Value>>);

impl SecretStore for MemorySecrets {
    fn read(&self, key: &str) -> BoxFuture<Result<Value, SecretError>> {
        let found = self.0.lock().unwrap().get(key).cloned().ok_or_else(|| SecretError::NotFound(key.to_owned()));
        Box::pin(async move { found })
    }
    fn update(&self, key: &str, value: Value) -> BoxFuture<Result<Value, SecretError>> {
        let mut map = self.0.lock().unwrap();
        let result = match map.get_mut(key) {
            Some(slot) => {
                *slot = value.clone();
                Ok(value)
            }
            None => Err(SecretError::NotFound(key.to_owned())),
        };
        Box::pin(async move { result })
    }
}

struct EchoOrchestrator;

impl Orchestrator for EchoOrchestrator {
    fn invoke(&self, uuid: &str, input: Value) -> BoxFuture<Result<OrchestratorReply, String>> {
        let reply = if uuid == "broken" {
            Ok(OrchestratorReply { status_code: 901, body: json!({ "errorCode": "x" }) })
        } else if uuid == "unreachable" {
            Err("no such lambda".to_owned())
        } else {
            Ok(OrchestratorReply { status_code: 200, body: json!({ "uuid": uuid, "payload": input["payload"] }) })
        };
        Box::pin(async move { reply })
    }
}

#[tokio::test]
async fn secret_client_reads_updates_and_reports_error_codes() {
    let secrets = Arc::new(MemorySecrets::default());
    secrets.0.lock().unwrap().insert("api-key".into(), json!("s3cret"));
    let code = r#"async function lambda(input, callback) {
  const { Toolbelt, SecretError } = require('lp-faas-toolbelt');
  const client = Toolbelt.SecretClient();
  const read = await client.readSecret('api-key');
  const updated = await client.updateSecret({ key: 'api-key', value: { rotated: true } });
  const reread = await client.readSecret('api-key');
  const codes = [];
  for (const attempt of [() => client.readSecret('missing'), () => client.updateSecret({ key: 'api-key', value: 'x'.repeat(10001) }), () => client.updateSecret({ key: 'missing', value: 1 })]) {
    try { await attempt(); codes.push('resolved'); } catch (e) { codes.push([e instanceof SecretError, e.code, e.message]); }
  }
  callback(null, { read, updated, reread, codes });
}"#;
    let result = run_with(&sandbox(), code, caps().with_secrets(secrets)).await;
    assert_eq!(
        ok(&result),
        json!({
            "read": { "key": "api-key", "value": "s3cret" },
            "updated": { "key": "api-key", "value": { "rotated": true } },
            "reread": { "key": "api-key", "value": { "rotated": true } },
            "codes": [
                [true, "com.liveperson.faas.secret.not-found", "There is no Secret missing for this account"],
                [true, "com.liveperson.faas.secret.invalid-format", "secret value must be at most 10000 characters"],
                [true, "com.liveperson.faas.secret.not-found", "There is no Secret missing for this account"]
            ]
        })
    );
}

#[tokio::test]
async fn orchestrator_client_invokes_other_lambdas() {
    let code = r#"async function lambda(input, callback) {
  const { Toolbelt, ErrorStrategy } = require('lp-faas-toolbelt');
  const orchestrator = Toolbelt.OrchestratorClient();
  const results = await orchestrator.invoke([{ uuid: 'a', payload: { x: 1 } }, { uuid: 'b', payload: { x: 2 } }], 5000, { invokeParallel: true });
  let failure;
  try { await orchestrator.invoke([{ uuid: 'broken', payload: {}, retries: 0 }], 5000); } catch (e) { failure = e.code; }
  const relaxed = await orchestrator.invoke([{ uuid: 'broken', payload: {}, retries: 0 }], 5000, { errorStrategy: 'ContinueOnError' });
  // retryFunction(statusCode, error): the status of an answer, or the error of a call without one.
  const seen = [];
  const retryFunction = (statusCode, error) => { seen.push([statusCode === undefined ? null : statusCode, error ? error.message : null]); return true; };
  const retried = await orchestrator.invoke([{ uuid: 'broken', payload: {}, retries: 1, retryFunction }, { uuid: 'unreachable', payload: {}, retries: 1, retryFunction }], 5000, { errorStrategy: ErrorStrategy.ContinueOnError });
  let badStrategy;
  try { await orchestrator.invoke([{ uuid: 'a' }], 5000, { errorStrategy: 'Sometimes' }); } catch (e) { badStrategy = e.name; }
  callback(null, { bodies: results.map((r) => r.body), failure, relaxed: relaxed[0].statusCode, seen,
    retried: retried.map((r) => [r.statusCode, r.error ? r.error.code : null]), strategies: ErrorStrategy, badStrategy });
}"#;
    let result = run_with(&sandbox(), code, caps().with_orchestrator(Arc::new(EchoOrchestrator))).await;
    assert_eq!(
        ok(&result),
        json!({
            "bodies": [{ "uuid": "a", "payload": { "x": 1 } }, { "uuid": "b", "payload": { "x": 2 } }],
            "failure": "com.liveperson.faas.orchestrator-fn.invocation-failed",
            "relaxed": 901,
            "seen": [[901, null], [null, "no such lambda"]],
            "retried": [[901, null], [500, "com.liveperson.faas.orchestrator-fn.invocation-failed"]],
            "strategies": { "ExitOnError": "ExitOnError", "ContinueOnError": "ContinueOnError" },
            "badStrategy": "TypeError"
        })
    );
}
