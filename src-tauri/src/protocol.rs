//! The `evidence://` protocol: evidence images reach the window straight from the encrypted
//! store, in memory. Nothing is written to a temporary file, and `Cache-Control: no-store`
//! keeps the webview from caching the bytes on disk.
//!
//! `evidence://localhost/<id>/thumb` is the thumbnail, `evidence://localhost/<id>/original`
//! the original file (images only).

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext};

use crate::AppState;

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(text.as_bytes().to_vec())
        .unwrap_or_default()
}

/// Parses `/<id>/<thumb|original>`.
pub fn parse_path(path: &str) -> Option<(i32, bool)> {
    let mut parts = path.trim_start_matches('/').split('/');
    let id = parts.next()?.parse().ok()?;
    let thumb = match parts.next()? {
        "thumb" => true,
        "original" => false,
        _ => return None,
    };
    parts.next().is_none().then_some((id, thumb))
}

/// Answers one request of the `evidence` scheme.
pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
) -> Response<Vec<u8>> {
    let Some((id, thumb)) = parse_path(request.uri().path()) else {
        return plain(StatusCode::NOT_FOUND, "No such evidence address.");
    };
    let state = ctx.app_handle().state::<AppState>();
    let slot = state.slot();
    let Some(store) = slot.as_ref() else {
        return plain(StatusCode::FORBIDDEN, "The case file is locked.");
    };
    let found = if thumb {
        store.evidence_thumbnail(id).ok().flatten()
    } else {
        store
            .evidence_original(id)
            .ok()
            .filter(|(media_type, _)| casefile_core::evidence::displayable(media_type))
    };
    match found {
        Some((media_type, bytes)) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, media_type)
            .header(header::CACHE_CONTROL, "no-store")
            .header("X-Content-Type-Options", "nosniff")
            .body(bytes)
            .unwrap_or_default(),
        None => plain(
            StatusCode::NOT_FOUND,
            "This evidence item has no picture to show.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_path;

    #[test]
    fn paths() {
        assert_eq!(parse_path("/12/thumb"), Some((12, true)));
        assert_eq!(parse_path("/12/original"), Some((12, false)));
        assert_eq!(parse_path("/12/../../etc"), None);
        assert_eq!(parse_path("/x/thumb"), None);
        assert_eq!(parse_path("/12/thumb/more"), None);
    }
}
