"""The one configuration object: environment variables, overridden by CLI flags.

Every setting is listed in `SETTINGS` with its variable and meaning; the README's
configuration table is generated from this list, so the two cannot drift.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kg import __version__
from kg.namespaces import DEFAULT_BASE

WIKIDATA_ENDPOINTS = (
    "https://query.wikidata.org/sparql",
    "https://query-scholarly.wikidata.org/sparql",
)


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.replace("\n", ",").split(",") if v.strip())


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _backend(value: str) -> str:
    value = value.strip().lower()
    if value not in {"oxigraph", "virtuoso"}:
        raise ValueError(f"expected oxigraph or virtuoso, not {value!r}")
    return value


def _auth(value: str) -> str:
    value = value.strip().lower()
    if value not in {"auto", "basic", "digest", "none"}:
        raise ValueError(f"expected auto, basic, digest or none, not {value!r}")
    return value


def _mapping(value: str) -> dict[str, str]:
    """`from=to,from2=to2`: used to point an allowlisted endpoint at a stand-in."""
    pairs = {}
    for item in _split(value):
        src, sep, dst = item.partition("=")
        if not sep:
            raise ValueError(f"expected FROM=TO in {item!r}")
        pairs[src.strip()] = dst.strip()
    return pairs


@dataclass(frozen=True)
class Config:
    base: str = DEFAULT_BASE
    data_dir: Path = Path("var")
    sources: tuple[str, ...] = ("seeds",)
    host: str = "127.0.0.1"
    port: int = 8080
    threads: int = 64
    web_processes: int = 2
    request_timeout: float = 10.0
    body_min_rate: int = 65536
    max_connections: int = 1000
    max_client_connections: int = 64
    query_timeout: float = 60.0
    query_processes: int = 4
    light_processes: int = 2
    warm_processes: int = 1
    process_idle: float = 30.0
    light_budget: float = 0.5
    query_memory_mb: int = 2048
    store_in_memory: bool = False
    store_copy_mb: int = 64
    max_rows: int = 100_000
    max_upload_bytes: int = 16 * 1024 * 1024
    rate_limit: int = 600
    rate_window: float = 60.0
    max_document_bytes: int = 8 * 1024 * 1024
    nlp_model: str = "en_core_web_sm"
    update_enabled: bool = False
    admin_token: str = ""
    service_allowlist: tuple[str, ...] = WIKIDATA_ENDPOINTS
    service_map: dict[str, str] = field(default_factory=dict)
    service_timeout: float = 20.0
    service_max_bytes: int = 8 * 1024 * 1024
    service_concurrency: int = 2
    service_batch_size: int = 200
    contact: str = "newsgraph-operator@example.org"
    links_file: str = ""
    wikidata_api: str = "https://www.wikidata.org/w/api.php"
    store: str = "oxigraph"
    remote_store: str = ""
    remote_update: str = ""
    remote_gsp: str = ""
    remote_user: str = ""
    remote_password: str = field(default="", repr=False)
    remote_auth: str = "auto"
    validate_page_size: int = 50_000
    validate_max_triples: int = 20_000_000

    @property
    def public_prefix(self) -> str:
        """The IRI prefix this server answers for: the base minus its last segment.

        `https://w3id.org/newsgraph/id/x` is served at `/id/x`, and the ontology
        `https://w3id.org/newsgraph/ontology` at `/ontology`.
        """
        trimmed = self.base.rstrip("/")
        return trimmed[: trimmed.rfind("/") + 1]

    @property
    def base_path(self) -> str:
        """Local path under which instance IRIs are served, e.g. `/id/`."""
        return "/" + self.base[len(self.public_prefix) :]

    @property
    def user_agent(self) -> str:
        return f"newsgraph/{__version__} (+{self.contact})"

    @property
    def store_root(self) -> Path:
        return self.data_dir / "stores"

    def replace(self, **changes) -> Config:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


# (field, variable, parser, meaning)
SETTINGS: list[tuple[str, str, object, str]] = [
    ("base", "NEWSGRAPH_BASE", str, "instance IRI base; IRIs under it dereference on this server"),
    ("data_dir", "NEWSGRAPH_DATA_DIR", Path, "where the persistent store and build cache live"),
    ("sources", "NEWSGRAPH_SOURCES", _split, "comma-separated documents or folders to build"),
    ("host", "NEWSGRAPH_HOST", str, "address `kg serve` listens on"),
    ("port", "NEWSGRAPH_PORT", int, "port `kg serve` listens on"),
    (
        "web_processes",
        "NEWSGRAPH_WEB_PROCESSES",
        int,
        "web processes `kg serve` answers from, on one listening socket (each with its own"
        " query processes; 1 with NEWSGRAPH_UPDATE)",
    ),
    (
        "threads",
        "NEWSGRAPH_THREADS",
        int,
        "request threads (a request holds one only once it has fully arrived)",
    ),
    (
        "request_timeout",
        "NEWSGRAPH_REQUEST_TIMEOUT",
        float,
        "seconds a client has to send a request's headers (slower: 408, connection closed)",
    ),
    (
        "body_min_rate",
        "NEWSGRAPH_BODY_MIN_RATE",
        int,
        "bytes/s a request body must arrive at, on average, after its headers",
    ),
    ("max_connections", "NEWSGRAPH_MAX_CONNECTIONS", int, "open connections, in all"),
    (
        "max_client_connections",
        "NEWSGRAPH_MAX_CLIENT_CONNECTIONS",
        int,
        "open connections from one client address (0: no cap)",
    ),
    (
        "query_timeout",
        "NEWSGRAPH_QUERY_TIMEOUT",
        float,
        "wall-clock seconds a query, update or validation may run",
    ),
    (
        "query_processes",
        "NEWSGRAPH_QUERY_PROCESSES",
        int,
        "query processes of the heavy lane (expensive queries, validations; a request past"
        " its deadline has its process killed)",
    ),
    (
        "light_processes",
        "NEWSGRAPH_LIGHT_PROCESSES",
        int,
        "query processes kept for cheap queries and /health (the light lane; 0: one lane)",
    ),
    (
        "warm_processes",
        "NEWSGRAPH_WARM_PROCESSES",
        int,
        "query processes started with the server and kept while it is idle (light lane first);"
        " the others start when requests need them, up to the two lanes' sizes (-1: all)",
    ),
    (
        "process_idle",
        "NEWSGRAPH_PROCESS_IDLE",
        float,
        "seconds a query process beyond the warm ones stays unused before it ends (0: never)",
    ),
    (
        "light_budget",
        "NEWSGRAPH_LIGHT_BUDGET",
        float,
        "seconds a query may run in the light lane before it moves to the heavy lane",
    ),
    (
        "query_memory_mb",
        "NEWSGRAPH_QUERY_MEMORY",
        int,
        "MiB of memory one query process may use (0: no cap); past it the query ends in a 503",
    ),
    (
        "store_in_memory",
        "NEWSGRAPH_STORE_IN_MEMORY",
        _bool,
        "query processes answer from an in-memory copy of the build (3-6x faster joins and"
        " aggregates; about 376 MB per million quads in each process; not with"
        " NEWSGRAPH_UPDATE)",
    ),
    (
        "store_copy_mb",
        "NEWSGRAPH_STORE_COPY_MB",
        int,
        "without NEWSGRAPH_STORE_IN_MEMORY, query processes still answer from an in-memory"
        " copy of a build whose copy takes at most this many MiB in each (0: never; not with"
        " NEWSGRAPH_UPDATE)",
    ),
    ("max_rows", "NEWSGRAPH_MAX_ROWS", int, "result rows returned before truncation"),
    ("max_upload_bytes", "NEWSGRAPH_MAX_UPLOAD", int, "largest request body accepted, bytes"),
    ("rate_limit", "NEWSGRAPH_RATE_LIMIT", int, "requests per client per window (0: off)"),
    ("rate_window", "NEWSGRAPH_RATE_WINDOW", float, "rate-limit window, seconds"),
    (
        "max_document_bytes",
        "NEWSGRAPH_MAX_DOCUMENT_BYTES",
        int,
        "largest source document a build reads, bytes (larger ones are skipped, named)",
    ),
    (
        "nlp_model",
        "NEWSGRAPH_NLP_MODEL",
        str,
        "spaCy pipeline the extractor reads with (en_core_web_sm: spaCy's small English 3.8;"
        " en_core_web_md, _lg, _trf once installed)",
    ),
    ("update_enabled", "NEWSGRAPH_UPDATE", _bool, "accept SPARQL Update (needs the admin token)"),
    ("admin_token", "NEWSGRAPH_ADMIN_TOKEN", str, "bearer token for SPARQL Update"),
    ("service_allowlist", "NEWSGRAPH_SERVICE_ALLOWLIST", _split, "endpoints SERVICE may call"),
    ("service_map", "NEWSGRAPH_SERVICE_MAP", _mapping, "FROM=TO: send calls for FROM to TO"),
    ("service_timeout", "NEWSGRAPH_SERVICE_TIMEOUT", float, "seconds per SERVICE call"),
    ("service_max_bytes", "NEWSGRAPH_SERVICE_MAX_BYTES", int, "largest SERVICE response, bytes"),
    ("service_concurrency", "NEWSGRAPH_SERVICE_CONCURRENCY", int, "parallel calls per endpoint"),
    (
        "service_batch_size",
        "NEWSGRAPH_SERVICE_BATCH",
        int,
        "bindings sent per SERVICE call in a bind join (VALUES rows)",
    ),
    ("contact", "NEWSGRAPH_CONTACT", str, "contact address sent in the User-Agent"),
    (
        "links_file",
        "NEWSGRAPH_LINKS",
        str,
        "reviewed Wikidata link file `kg build` reads and `kg link` extends "
        "(empty: the packaged kg/data/wikidata-links.tsv)",
    ),
    (
        "wikidata_api",
        "NEWSGRAPH_WIKIDATA_API",
        str,
        "Wikidata's API for `kg link`'s entity search (NEWSGRAPH_SERVICE_MAP applies)",
    ),
    (
        "store",
        "NEWSGRAPH_STORE",
        _backend,
        "oxigraph (the built store, on disk) or virtuoso: build into and serve from the"
        " Virtuoso that `scripts/setup.sh --virtuoso` started (analytics: docs/scale-out.md)",
    ),
    ("remote_store", "NEWSGRAPH_REMOTE_STORE", str, "SPARQL endpoint of an external store"),
    ("remote_update", "NEWSGRAPH_REMOTE_UPDATE", str, "its SPARQL Update endpoint (`kg build`)"),
    ("remote_gsp", "NEWSGRAPH_REMOTE_GSP", str, "its Graph Store Protocol endpoint (faster loads)"),
    ("remote_user", "NEWSGRAPH_REMOTE_USER", str, "user name for the external store"),
    ("remote_password", "NEWSGRAPH_REMOTE_PASSWORD", str, "password for the external store"),
    ("remote_auth", "NEWSGRAPH_REMOTE_AUTH", _auth, "auto, basic, digest or none"),
    (
        "validate_page_size",
        "NEWSGRAPH_VALIDATE_PAGE_SIZE",
        int,
        "`kg validate --endpoint`: triples fetched per CONSTRUCT page",
    ),
    (
        "validate_max_triples",
        "NEWSGRAPH_VALIDATE_MAX_TRIPLES",
        int,
        "`kg validate --endpoint`: most triples copied (into a temporary on-disk store)",
    ),
]


def from_env(environ: dict[str, str] | None = None) -> Config:
    env = os.environ if environ is None else environ
    values = {}
    for name, var, parse, _ in SETTINGS:
        if var in env and env[var] != "":
            try:
                values[name] = parse(env[var])  # type: ignore[operator]
            except ValueError as exc:
                raise ValueError(f"{var}: {exc}") from exc
    config = Config(**values)
    if config.store == "virtuoso" and not config.remote_store:
        config = with_local_virtuoso(config)
    if not config.base.endswith(("/", "#")):
        raise ValueError("NEWSGRAPH_BASE must end with / or #")
    if urlsplit(config.base).scheme not in {"http", "https"}:
        raise ValueError("NEWSGRAPH_BASE must be an http(s) IRI")
    return config


def virtuoso_folder(config: Config) -> Path:
    """Where `scripts/setup.sh --virtuoso` keeps its Virtuoso (database, ini, endpoints)."""
    return config.data_dir / "virtuoso"


def with_local_virtuoso(config: Config) -> Config:
    """`NEWSGRAPH_STORE=virtuoso`: the remote settings of the local instance."""
    from kg.virtuoso import instance_settings

    found = instance_settings(virtuoso_folder(config))
    if not found:
        raise ValueError(
            f"NEWSGRAPH_STORE=virtuoso: no Virtuoso running in {virtuoso_folder(config)};"
            " start one with `scripts/setup.sh --virtuoso`"
        )
    names = {var: name for name, var, _, _ in SETTINGS}
    return config.replace(**{names[var]: value for var, value in found.items()})


def settings_table() -> str:
    """Markdown table of every setting, for the README."""
    defaults = Config()
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, var, _, meaning in SETTINGS:
        value = getattr(defaults, name)
        if isinstance(value, tuple):
            value = ",".join(value)
        rows.append(f"| `{var}` | `{value}` | {meaning} |")
    return "\n".join(rows)
