//! The WASM validator for the app and the portal (being written; see issue 4).
