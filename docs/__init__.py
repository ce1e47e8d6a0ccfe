"""The user documentation, shipped with the package so the server's /docs pages can show it."""
