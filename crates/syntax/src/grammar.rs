//! The grammar, `grammar/form.pest`, as pest compiles it: the parser and its
//! `Rule`s, read by the AST builder (`parser`), the formatter and the
//! syntax-error messages. pest types never leave this crate.

#[derive(pest_derive::Parser)]
#[grammar = "../../grammar/form.pest"]
pub(crate) struct FormParser;
