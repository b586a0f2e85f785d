//! The bodies the proxy answers with: a whole buffered body, or one cut short after a prefix
//! (closing the connection, or resetting it with `SO_LINGER` 0 so the kernel sends a TCP RST).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};

/// How long a cut body waits after its prefix, so the prefix is flushed before the cut.
const FLUSH_PAUSE: Duration = Duration::from_millis(50);

/// A response body.
#[derive(Debug)]
pub enum ProxyBody {
    /// All of it (None once sent).
    Whole(Option<Bytes>),
    /// A prefix, then an error that makes the server abort the connection.
    Cut(Cut),
}

/// A body cut short.
#[derive(Debug)]
pub struct Cut {
    prefix: Option<Bytes>,
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
    reset: Option<Arc<std::net::TcpStream>>,
}

impl ProxyBody {
    /// The whole of `bytes`.
    pub fn whole(bytes: impl Into<Bytes>) -> Self {
        ProxyBody::Whole(Some(bytes.into()))
    }

    /// `prefix`, then the connection is closed — with a reset when `reset` holds a handle
    /// on the client's socket.
    pub fn cut(prefix: Bytes, reset: Option<Arc<std::net::TcpStream>>) -> Self {
        ProxyBody::Cut(Cut {
            prefix: Some(prefix),
            pause: Some(Box::pin(tokio::time::sleep(FLUSH_PAUSE))),
            reset,
        })
    }
}

impl Body for ProxyBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match self.get_mut() {
            ProxyBody::Whole(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            ProxyBody::Cut(c) => {
                if let Some(p) = c.prefix.take().filter(|p| !p.is_empty()) {
                    return Poll::Ready(Some(Ok(Frame::data(p))));
                }
                if let Some(pause) = c.pause.as_mut() {
                    ready!(pause.as_mut().poll(cx));
                    c.pause = None;
                }
                if let Some(sock) = c.reset.take() {
                    // Linger 0: the close that follows the abort is a reset, not a FIN.
                    let _ = socket2::SockRef::from(&*sock).set_linger(Some(Duration::ZERO));
                }
                Poll::Ready(Some(
                    Err("response cut short by digilyft-faultproxy".into()),
                ))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, ProxyBody::Whole(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ProxyBody::Whole(Some(b)) => SizeHint::with_exact(b.len() as u64),
            ProxyBody::Whole(None) => SizeHint::with_exact(0),
            // Unknown: the response's own Content-Length header (the whole length) stands.
            ProxyBody::Cut(_) => SizeHint::default(),
        }
    }
}
