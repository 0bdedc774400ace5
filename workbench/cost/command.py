"""The headless ``lmi-workbench cost`` command, minus its registration: read the files, compare, format.

    lmi-workbench cost --workload FILE [--model workbench|aws-sample] [--format table|json|csv|markdown]
    lmi-workbench cost --input FILE [--format ...]          (the AWS sample calculator's field names)

A workload file is YAML, JSON or TOML. Either its top level is a Workload document, or it has a ``workload``
table, an optional ``lmi_configuration`` table (whole or partial: the settings it names win over the derived
starting configuration, shown as given in the file) and an optional ``cost`` table of
CostInputs fields that override what the documents give (commitment, rates, instance_type, ...).

:func:`run_cost` returns ``(text, exit_code)``: with 0 the text is the report (stdout); otherwise it is one
error message for stderr. Exit codes follow the CLI's: 2 for bad options, files or values, 1 for a price the
catalog lacks or a refresh that failed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.cost.errors import CostError, CostInputError, MissingPrice

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
from workbench.cost.formats import FORMATS, MODELS  # noqa: E402 - shared with the report writers


class InputFileError(CostError):
    """A file that cannot be read or parsed, or whose content is not what the command expects."""


def add_cost_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``cost`` subcommand's options (for the CLI module that registers it)."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--workload", metavar="FILE", type=Path,
                        help="workload file (YAML, JSON or TOML): a Workload, or workload, lmi_configuration "
                             "and cost tables")
    source.add_argument("--input", metavar="FILE", type=Path,
                        help="AWS sample calculator input (its field names: runtime, targetConcurrency, ...)")
    source.add_argument("--demo", action="store_true", help="the built-in demo workload (orders-api, sample numbers)")
    parser.add_argument("--model", choices=MODELS, default=None,
                        help="cost model: the workbench's own (default) or the AWS sample calculator's")
    parser.add_argument("--format", choices=FORMATS, default="table", dest="format",
                        help="output format (default: table)")
    parser.add_argument("--prices", metavar="FILE", type=Path, default=None,
                        help="price override fetched from the AWS Price List API (JSON), laid over the snapshot")
    parser.add_argument("--estimates", action="store_true",
                        help="allow labelled price estimates where the snapshot has no price")


def load_mapping(path: Path) -> dict[str, Any]:
    """A YAML, JSON or TOML file's top-level table, read by the workload files' one bounded reader;
    InputFileError names the file, line and reason."""
    from workbench.workload_files import WorkloadFileError, read_table

    try:
        data, _ = read_table(path)
    except WorkloadFileError as err:
        raise InputFileError(str(err)) from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        raise InputFileError(f"{path}: expected a table of fields at the top level, found {kind}")
    return data


def load_workload(path: Path) -> Any:
    """The workload file (Workload, lmi_configuration table as written, cost table): the same loader as the TUI's, so
    ``cost --workload`` and ``lmi-workbench --workload`` answer alike for the same file."""
    from workbench.workload_files import WorkloadFileError, load_workload_file

    try:
        return load_workload_file(path)
    except WorkloadFileError as err:
        raise InputFileError(str(err)) from None


def _configuration(file: Any) -> Any:
    """The LmiConfiguration for the file's workload: its ``lmi_configuration`` table (whole or partial) wins
    over the derived starting configuration for the values it names; None without one."""
    if file.lmi_configuration is None:
        return None
    from workbench.starting_config import GivenConfigurationError, UnsupportedRuntime, configuration_for

    try:
        return configuration_for(file.workload, file.lmi_configuration, origin=file.path.name)
    except GivenConfigurationError as err:
        raise InputFileError(f"{file.path}: {err}") from None
    except UnsupportedRuntime as err:
        raise CostInputError("runtime", str(err), value=file.workload.runtime) from None


def _cost_overrides(file: Any) -> dict[str, Any]:
    """The ``cost`` table's inputs; a bad one is named with the file and its line."""
    from dataclasses import fields

    from workbench.cost.inputs import CostInputs, _coerce

    known = {f.name for f in fields(CostInputs)}
    out = {}
    for name, value in (file.cost or {}).items():
        line = file.line_of("cost", str(name))
        where = f"{file.path}: " + (f"line {line}: " if line else "")
        if name not in known:
            raise InputFileError(f"{where}cost.{name}: is not a cost input (allowed: {', '.join(sorted(known))})")
        try:
            out[name] = None if value is None else _coerce(name, value)
        except CostInputError as err:
            raise InputFileError(f"{where}cost.{err}") from None
    return out


def run_cost(args: argparse.Namespace | None = None, *, workload: Path | None = None, input: Path | None = None,
             model: str | None = None, fmt: str = "table", prices: Path | None = None,
             estimates: bool = False) -> tuple[str, int]:
    """Run the cost command from parsed options or explicit parameters; returns (text, exit code)."""
    if args is not None:
        workload = getattr(args, "workload", workload)
        input = getattr(args, "input", input)
        model = getattr(args, "model", model)
        fmt = getattr(args, "format", fmt) or fmt
        prices = getattr(args, "prices", prices)
        estimates = bool(getattr(args, "estimates", estimates))
    try:
        return _run(workload, input, model, fmt, prices, estimates), EXIT_OK
    except (InputFileError, CostInputError) as err:
        return str(err), EXIT_USAGE
    except MissingPrice as err:
        hint = "" if estimates else " (--estimates allows labelled estimates)"
        return f"{err}{hint}", EXIT_FAILURE
    except CostError as err:
        return str(err), EXIT_FAILURE


def _run(workload: Path | None, input: Path | None, model: str | None, fmt: str, prices: Path | None,
         estimates: bool) -> str:
    from workbench.cost.aws_sample import calculate
    from workbench.cost.catalog import default_catalog, load_override
    from workbench.cost.compare import compare
    from workbench.cost.report import FORMATS, render
    from workbench.cost.workload import inputs_from_workload, sample_input_from_workload

    if fmt not in FORMATS:
        raise InputFileError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if (workload is None) == (input is None):
        raise InputFileError("give exactly one of --workload FILE or --input FILE")
    if model is not None and model not in MODELS:
        raise InputFileError(f"unknown model {model!r}: expected one of {', '.join(MODELS)}")
    catalog = default_catalog()
    if prices is not None:
        try:
            catalog = catalog.with_override(load_override(prices))
        except FileNotFoundError:
            raise InputFileError(f"{prices}: no such file") from None
        except (OSError, ValueError, KeyError) as err:
            raise InputFileError(f"{prices}: not a usable price override ({err})") from None
    if input is not None:
        if model == "workbench":
            raise InputFileError("--input takes the AWS sample calculator's fields: use it with --model aws-sample "
                                 "(or give a workload with --workload)")
        return render(calculate(load_mapping(input), catalog), fmt)
    assert workload is not None
    file = load_workload(workload)
    doc, config = file.workload, _configuration(file)
    if model == "aws-sample":
        return render(calculate(sample_input_from_workload(doc, config), catalog), fmt)
    overrides = _cost_overrides(file)
    if estimates:
        overrides["allow_estimates"] = True
    try:
        inputs = inputs_from_workload(doc, config, **overrides)
    except CostInputError as err:  # named with the file, and the line when the value is in it
        field = str(err.field).removeprefix("cost.")
        line = file.line_of("cost", field) or file.line_of("workload", field) or file.line_of(field)
        raise InputFileError(f"{workload}: " + (f"line {line}: " if line else "") + str(err)) from None
    return render(compare(inputs, catalog), fmt)
