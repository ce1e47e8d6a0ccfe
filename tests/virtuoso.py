"""The throw-away Virtuoso server the tests start: kg/virtuoso.py (also used by
`scripts/setup.sh --virtuoso` and the benchmarks)."""

from kg.virtuoso import (  # noqa: F401
    PASSWORD,
    USER,
    Virtuoso,
    VirtuosoMissing,
    available,
    start,
    write_ini,
)
