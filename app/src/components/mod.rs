//! Widgets shared by several rooms.

pub mod choice;
pub mod echo;
pub mod form;
pub mod idle;
pub mod layout;
pub mod page;
pub mod pagination;
pub mod table;
