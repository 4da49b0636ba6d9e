//! Sign-in on PostgreSQL, whose case-insensitive collation ignores some code points that
//! SQLite's compares: a name that is not a valid user name never reaches the database, so
//! variants of a real name ("admin" with a soft hyphen, in full-width letters) can neither
//! sign in nor each get a fresh allowance of guesses past the user's lockout.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::postgres::TestDatabase;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn name_variants_the_collation_folds_get_no_guesses_of_their_own() {
    let Some(database) = TestDatabase::create("login_variants") else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    config.database.url = Some(database.url.clone());
    let app = TestApp::spawn_with(config, Some(dir)).await;
    app.setup().await;

    // The per-user limit in tests is 3 failures; then the name is locked.
    for _ in 0..3 {
        assert_eq!(app.login(ADMIN, "wrong-password").await.1, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.login(ADMIN, ADMIN_PASSWORD).await.1, StatusCode::TOO_MANY_REQUESTS, "admin is locked");
    for variant in ["ad\u{AD}min", "ａｄｍｉｎ", "admin\u{200B}"] {
        let (_, status) = app.login(variant, ADMIN_PASSWORD).await;
        assert_ne!(status, StatusCode::SEE_OTHER, "{variant:?} signed in as the locked admin");
    }
}
