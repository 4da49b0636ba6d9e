//! The layering is the crate graph: this test reads every crate's `[dependencies]` and fails
//! when one reaches a layer it must not see (ARCHITECTURE.md has the table). Dev-dependencies
//! are free: tests may look anywhere.

use std::collections::BTreeSet;

/// The normal dependencies of the crate whose manifest is at `path` (relative to the root).
fn dependencies(path: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + path).unwrap();
    let mut deps = BTreeSet::new();
    let mut in_deps = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && let Some((name, _)) = line.split_once(['=', '.']) {
            let name = name.trim();
            if !name.is_empty() && !name.starts_with('#') {
                deps.insert(name.to_owned());
            }
        }
    }
    deps
}

#[test]
fn each_layer_depends_only_on_the_layers_below_it() {
    let rules: [(&str, &[&str]); 5] = [
        (
            "crates/domain/Cargo.toml",
            &[
                "lambdabox-store",
                "lambdabox-runtime",
                "lambdabox-services",
                "rusqlite",
                "rquickjs",
                "actix-web",
                "tokio",
            ],
        ),
        ("crates/store/Cargo.toml", &["lambdabox-runtime", "lambdabox-services", "rquickjs", "actix-web"]),
        ("crates/runtime/Cargo.toml", &["lambdabox-store", "lambdabox-services", "rusqlite", "actix-web"]),
        ("crates/services/Cargo.toml", &["actix-web", "rusqlite", "rquickjs"]),
        ("Cargo.toml", &["lambdabox-store", "lambdabox-runtime", "rusqlite", "rquickjs"]),
    ];
    for (manifest, forbidden) in rules {
        let deps = dependencies(manifest);
        assert!(!deps.is_empty(), "{manifest} has no [dependencies]: the parser is out of date");
        for name in forbidden {
            assert!(!deps.contains(*name), "{manifest} depends on {name}, a layer it must not see");
        }
    }
}
