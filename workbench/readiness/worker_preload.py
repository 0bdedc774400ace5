"""Imported by the scanner's fork server before it forks any worker process (``scanner._mp_context``): the
analyzers, the rule modules and every grammar's parser and queries are made ready once, and each worker of every
scan starts with them (copy-on-write) instead of building them for its first files. Not imported elsewhere."""

import gc

from workbench.readiness.scanner import warm_process

warm_process()
gc.freeze()   # what is built here is kept for good: the workers' collector need not look at it again
