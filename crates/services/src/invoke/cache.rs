//! Compiled code of deployed lambdas, by lambda; filled on deploy or on first use after a
//! start, replaced on redeploy and dropped on undeploy.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use lambdabox_domain::lambda::{EnvVar, LambdaId};
use lambdabox_runtime::Compiled;

/// A deployment ready to run.
#[derive(Debug)]
pub struct Deployed {
    /// The deployment row it came from.
    pub deployment_id: i64,
    /// Bytecode.
    pub compiled: Compiled,
    /// Environment variables of that deployment.
    pub env: Vec<EnvVar>,
}

/// The cache.
#[derive(Default)]
pub struct DeployCache {
    map: RwLock<HashMap<LambdaId, Arc<Deployed>>>,
}

impl DeployCache {
    /// The deployment serving `lambda`, if cached.
    pub fn get(&self, lambda: &LambdaId) -> Option<Arc<Deployed>> {
        self.map.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(lambda).cloned()
    }

    /// Caches a deployment unless a newer one is already there; returns the one in force.
    pub fn insert(&self, lambda: LambdaId, deployment_id: i64, compiled: Compiled, env: Vec<EnvVar>) -> Arc<Deployed> {
        let mut map = self.map.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        match map.get(&lambda) {
            Some(existing) if existing.deployment_id > deployment_id => existing.clone(),
            _ => {
                let deployed = Arc::new(Deployed { deployment_id, compiled, env });
                map.insert(lambda, deployed.clone());
                deployed
            }
        }
    }

    /// Every cached lambda with the deployment its code came from.
    pub fn entries(&self) -> Vec<(LambdaId, i64)> {
        let map = self.map.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.iter().map(|(id, d)| (id.clone(), d.deployment_id)).collect()
    }

    /// Forgets a lambda.
    pub fn remove(&self, lambda: &LambdaId) {
        self.map.write().unwrap_or_else(std::sync::PoisonError::into_inner).remove(lambda);
    }
}
