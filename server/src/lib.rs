//! The `cus` server: configuration, HTTP, background delivery and administration commands.

pub mod backup;
pub mod bench;
pub mod bench_calendar;
pub mod bench_inbox;
pub mod bench_load;
pub mod bench_scale;
pub mod cli;
pub mod client_ip;
pub mod config;
pub mod database;
pub mod demo;
pub mod demo_cases;
pub mod demo_catalogue;
pub mod demo_community;
pub mod form_echo;
pub mod http;
pub mod mailer;
pub mod rate_limit;
pub mod retention;
pub mod scale_data;
pub mod telemetry;
