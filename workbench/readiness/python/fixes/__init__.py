"""The Python fixes, libcst transformations built for one finding each: ``build`` (the entry, ``build_fix``, and
the builder of each rule), ``hoist`` (LMI102/LMI103), ``tmp_paths`` (LMI101), ``logs`` (LMI104), with ``tree`` (a
parsed module and the edits to make in one pass), ``names`` (what code binds and reads), ``request_id`` (the
request id in reach of a function) and ``region`` (large files: the fix is built on the part it changes).
"""
