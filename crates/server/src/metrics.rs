//! Prometheus text metrics, kept by hand with atomics: requests by route and
//! status, a latency histogram per route, verdicts and their codes per form,
//! reloads. Labels are bounded: routes are templates (never raw paths), forms
//! are ids of the served bundle, codes are the closed vocabulary and rule names.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use crate::api::{ROUTES as TABLE, label};

/// Status codes counted under their own label (others count as `other`).
const STATUSES: [u16; 18] = [
    200, 204, 206, 304, 400, 403, 404, 405, 408, 413, 414, 415, 416, 422, 431, 500, 503, 505,
];
const STATUS_SLOTS: usize = STATUSES.len() + 1;
/// Upper bounds of the latency buckets, in microseconds.
const BUCKETS_US: [u64; 14] = [
    50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
    1_000_000,
];

#[derive(Debug)]
struct RouteStats {
    by_status: [AtomicU64; STATUS_SLOTS],
    /// Cumulative counts are computed at render time; these are per bucket,
    /// the last one for "above every bound".
    buckets: [AtomicU64; BUCKETS_US.len() + 1],
    sum_us: AtomicU64,
}

impl Default for RouteStats {
    fn default() -> Self {
        RouteStats {
            by_status: std::array::from_fn(|_| AtomicU64::new(0)),
            buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            sum_us: AtomicU64::new(0),
        }
    }
}

/// Verdict counts of one form.
#[derive(Debug, Default)]
struct FormVerdicts {
    valid: u64,
    invalid: u64,
    /// (severity, code) → count.
    codes: BTreeMap<(&'static str, String), u64>,
}

/// The registry.
#[derive(Debug)]
pub struct Metrics {
    /// One slot per route of [`crate::api::ROUTES`], and one for
    /// [`crate::api::OTHER`].
    routes: Box<[RouteStats]>,
    verdicts: Mutex<BTreeMap<String, FormVerdicts>>,
    reloads_ok: AtomicU64,
    reloads_failed: AtomicU64,
    /// Connections answered `503` because every slot was taken.
    busy: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            routes: (0..=TABLE.len()).map(|_| RouteStats::default()).collect(),
            verdicts: Mutex::new(BTreeMap::new()),
            reloads_ok: AtomicU64::new(0),
            reloads_failed: AtomicU64::new(0),
            busy: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    /// Counts a connection refused because every slot was taken.
    pub fn refused_connection(&self) {
        self.busy.fetch_add(1, Relaxed);
    }

    /// Counts a request refused before routing (a malformed or slow head),
    /// under the route `other`.
    pub fn protocol_error(&self, status: u16) {
        self.request(TABLE.len(), status, Duration::ZERO);
    }

    /// Each route's stats with its label (unused slots stay zero and are
    /// not printed).
    fn labelled(&self) -> impl Iterator<Item = (&'static str, &RouteStats)> {
        self.routes.iter().enumerate().map(|(i, s)| (label(i), s))
    }

    /// Counts one request on route slot `route` (see [`crate::api::ROUTES`];
    /// the last slot is `other`).
    pub fn request(&self, route: usize, status: u16, elapsed: Duration) {
        let Some(stats) = self.routes.get(route) else {
            return;
        };
        let slot = STATUSES
            .iter()
            .position(|s| *s == status)
            .unwrap_or(STATUSES.len());
        if let Some(c) = stats.by_status.get(slot) {
            c.fetch_add(1, Relaxed);
        }
        let us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        let bucket = BUCKETS_US
            .iter()
            .position(|b| us <= *b)
            .unwrap_or(BUCKETS_US.len());
        if let Some(c) = stats.buckets.get(bucket) {
            c.fetch_add(1, Relaxed);
        }
        stats.sum_us.fetch_add(us, Relaxed);
    }

    /// Counts one verdict on form `form` with its error and warning codes.
    pub fn verdict<'a>(
        &self,
        form: &str,
        valid: bool,
        errors: impl Iterator<Item = &'a str>,
        warnings: impl Iterator<Item = &'a str>,
    ) {
        let Ok(mut all) = self.verdicts.lock() else {
            return;
        };
        let entry = match all.get_mut(form) {
            Some(e) => e,
            None => all.entry(form.to_owned()).or_default(),
        };
        if valid {
            entry.valid = entry.valid.saturating_add(1);
        } else {
            entry.invalid = entry.invalid.saturating_add(1);
        }
        for (severity, code) in errors
            .map(|c| ("error", c))
            .chain(warnings.map(|c| ("warning", c)))
        {
            let n = entry.codes.entry((severity, code.to_owned())).or_default();
            *n = n.saturating_add(1);
        }
    }

    /// Counts one reload.
    pub fn reload(&self, ok: bool) {
        if ok {
            self.reloads_ok.fetch_add(1, Relaxed);
        } else {
            self.reloads_failed.fetch_add(1, Relaxed);
        }
    }

    /// The Prometheus text exposition (format 0.0.4).
    pub fn render(&self, bundle_hash: &str, forms: usize, uptime_secs: u64) -> String {
        let mut out = String::with_capacity(8 * 1024);
        let w = &mut out;
        let _ = writeln!(
            w,
            "# HELP shinsei_http_requests_total HTTP requests by route template and status."
        );
        let _ = writeln!(w, "# TYPE shinsei_http_requests_total counter");
        for (label, stats) in self.labelled() {
            for (i, c) in stats.by_status.iter().enumerate() {
                let n = c.load(Relaxed);
                if n == 0 {
                    continue;
                }
                let status = STATUSES
                    .get(i)
                    .map_or_else(|| "other".to_owned(), u16::to_string);
                let _ = writeln!(
                    w,
                    "shinsei_http_requests_total{{route=\"{label}\",status=\"{status}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            w,
            "# HELP shinsei_http_request_duration_seconds Time from request to response head, by route template."
        );
        let _ = writeln!(w, "# TYPE shinsei_http_request_duration_seconds histogram");
        for (label, stats) in self.labelled() {
            let counts: Vec<u64> = stats.buckets.iter().map(|c| c.load(Relaxed)).collect();
            let total: u64 = counts.iter().sum();
            if total == 0 {
                continue;
            }
            let mut cumulative = 0_u64;
            for (bound, n) in BUCKETS_US.iter().zip(&counts) {
                cumulative = cumulative.saturating_add(*n);
                let le = *bound as f64 / 1e6;
                let _ = writeln!(
                    w,
                    "shinsei_http_request_duration_seconds_bucket{{route=\"{label}\",le=\"{le}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                w,
                "shinsei_http_request_duration_seconds_bucket{{route=\"{label}\",le=\"+Inf\"}} {total}"
            );
            let sum = stats.sum_us.load(Relaxed) as f64 / 1e6;
            let _ = writeln!(
                w,
                "shinsei_http_request_duration_seconds_sum{{route=\"{label}\"}} {sum}"
            );
            let _ = writeln!(
                w,
                "shinsei_http_request_duration_seconds_count{{route=\"{label}\"}} {total}"
            );
        }
        let _ = writeln!(
            w,
            "# HELP shinsei_verdicts_total Validation verdicts by form."
        );
        let _ = writeln!(w, "# TYPE shinsei_verdicts_total counter");
        let _ = writeln!(
            w,
            "# HELP shinsei_verdict_codes_total Error and warning codes in verdicts, by form."
        );
        let _ = writeln!(w, "# TYPE shinsei_verdict_codes_total counter");
        if let Ok(all) = self.verdicts.lock() {
            for (form, v) in all.iter() {
                let _ = writeln!(
                    w,
                    "shinsei_verdicts_total{{form=\"{form}\",valid=\"true\"}} {}",
                    v.valid
                );
                let _ = writeln!(
                    w,
                    "shinsei_verdicts_total{{form=\"{form}\",valid=\"false\"}} {}",
                    v.invalid
                );
                for ((severity, code), n) in &v.codes {
                    let _ = writeln!(
                        w,
                        "shinsei_verdict_codes_total{{form=\"{form}\",severity=\"{severity}\",code=\"{}\"}} {n}",
                        escape(code)
                    );
                }
            }
        }
        let _ = writeln!(w, "# HELP shinsei_reloads_total Bundle reloads by outcome.");
        let _ = writeln!(w, "# TYPE shinsei_reloads_total counter");
        let _ = writeln!(
            w,
            "shinsei_reloads_total{{outcome=\"ok\"}} {}",
            self.reloads_ok.load(Relaxed)
        );
        let _ = writeln!(
            w,
            "shinsei_reloads_total{{outcome=\"refused\"}} {}",
            self.reloads_failed.load(Relaxed)
        );
        let _ = writeln!(
            w,
            "# HELP shinsei_connections_refused_total Connections answered 503 because every slot was taken."
        );
        let _ = writeln!(w, "# TYPE shinsei_connections_refused_total counter");
        let _ = writeln!(
            w,
            "shinsei_connections_refused_total {}",
            self.busy.load(Relaxed)
        );
        let _ = writeln!(w, "# HELP shinsei_bundle_info The bundle served now.");
        let _ = writeln!(w, "# TYPE shinsei_bundle_info gauge");
        let _ = writeln!(
            w,
            "shinsei_bundle_info{{hash=\"{}\",form_versions=\"{forms}\"}} 1",
            escape(bundle_hash)
        );
        let _ = writeln!(
            w,
            "# HELP shinsei_uptime_seconds Seconds since the server started."
        );
        let _ = writeln!(w, "# TYPE shinsei_uptime_seconds gauge");
        let _ = writeln!(w, "shinsei_uptime_seconds {uptime_secs}");
        out
    }
}

/// Escapes a label value (backslash, quote, newline).
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
