"""workshop members: a stable random pseudonym and the answers frozen when the workshop closes

Revision ID: w0002
Revises: w0001
Create Date: 2026-11-30 17:00:00

"""
import random
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'w0002'
down_revision: Union[str, Sequence[str], None] = 'w0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('workshop_members') as batch:
        batch.add_column(sa.Column('tag', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('frozen_answers', sa.JSON(), nullable=True))
    # Existing members get distinct random pseudonyms within their workshop (never the joining order).
    connection = op.get_bind()
    members = sa.table('workshop_members', sa.column('id', sa.Integer), sa.column('workshop_id', sa.Integer),
                       sa.column('tag', sa.Integer))
    by_workshop: dict[int, list[int]] = {}
    for member_id, workshop_id in connection.execute(sa.select(members.c.id, members.c.workshop_id)):
        by_workshop.setdefault(workshop_id, []).append(member_id)
    for ids in by_workshop.values():
        tags = random.SystemRandom().sample(range(len(ids)), len(ids))
        for member_id, tag in zip(ids, tags):
            connection.execute(members.update().where(members.c.id == member_id).values(tag=tag))


def downgrade() -> None:
    with op.batch_alter_table('workshop_members') as batch:
        batch.drop_column('frozen_answers')
        batch.drop_column('tag')
