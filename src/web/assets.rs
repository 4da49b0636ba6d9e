//! Static files (CSS, JS, icons) embedded in the binary with rust-embed and served at
//! `/static/{path}` with their content type, an ETag from the embedded SHA-256 and cache
//! headers, so the UI needs no internet.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Assets;

/// `GET /static/{path}`.
#[get("/static/{path:.*}")]
pub async fn serve_asset(req: HttpRequest, path: web::Path<String>) -> HttpResponse {
    let Some(file) = Assets::get(&path) else {
        return HttpResponse::NotFound().content_type("text/plain").body("no such file");
    };
    let etag = format!("\"{}\"", URL_SAFE_NO_PAD.encode(&file.metadata.sha256_hash()[..16]));
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut res = if matches { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    res.insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600, must-revalidate"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if matches {
        return res.finish();
    }
    res.content_type(file.metadata.mimetype()).body(file.data.into_owned())
}

/// `GET /favicon.ico`: browsers ask for it on pages without an icon link (plain-text answers,
/// the API page); the logo answers rather than a 404.
#[get("/favicon.ico")]
pub async fn favicon() -> HttpResponse {
    match Assets::get("img/logo.svg") {
        Some(file) => HttpResponse::Ok()
            .content_type("image/svg+xml")
            .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
            .body(file.data.into_owned()),
        None => HttpResponse::NotFound().finish(),
    }
}
