"""Custom actions for the Rasa action server, one module per feature."""
