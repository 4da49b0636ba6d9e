//! The `lambdabox` binary: parse the command line and hand over to the library.

use clap::Parser;
use lambdabox::cli::Cli;

mod allocator;

#[global_allocator]
static ALLOCATOR: allocator::ProcessAllocator = allocator::ProcessAllocator;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    lambdabox::telemetry::init(cli.log_format);
    // Before anything else starts threads: the worker restricts itself first.
    if matches!(cli.command, Some(lambdabox::cli::Command::Worker)) {
        return lambdabox_services::invoke::worker_main();
    }
    match lambdabox::commands::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
