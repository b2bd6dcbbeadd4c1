"""Privacy: pseudonymous user keys, data export and deletion."""

from bot.privacy.pseudonym import user_key
from bot.privacy.service import DeletionReport, delete_user_data, export_user

__all__ = ["DeletionReport", "delete_user_data", "export_user", "user_key"]
