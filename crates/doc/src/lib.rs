//! The reviewer's catalog of all forms, as HTML and Markdown (being written; see issue 3).
