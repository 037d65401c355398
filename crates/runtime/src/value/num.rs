//! Exact rationals over `i128` with checked arithmetic.
//!
//! Every operation returns `None` on overflow or division by zero, which the
//! evaluator turns into *unknown*. Inputs are bounded to |x| ≤ 10^13, so
//! overflow needs long chains of products and is a corner, not a hazard.

use std::cmp::Ordering;

/// `num/den`, `den > 0`, reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rat {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> u128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a
}

impl Rat {
    /// Zero.
    pub const ZERO: Rat = Rat { num: 0, den: 1 };

    /// An integer.
    pub fn int(n: i128) -> Rat {
        Rat { num: n, den: 1 }
    }

    /// `num/den` reduced; `None` when `den == 0` or on overflow.
    pub fn new(num: i128, den: i128) -> Option<Rat> {
        if den == 0 {
            return None;
        }
        let (num, den) = if den < 0 {
            (num.checked_neg()?, den.checked_neg()?)
        } else {
            (num, den)
        };
        let g = i128::try_from(gcd(num, den)).ok()?;
        if g <= 1 {
            return Some(Rat { num, den });
        }
        Some(Rat {
            num: num.checked_div(g)?,
            den: den.checked_div(g)?,
        })
    }

    /// Numerator.
    pub fn num(self) -> i128 {
        self.num
    }

    /// Denominator (positive).
    pub fn den(self) -> i128 {
        self.den
    }

    /// The value as `i64` if it is an integer in range.
    pub fn to_i64(self) -> Option<i64> {
        if self.den == 1 {
            i64::try_from(self.num).ok()
        } else {
            None
        }
    }

    /// `self + other`.
    pub fn add(self, other: Rat) -> Option<Rat> {
        if self.den == 1 && other.den == 1 {
            return Some(Rat::int(self.num.checked_add(other.num)?));
        }
        let num = self
            .num
            .checked_mul(other.den)?
            .checked_add(other.num.checked_mul(self.den)?)?;
        Rat::new(num, self.den.checked_mul(other.den)?)
    }

    /// `self × other`.
    pub fn mul(self, other: Rat) -> Option<Rat> {
        if self.den == 1 && other.den == 1 {
            return Some(Rat::int(self.num.checked_mul(other.num)?));
        }
        Rat::new(
            self.num.checked_mul(other.num)?,
            self.den.checked_mul(other.den)?,
        )
    }

    /// `self ÷ other`; `None` when `other` is zero.
    pub fn div(self, other: Rat) -> Option<Rat> {
        Rat::new(
            self.num.checked_mul(other.den)?,
            self.den.checked_mul(other.num)?,
        )
    }

    /// `−self`.
    pub fn neg(self) -> Option<Rat> {
        Some(Rat {
            num: self.num.checked_neg()?,
            den: self.den,
        })
    }

    /// `|self|`.
    pub fn abs(self) -> Option<Rat> {
        if self.num < 0 { self.neg() } else { Some(self) }
    }

    /// Exact comparison (`None` only on overflow).
    pub fn cmp(self, other: Rat) -> Option<Ordering> {
        if self.den == other.den {
            return Some(self.num.cmp(&other.num));
        }
        Some(
            self.num
                .checked_mul(other.den)?
                .cmp(&other.num.checked_mul(self.den)?),
        )
    }

    /// Largest integer ≤ self.
    pub fn floor(self) -> Option<i128> {
        self.num.checked_div_euclid(self.den)
    }

    /// Smallest integer ≥ self.
    pub fn ceil(self) -> Option<i128> {
        self.num
            .checked_neg()?
            .checked_div_euclid(self.den)?
            .checked_neg()
    }

    /// Nearest integer, halves away from zero (四捨五入).
    pub fn round_half_away(self) -> Option<i128> {
        // floor((2|n| + d) / 2d) with the sign put back.
        let twice = self.num.unsigned_abs().checked_mul(2)?;
        let den = self.den.unsigned_abs();
        let mag = twice.checked_add(den)?.checked_div(den.checked_mul(2)?)?;
        let mag = i128::try_from(mag).ok()?;
        if self.num < 0 {
            mag.checked_neg()
        } else {
            Some(mag)
        }
    }

    /// Parses a decimal `"-12.5"` or a fraction `"3/10"` (ASCII digits only).
    pub fn parse(s: &str) -> Option<Rat> {
        if let Some((n, d)) = s.split_once('/') {
            return Rat::new(parse_int(n)?, parse_int(d)?);
        }
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
        if int_part.is_empty()
            || frac_part.len() > 12
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let whole = parse_int(int_part)?;
        let mut num = whole;
        let mut den: i128 = 1;
        for b in frac_part.bytes() {
            num = num
                .checked_mul(10)?
                .checked_add(i128::from(b.checked_sub(b'0')?))?;
            den = den.checked_mul(10)?;
        }
        let r = Rat::new(num, den)?;
        if neg { r.neg() } else { Some(r) }
    }
}

/// Parses a non-empty run of at most 20 ASCII digits (no sign).
fn parse_int(s: &str) -> Option<i128> {
    if s.is_empty() || s.len() > 20 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}
