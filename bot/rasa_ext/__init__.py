"""Extensions plugged into the Rasa server by module path (tracker store)."""
