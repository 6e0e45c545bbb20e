//! The client's address: the peer of the connection or, behind a trusted reverse proxy, the
//! last address in `X-Forwarded-For` that is not itself a trusted proxy (addresses further
//! left could be forged by the client).

use app::state::ClientIp;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<Vec<IpAddr>>);

impl TrustedProxies {
    pub fn new(addresses: Vec<IpAddr>) -> Self {
        TrustedProxies(Arc::new(addresses))
    }
}

/// Middleware: puts the request's `ClientIp` into its extensions (read by the gate).
pub async fn resolve(
    State(trusted): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let forwarded = request
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    if let Some(ip) = client_ip(peer, forwarded, &trusted.0) {
        request.extensions_mut().insert(ClientIp(ip.to_string()));
    }
    next.run(request).await
}

pub fn client_ip(
    peer: Option<IpAddr>,
    forwarded: Option<&str>,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let mut ip = peer?;
    if !trusted.contains(&ip) {
        return Some(ip);
    }
    for hop in forwarded.unwrap_or_default().rsplit(',') {
        let Ok(hop) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        ip = hop;
        if !trusted.contains(&hop) {
            break;
        }
    }
    Some(ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_a_trusted_proxy_the_peer_is_the_client() {
        let forged = Some("1.2.3.4");
        assert_eq!(
            client_ip(Some(ip("203.0.113.9")), forged, &[]),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(client_ip(None, forged, &[]), None);
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_hop_from_the_right() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        let peer = Some(ip("10.0.0.1"));
        assert_eq!(
            client_ip(peer, Some("1.2.3.4, 198.51.100.7, 10.0.0.2"), &proxies),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(client_ip(peer, None, &proxies), Some(ip("10.0.0.1")));
        assert_eq!(
            client_ip(peer, Some("garbage, 198.51.100.7"), &proxies),
            Some(ip("198.51.100.7"))
        );
    }
}
