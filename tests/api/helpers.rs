//! `TestApp`: the real app on port 0 with its own temp data dir, and helpers that read like
//! user actions (set up, sign in, create a user with a profile, get an API token).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use actix_web::dev::ServerHandle;
use lambdabox::{App, Config};
use lambdabox_domain::Permission;
use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};

pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "correct-horse-battery";
pub const ACCOUNT: &str = "le12345678";

pub struct TestApp {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    /// The app's shared state, for "do one step" hooks (`state.scheduler.tick(now)`).
    pub state: actix_web::web::Data<lambdabox::state::AppState>,
    handle: ServerHandle,
    _dir: Option<tempfile::TempDir>,
}

/// Settings for tests: free port, fast lockout thresholds.
pub fn test_config(data_dir: &Path) -> Config {
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), data_dir.to_path_buf());
    // Lambdas run in worker processes of the real binary, as under `lambdabox serve`.
    config.worker_program = Some(PathBuf::from(env!("CARGO_BIN_EXE_lambdabox")));
    config.max_login_failures_per_user = 3;
    config.max_login_failures_per_address = 1000;
    config.max_body_bytes = 160 * 1024;
    // Tests drive the reporter with `tick(now)`; no background ticks at wall-clock time.
    config.report_interval = None;
    config
}

impl TestApp {
    /// A fresh, unprovisioned app.
    pub async fn spawn() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        Self::spawn_with(test_config(&path), Some(dir)).await
    }

    /// An app with `config` (its data dir is kept by the caller when `dir` is None).
    pub async fn spawn_with(config: Config, dir: Option<tempfile::TempDir>) -> Self {
        let data_dir = config.data_dir.clone();
        let app = App::build(config).await.expect("app builds");
        let addr = app.addr();
        let handle = app.handle();
        let state = app.state();
        tokio::spawn(app.run_until_stopped());
        Self { addr, data_dir, state, handle, _dir: dir }
    }

    /// A provisioned app and a client signed in as the administrator.
    pub async fn provisioned() -> (Self, Client) {
        let app = Self::spawn().await;
        let admin = app.setup().await;
        (app, admin)
    }

    pub async fn stop(&self) {
        self.state.begin_stopping();
        self.handle.stop(true).await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn client(&self) -> Client {
        Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap()
    }

    /// Runs the setup form and returns the signed-in administrator's client.
    pub async fn setup(&self) -> Client {
        let client = self.client();
        let res = client
            .post(self.url("/setup"))
            .form(&[
                ("account_id", ACCOUNT),
                ("username", ADMIN),
                ("password", ADMIN_PASSWORD),
                ("password_confirm", ADMIN_PASSWORD),
                ("accept_terms", "yes"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "setup succeeds");
        client
    }

    /// Signs in; returns the client and the response status of the form post.
    pub async fn login(&self, username: &str, password: &str) -> (Client, StatusCode) {
        let client = self.client();
        let res = client
            .post(self.url("/login"))
            .form(&[("username", username), ("password", password)])
            .send()
            .await
            .unwrap();
        (client, res.status())
    }

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.unwrap()
    }

    /// The CSRF token of the client's session, read from a page's hidden field.
    pub async fn csrf(&self, client: &Client) -> String {
        let html = self.get(client, "/account/credentials").await.text().await.unwrap();
        hidden_value(&html, "csrf_token").expect("page has a csrf token")
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post_form(&self, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf(client).await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        client.post(self.url(path)).form(&all).send().await.unwrap()
    }

    /// Creates a profile holding `perms` and a user with it; returns a signed-in client.
    pub async fn user_with(&self, admin: &Client, name: &str, perms: &[Permission]) -> Client {
        let profile = format!("profile-{name}");
        let mut fields = vec![("name", profile.as_str())];
        for p in perms {
            fields.push(("permission", p.as_str()));
        }
        let res = self.post_form(admin, "/profiles", &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "profile created");
        let profile_id = self.profile_id(admin, &profile).await;
        let res = self
            .post_form(
                admin,
                "/users",
                &[("username", name), ("password", "user-password-1"), ("profile_id", &profile_id)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "user created");
        let (client, status) = self.login(name, "user-password-1").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "user signs in");
        client
    }

    /// The id of a profile, read from the users page's select options.
    pub async fn profile_id(&self, admin: &Client, profile: &str) -> String {
        let html = self.get(admin, "/users").await.text().await.unwrap();
        let marker = format!(">{profile}</option>");
        let end = html.find(&marker).expect("profile listed");
        let start = html[..end].rfind("value=\"").unwrap() + 7;
        html[start..end].split('"').next().unwrap().to_owned()
    }

    /// The id of a user, read from the users page's form actions.
    pub async fn user_id(&self, admin: &Client, username: &str) -> String {
        let html = self.get(admin, "/users").await.text().await.unwrap();
        let row = html.find(&format!("data-user=\"{username}\"")).expect("user listed");
        let rest = &html[row..];
        let start = rest.find("/users/").unwrap() + 7;
        rest[start..].split('/').next().unwrap().to_owned()
    }

    /// Creates API credentials as `client`'s user: (client id, client secret).
    pub async fn credentials(&self, client: &Client) -> (String, String) {
        let res = self.post_form(client, "/account/credentials", &[("name", "test")]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let html = self.get(client, "/account/credentials").await.text().await.unwrap();
        let again = self.get(client, "/account/credentials").await.text().await.unwrap();
        assert!(!again.contains("id=\"client-secret\""), "the secret is shown only once");
        (element_text(&html, "client-id"), element_text(&html, "client-secret"))
    }

    /// An access token for `client`'s user.
    pub async fn token(&self, client: &Client) -> String {
        let (id, secret) = self.credentials(client).await;
        let res = self
            .client()
            .post(self.url("/oauth/token"))
            .form(&[("grant_type", "client_credentials"), ("client_id", &id), ("client_secret", &secret)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let body: serde_json::Value = res.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }
}

pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    Some(html[start..].split('"').next()?.to_owned())
}

pub fn element_text(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let start = html.find(&marker).unwrap_or_else(|| panic!("#{id} on page")) + marker.len();
    html[start..].split('<').next().unwrap().to_owned()
}
