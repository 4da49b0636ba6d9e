//! Pure types of the product: ids, names and their validation. No I/O; `parse` constructors
//! check input at the edge so the rest of the code can trust these values.

pub mod allowlist;
pub mod declaration;
pub mod events;
pub mod ids;
pub mod input;
pub mod lambda;
pub mod outcome;
pub mod permission;
pub mod report;
pub mod schedule;
pub mod secret;
pub mod skills;
pub mod time;

pub use ids::{AccountId, ProfileId, UserId, Username};
pub use permission::Permission;
pub use secret::Password;
pub use time::now_ms;
