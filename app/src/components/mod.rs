//! Widgets shared by several rooms.

pub mod form;
pub mod layout;
pub mod page;
