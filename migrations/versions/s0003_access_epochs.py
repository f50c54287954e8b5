"""access epochs: renewing a resume or facilitator link ends the sessions opened with the old one

Revision ID: s0003
Revises: w0002
Create Date: 2026-11-30 17:50:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 's0003'
down_revision: Union[str, Sequence[str], None] = 'w0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Existing sessions hold no epoch and must open their link again once: safe, and rare.
    with op.batch_alter_table('assessments') as batch:
        batch.add_column(sa.Column('access_epoch', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('workshops') as batch:
        batch.add_column(sa.Column('access_epoch', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('workshops') as batch:
        batch.drop_column('access_epoch')
    with op.batch_alter_table('assessments') as batch:
        batch.drop_column('access_epoch')
