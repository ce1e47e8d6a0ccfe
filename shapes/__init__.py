"""Package data: the SHACL shapes (Turtle)."""
