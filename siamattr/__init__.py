__version__ = "0.1.0"
# The public interface; everything else lives in the modules exported from nbs/.
from .core import explain, explain_many, rank, quadrature_errors, Attribution, RULES
from .features import explain_features, FeatureAttribution
from .models import load_model, DEFAULT_MODEL
from .data import load_benchmark, load_pairs

__all__ = ["explain", "explain_many", "rank", "quadrature_errors", "Attribution", "RULES", "explain_features",
           "FeatureAttribution", "load_model", "DEFAULT_MODEL", "load_benchmark", "load_pairs"]
