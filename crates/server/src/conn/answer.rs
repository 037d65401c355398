//! The last answer on a connection hyper is done with: the JSON error for a
//! head the gate refused, or `503 server.busy` when every connection slot
//! is taken. Written by hand (status line, three headers, the body), then
//! the connection is closed gently: our side shut, what the client still
//! sends read and dropped for a moment, so that its kernel does not reset
//! the connection before the answer is read.

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::error::ApiError;

/// How long the last answer may take to write, and the client to close.
const LINGER: Duration = Duration::from_secs(2);

/// The bytes of `error` as a complete HTTP/1.1 response that closes the
/// connection.
pub(crate) fn bytes(error: &ApiError, extra_headers: &str) -> Vec<u8> {
    let body = error.body();
    let status = error.status;
    let reason = status.canonical_reason().unwrap_or("Error");
    let mut out = format!(
        "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{extra_headers}\r\n",
        status.as_u16(),
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

/// Writes `error` and closes the connection, within [`LINGER`].
pub(crate) async fn send<S>(mut io: S, error: &ApiError, extra_headers: &str)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let response = bytes(error, extra_headers);
    let _ = tokio::time::timeout(LINGER, async {
        io.write_all(&response).await?;
        io.shutdown().await?;
        // Drain until the client closes (bounded by LINGER and 64 KiB).
        let mut sink = [0_u8; 4096];
        let mut total = 0;
        while total < 64 * 1024 {
            match io.read(&mut sink).await? {
                0 => break,
                n => total += n,
            }
        }
        Ok::<(), std::io::Error>(())
    })
    .await;
}

/// Closes a connection that has nothing more to be told.
pub(crate) async fn close<S: AsyncWrite + Unpin>(mut io: S) {
    let _ = tokio::time::timeout(LINGER, io.shutdown()).await;
}
