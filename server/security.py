"""Security headers on every response: a strict Content-Security-Policy and friends.

Every page is built from our own origin (YASGUI comes from npm into /static, no CDN),
so the policy can be strict:

- scripts only from this origin (`script-src 'self'`): no inline script, no `eval`,
  no `javascript:` URL and no inline event handler runs, whatever a value smuggles
  into a page. Page code lives in `/static/*.js`; data for it goes in
  `<script type="application/json">` blocks, which are not executed;
- requests only to this origin (`connect-src 'self'`): the query UI cannot be made to
  send queries, or results, anywhere else;
- no framing (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for old
  browsers), no plugins, no `<base>`; forms post only here;
- styles from this origin plus inline style (YASGUI and CodeMirror set style
  attributes; every value in our templates is escaped by Jinja, so no one else's
  markup, styles included, reaches a page);
- `X-Content-Type-Options: nosniff` on every response, so an answer is never run as
  script or rendered as HTML against its declared type; `Referrer-Policy:
  same-origin` keeps query texts out of other sites' logs.

The policy is one constant, so the pages of other views (and the tests) see the same.
"""

from __future__ import annotations

from flask import Flask, Response

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def install(app: Flask) -> None:
    """Add the headers to every response the app sends (errors and static files too)."""

    @app.after_request
    def _security_headers(resp: Response) -> Response:
        for name, value in HEADERS.items():
            resp.headers.setdefault(name, value)
        return resp
