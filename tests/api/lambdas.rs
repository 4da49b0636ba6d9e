//! Helpers for lambda tests: an admin-less developer with an API token, and calls that read
//! like the LivePerson API.

use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

/// An app with a developer (FaaS-Developer + FaaS-Invocation) and their bearer token.
pub struct Api {
    pub app: TestApp,
    pub admin: reqwest::Client,
    pub token: String,
}

impl Api {
    pub async fn start() -> Self {
        Self::on(TestApp::spawn().await).await
    }

    /// The API of `app`, set up here.
    pub async fn on(app: TestApp) -> Self {
        let admin = app.setup().await;
        let token = app.token(&admin).await;
        Self { app, admin, token }
    }

    pub fn url(&self, path: &str) -> String {
        self.app.url(&format!("/api/account/{ACCOUNT}{path}"))
    }

    pub async fn get(&self, path: &str) -> Response {
        self.app.client().get(self.url(path)).bearer_auth(&self.token).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.app.client().post(self.url(path)).bearer_auth(&self.token).json(&body).send().await.unwrap()
    }

    pub async fn put(&self, path: &str, body: Value) -> Response {
        self.app.client().put(self.url(path)).bearer_auth(&self.token).json(&body).send().await.unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.app.client().delete(self.url(path)).bearer_auth(&self.token).send().await.unwrap()
    }

    /// Creates a No Event lambda with `code`; returns its uuid.
    pub async fn create(&self, name: &str, code: &str) -> String {
        let res = self.post("/lambdas", json!({"name": name, "implementation": {"code": code}})).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
        res.json::<Value>().await.unwrap()["uuid"].as_str().unwrap().to_owned()
    }

    /// The lambda object.
    pub async fn lambda(&self, uuid: &str) -> Value {
        let res = self.get(&format!("/lambdas/{uuid}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json::<Value>().await.unwrap()[0].clone()
    }

    pub async fn deploy(&self, uuid: &str) -> Response {
        self.post(&format!("/deployments/{uuid}"), json!({})).await
    }

    pub async fn invoke(&self, uuid: &str, payload: Value) -> Response {
        let body = json!({"timestamp": 1, "headers": [{"key": "x", "value": "y"}], "payload": payload});
        self.post(&format!("/lambdas/{uuid}/invoke?v=1&externalSystem=tests"), body).await
    }

    /// Creates and deploys; returns the uuid.
    pub async fn deployed(&self, name: &str, code: &str) -> String {
        let uuid = self.create(name, code).await;
        assert_eq!(self.deploy(&uuid).await.status(), StatusCode::OK);
        uuid
    }
}

pub const HELLO: &str = "function lambda(input, callback) {\n  callback(null, { hello: input.payload.name });\n}\n";
