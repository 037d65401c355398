//! A compiled bundle from elsewhere is input, JSON or binary: the loader of
//! `--bundle` and reload never panics, and a bundle it accepts — or one
//! whose hash an attacker recomputed, which the fuzzer cannot do on its own —
//! validates a submission to each of its forms without a panic or a stack
//! overflow.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use shinsei_fuzz::now;
use shinsei_ir::{Bundle, binary};
use shinsei_runtime::{Options, validate};

fuzz_target!(|data: &[u8]| {
    let loaded = shinsei_load::bundle_from_bytes(data, Path::new("fuzz.json"));
    let bundle = match loaded {
        Ok(bundle) => bundle,
        Err(_) => {
            // The same bytes with the hash made to match: past the hash
            // check, into the limits and evaluation. Either form: the
            // binary one (`shinsei compile --binary`, read with its nesting
            // and limits checked) or JSON.
            let parsed = if binary::is_binary(data) {
                binary::decode(data).ok()
            } else {
                serde_json::from_slice::<Bundle>(data)
                    .ok()
                    .filter(|b| b.ir_version == shinsei_ir::IR_VERSION)
                    .filter(|b| shinsei_ir::limits::check(b).is_ok())
            };
            let Some(mut bundle) = parsed else {
                return;
            };
            bundle.hash = shinsei_check::hash(&bundle);
            bundle
        }
    };
    for form in bundle.forms.iter().take(4) {
        let submission = serde_json::json!({
            "form": form.id,
            "version": form.version,
            "submitted_at": "2026-03-02T10:00:00+09:00",
            "applicant": {"role": "insured"},
            "fields": {},
        });
        let result = validate(&bundle, &submission.to_string(), now(), &Options::default());
        assert_eq!(result.valid, result.errors.is_empty());
    }
});
