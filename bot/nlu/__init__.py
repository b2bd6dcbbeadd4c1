"""Custom Rasa NLU components for Companion (see bench/nlu/MINILM.md)."""
