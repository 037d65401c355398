//! The served bundle behind an atomic swap, and what is computed from it once
//! per load: the form list, each version's description and envelope schema,
//! already serialized. A request takes one [`Snapshot`] and uses it to the
//! end, so a reload never changes the bundle under a request in flight.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use arc_swap::ArcSwap;
use axum::body::Bytes;
use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::Serialize;
use shinsei_describe::{ApplicantInfo, CategoryInfo, Effective};
use shinsei_ir::{Bundle, Form, Text};

use crate::error::{ApiError, Problem};
use crate::metrics::Metrics;
use shinsei_load::{BundleSource, LoadError};

/// One loaded bundle and its precomputed views.
#[derive(Debug)]
pub struct Snapshot {
    /// The bundle.
    pub bundle: Bundle,
    /// `GET /v1/forms`, serialized.
    pub list: Bytes,
    /// `(id, version)` → serialized `describe()`.
    pub describe: HashMap<(String, String), Bytes>,
    /// `(id, version)` → serialized input `envelope_schema()`.
    pub schema: HashMap<(String, String), Bytes>,
    /// `(id, version)` → serialized canonical `envelope_schema()`.
    pub canonical_schema: HashMap<(String, String), Bytes>,
}

/// `GET /v1/forms`: every form of the bundle served.
#[derive(Serialize, JsonSchema)]
pub(crate) struct FormList<'a> {
    /// `sha256:` hash of the bundle (equal hashes mean equal verdicts).
    #[schemars(regex(pattern = r"^sha256:[0-9a-f]{64}$"))]
    bundle_hash: &'a str,
    /// The forms, by id.
    forms: Vec<FormVersions>,
}

/// One form in the list, with all its versions; the header is the newest
/// version's.
#[derive(Serialize, JsonSchema)]
struct FormVersions {
    /// Form id (`form` in the envelope).
    id: String,
    /// Title.
    title: Text,
    /// Category.
    category: CategoryInfo,
    /// Who may file it.
    applicants: Vec<ApplicantInfo>,
    /// Its versions, oldest first.
    versions: Vec<VersionSummary>,
}

/// One version of a form.
#[derive(Serialize, JsonSchema)]
struct VersionSummary {
    /// Version id (`version` in the envelope).
    version: String,
    /// When it accepts submissions.
    effective: Effective,
}

fn json(value: &impl Serialize) -> Bytes {
    Bytes::from(serde_json::to_vec(value).unwrap_or_default())
}

impl Snapshot {
    /// Computes the views of `bundle`.
    pub fn new(bundle: Bundle) -> Snapshot {
        let mut describe = HashMap::new();
        let mut schema = HashMap::new();
        let mut canonical_schema = HashMap::new();
        let mut forms: Vec<FormVersions> = Vec::new();
        for form in &bundle.forms {
            let s = shinsei_describe::summary(form);
            let version = VersionSummary {
                version: s.version,
                effective: s.effective,
            };
            match forms.last_mut() {
                Some(last) if last.id == s.id => {
                    // The newest version's header wins (forms are sorted by date).
                    last.title = s.title;
                    last.category = s.category;
                    last.applicants = s.applicants;
                    last.versions.push(version);
                }
                _ => forms.push(FormVersions {
                    id: s.id,
                    title: s.title,
                    category: s.category,
                    applicants: s.applicants,
                    versions: vec![version],
                }),
            }
            let key = (form.id.clone(), form.version.clone());
            let d = shinsei_describe::describe(form, &bundle);
            describe.insert(key.clone(), json(&d));
            use shinsei_describe::{SchemaKind, envelope_schema};
            let input = envelope_schema(form, &bundle, SchemaKind::Input);
            schema.insert(key.clone(), json(&input));
            let canonical = envelope_schema(form, &bundle, SchemaKind::Canonical);
            canonical_schema.insert(key, json(&canonical));
        }
        let list = json(&FormList {
            bundle_hash: &bundle.hash,
            forms,
        });
        Snapshot {
            list,
            describe,
            schema,
            canonical_schema,
            bundle,
        }
    }

    /// Whether a form has this id.
    pub fn has_form(&self, id: &str) -> bool {
        self.bundle.forms.iter().any(|f| f.id == id)
    }

    /// The version of form `id` a request means ([`Bundle::select`]): the
    /// named `version`, else the one in force on the JST date of `now` —
    /// the server's clock when the request gives neither. With both, the
    /// version must be in force that day.
    pub fn form(
        &self,
        id: &str,
        version: Option<&str>,
        now: Option<DateTime<FixedOffset>>,
    ) -> Result<&Form, ApiError> {
        let now = match (version, now) {
            (None, None) => Some(crate::clock::now()),
            (_, now) => now,
        };
        let on = now.map(shinsei_jp::calendar::jst_date);
        self.bundle
            .select(id, version, on)
            .map_err(|e| ApiError::new(Problem::Select(e)))
    }
}

/// How the server behaves (set once at start).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest `validate` body, in bytes.
    pub max_body: usize,
    /// Token for `/admin/*` (`Authorization: Bearer …`); without one, only
    /// loopback peers may call them.
    pub admin_token: Option<String>,
    /// How long a request body may take to arrive (then `408`).
    pub body_timeout: std::time::Duration,
    /// How long a request head may take, from its first byte (a new
    /// connection's: from the connection) to its end (then `408`, closed).
    pub header_timeout: std::time::Duration,
    /// How long a keep-alive connection may stay idle between requests, and
    /// a response write may make no progress (then closed).
    pub idle_timeout: std::time::Duration,
    /// How many connections may be open at once (more get `503`).
    pub max_connections: usize,
    /// The largest request head, in bytes (then `431`).
    pub max_head: usize,
    /// The Japanese font `POST /v1/forms/{id}/render` writes PDFs in
    /// (`--font`); `None`: the first of the usual system fonts
    /// (`shinsei_render::pdf::SYSTEM_FONTS`), and no PDF without one.
    pub pdf_font: Option<std::sync::Arc<shinsei_render::pdf::FontFile>>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: shinsei_runtime::DEFAULT_MAX_BYTES,
            admin_token: None,
            body_timeout: std::time::Duration::from_secs(30),
            header_timeout: std::time::Duration::from_secs(10),
            idle_timeout: std::time::Duration::from_secs(60),
            max_connections: 512,
            max_head: 16 * 1024,
            pdf_font: None,
        }
    }
}

/// Shared by every request.
#[derive(Clone, Debug)]
pub struct AppState(pub(crate) Arc<Inner>);

#[derive(Debug)]
pub(crate) struct Inner {
    pub current: ArcSwap<Snapshot>,
    pub source: Option<BundleSource>,
    pub reload_lock: tokio::sync::Mutex<()>,
    pub metrics: Metrics,
    pub limits: Limits,
    pub started: Instant,
}

/// What a successful reload did.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Reloaded {
    /// Hash of the bundle now served.
    pub hash: String,
    /// Hash of the bundle served before.
    pub previous_hash: String,
    /// Number of form versions now served.
    pub forms: usize,
    /// Whether the bundle changed.
    pub changed: bool,
    /// Time taken to load and swap, in milliseconds.
    pub millis: u64,
}

/// Why a reload did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    /// The new bundle was refused; the old one is still served.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The server was started on a fixed bundle, with nothing to reload from.
    #[error("the server has no source to reload from")]
    NoSource,
    /// The loading task failed.
    #[error("the loading task failed")]
    Task,
}

impl AppState {
    /// A state serving `bundle`, reloadable from `source` when given.
    pub fn new(bundle: Bundle, source: Option<BundleSource>, limits: Limits) -> AppState {
        AppState(Arc::new(Inner {
            current: ArcSwap::from_pointee(Snapshot::new(bundle)),
            source,
            reload_lock: tokio::sync::Mutex::new(()),
            metrics: Metrics::default(),
            limits,
            started: Instant::now(),
        }))
    }

    /// Loads `source` and serves it (blocking).
    pub fn load(source: BundleSource, limits: Limits) -> Result<AppState, LoadError> {
        let bundle = source.load()?;
        Ok(AppState::new(bundle, Some(source), limits))
    }

    /// The bundle served now; keep it for the whole request.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.0.current.load_full()
    }

    /// The metrics registry.
    pub fn metrics(&self) -> &Metrics {
        &self.0.metrics
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.0.limits
    }

    /// Reloads the bundle from its source and swaps it in atomically; on any
    /// error the old bundle stays. Reloads are serialized.
    pub async fn reload(&self) -> Result<Reloaded, ReloadError> {
        let Some(source) = self.0.source.clone() else {
            return Err(ReloadError::NoSource);
        };
        let _one_at_a_time = self.0.reload_lock.lock().await;
        let start = Instant::now();
        let loaded = tokio::task::spawn_blocking(move || source.load().map(Snapshot::new))
            .await
            .map_err(|_| ReloadError::Task);
        let previous_hash = self.0.current.load().bundle.hash.clone();
        let next = match loaded {
            Ok(Ok(next)) => next,
            Ok(Err(e)) => {
                self.0.metrics.reload(false);
                tracing::error!(
                    target: "shinsei::reload",
                    error = %e,
                    hash = %previous_hash,
                    "reload refused; the previous bundle is still served"
                );
                return Err(e.into());
            }
            Err(e) => {
                self.0.metrics.reload(false);
                tracing::error!(target: "shinsei::reload", "reload task failed");
                return Err(e);
            }
        };
        let report = Reloaded {
            hash: next.bundle.hash.clone(),
            changed: next.bundle.hash != previous_hash,
            forms: next.bundle.forms.len(),
            previous_hash,
            millis: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
        };
        self.0.current.store(Arc::new(next));
        self.0.metrics.reload(true);
        tracing::info!(
            target: "shinsei::reload",
            hash = %report.hash,
            previous_hash = %report.previous_hash,
            forms = report.forms,
            changed = report.changed,
            millis = report.millis,
            "bundle reloaded"
        );
        Ok(report)
    }

    /// Seconds since the state was made.
    pub fn uptime_secs(&self) -> u64 {
        self.0.started.elapsed().as_secs()
    }
}
