//! Extractors that authenticate and authorize in the handler's signature:
//! `Caller` (a bearer token or a session cookie → the user) and `Authorized<A>` (the caller
//! holds a permission that allows action `A` in the matrix, else 403 naming it).

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::future::LocalBoxFuture;

use super::AuthState;
use super::permission::ActionMarker;
use super::session::{self, Session};
use super::token;
use crate::error::Error;
use crate::respond::render_for;
use lambdabox_services::accounts::User;

/// The authenticated user behind a request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The user, with their profile's permissions.
    pub user: User,
    /// The browser session, if the request came with the session cookie.
    pub session: Option<Session>,
}

impl Caller {
    /// The session's CSRF token (empty for token-authenticated calls).
    pub fn csrf_token(&self) -> &str {
        self.session.as_ref().map_or("", |s| s.csrf_token.as_str())
    }
}

async fn resolve(req: &HttpRequest) -> Result<Caller, Error> {
    if let Some(caller) = req.extensions().get::<Caller>() {
        return Ok(caller.clone());
    }
    let auth =
        req.app_data::<web::Data<AuthState>>().ok_or_else(|| Error::internal(anyhow::anyhow!("AuthState missing")))?;
    if auth.account().is_none() {
        return Err(Error::NotProvisioned);
    }
    let bearer = bearer_token(req.headers());
    let (user, session) = if let Some(bearer) = bearer {
        (token::verify(auth, &bearer).await?, None)
    } else {
        let known = req.extensions().get::<Session>().cloned();
        let session = match known {
            Some(s) => Some(s),
            None => match req.cookie(session::COOKIE) {
                Some(cookie) => session::resolve(auth, cookie.value()).await?,
                None => None,
            },
        };
        let user = match session.as_ref().map(|s| s.user_id) {
            Some(id) => auth.identity.user(id).await?.filter(|u| !u.disabled),
            None => None,
        };
        (user, session)
    };
    let Some(user) = user else { return Err(Error::Unauthenticated) };
    let caller = Caller { user, session };
    req.extensions_mut().insert(caller.clone());
    Ok(caller)
}

/// The bearer token of an `Authorization: Bearer …` header. A request that has one is
/// authenticated by it alone (never by the session cookie); any other `Authorization` scheme
/// is ignored, so the cookie and its CSRF check stay in charge.
pub fn bearer_token(headers: &actix_web::http::header::HeaderMap) -> Option<String> {
    headers
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .map(str::to_owned)
}

impl FromRequest for Caller {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { resolve(&req).await.map_err(|e| render_for(&req, e)) })
    }
}

/// A caller allowed to perform action `A`.
#[derive(Debug)]
pub struct Authorized<A> {
    /// Who is calling.
    pub caller: Caller,
    action: PhantomData<A>,
}

impl Caller {
    /// The proof that this caller may perform `A`, if their profile allows it (for pages that
    /// show more to those who may see more).
    pub fn authorized<A: ActionMarker>(&self) -> Option<Authorized<A>> {
        A::ACTION.allows(&self.user.permissions).then(|| Authorized { caller: self.clone(), action: PhantomData })
    }
}

impl<A: ActionMarker> FromRequest for Authorized<A> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let caller = resolve(&req).await.map_err(|e| render_for(&req, e))?;
            if !A::ACTION.allows(&caller.user.permissions) {
                let allowed = A::ACTION.allowed_by();
                return Err(render_for(&req, Error::Forbidden { allowed }));
            }
            Ok(Self { caller, action: PhantomData })
        })
    }
}

/// Runs the authorization extractor `X` (e.g. `Authorized<A>`) to completion *before* reading
/// the body with `B` (e.g. `web::Form<T>`), so a caller without the permission gets 403 and
/// never a validation answer about a form they may not submit. (actix polls a handler's
/// extractors together, so listing them side by side does not guarantee this order.)
#[derive(Debug)]
pub struct Guarded<X, B> {
    /// The authorization result.
    pub auth: X,
    /// The parsed body.
    pub body: B,
}

impl<X, B> FromRequest for Guarded<X, B>
where
    X: FromRequest + 'static,
    B: FromRequest + 'static,
{
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let auth = X::from_request(&req, &mut Payload::None).await.map_err(Into::into)?;
            let body = B::from_request(&req, &mut payload).await.map_err(Into::into)?;
            Ok(Self { auth, body })
        })
    }
}
