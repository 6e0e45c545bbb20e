//! `cus`: the CUS platform server and its administration commands.

use clap::Parser;
use server::{cli, config, telemetry};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let config = match config::Config::load() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("Błąd konfiguracji (configuration error): {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format);
    match cli::run(args.command.unwrap_or_default(), config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "command failed");
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
