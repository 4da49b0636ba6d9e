//! The lpf project layout: `functions/NAME/index.js` and `functions/NAME/config.json` per
//! function, and `functions/settings.json` (secrets and allowlist for local runs).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `config.json`, in lpf's format.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FunctionConfig {
    pub name: String,
    pub event: String,
    pub description: String,
    #[serde(default)]
    pub input: Input,
    /// `[{key, value}]` (lpf 1.x), or a `{key: value}` map (lpf 2.x) when read.
    #[serde(default, deserialize_with = "env_vars")]
    pub environment_variables: Vec<KeyValue>,
}

/// Reads either form of `environmentVariables`.
fn env_vars<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<KeyValue>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<KeyValue>),
        Map(std::collections::BTreeMap<String, String>),
        Null(()),
    }
    Ok(match Either::deserialize(deserializer)? {
        Either::List(list) => list,
        Either::Map(map) => map.into_iter().map(|(key, value)| KeyValue { key, value }).collect(),
        Either::Null(()) => Vec::new(),
    })
}

/// The invocation input kept with a function (`lpf invoke` sends it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Input {
    #[serde(default)]
    pub headers: Vec<KeyValue>,
    #[serde(default)]
    pub payload: Value,
}

impl Default for Input {
    fn default() -> Self {
        Self { headers: Vec::new(), payload: Value::Object(serde_json::Map::new()) }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// `functions/settings.json`: what a local run uses for secrets and outbound HTTP.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub secrets: Vec<Secret>,
    #[serde(default)]
    pub whitelist: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Secret {
    pub key: String,
    pub value: Value,
}

/// A project folder (the current directory).
pub struct Project {
    root: PathBuf,
}

/// One function's folder, read.
pub struct LocalFunction {
    pub config: FunctionConfig,
    pub code: String,
}

impl Project {
    pub fn here() -> anyhow::Result<Self> {
        Ok(Self { root: std::env::current_dir().context("cannot tell the current folder")? })
    }

    pub fn functions_dir(&self) -> PathBuf {
        self.root.join("functions")
    }

    pub fn function_dir(&self, name: &str) -> PathBuf {
        self.functions_dir().join(name)
    }

    /// The names of the function folders, sorted.
    pub fn function_names(&self) -> anyhow::Result<Vec<String>> {
        let dir = self.functions_dir();
        let entries = std::fs::read_dir(&dir).with_context(|| {
            format!("{} is missing: this is not a project folder (`lambdabox init NAME` makes one)", dir.display())
        })?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_dir() && entry.path().join("config.json").is_file() {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        names.sort();
        Ok(names)
    }

    /// Reads `functions/NAME/{config.json,index.js}`; errors name the file and what is wrong.
    pub fn read(&self, name: &str) -> anyhow::Result<LocalFunction> {
        let dir = self.function_dir(name);
        if !dir.is_dir() {
            bail!("{} is missing: there is no function {name} in this project", dir.display());
        }
        let config_path = dir.join("config.json");
        let text =
            std::fs::read_to_string(&config_path).with_context(|| format!("cannot read {}", config_path.display()))?;
        let config: FunctionConfig =
            serde_json::from_str(&text).with_context(|| format!("{} is malformed", config_path.display()))?;
        if config.name != name {
            bail!(
                "{}: field `name` is {:?}, but the folder is {name:?} (they must be the same)",
                config_path.display(),
                config.name
            );
        }
        if config.description.trim().is_empty() {
            bail!("{}: field `description` is empty (the server requires one)", config_path.display());
        }
        let code_path = dir.join("index.js");
        let code =
            std::fs::read_to_string(&code_path).with_context(|| format!("cannot read {}", code_path.display()))?;
        Ok(LocalFunction { config, code })
    }

    /// Writes a function's folder.
    pub fn write(&self, config: &FunctionConfig, code: &str) -> anyhow::Result<()> {
        let dir = self.function_dir(&config.name);
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        write_file(&dir.join("index.js"), code)?;
        write_file(&dir.join("config.json"), &(serde_json::to_string_pretty(config)? + "\n"))
    }

    /// `functions/settings.json`, or empty settings when there is none.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let path = self.functions_dir().join("settings.json");
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).with_context(|| format!("{} is malformed", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes `relative` under the project unless it exists; true if written.
    pub fn write_new(&self, relative: &str, text: &str) -> anyhow::Result<bool> {
        let path = self.root.join(relative);
        if path.exists() {
            return Ok(false);
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        write_file(&path, text)?;
        Ok(true)
    }
}

fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
