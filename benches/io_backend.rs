//! The backend of the I/O benchmark (`benches/io_invoke.sh`): a small JSON answer over HTTP/1.1
//! keep-alive on 127.0.0.1, from one actix worker thread, so that it is never what limits the
//! lambdas that call it (the script measures it alone first). Prints "listening on PORT".
//!
//!   cargo run --release --example io_backend

use actix_web::{App, HttpResponse, HttpServer, get};

#[get("/item")]
async fn item() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(r#"{"id":42,"name":"widget","price":9.5,"tags":["a","b"]}"#)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let server = HttpServer::new(|| App::new().service(item)).workers(1).bind(("127.0.0.1", 0))?;
    for address in server.addrs() {
        println!("listening on {}", address.port());
    }
    server.run().await
}
