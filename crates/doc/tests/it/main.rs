//! Tests of the reviewer's catalog: snapshots of the pilot forms' Markdown, the
//! phrase renderer kind by kind, every bundled rule and condition, and the HTML.

mod bundled;
mod common;
mod html;
mod markdown;
mod phrases;
