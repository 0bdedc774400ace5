"""LMI301 facts of a Python file: what every Python process of the execution environment (one per concurrent
invocation) holds its own copy of: models and data loaded at import, big literals, caches without a bound.
"""

from __future__ import annotations

import ast

from workbench.readiness.python.facts.state import ExtractorState
from workbench.readiness.python.facts.vocabulary import MODULE, dotted

LOADERS = {
    "pickle.load": "a pickle", "joblib.load": "a joblib model", "numpy.load": "a NumPy array",
    "numpy.loadtxt": "a NumPy array", "numpy.genfromtxt": "a NumPy array", "torch.load": "a PyTorch model",
    "spacy.load": "a spaCy model", "onnxruntime.InferenceSession": "an ONNX model",
    "sentence_transformers.SentenceTransformer": "a sentence-transformers model",
    "tensorflow.keras.models.load_model": "a Keras model", "keras.models.load_model": "a Keras model",
    "pandas.read_csv": "a DataFrame", "pandas.read_parquet": "a DataFrame", "pandas.read_json": "a DataFrame",
    "pandas.read_pickle": "a DataFrame", "pandas.read_feather": "a DataFrame", "pandas.read_excel": "a DataFrame",
    "transformers.pipeline": "a transformers pipeline", "faiss.read_index": "a FAISS index",
    "gensim.models.KeyedVectors.load": "word vectors",
}
LOADER_ATTRS = {"from_pretrained": "a pretrained model", "load_model": "a model"}
BIG_LITERAL_ITEMS = 1000
BIG_LITERAL_LINES = 500
BIG_STRING = 100_000


class MemoryFacts(ExtractorState):
    def _module_loader(self, node: ast.Call, name: str | None) -> None:
        """A call at import that loads a model or a data set."""
        label = LOADERS.get(name or "")
        if label is None and isinstance(node.func, ast.Attribute) and node.func.attr in LOADER_ATTRS:
            label = LOADER_ATTRS[node.func.attr]
        if label:
            self.add("LMI301", node, MODULE,
                     f"{dotted(node.func) or 'this call'}(...) loads {label} at import: every Python process "
                     "of the execution environment (one per concurrent invocation, 16 per vCPU by default "
                     "on LMI) holds its own copy, so its memory counts once per process",
                     mod=True)

    def _big_literal(self, stmt: ast.Assign | ast.AnnAssign, names: list[str]) -> None:
        value = stmt.value
        assert value is not None  # the caller passes only assignments with a value
        size = None
        if isinstance(value, (ast.List, ast.Set, ast.Tuple)):
            size = len(value.elts)
        elif isinstance(value, ast.Dict):
            size = len(value.keys)
        lines = (value.end_lineno or value.lineno) - value.lineno + 1
        what = None
        if size is not None and (size >= BIG_LITERAL_ITEMS or lines >= BIG_LITERAL_LINES):
            what = f"a literal of {size:,} items over {lines:,} lines"
        elif isinstance(value, ast.Constant) and isinstance(value.value, (str, bytes)) and \
                len(value.value) >= BIG_STRING:
            what = f"a literal of {len(value.value):,} characters"
        if what:
            label = ", ".join(names) or "module state"
            self.add("LMI301", stmt, MODULE,
                     f"Module-level {label} is {what}: every Python process of the execution environment (one per "
                     "concurrent invocation, 16 per vCPU by default on LMI) holds its own copy",
                     mod=True)

    # ----- functions -----------------------------------------------------------------------------------------

    def _unbounded_caches(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, qualname: str) -> None:
        """``lru_cache(maxsize=None)`` and ``functools.cache`` on a function.

        A function without parameters is called with one key only: its cache holds one entry (the usual way to
        keep one client or one session per process) and cannot grow."""
        args = fn.args
        if not (args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg):
            return
        for deco in fn.decorator_list:
            if isinstance(deco, ast.Call) and self.full_name(dotted(deco.func)) == "functools.lru_cache" and any(
                    k.arg == "maxsize" and isinstance(k.value, ast.Constant) and k.value.value is None
                    for k in deco.keywords):
                self.add("LMI301", deco, qualname,
                         f"lru_cache(maxsize=None) on {qualname} grows without bound in every Python process of "
                         "the execution environment (one per concurrent invocation): memory counts once per process",
                         mod=True)
            elif self.full_name(dotted(deco)) == "functools.cache":
                self.add("LMI301", deco, qualname,
                         f"functools.cache on {qualname} grows without bound in every Python process of the "
                         "execution environment (one per concurrent invocation): memory counts once per process",
                         mod=True)
