//! `shinsei` — the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use shinsei_cli::{error::CliError, load, render};

#[derive(Parser)]
#[command(name = "shinsei", version, about = "Compile and validate 協会けんぽ application forms")]
struct Cli {
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check .form files and report every problem.
    Check {
        /// Files or directories (default: forms/).
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn default_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from("forms")] } else { paths.to_vec() }
}

fn run(cli: &Cli) -> Result<bool, CliError> {
    match &cli.command {
        Command::Check { paths } => {
            let db = load::sources(&default_paths(paths))?;
            let out = shinsei_check::compile(&db);
            if cli.format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&render::json(&db, &out.diagnostics)).unwrap_or_default());
            } else {
                print!("{}", render::text(&db, &out.diagnostics, false));
                match &out.bundle {
                    Some(b) => eprintln!("ok: {} form version(s), {} file(s)", b.forms.len(), db.iter().count()),
                    None => eprintln!(
                        "failed: {} error(s)",
                        out.diagnostics.iter().filter(|d| d.is_error()).count()
                    ),
                }
            }
            Ok(out.bundle.is_some())
        }
    }
}
