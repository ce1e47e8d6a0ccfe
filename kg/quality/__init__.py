"""Quality stage: reading foreign RDF and validating graphs against SHACL shapes.

rdflib logs a Python traceback (at WARNING, on "rdflib.term") for every literal whose
lexical form does not fit its datatype ("ValueError: month must be in 1..12"). Here an
ill-typed literal is a validation result, never a crash, so that one message is
filtered out for the whole process as soon as this stage is imported.
"""

import logging


class _IllTypedLiteralFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_IllTypedLiteralFilter())
