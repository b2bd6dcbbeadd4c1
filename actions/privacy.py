"""Privacy: "delete my data" with confirmation, and the deletion itself.

Rasa saves the conversation after this turn, so the tracker rows are purged a few
seconds later (after the save), not inside the action; the purge is idempotent.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import identify, run_db, settings
from bot.db.session import session_scope
from bot.privacy import service as privacy_service

logger = logging.getLogger(__name__)
TRACKER_PURGE_DELAY_S = 3.0
# Strong references to the delayed purge tasks: the event loop keeps only weak ones, so
# an unreferenced task could be garbage-collected before it runs.
_purge_tasks: set = set()


class ActionAskDeleteConfirmation(Action):
    def name(self) -> Text:
        return "action_ask_delete_confirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(
            text=(
                "This will permanently delete your check-ins and reminders, the content of "
                "any alerts you sent to our team, and this conversation. Do you want me to "
                "delete your data?"
            ),
            buttons=[
                {"title": "Yes, delete my data", "payload": "/affirm"},
                {"title": "No, keep it", "payload": "/deny"},
            ],
        )
        return [SlotSet("pending_offer", "delete")]


def _purge_tracker(sender_id: str) -> None:
    with session_scope(settings().database_url) as session:
        privacy_service.delete_user_data(
            session, None, tracker_db_url=settings().tracker_db_url, sender_ids=[sender_id]
        )


async def _purge_later(sender_id: str) -> None:
    await asyncio.sleep(TRACKER_PURGE_DELAY_S)
    try:
        await asyncio.to_thread(_purge_tracker, sender_id)
    except Exception:
        logger.exception("tracker purge failed; it can be rerun with `python -m bot users delete`")


async def delete_data(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """Erase the person's data now and their tracker right after this turn is saved."""
    key, _ = identify(tracker)

    def erase():
        with session_scope(settings().database_url) as session:
            return privacy_service.delete_user_data(
                session,
                key,
                tracker_db_url=settings().tracker_db_url,
                sender_ids=[tracker.sender_id],
                spool_dir=settings().spool_dir,
            )

    try:
        report = await run_db(erase)
    except Exception:
        logger.exception("deletion failed")
        dispatcher.utter_message(
            text=(
                "Sorry, I couldn't delete your data just now because of a technical problem. "
                "Please try again later or ask our support team."
            )
        )
        return [SlotSet("pending_offer", None)]
    task = asyncio.get_running_loop().create_task(_purge_later(tracker.sender_id))
    _purge_tasks.add(task)
    task.add_done_callback(_purge_tasks.discard)
    dispatcher.utter_message(text="\n".join(report.sentences()))
    return [AllSlotsReset()]
