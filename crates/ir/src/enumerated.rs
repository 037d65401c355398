//! `enumerated!`: a field-less enum declared as written, with `ALL`, every
//! variant in declaration order — declared once, so a new variant is in it
//! and the tests that go through `ALL` (the bundle's every-variant
//! round trip, the checker's tables) cover it without being touched.

/// Declares the enum and its `ALL` (an array, in declaration order).
macro_rules! enumerated {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident, )*
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            #[doc = concat!("Every `", stringify!($name), "`, in declaration order.")]
            pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];
        }
    };
}
