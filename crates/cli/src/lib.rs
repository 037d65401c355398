//! The shell around shinsei's core: reads files, runs the compiler and the
//! runtime, and prints results for people or machines. All logic that decides
//! anything lives in the core crates; this crate only translates.

pub mod error;
pub mod load;
pub mod render;
