"""Code-readiness analyzer: finds what breaks when one execution environment runs many invocations at once."""
