"""The web UI and HTTP API (``presslens serve``)."""
