"""Package data: the OWL ontology (Turtle)."""
