//! The rooms' integration tests, over real HTTP on each backend, in one test binary (each extra
//! binary links the whole app): each part mirrors a room of `app/src/`, and the set-up they
//! share is in `support/fixtures.rs`.

mod support;

#[path = "parts/applications.rs"]
mod applications;
#[path = "parts/cases.rs"]
mod cases;
#[path = "parts/community.rs"]
mod community;
#[path = "parts/decisions.rs"]
mod decisions;
#[path = "parts/durability.rs"]
mod durability;
#[path = "parts/ipus.rs"]
mod ipus;
#[path = "parts/needs.rs"]
mod needs;
#[path = "parts/privacy.rs"]
mod privacy;
#[path = "parts/summary.rs"]
mod summary;
