"""Companion: patient-support assistant services shared by actions, channels, console and CLI."""
