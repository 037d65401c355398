//! `shinsei` — the command line.

// Output goes through `outln!`/`out!`/`errln!` (a closed pipe must not panic).
#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use shinsei_cli::commands::{self, Format};
use shinsei_cli::errln;
use shinsei_cli::error::CliError;
use shinsei_load::BundleSource;
use shinsei_runtime::Lang;

#[derive(Parser)]
#[command(
    name = "shinsei",
    version,
    about = "Compile and validate 協会けんぽ application forms"
)]
struct Cli {
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = OutFormat::Human)]
    format: OutFormat,
    /// Colour: auto (TTY and no NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct FormsArgs {
    /// Directory (or .form files) to compile.
    #[arg(long = "forms", default_value = "forms")]
    forms: Vec<PathBuf>,
    /// Use a compiled bundle (from `shinsei compile`) instead of --forms.
    #[arg(long)]
    bundle: Option<PathBuf>,
}

impl FormsArgs {
    fn source(&self) -> BundleSource {
        match &self.bundle {
            Some(path) => BundleSource::Bundle(path.clone()),
            None => BundleSource::Forms(self.forms.clone()),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Check .form files and report every problem (file:line:col, code, hint).
    Check {
        /// Files or directories (default: forms/).
        paths: Vec<PathBuf>,
        /// Check again each time a .form file changes (Ctrl-C to stop).
        #[arg(long)]
        watch: bool,
    },
    /// Compile the forms into one bundle (JSON; --binary: what the WASM module reads).
    Compile {
        #[command(flatten)]
        forms: FormsArgs,
        /// Write the bundle here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The binary form (`loadBundle` in the WASM package reads it).
        #[arg(long)]
        binary: bool,
        /// Only this form (every version) and the parameters it reads, e.g. a
        /// form's bundle for the core WASM module to fetch on demand. Repeatable.
        #[arg(long, value_name = "FORM_ID")]
        only: Vec<String>,
    },
    /// TypeScript declarations of every form: the types of its `fields` and of
    /// its whole submission (what `shinsei-wasm/forms` ships for the embedded bundle).
    Types {
        #[command(flatten)]
        forms: FormsArgs,
        /// Write the declarations here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Validate submissions (envelopes or case files) and print the verdict JSON.
    Validate {
        /// Envelope or case files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        forms: FormsArgs,
        /// The validation instant (RFC 3339). Default: the case's `now`, the
        /// envelope's `submitted_at`, or the clock.
        #[arg(long)]
        now: Option<String>,
        /// Message language.
        #[arg(long, value_enum, default_value_t = LangArg::Ja)]
        lang: LangArg,
    },
    /// The application file (申請ファイル) of a valid submission: what the member
    /// gets back with a 返戻, to re-apply from (docs/application-file.md).
    Export {
        /// Envelope or case file.
        file: PathBuf,
        #[command(flatten)]
        forms: FormsArgs,
        /// The moment of submission (RFC 3339). Default: the case's `now`, else
        /// the envelope's `submitted_at`.
        #[arg(long)]
        now: Option<String>,
        /// Write the file here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The entered contents of a submission as a document laid out like the
    /// paper form (申請書情報のイメージ, HTML or PDF), or with --returned the
    /// 返戻理由のお知らせ: each reason, the entry it concerns and its basis.
    Render {
        /// Envelope or case file.
        file: PathBuf,
        #[command(flatten)]
        forms: FormsArgs,
        /// The 返戻理由のお知らせ of the submission's verdict instead.
        #[arg(long)]
        returned: bool,
        /// PDF instead of HTML (needs -o).
        #[arg(long)]
        pdf: bool,
        /// The Japanese font for --pdf (FILE, or FILE#INDEX for a face of a
        /// collection). Default: Noto Sans CJK JP or IPAex Gothic where
        /// Debian installs them.
        #[arg(long)]
        font: Option<PathBuf>,
        /// The validation instant (RFC 3339). Default: the case's `now`, the
        /// envelope's `submitted_at`, or the clock.
        #[arg(long)]
        now: Option<String>,
        /// Write the page here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Re-apply from an application file: its values migrated to the form version
    /// in force, 資格 from the member's current record; prints what to look at
    /// again, the envelope to continue from and the verdict.
    Reapply {
        /// The application file (from `shinsei export`).
        file: PathBuf,
        /// The member's current qualification record (JSON object, keys as in
        /// the envelope's `qualification`).
        #[arg(long)]
        record: PathBuf,
        #[command(flatten)]
        forms: FormsArgs,
        /// The moment of re-application (RFC 3339). Default: the clock.
        #[arg(long)]
        now: Option<String>,
    },
    /// Rewrite .form files in the canonical layout (comments kept).
    Fmt {
        /// Only check: list the files that are not formatted, show the change,
        /// exit 1 if there is any.
        #[arg(long)]
        check: bool,
        /// Files or directories (default: forms/); `-` reads standard input
        /// and writes the formatted text to standard output.
        paths: Vec<PathBuf>,
    },
    /// The language server (LSP over stdin/stdout) for editors: diagnostics,
    /// hover, definition, references, completion, symbols, formatting, rename.
    Lsp {
        /// Talk over stdin/stdout (the only transport; accepted because LSP
        /// clients such as vscode-languageclient pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Run the test cases next to each form (`<form dir>/cases/*.json`).
    /// A form's folder alone works too: the `shared/` folder beside it is
    /// compiled with it.
    Test {
        /// Forms folders, form folders or case files (default: forms/).
        paths: Vec<PathBuf>,
        /// Run only the case(s) with this name (`invalid_period_order`, or
        /// the end of its path: `shobyo_teate/cases/invalid_period_order`).
        #[arg(long)]
        case: Option<String>,
        /// Report which rules, conditions, attachments and param periods the
        /// cases exercise; fail when one is not covered (a rule that does not
        /// both fire in some case and hold in another, a condition not seen
        /// both ways, a reachable param period no case selects).
        #[arg(long)]
        coverage: bool,
        /// Run again each time a .form or case file changes (Ctrl-C to stop).
        #[arg(long)]
        watch: bool,
    },
    /// Scaffold a new form: `<forms>/<id>/<id>.form` with an example rule, a
    /// case where it holds and one where it fires (checks and tests clean).
    New {
        /// The form id (lower-case letters, digits and `_`).
        id: String,
        /// The form's title (申請書の名前).
        #[arg(long, default_value = "新しい申請書")]
        title: String,
        /// 給付, 適用, 保健, 貸付 or 証交付.
        #[arg(long, default_value = "給付")]
        category: String,
        /// The first day the version accepts submissions (default: today, JST).
        #[arg(long)]
        effective: Option<String>,
        /// The legal basis of the application (`健康保険法施行規則第84条`);
        /// without it the header has a line to fill in.
        #[arg(long)]
        basis: Option<String>,
        /// The forms folder to put it in.
        #[arg(long, default_value = "forms")]
        forms: PathBuf,
    },
    /// Describe a form: who may file it, its fields, attachments, rules.
    Describe {
        /// Form id.
        form: String,
        /// Version (default: the newest).
        #[arg(long)]
        version: Option<String>,
        #[command(flatten)]
        forms: FormsArgs,
    },
    /// JSON Schema (draft 2020-12) of a form's submission envelope: what the
    /// runtime accepts (every notation it normalizes), or with --canonical the
    /// normalized values it reports.
    Schema {
        /// Form id.
        form: String,
        /// Version (default: the newest).
        #[arg(long)]
        version: Option<String>,
        /// The canonical schema (the result's `canonical`) instead of the input one.
        #[arg(long)]
        canonical: bool,
        #[command(flatten)]
        forms: FormsArgs,
    },
    /// Run the HTTP validation service (see docs/server.md).
    Serve(shinsei_cli::serve::ServeArgs),
    /// Show the syntax tree of one .form file (debugging the parser).
    Parse {
        /// The file.
        file: PathBuf,
    },
    /// Show the compiled IR of one form (JSON).
    Ir {
        /// Form id.
        form: String,
        /// Version (default: the newest).
        #[arg(long)]
        version: Option<String>,
        #[command(flatten)]
        forms: FormsArgs,
    },
    /// What a change to the forms does: versions, fields, rules, attachments,
    /// computed values and params added, removed or changed.
    Diff {
        /// The forms before (a directory of .form files or a compiled bundle .json).
        old: PathBuf,
        /// The forms after.
        new: PathBuf,
        /// Also run every case and re-application case of both sides
        /// against both, and every submission (envelope, case or
        /// re-application case file) under these folders, and list each
        /// change of verdict, code, notice or computed amount.
        #[arg(long, num_args = 0.., value_name = "DIR")]
        cases: Option<Vec<PathBuf>>,
    },
    /// Write the reviewer's catalog of every form (HTML pages and catalog.md).
    Doc {
        #[command(flatten)]
        forms: FormsArgs,
        /// Output directory.
        #[arg(long, default_value = "out/catalog")]
        out: PathBuf,
    },
    /// Japanese holidays and the days the electronic service is closed.
    Calendar {
        /// Year (1955–2099).
        year: i32,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(&cli) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            errln!("error: {e}");
            2
        }
    };
    // A reader that went away (`| head`) changes nothing; output that could
    // not be written otherwise is an error.
    if shinsei_cli::out::finish() {
        ExitCode::from(code)
    } else {
        ExitCode::from(2)
    }
}

/// Whether standard error gets colour (for diagnostics printed there).
fn color_err(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
    }
}

fn default_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("forms")]
    } else {
        paths.to_vec()
    }
}

fn run(cli: &Cli) -> Result<bool, CliError> {
    let format = match cli.format {
        OutFormat::Human => Format::Human,
        OutFormat::Json => Format::Json,
    };
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    };
    match &cli.command {
        Command::Check { paths, watch } => {
            let paths = default_paths(paths);
            if *watch {
                shinsei_cli::watch::run(&paths, || commands::check(&paths, format, color))
            } else {
                commands::check(&paths, format, color)
            }
        }
        Command::Compile {
            forms,
            output,
            binary,
            only,
        } => commands::compile(&forms.source(), output.as_deref(), *binary, only),
        Command::Types { forms, output } => commands::types(&forms.source(), output.as_deref()),
        Command::Validate {
            files,
            forms,
            now,
            lang,
        } => {
            let lang = if *lang == LangArg::En {
                Lang::En
            } else {
                Lang::Ja
            };
            commands::validate(
                &forms.source(),
                files,
                commands::parse_now(now.as_deref())?,
                lang,
            )
        }
        Command::Export {
            file,
            forms,
            now,
            output,
        } => shinsei_cli::application::export(
            &forms.source(),
            file,
            commands::parse_now(now.as_deref())?,
            output.as_ref(),
        ),
        Command::Render {
            file,
            forms,
            returned,
            pdf,
            font,
            now,
            output,
        } => shinsei_cli::document::render(
            &forms.source(),
            file,
            commands::parse_now(now.as_deref())?,
            &shinsei_cli::document::Render {
                returned: *returned,
                pdf_font: pdf.then(|| font.clone()),
            },
            output.as_ref(),
        ),
        Command::Reapply {
            file,
            record,
            forms,
            now,
        } => shinsei_cli::application::reapply(
            &forms.source(),
            file,
            record,
            commands::parse_now(now.as_deref())?,
        ),
        Command::Fmt { check, paths } => {
            shinsei_cli::fmt::run(&default_paths(paths), *check, color_err(cli.color))
        }
        Command::Lsp { stdio: _ } => shinsei_lsp::run_stdio()
            .map(|()| true)
            .map_err(|e| CliError::Usage(format!("language server: {e}"))),
        Command::Test {
            paths,
            case,
            coverage,
            watch,
        } => {
            let args = shinsei_cli::test::TestArgs {
                paths: default_paths(paths),
                case: case.clone(),
                coverage: *coverage,
                format,
            };
            if *watch {
                shinsei_cli::watch::run(&args.paths, || shinsei_cli::test::test(&args))
            } else {
                shinsei_cli::test::test(&args)
            }
        }
        Command::New {
            id,
            title,
            category,
            effective,
            basis,
            forms,
        } => shinsei_cli::new::run(&shinsei_cli::new::NewArgs {
            id: id.clone(),
            title: title.clone(),
            category: category.clone(),
            effective: shinsei_cli::new::effective_date(effective.as_deref())?,
            basis: basis.clone(),
            forms: forms.clone(),
        }),
        Command::Calendar { year } => commands::calendar(*year, format),
        Command::Doc { forms, out } => shinsei_cli::doc::run(&forms.source(), out),
        Command::Diff { old, new, cases } => {
            shinsei_cli::diff::run(old, new, cases.as_deref(), format)
        }
        Command::Parse { file } => commands::parse(file),
        Command::Describe {
            form,
            version,
            forms,
        } => commands::describe(&forms.source(), form, version.as_deref(), format),
        Command::Schema {
            form,
            version,
            canonical,
            forms,
        } => {
            let kind = if *canonical {
                shinsei_describe::SchemaKind::Canonical
            } else {
                shinsei_describe::SchemaKind::Input
            };
            commands::schema(&forms.source(), form, version.as_deref(), kind)
        }
        Command::Ir {
            form,
            version,
            forms,
        } => commands::ir(&forms.source(), form, version.as_deref()),
        Command::Serve(args) => shinsei_cli::serve::run(args),
    }
}
