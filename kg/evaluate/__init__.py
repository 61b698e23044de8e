"""Evaluation of kg's extraction against gold sets (``kg eval``): adapters, metrics, runner."""

from kg.evaluate.adapters import GoldDate, GoldDoc, GoldEntity, GoldEvent, GoldQuote, load_gold
from kg.evaluate.run import Predictor, kg_predictor, run_eval

__all__ = [
    "GoldDate",
    "GoldDoc",
    "GoldEntity",
    "GoldEvent",
    "GoldQuote",
    "Predictor",
    "kg_predictor",
    "load_gold",
    "run_eval",
]
