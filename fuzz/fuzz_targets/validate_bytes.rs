//! Any bytes as a submission to the bundle of every form: a verdict, never a
//! panic; an invalid verdict always says why.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shinsei_fuzz::{BUNDLE, now};
use shinsei_runtime::{Options, validate_bytes};

fuzz_target!(|data: &[u8]| {
    let result = validate_bytes(&BUNDLE, data, now(), &Options::default());
    assert_eq!(
        result.valid,
        result.errors.is_empty(),
        "valid iff no errors"
    );
});
