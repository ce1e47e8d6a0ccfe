"""Extractors: pure functions from a document's text to RDF triples."""
