//! Reading a binary bundle (`shinsei compile --binary`, or a part of the
//! embedded one) with the boundary's errors.

use shinsei_ir::binary::BinaryError;
use shinsei_ir::{Bundle, IR_VERSION};

use crate::error::{ApiError, ErrorCode};

/// A binary bundle, read and checked.
pub fn read_binary(bytes: &[u8]) -> Result<Bundle, ApiError> {
    shinsei_ir::binary::decode(bytes).map_err(|e| match e {
        BinaryError::IrVersion { found } => ApiError::new(
            ErrorCode::BundleIrVersion,
            format!("the bundle has IR version {found}, this runtime reads {IR_VERSION}"),
        ),
        BinaryError::NotBinary if bytes.trim_ascii_start().starts_with(b"{") => ApiError::new(
            ErrorCode::BundleMalformed,
            "a bundle in JSON: the module reads the binary form (`shinsei compile --binary`)",
        ),
        BinaryError::TooDeep(deep) => ApiError::new(
            ErrorCode::BundleMalformed,
            format!(
                "not a bundle: nested {} levels deep, at most {}",
                deep.depth, deep.limit
            ),
        )
        .at(deep.path),
        other => ApiError::new(ErrorCode::BundleMalformed, other.to_string()),
    })
}
