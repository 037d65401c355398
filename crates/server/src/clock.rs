//! The server's clock, in JST (the runtime itself never reads a clock).

use chrono::{DateTime, FixedOffset, Offset, Utc};

/// Japan Standard Time (UTC+9, no daylight saving).
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| Utc.fix())
}

/// Now, in JST.
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&jst())
}
