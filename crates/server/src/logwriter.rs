//! Standard output for the JSON logs, buffered: one access-log line per
//! request would otherwise cost a `write(2)` each. Lines are flushed when the
//! buffer fills, every 100 ms (a background thread), right away for warnings
//! and errors, and when the process exits through [`crate::run`].

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tracing::Level;
use tracing_subscriber::fmt::MakeWriter;

const CAPACITY: usize = 64 * 1024;

/// The shared buffer (one per process).
#[derive(Clone, Debug)]
pub struct BufferedStdout(Arc<Mutex<BufWriter<Stdout>>>);

impl BufferedStdout {
    /// The process's buffered stdout, with its flushing thread started.
    pub fn get() -> BufferedStdout {
        static ONE: OnceLock<BufferedStdout> = OnceLock::new();
        ONE.get_or_init(|| {
            let me = BufferedStdout(Arc::new(Mutex::new(BufWriter::with_capacity(
                CAPACITY,
                io::stdout(),
            ))));
            let flusher = me.clone();
            let _ = std::thread::Builder::new()
                .name("log-flush".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(Duration::from_millis(100));
                        flusher.flush_now();
                    }
                });
            me
        })
        .clone()
    }

    /// Writes out what is buffered.
    pub fn flush_now(&self) {
        if let Ok(mut w) = self.0.lock() {
            let _ = w.flush();
        }
    }
}

/// One event's writer: the line goes into the buffer in one piece.
pub struct Line {
    out: BufferedStdout,
    urgent: bool,
}

impl Write for Line {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut w = self
            .out
            .0
            .lock()
            .map_err(|_| io::Error::other("log buffer poisoned"))?;
        w.write_all(buf)?;
        if self.urgent {
            w.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for BufferedStdout {
    type Writer = Line;

    fn make_writer(&'a self) -> Line {
        Line {
            out: self.clone(),
            urgent: false,
        }
    }

    fn make_writer_for(&'a self, meta: &tracing::Metadata<'_>) -> Line {
        Line {
            out: self.clone(),
            urgent: *meta.level() <= Level::WARN,
        }
    }
}
