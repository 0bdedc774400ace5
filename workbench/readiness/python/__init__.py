"""The Python family's parts: the facts of one file read with ``ast`` (``facts``) and the fixes built with libcst
(``fixes``). The analyzer that runs them is ``workbench.readiness.python_rules``; reachability from the handlers is
``workbench.readiness.python_reach``.
"""
