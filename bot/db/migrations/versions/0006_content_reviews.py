"""Clinician review of content: ``content_reviews`` (sign-offs keyed by item id + hash of
the text people see) and the staff role 'clinician' (CHECK replaced portably, as in 0005).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
OLD_ROLES = ("staff", "admin")
NEW_ROLES = OLD_ROLES + ("clinician",)


def _in(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _replace_role_check(values) -> None:
    """Replace the staff role CHECK without losing escalation assignees.

    SQLite recreates the table, and with foreign keys on, dropping the old ``staff`` table
    fires ON DELETE SET NULL on ``escalations.assignee_id`` (and ``content_reviews``):
    keep copies and put them back (the same problem 0005 solves for escalations).
    """

    def replace():
        with op.batch_alter_table("staff", recreate="auto") as batch:
            batch.drop_constraint("ck_staff_role", type_="check")
            batch.create_check_constraint("ck_staff_role", _in("role", values))

    if op.get_bind().dialect.name != "sqlite":
        replace()
        return
    op.execute(
        "CREATE TEMP TABLE _keep_assignee AS SELECT id, assignee_id FROM escalations WHERE assignee_id IS NOT NULL"
    )
    reviews = sa.inspect(op.get_bind()).has_table("content_reviews")
    if reviews:
        op.execute(
            "CREATE TEMP TABLE _keep_reviewer AS SELECT id, staff_id FROM content_reviews WHERE staff_id IS NOT NULL"
        )
    replace()
    op.execute(
        "UPDATE escalations SET assignee_id = (SELECT k.assignee_id FROM _keep_assignee k "
        "WHERE k.id = escalations.id) WHERE id IN (SELECT id FROM _keep_assignee)"
    )
    op.execute("DROP TABLE _keep_assignee")
    if reviews:
        op.execute(
            "UPDATE content_reviews SET staff_id = (SELECT k.staff_id FROM _keep_reviewer k "
            "WHERE k.id = content_reviews.id) WHERE id IN (SELECT id FROM _keep_reviewer)"
        )
        op.execute("DROP TABLE _keep_reviewer")


def upgrade() -> None:
    _replace_role_check(NEW_ROLES)
    op.create_table(
        "content_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(160), nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(24), nullable=False),
        sa.Column("reviewer", sa.String(80), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_content_reviews"),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name="fk_content_reviews_staff_id_staff", ondelete="SET NULL"
        ),
        sa.CheckConstraint(_in("decision", ("reviewed", "changes_requested")), name="ck_content_reviews_decision"),
        sa.CheckConstraint("length(text_hash) = 64", name="ck_content_reviews_text_hash"),
    )
    op.create_index("ix_content_reviews_item_id_text_hash", "content_reviews", ["item_id", "text_hash"])


def downgrade() -> None:
    op.drop_index("ix_content_reviews_item_id_text_hash", table_name="content_reviews")
    op.drop_table("content_reviews")
    # A clinician account cannot exist under the old CHECK: it becomes a staff account
    # (same console access, no sign-off) rather than being deleted.
    op.execute("UPDATE staff SET role = 'staff' WHERE role = 'clinician'")
    _replace_role_check(OLD_ROLES)
