//! `shinsei serve`: the HTTP validation service (crates/server) on the
//! bundled forms or a compiled bundle.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use shinsei_load::BundleSource;
use shinsei_server::web::CorsOrigin;
use shinsei_server::{Config, Cors, Limits};

use crate::error::CliError;

/// Options of `shinsei serve`.
#[derive(Clone, Debug, clap::Args)]
pub struct ServeArgs {
    /// Directory (or .form files) to compile and serve.
    #[arg(long = "forms", default_value = "forms")]
    pub forms: Vec<PathBuf>,
    /// Serve a compiled bundle (from `shinsei compile`) instead of --forms.
    #[arg(long)]
    pub bundle: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Largest validate body (e.g. 1MiB, 512KiB, 1048576).
    #[arg(long, default_value = "1MiB", value_parser = shinsei_server::parse_size)]
    pub max_body: usize,
    /// Serve this directory at / (e.g. the portal page).
    #[arg(long = "static")]
    pub static_dir: Option<PathBuf>,
    /// Let pages from this origin call the API (CORS), e.g.
    /// `https://portal.example`; repeat for more, `*` for any.
    #[arg(long = "cors-origin", value_name = "ORIGIN", value_parser = shinsei_server::web::parse_origin)]
    pub cors_origins: Vec<CorsOrigin>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Reload when the forms (or the bundle file) change, polling every N seconds.
    #[arg(long, value_name = "SECONDS")]
    pub watch: Option<u64>,
    /// How long a request head may take to arrive (then 408 and closed).
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout: u64,
    /// How long a keep-alive connection may stay idle, or a response write
    /// stall (then closed).
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,
    /// How many connections may be open at once (more get 503).
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,
    /// The Japanese font the render route writes PDFs in (FILE, or FILE#N for
    /// a face of a collection); default: Noto Sans CJK JP or IPAex Gothic where
    /// Debian installs them, and no PDF (406) without one.
    #[arg(long, value_name = "FILE")]
    pub font: Option<PathBuf>,
}

/// Runs the service until SIGINT/SIGTERM. The admin token for
/// `POST /admin/reload` from other hosts comes from `SHINSEI_ADMIN_TOKEN`
/// (without it, only loopback may reload; `kill -HUP` always works).
pub fn run(args: &ServeArgs) -> Result<bool, CliError> {
    let source = match &args.bundle {
        Some(path) => BundleSource::Bundle(path.clone()),
        None => BundleSource::Forms(args.forms.clone()),
    };
    if let Some(dir) = &args.static_dir
        && !dir.is_dir()
    {
        return Err(CliError::Usage(format!(
            "--static {}: not a directory",
            dir.display()
        )));
    }
    let cors = Cors::from_origins(&args.cors_origins).map_err(CliError::Usage)?;
    let pdf_font = match &args.font {
        Some(spec) => Some(std::sync::Arc::new(
            shinsei_render::pdf::read_font(spec)
                .map_err(|e| CliError::Usage(format!("--font {e}")))?,
        )),
        None => None,
    };
    let config = Config {
        source,
        addr: args.addr,
        limits: Limits {
            max_body: args.max_body,
            admin_token: std::env::var("SHINSEI_ADMIN_TOKEN")
                .ok()
                .filter(|t| !t.is_empty()),
            header_timeout: Duration::from_secs(args.header_timeout),
            idle_timeout: Duration::from_secs(args.idle_timeout),
            max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
            pdf_font,
            ..Limits::default()
        },
        static_dir: args.static_dir.clone(),
        cors,
        workers: args.workers,
        watch: args.watch.filter(|s| *s > 0).map(Duration::from_secs),
    };
    shinsei_server::run(config).map_err(|e| CliError::Usage(e.to_string()))?;
    Ok(true)
}
