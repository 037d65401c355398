//! Runtime (placeholder; being written).
