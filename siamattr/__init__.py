__version__ = "0.1.0"
# The public interface; everything else lives in the modules exported from nbs/.
# Imported lazily (PEP 562): `import siamattr` and `siamattr --help` load neither torch nor sentence-transformers;
# `siamattr.explain` or `from siamattr import explain` imports `siamattr.core` on first use.
import importlib as _importlib
from . import docstrings as _docstrings

# Every siamattr module imported from here on carries its docments (the comment beside each parameter in its
# notebook) in its docstrings, for help(), `?` and IDEs (nbs/00c_docstrings.ipynb).
_docstrings.install_parameter_docs(__name__)
_docstrings.add_parameter_docs(_docstrings)

_PUBLIC = {"explain": "core", "explain_many": "core", "rank": "core", "contrast": "core", "Contrast": "core", "quadrature_errors": "core", "Attribution": "core",
           "RULES": "core", "explain_features": "features", "FeatureAttribution": "features", "load_model": "models",
           "DEFAULT_MODEL": "models", "load_benchmark": "data", "load_pairs": "data"}
__all__ = list(_PUBLIC)

def __getattr__(name):
    if name not in _PUBLIC: raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    globals()[name] = value  # once: later look-ups are plain attribute reads
    return value

def __dir__(): return sorted(set(globals()) | set(__all__))
