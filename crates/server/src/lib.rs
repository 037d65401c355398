//! HTTP validation service (being written; see issue 5).
