"""Infrastructure-as-code generators for a Lambda Managed Instances migration.

``generate(fmt, workload, config, options)`` returns ``{relative path: text}``; ``write_files`` writes them
without replacing existing files unless asked. Every format renders the same :class:`InfraModel`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.iac.model import InfraModel, build_model
from workbench.iac.options import IacInputError, IacOptions, check_format, check_inputs
from workbench.models import LmiConfiguration, Workload

FORMATS: dict[str, str] = {
    "cdk-ts": "CDK app in TypeScript (default)",
    "cdk-py": "CDK app in Python",
    "cdk-js": "CDK app in JavaScript",
    "sam": "SAM template",
    "cloudformation": "CloudFormation template",
    "terraform": "Terraform configuration",
    "cli": "AWS CLI setup script (bash)",
}
DEFAULT_FORMAT = "cdk-ts"


def _writers() -> dict[str, Callable[[InfraModel], dict[str, str]]]:
    from workbench.iac import cdk, cdk_python, cli_script, cloudformation, terraform

    return {
        "cdk-ts": cdk.cdk_typescript,
        "cdk-py": cdk_python.cdk_python,
        "cdk-js": cdk.cdk_javascript,
        "sam": lambda m: {"template.yaml": cloudformation.sam(m)},
        "cloudformation": lambda m: {"template.yaml": cloudformation.cloudformation(m)},
        "terraform": terraform.terraform,
        "cli": cli_script.cli_script,
    }


def generate(fmt: str, workload: Workload | None, config: LmiConfiguration | None,
             options: IacOptions | None = None) -> dict[str, str]:
    """The files of one format. Raises ValueError for an unknown format, IacInputError for unusable inputs."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    format_problems = check_format(fmt, config)
    try:
        model = build_model(workload, config, options)
    except IacInputError as error:
        raise IacInputError(error.problems + format_problems) from None
    if format_problems:
        raise IacInputError(format_problems)
    return _writers()[fmt](model)


class FilesExist(FileExistsError):
    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        names = ", ".join(str(p) for p in paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        super().__init__(f"{len(paths)} file(s) already exist: {names}; nothing was written")


def write_files(files: dict[str, str], directory: Path | str, *, overwrite: bool = False) -> list[Path]:
    """Write ``files`` under ``directory`` (created if missing); returns the paths written.

    Existing files are kept unless ``overwrite``: when any exists, nothing is written at all. Each file is
    written atomically (a temporary file renamed over the target).
    """
    from workbench.files import write_atomically

    root = Path(directory)
    targets: list[tuple[Path, str]] = []
    for rel, text in files.items():
        rel_path = Path(rel)
        if rel_path.is_absolute() or ".." in rel_path.parts:
            raise ValueError(f"refusing to write outside {root}: {rel}")
        targets.append((root / rel_path, text))
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(f"{root} exists and is not a directory")
    existing = [path for path, _ in targets if path.exists()]
    if existing and not overwrite:
        raise FilesExist(existing)
    written: list[Path] = []
    for path, text in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        new = not path.exists()
        write_atomically(path, text)
        if new:  # the temporary file was private (0600); a new file gets the usual mode
            path.chmod(0o755 if path.suffix == ".sh" else 0o644)
        elif path.suffix == ".sh":
            path.chmod(path.stat().st_mode | 0o111)
        written.append(path)
    return written


__all__ = ["DEFAULT_FORMAT", "FORMATS", "FilesExist", "IacInputError", "IacOptions", "InfraModel", "build_model",
           "check_format", "check_inputs", "generate", "write_files"]
