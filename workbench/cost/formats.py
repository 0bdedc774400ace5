"""The names the cost command and the report writers share (kept apart so `--help` loads no engine)."""

FORMATS = ("table", "json", "csv", "markdown")
MODELS = ("workbench", "aws-sample")
