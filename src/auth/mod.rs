//! Who is calling, and may they: passwords, sessions, CSRF, API tokens, login throttling and
//! the extractors that put the required permission into each handler's signature.

pub mod csrf;
pub mod extract;
pub mod identity;
pub mod password;
pub mod permission;
pub mod reveal;
pub mod session;
pub mod token;

pub use extract::{Authorized, Caller, Guarded};
pub use identity::AuthState;
