"""What one Python file says, by fact family: ``extractor`` (the entry, ``extract(text)``, and the class that puts
the families together), ``module_level`` (imports, names and the code run at import), ``functions`` (definitions,
handler shapes, routes, and the one walk of each function's body), ``tmp_paths`` and ``tmp_names`` (LMI101: /tmp),
``clients`` (LMI102/LMI103: SDK clients and database connections), ``logs`` (LMI104: the request id in the logs),
``memory`` (LMI301: per-process copies), with ``state`` (what they share) and ``vocabulary`` (names and ``ast``
helpers); ``newer_syntax`` reads files written for a newer Python than this interpreter.
"""
