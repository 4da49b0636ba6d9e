//! Compiled code of deployed lambdas, by lambda; filled on deploy or on first use after a
//! start, replaced on redeploy and dropped on undeploy.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// Counts `remove`s, so that a load that read the database before one does not cache what
    /// it read after it.
    removals: AtomicU64,
}

impl DeployCache {
    /// The deployment serving `lambda`, if cached.
    pub fn get(&self, lambda: &LambdaId) -> Option<Arc<Deployed>> {
        self.map.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(lambda).cloned()
    }

    /// Caches a deployment unless a newer one is already there; returns the one in force.
    pub fn insert(&self, lambda: LambdaId, deployment_id: i64, compiled: Compiled, env: Vec<EnvVar>) -> Arc<Deployed> {
        let mut map = self.map.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        insert_newest(&mut map, lambda, deployment_id, compiled, env)
    }

    /// The count of removals so far; read before a load's database read.
    pub fn removals(&self) -> u64 {
        self.removals.load(Ordering::Acquire)
    }

    /// Caches a deployment read from the database when `removals` was `since`, unless a lambda
    /// was removed meanwhile (an undeploy, here or on another node, may have come after the
    /// read); returns the deployment either way, for the invocation that loaded it.
    pub fn insert_unless_removed(
        &self,
        since: u64,
        lambda: LambdaId,
        deployment_id: i64,
        compiled: Compiled,
        env: Vec<EnvVar>,
    ) -> Arc<Deployed> {
        // Checked under the lock `remove` bumps the count under.
        let mut map = self.map.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.removals.load(Ordering::Acquire) != since {
            return Arc::new(Deployed { deployment_id, compiled, env });
        }
        insert_newest(&mut map, lambda, deployment_id, compiled, env)
    }

    /// Every cached lambda with the deployment its code came from.
    pub fn entries(&self) -> Vec<(LambdaId, i64)> {
        let map = self.map.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.iter().map(|(id, d)| (id.clone(), d.deployment_id)).collect()
    }

    /// Forgets a lambda.
    pub fn remove(&self, lambda: &LambdaId) {
        let mut map = self.map.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        map.remove(lambda);
        self.removals.fetch_add(1, Ordering::AcqRel);
    }
}

fn insert_newest(
    map: &mut HashMap<LambdaId, Arc<Deployed>>,
    lambda: LambdaId,
    deployment_id: i64,
    compiled: Compiled,
    env: Vec<EnvVar>,
) -> Arc<Deployed> {
    match map.get(&lambda) {
        Some(existing) if existing.deployment_id > deployment_id => existing.clone(),
        _ => {
            let deployed = Arc::new(Deployed { deployment_id, compiled, env });
            map.insert(lambda, deployed.clone());
            deployed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> Compiled {
        let sandbox = lambdabox_runtime::Sandbox::start(lambdabox_runtime::Limits::default(), 1, 1).unwrap();
        sandbox.compile("function lambda(input, callback) {\n  callback(null, 1);\n}\n").unwrap()
    }

    #[test]
    fn a_load_that_raced_a_removal_serves_its_call_but_is_not_cached() {
        let cache = DeployCache::default();
        let lambda = LambdaId::generate();
        let before = cache.removals();
        // An undeploy (of any lambda) lands between the load's database read and its insert.
        cache.remove(&lambda);
        let served = cache.insert_unless_removed(before, lambda.clone(), 7, code(), vec![]);
        assert_eq!(served.deployment_id, 7);
        assert!(cache.get(&lambda).is_none(), "what was read before the removal must not be cached");

        let now = cache.removals();
        cache.insert_unless_removed(now, lambda.clone(), 8, code(), vec![]);
        assert_eq!(cache.get(&lambda).map(|d| d.deployment_id), Some(8));
        cache.insert(lambda.clone(), 6, code(), vec![]);
        assert_eq!(
            cache.get(&lambda).map(|d| d.deployment_id),
            Some(8),
            "an older deployment never replaces a newer one"
        );
    }
}
