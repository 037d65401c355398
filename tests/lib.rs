//! Workspace-level tests live in `tests/*.rs` next to this file.
