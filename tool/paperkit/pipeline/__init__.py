"""The pipeline: the stages composed into what paperkit does for a person.

``fetch`` (one paper under its lock: metadata → downloads → extraction → records → note), ``notes`` (a
note from the library's records, with what the library and the reproductions know of its paper; the notes
citing new papers refreshed once per batch), ``views`` (the library's lists and maps that need notes or
verdicts), ``reproduce`` (a reproduction recorded, then the note refreshed), ``cited`` (fetching the works
an introduction cites). The stages below never import from here; the CLI only calls in.
"""
