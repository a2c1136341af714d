"""What the faces do with the store, written once: the CLI and the web call these functions,
so a query, a write or a correction means the same whichever face asks.

- ``writes``: ``add_to_store``, the one path ``presslens ingest`` and the web's writes take.
- ``queries``: what the reading commands and the API ask of the store, with the defaults
  they share (the confidence from which items are shown, which events a timeline holds) and
  the lookup of an actor an analyst names by an id or any spelling.
- ``corrections``: merging two actors and splitting one, in the store and the alias table.

Nothing here prints or answers HTTP: the faces turn the records into text, pages or JSON.
The submodules are imported where they are used, so that a query never loads the pipeline
a write needs.
"""
