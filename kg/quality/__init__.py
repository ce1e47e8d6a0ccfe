"""Quality stage: reading foreign RDF and validating graphs against SHACL shapes."""
