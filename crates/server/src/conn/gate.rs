//! The gate between a client's connection and hyper.
//!
//! hyper answers a malformed request head with an empty `400` and bounds
//! neither a slow head nor an idle keep-alive connection. The gate reads
//! the byte stream first: it hands hyper one checked head at a time (and
//! the body that follows it, found by its framing), and stops the stream —
//! an end of file for hyper — when a head is malformed, too large or too
//! slow, or a keep-alive connection stays idle too long. hyper then ends the
//! connection normally (finishing a response in flight, as half-closes are
//! allowed), and the driver answers the refusal with the service's JSON
//! error ([`super::answer`]).
//!
//! A response that the client stops reading is bounded too: a write that
//! makes no progress for the idle timeout fails, and the connection closes.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::BytesMut;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

use crate::conn::head::{self, Framing};
use crate::error::Problem;

/// The gate's bounds (from [`crate::Limits`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct GateLimits {
    /// From a connection's start, or a head's first byte, to its end.
    pub header_timeout: Duration,
    /// Between requests on a keep-alive connection; also how long a
    /// response write may stall.
    pub idle_timeout: Duration,
    /// The largest head.
    pub max_head: usize,
}

/// Why the gate stopped the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A request the client must be told about (as JSON).
    Refused(Problem),
    /// Nothing to say: the client went away, or stayed idle too long.
    Quiet,
}

enum State {
    /// Waiting for a head.
    Head,
    /// Inside a body.
    Body(Framing),
    /// The stream is over for hyper.
    Closed,
}

/// What the current deadline bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wait {
    Header,
    Idle,
}

/// A connection as hyper sees it.
pub(crate) struct Gate<S> {
    io: S,
    /// Read from the client, not yet handed to hyper.
    buf: BytesMut,
    /// How many bytes at the start of `buf` hyper may have.
    approved: usize,
    state: State,
    limits: GateLimits,
    /// The deadline of the current wait for a head.
    timer: Option<(Wait, Pin<Box<Sleep>>)>,
    /// The deadline of a stalled write.
    write_stall: Option<Pin<Box<Sleep>>>,
    /// Heads handed to hyper so far.
    heads: u64,
    outcome: Option<Outcome>,
}

impl<S> Gate<S> {
    pub(crate) fn new(io: S, limits: GateLimits) -> Self {
        Gate {
            io,
            buf: BytesMut::with_capacity(8 * 1024),
            approved: 0,
            state: State::Head,
            limits,
            timer: None,
            write_stall: None,
            heads: 0,
            outcome: None,
        }
    }

    /// Why the stream was stopped, if it was.
    pub(crate) fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// The connection, for the driver's last answer.
    pub(crate) fn into_inner(self) -> S {
        self.io
    }

    fn stop(&mut self, outcome: Outcome) {
        self.state = State::Closed;
        self.timer = None;
        self.outcome = Some(outcome);
    }

    /// Arms the deadline for `wait` unless it is already running.
    fn arm(&mut self, wait: Wait) {
        if self.timer.as_ref().is_some_and(|(w, _)| *w == wait) {
            return;
        }
        let after = match wait {
            Wait::Header => self.limits.header_timeout,
            Wait::Idle => self.limits.idle_timeout,
        };
        self.timer = Some((wait, Box::pin(tokio::time::sleep(after))));
    }

    /// Whether the current deadline has passed (registers for its wake-up).
    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        self.timer
            .as_mut()
            .is_some_and(|(_, sleep)| sleep.as_mut().poll(cx).is_ready())
    }
}

impl<S: AsyncRead + Unpin> Gate<S> {
    /// Reads what the client has sent into `buf`; the number of bytes (0: end
    /// of stream).
    fn fill(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let mut chunk = [0_u8; 8 * 1024];
        let mut read = ReadBuf::new(&mut chunk);
        ready!(Pin::new(&mut self.io).poll_read(cx, &mut read))?;
        self.buf.extend_from_slice(read.filled());
        Poll::Ready(Ok(read.filled().len()))
    }

    /// Approves the next part of the stream, or stops it; `Pending` while the
    /// client has not sent enough.
    fn advance(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        loop {
            match &mut self.state {
                State::Closed => return Poll::Ready(Ok(())),
                State::Head => {
                    if !self.buf.is_empty() {
                        match head::parse(&self.buf, self.limits.max_head) {
                            Ok(Some(h)) => {
                                self.timer = None;
                                self.heads += 1;
                                self.approved = h.len;
                                self.state = match h.framing {
                                    Framing::Length(0) => State::Head,
                                    framing => State::Body(framing),
                                };
                                return Poll::Ready(Ok(()));
                            }
                            Ok(None) => {}
                            Err(problem) => {
                                self.stop(Outcome::Refused(problem));
                                continue;
                            }
                        }
                    }
                    // A fresh connection has the header timeout to send its
                    // first head; a kept-alive one the idle timeout, then the
                    // header timeout from the next head's first byte.
                    let wait = if self.buf.is_empty() && self.heads > 0 {
                        Wait::Idle
                    } else {
                        Wait::Header
                    };
                    self.arm(wait);
                    match self.fill(cx) {
                        Poll::Ready(Ok(0)) => self.stop(Outcome::Quiet),
                        Poll::Ready(Ok(_)) => {}
                        Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                        Poll::Pending if self.expired(cx) => match wait {
                            Wait::Idle => self.stop(Outcome::Quiet),
                            Wait::Header => self.stop(Outcome::Refused(Problem::HeadTimeout(
                                self.limits.header_timeout.as_secs(),
                            ))),
                        },
                        Poll::Pending => return Poll::Pending,
                    }
                }
                State::Body(framing) => {
                    let done = match framing {
                        Framing::Length(left) => *left == 0,
                        Framing::Chunked(c) => c.is_done(),
                    };
                    if done {
                        self.state = State::Head;
                        continue;
                    }
                    if self.buf.is_empty() {
                        // Cut short: hyper sees the body end too, and the
                        // handler answers `request.body`.
                        if ready!(self.fill(cx))? == 0 {
                            self.stop(Outcome::Quiet);
                        }
                        continue;
                    }
                    let approved = match &mut self.state {
                        State::Body(Framing::Length(left)) => {
                            let n = usize::try_from(*left)
                                .unwrap_or(usize::MAX)
                                .min(self.buf.len());
                            *left -= n as u64;
                            Some(n)
                        }
                        State::Body(Framing::Chunked(c)) => c.advance(&self.buf).ok(),
                        _ => Some(0),
                    };
                    match approved {
                        Some(n) if n > 0 => {
                            self.approved = n;
                            return Poll::Ready(Ok(()));
                        }
                        Some(_) => {}
                        // Framing hyper's decoder refuses too: no more
                        // bytes, the handler answers `request.body`.
                        None => self.stop(Outcome::Quiet),
                    }
                }
            }
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Gate<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        if me.approved == 0 {
            ready!(me.advance(cx))?;
        }
        let n = me.approved.min(out.remaining());
        if n > 0 {
            let part = me.buf.split_to(n);
            out.put_slice(&part);
            me.approved -= n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Gate<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        let written = Pin::new(&mut me.io).poll_write(cx, data);
        me.watch_stall(cx, written)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        let written = Pin::new(&mut me.io).poll_write_vectored(cx, bufs);
        me.watch_stall(cx, written)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        let flushed = Pin::new(&mut me.io).poll_flush(cx);
        me.watch_stall(cx, flushed)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

impl<S> Gate<S> {
    /// A write that makes no progress for the idle timeout fails (the client
    /// stopped reading).
    fn watch_stall<T>(
        &mut self,
        cx: &mut Context<'_>,
        poll: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        match poll {
            Poll::Pending => {
                let after = self.limits.idle_timeout;
                let stall = self
                    .write_stall
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(after)));
                if stall.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "the client stopped reading",
                    )));
                }
                Poll::Pending
            }
            ready => {
                self.write_stall = None;
                ready
            }
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests may panic"
)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::time::Instant;

    use super::*;

    const LIMITS: GateLimits = GateLimits {
        header_timeout: Duration::from_secs(5),
        idle_timeout: Duration::from_secs(10),
        max_head: 16 * 1024,
    };

    /// Everything the gate lets through from `input`, and its outcome.
    async fn through(input: &[u8]) -> (Vec<u8>, Option<Outcome>) {
        let (mut client, server) = tokio::io::duplex(64 * 1024);
        client.write_all(input).await.unwrap();
        client.shutdown().await.unwrap();
        let mut gate = Gate::new(server, LIMITS);
        let mut out = Vec::new();
        gate.read_to_end(&mut out).await.unwrap();
        (out, gate.outcome().cloned())
    }

    #[tokio::test]
    async fn passes_requests_and_their_bodies() {
        let two = b"POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\n\r\n";
        assert_eq!(through(two).await, (two.to_vec(), Some(Outcome::Quiet)));
        let chunked =
            b"POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /b HTTP/1.1\r\n\r\n";
        assert_eq!(through(chunked).await.0, chunked.to_vec());
    }

    #[tokio::test]
    async fn stops_at_a_bad_head_after_good_ones() {
        let good = b"GET /a HTTP/1.1\r\n\r\n".to_vec();
        let mut input = good.clone();
        input.extend_from_slice(b"GET /b HTTP/1.1\r\nX: a\0b\r\n\r\nGET /c HTTP/1.1\r\n\r\n");
        assert_eq!(
            through(&input).await,
            (
                good,
                Some(Outcome::Refused(Problem::BadHead("header value")))
            )
        );
    }

    #[tokio::test]
    async fn a_body_is_never_read_as_a_head() {
        // A body that looks like a bad head is data.
        let input = b"POST /a HTTP/1.1\r\nContent-Length: 12\r\n\r\nX Y: \0\r\n\r\nab";
        assert_eq!(through(input).await.0, input.to_vec());
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_head_times_out_and_an_idle_connection_closes() {
        let (mut client, server) = tokio::io::duplex(1024);
        let mut gate = Gate::new(server, LIMITS);
        client.write_all(b"GET / HTTP/1.1\r\nHost").await.unwrap();
        let mut out = Vec::new();
        gate.read_to_end(&mut out).await.unwrap();
        assert!(out.is_empty());
        assert_eq!(
            gate.outcome(),
            Some(&Outcome::Refused(Problem::HeadTimeout(5)))
        );

        let (mut client, server) = tokio::io::duplex(1024);
        let mut gate = Gate::new(server, LIMITS);
        client.write_all(b"GET / HTTP/1.1\r\n\r\n").await.unwrap();
        let started = Instant::now();
        gate.read_to_end(&mut out).await.unwrap();
        assert_eq!(gate.outcome(), Some(&Outcome::Quiet));
        assert_eq!(started.elapsed(), Duration::from_secs(10));
    }
}
