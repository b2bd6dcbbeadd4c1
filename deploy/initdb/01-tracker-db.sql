-- A separate database for Rasa's tracker store.
CREATE DATABASE rasa_tracker OWNER companion;
