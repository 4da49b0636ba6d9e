//! CSRF protection, one middleware for every state-changing request: a request with a foreign
//! `Origin` is refused, and one authenticated by the session cookie must carry the session's
//! token (form field `csrf_token` or header `X-CSRF-Token`). Bearer-token calls are exempt:
//! browsers cannot attach that header cross-site.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes, BytesMut};
use actix_web::{HttpMessage, HttpRequest};

use futures_util::StreamExt;
use subtle::ConstantTimeEq;

use super::AuthState;
use super::session;
use crate::error::Error;

/// Name of the hidden form field.
pub const FORM_FIELD: &str = "csrf_token";
/// Name of the request header.
pub const HEADER: &str = "x-csrf-token";

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

/// Whether the `Origin` header, if present, names this host.
fn same_origin(req: &HttpRequest) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = req.connection_info().host().to_owned();
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin_host.eq_ignore_ascii_case(&host)
}

/// The middleware function (wrap with `actix_web::middleware::from_fn`). Refusals become
/// responses here, so outer middleware sees them like any handler error.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    match check(&mut req).await {
        Ok(()) => Ok(next.call(req).await?.map_into_boxed_body()),
        Err(err) => {
            let rendered = crate::respond::render_for(req.request(), err);
            Ok(req.error_response(rendered))
        }
    }
}

async fn check(req: &mut ServiceRequest) -> Result<(), Error> {
    if is_safe(req.method()) {
        return Ok(());
    }
    if !same_origin(req.request()) {
        tracing::warn!(path = %req.path(), "request from a foreign origin refused");
        return Err(Error::Csrf);
    }
    let has_bearer = super::extract::bearer_token(req.headers()).is_some();
    let (Some(cookie), false) = (req.cookie(session::COOKIE), has_bearer) else {
        return Ok(());
    };
    let Some(auth) = req.app_data::<web::Data<AuthState>>().cloned() else {
        return Ok(());
    };
    // An expired or unknown session authenticates nothing; the handler answers 401 itself.
    let Some(sess) = session::resolve(&auth, cookie.value()).await? else {
        return Ok(());
    };
    let mut provided = req.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    if provided.is_none() && req.content_type() == "application/x-www-form-urlencoded" {
        let body = read_body(req, auth.max_body_bytes).await?;
        provided = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
            .ok()
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == FORM_FIELD).map(|(_, v)| v));
        req.set_payload(body.into());
    }
    let valid = provided.is_some_and(|p| bool::from(p.as_bytes().ct_eq(sess.csrf_token.as_bytes())));
    if !valid {
        tracing::warn!(path = %req.path(), "CSRF check failed");
        return Err(Error::Csrf);
    }
    req.extensions_mut().insert(sess);
    Ok(())
}

async fn read_body(req: &mut ServiceRequest, limit: usize) -> Result<Bytes, Error> {
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| Error::BadInput(format!("could not read the request body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(Error::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
