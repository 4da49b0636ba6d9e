//! Fills a provisioned data dir with many deployed lambdas for the startup benchmark
//! (`LAMBDAS=10000 benches/http_invoke.sh`). Each lambda is created with the store's own insert
//! (and activity entry) and deployed by `lifecycle::deploy`, the code the API's deploy runs, so
//! the rows are what real deploys leave behind; only the API's limit of 50 lambdas per account
//! is not applied.
//!
//!   cargo run --release --example provision_lambdas -- DATA_DIR COUNT
//!
//! Prints the uuid of the last lambda.

use anyhow::{Context, bail};
use lambdabox_domain::lambda::LambdaId;
use lambdabox_services::invoke::capabilities::CapabilityFactory;
use lambdabox_services::invoke::{InvokeLimits, Invoker, Limits};
use lambdabox_services::lifecycle::{self, Deployed};
use lambdabox_services::vault::Vault;
use lambdabox_store::activity;
use lambdabox_store::lambdas::{self, NewLambda};

const CODE: &str = "function lambda(input, callback) {\n  callback(null, { hello: input.payload.name });\n}\n";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, count] = args.as_slice() else { bail!("usage: provision_lambdas DATA_DIR COUNT") };
    let count: usize = count.parse().context("COUNT must be a number")?;
    let (store, key) = lambdabox_services::data_dir::open_data_dir(dir.as_ref(), &Default::default())?;
    let caps = CapabilityFactory::new(Vault::new(store.clone(), key), &[]);
    let invoker = Invoker::start(Limits::default(), 1, 16, store.clone(), caps, InvokeLimits::default(), None)?;
    let existing = store.read(lambdas::count_lambdas).await?.0;
    let mut last: Option<LambdaId> = None;
    for i in 0..count {
        let new = NewLambda {
            name: format!("hello{}", existing + i64::try_from(i)?),
            description: String::new(),
            event_id: None,
            template_id: None,
            skills: vec![],
            code: CODE.to_owned(),
            env: vec![],
            sample_input: serde_json::json!({"headers": [], "payload": {}}),
        };
        let id = store
            .write(move |tx| {
                let id = lambdas::insert_lambda(tx, &new, "admin")?;
                activity::insert_activity(
                    tx,
                    "admin",
                    "lambda.created",
                    &new.name,
                    &format!("Created lambda {}", new.name),
                )?;
                Ok(id)
            })
            .await?;
        match lifecycle::deploy(&store, &invoker, "admin", &id).await.map_err(|e| anyhow::anyhow!("{e}"))? {
            Deployed::Serving => {}
            Deployed::Failed { cause, .. } => bail!("deploy failed: {cause}"),
        }
        last = Some(id);
    }
    invoker.flush().await;
    store.checkpoint().await?;
    if let Some(id) = last {
        println!("{id}");
    }
    Ok(())
}
