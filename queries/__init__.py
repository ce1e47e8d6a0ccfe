"""Example SPARQL queries (`*.rq`), shown in the query UI and shipped as package data."""
