"""The Flask app serving the graph over the SPARQL 1.1 Protocol and as Linked Data."""
