//! A place beside the bundle for what a consumer derives from it once per
//! load — the runtime's evaluation plan — so that every entry point that
//! takes `&Bundle` finds it without the shells keeping anything beside the
//! bundle.
//!
//! The IR cannot name the runtime's types (dependencies point from the
//! runtime to the IR), so the cell holds its value type-erased; the runtime
//! reads it back with its own type. It is not part of the data: it is never
//! written or read by serde, it compares equal to any other cell, and a
//! cloned bundle starts with an empty one (what was derived from the original
//! describes the original's expressions, not the copy's).
//!
//! The value is derived from the forms as they are at its first use: code
//! that changes a bundle's forms after validating with it must validate with
//! a clone (or a freshly loaded bundle) afterwards.

use std::any::Any;
use std::fmt;
use std::sync::OnceLock;

/// What one consumer derived from the bundle, built at its first use.
#[derive(Default)]
pub struct Derived(OnceLock<Box<dyn Any + Send + Sync>>);

impl Derived {
    /// The value of type `T`, built by `init` at the first call. `None` when
    /// the cell already holds a value of another type.
    pub fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Option<&T> {
        self.0
            .get_or_init(|| Box::new(init()))
            .as_ref()
            .downcast_ref()
    }
}

impl Clone for Derived {
    /// An empty cell: the copy's expressions live elsewhere.
    fn clone(&self) -> Self {
        Derived::default()
    }
}

impl PartialEq for Derived {
    /// Not part of the data: any two cells are equal.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Derived {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.0.get().is_some() {
            "built"
        } else {
            "empty"
        };
        write!(f, "Derived({state})")
    }
}

#[cfg(test)]
mod tests {
    use super::Derived;

    #[test]
    fn built_once_read_back_by_type_and_reset_by_clone() {
        let cell = Derived::default();
        assert_eq!(cell.get_or_init(|| 7_u32), Some(&7));
        assert_eq!(cell.get_or_init(|| 8_u32), Some(&7), "built once");
        assert_eq!(cell.get_or_init(|| "other"), None, "another type");
        assert_eq!(format!("{cell:?}"), "Derived(built)");
        let copy = cell.clone();
        assert_eq!(format!("{copy:?}"), "Derived(empty)");
        assert_eq!(copy, cell);
    }
}
