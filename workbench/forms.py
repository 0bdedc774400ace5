"""Editing documents field by field: what kind of control a field needs, parsing what a person typed, and
validation messages per field. Used by the screens' forms; no Textual here.

Nothing invalid reaches the store: ``apply_edits`` returns either the new document or the messages.
"""

from __future__ import annotations

import enum
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from workbench.labels import own_label, unwrap
from workbench.models._base import field_range


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    help: str
    kind: str  # "number", "integer", "text", "choice", "bool"
    optional: bool
    choices: tuple[str, ...] = ()
    unit: str = ""


def form_field(model: type[BaseModel], name: str, label: str | None = None) -> FormField:
    info = model.model_fields[name]
    inner, optional = unwrap(info.annotation)
    rng = field_range(model, name)
    help_text = info.description or name
    if rng is not None:
        help_text = f"{help_text} ({rng.describe()})"
    choices: tuple[str, ...] = ()
    if inner is bool:
        kind = "bool"
    elif inner is int:
        kind = "integer"
    elif inner is float:
        kind = "number"
    elif typing.get_origin(inner) is Literal:
        kind, choices = "choice", tuple(str(c) for c in typing.get_args(inner))
    elif isinstance(inner, type) and issubclass(inner, enum.Enum):
        kind, choices = "choice", tuple(str(m.value) for m in inner)
    else:
        kind = "text"
    label = label or own_label(model, name) or name.replace("_", " ").capitalize()  # the model's label on screen
    return FormField(name=name, label=label, help=help_text, kind=kind,
                     optional=optional or info.default is None, choices=choices, unit=rng.unit if rng else "")


def display_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_value(field: FormField, text: str) -> Any:
    """What the person typed, as the field's type; raises ValueError with a message for the person."""
    text = text.strip()
    if text == "":
        if field.optional:
            return None
        raise ValueError(f"{field.label} is required")
    if field.kind in ("number", "integer"):
        cleaned = text.replace(",", "").replace("_", "")
        suffixes = {"k": 1e3, "m": 1e6, "b": 1e9}
        factor = 1.0
        if cleaned[-1:].lower() in suffixes:
            factor = suffixes[cleaned[-1].lower()]
            cleaned = cleaned[:-1]
        try:
            number = float(cleaned) * factor
        except ValueError:
            raise ValueError(f"{field.label} must be a number (got {text!r})") from None
        if field.kind == "integer":
            if not number.is_integer():
                raise ValueError(f"{field.label} must be a whole number (got {text!r})")
            return int(number)
        return number
    if field.kind == "bool":
        lowered = text.lower()
        if lowered in ("yes", "y", "true", "on", "1"):
            return True
        if lowered in ("no", "n", "false", "off", "0"):
            return False
        raise ValueError(f"{field.label} must be yes or no (got {text!r})")
    if field.kind == "choice" and text not in field.choices:
        raise ValueError(f"{field.label} must be one of {', '.join(field.choices)} (got {text!r})")
    return text


def apply_edits(model: type[BaseModel], base: BaseModel | None, fields: list[FormField],
                texts: dict[str, str]) -> tuple[BaseModel | None, dict[str, str]]:
    """The document with the typed values applied, or None and a message per field (``""`` for the whole)."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = base.model_dump() if base is not None else {}
    for field in fields:
        if field.name not in texts:
            continue
        try:
            values[field.name] = parse_value(field, texts[field.name])
        except ValueError as exc:
            errors[field.name] = str(exc)
    if errors:
        return None, errors
    try:
        return model.model_validate(values), {}
    except ValidationError as exc:
        labels = {f.name: f.label for f in fields}
        for other, info in model.model_fields.items():  # a rule across fields names the others too
            labels.setdefault(other, own_label(model, other) or other.replace("_", " ").capitalize())
        for problem in exc.errors():
            location = problem.get("loc") or ()
            name = str(location[0]) if location else ""
            message = problem.get("msg", "invalid value").removeprefix("Value error, ")
            errors[name if name in labels else ""] = on_screen(message, labels, name)
        return None, errors


def on_screen(message: str, labels: dict[str, str], name: str = "") -> str:
    """A validation message in the words on screen: field names become their labels ("memory_mb must be …" →
    "Memory (MB) must be …"), and a message that names no field ("Input should be a finite number") gets the
    label of the field it is about."""
    import re

    for field_name in sorted(labels, key=len, reverse=True):
        message = re.sub(rf"\b{re.escape(field_name)}\b", labels[field_name], message)
    label = labels.get(name)
    if label and label not in message:
        message = f"{label}: {message[:1].lower()}{message[1:]}"
    return message


def check_field(model: type[BaseModel], base: BaseModel | None, field: FormField, text: str) -> str | None:
    """The message for one field as typed (type, range and the model's own rules), or None when it is fine."""
    try:
        parse_value(field, text)
    except ValueError as exc:
        return str(exc)
    if base is None:
        return None  # a new document: other required fields are still empty, judge the whole on saving
    _, errors = apply_edits(model, base, [field], {field.name: text})
    return errors.get(field.name)
