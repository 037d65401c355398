//! Japanese domain values (placeholder; being written).
