"""A modal form that edits some fields of a document. Each field shows its unit, range and help; a bad value is
marked and explained as you type and never reaches the store. Ctrl+S or Enter saves, Esc cancels."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Select, Static

from workbench.forms import FormField, apply_edits, check_field, display_value, form_field


class DocumentForm(ModalScreen[BaseModel | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
    ]

    def __init__(self, model: type[BaseModel], current: BaseModel | None, fields: Sequence[str | tuple[str, str]],
                 *, title: str) -> None:
        super().__init__(classes="dialog-screen")
        self._model = model
        self._current = current
        self._title = title
        self.fields: list[FormField] = [
            form_field(model, *(spec if isinstance(spec, tuple) else (spec,))) for spec in fields
        ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(self._title, classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                for field in self.fields:
                    value = getattr(self._current, field.name, None) if self._current is not None else None
                    unit = f" ({field.unit})" if field.unit and field.unit not in field.label else ""
                    yield Static(f"[b]{field.label}[/b]{unit}", classes="form-label")
                    yield self._control(field, value)
                    yield Static(field.help, classes="form-help")
                    error = Static("", classes="form-error", id=f"error-{field.name}")
                    error.display = False
                    yield error
            general = Static("", classes="form-error", id="error-general")
            general.display = False
            yield general
            yield Static("Ctrl+S or Enter saves · Esc cancels · Tab moves", classes="dialog-hint")

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()

    def _control(self, field: FormField, value):
        control_id = f"field-{field.name}"
        if field.kind == "bool":
            return Checkbox(field.label, value=bool(value), id=control_id)
        if field.kind == "choice":
            options = [(choice, choice) for choice in field.choices]
            shown = display_value(value)
            return Select(options, value=shown if shown in field.choices else Select.NULL,
                          allow_blank=field.optional, id=control_id, prompt="(not set)")
        return Input(value=display_value(value), id=control_id,
                     type="text", placeholder="(not set)" if field.optional else "")

    def _texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for field in self.fields:
            control = self.query_one(f"#field-{field.name}")
            if isinstance(control, Checkbox):
                texts[field.name] = "yes" if control.value else "no"
            elif isinstance(control, Select):
                texts[field.name] = "" if control.value is Select.NULL else str(control.value)
            elif isinstance(control, Input):
                texts[field.name] = control.value
        return texts

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field in self.fields:
            label = self.query_one(f"#error-{field.name}", Static)
            message = errors.get(field.name, "")
            label.update(f"✗ {message}" if message else "")
            label.display = bool(message)
            self.query_one(f"#field-{field.name}").set_class(bool(message), "invalid")
        general = self.query_one("#error-general", Static)
        general.update(f"✗ {errors['']}" if errors.get("") else "")
        general.display = bool(errors.get(""))

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        field = next((f for f in self.fields if f.name == name), None)
        if field is None:
            return
        label = self.query_one(f"#error-{name}", Static)
        base = self._current if self._current is not None else None
        message = check_field(self._model, base, field, event.value)
        label.update(f"✗ {message}" if message else "")
        label.display = bool(message)
        event.input.set_class(bool(message), "invalid")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        doc, errors = apply_edits(self._model, self._current, self.fields, self._texts())
        if errors:
            self._show_errors(errors)
            first = next((f for f in self.fields if f.name in errors), None)
            if first is not None:
                self.query_one(f"#field-{first.name}").focus()
            return
        self.dismiss(doc)

    def action_cancel(self) -> None:
        self.dismiss(None)
