//! Widgets shared by several rooms.

pub mod layout;
pub mod page;
