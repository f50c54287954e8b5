"""``selfcheck worker``: render PDFs from the Redis queue (see docs/deployment.md)."""

from __future__ import annotations

import click

from .db import _app


@click.command("worker")
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Render processes on this host (one per core is a good start).")
@click.option("--max-jobs", type=click.IntRange(min=1), default=None,
              help="A process is replaced after this many jobs (default: RENDER_MAX_JOBS).")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (tests, one-off catch-up).")
def worker_command(processes: int, max_jobs: int | None, burst: bool) -> None:
    """Render PDFs for the web processes; needs SELFCHECK_RENDER_QUEUE_URL (Redis)."""
    import logging

    from ..rendering.worker import run_workers

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # not a line per layout step
    app = _app()
    if not app.config["RENDER_QUEUE_URL"]:
        raise click.ClickException(
            "No render queue configured. Set SELFCHECK_RENDER_QUEUE_URL (e.g. redis://127.0.0.1:6379/0). "
            "Without it the web processes render on their own local pool and no worker is needed."
        )
    run_workers(app, processes=processes, max_jobs=max_jobs or int(app.config["RENDER_MAX_JOBS"]), burst=burst)
