"""The render queue end to end: gunicorn web processes, `selfcheck worker` processes and Redis.

Uses SELFCHECK_TEST_REDIS_URL (set by `make test` when Redis answers) or starts a private
redis-server; the database is the suite's (SQLite, and PostgreSQL when the suite has it).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import create_engine, func, select
from test_faults import finished_check

from selfcheck.models import RenderedFile
from selfcheck.rendering import FileJob, file_key
from selfcheck.rendering.redis_queue import QUEUE_NAME, RedisQueue, job_id
from tests.support.server import BIN, ROOT, Server, WebClient, free_port

REDIS_ENV = "SELFCHECK_TEST_REDIS_URL"


@pytest.fixture
def redis_url() -> Iterator[str]:
    url = os.environ.get(REDIS_ENV)
    private = None
    if not url:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("no Redis: set SELFCHECK_TEST_REDIS_URL or install redis-server")
        port = free_port()
        private = subprocess.Popen([binary, "--port", str(port), "--save", "", "--appendonly", "no"],
                                   stdout=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        deadline = time.monotonic() + 10
        while True:
            try:
                Redis.from_url(url).ping()
                break
            except RedisError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.1)
    Redis.from_url(url).flushdb()
    yield url
    Redis.from_url(url).flushdb()
    if private is not None:
        private.terminate()
        private.wait(10)


@pytest.fixture
def queue_env(server_env: dict[str, str], redis_url: str) -> dict[str, str]:
    return {**server_env, "SELFCHECK_RENDER_QUEUE_URL": redis_url}


def worker(env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """`selfcheck worker` as an operator starts it, until it ends."""
    return subprocess.run([BIN / "selfcheck", "worker", *args], env={**os.environ, **env}, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def stored_files(env: dict[str, str]) -> int:
    engine = create_engine(env["SELFCHECK_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(RenderedFile)) or 0)
    finally:
        engine.dispose()


def finished(url: str, job: FileJob) -> bool:
    from rq.job import Job
    from rq.serializers import JSONSerializer

    found = Job.fetch(job_id(job.key), connection=Redis.from_url(url), serializer=JSONSerializer)
    return bool(found.get_status() == "finished")


def waiting_in_queue(url: str) -> int:
    return int(Redis.from_url(url).llen(f"rq:queue:{QUEUE_NAME}"))


def test_finishing_queues_the_report_a_worker_renders_it_and_deleting_removes_it(
        queue_env: dict[str, str]) -> None:
    server = Server(queue_env).start()
    try:
        client = WebClient(server.url)
        finished_check(client)
        page = client.get("/ergebnis")
        assert page.status == 200
        assert "Ihr Bericht wird erstellt" in page.text
        assert waiting_in_queue(queue_env["SELFCHECK_RENDER_QUEUE_URL"]) == 1  # queued on finishing
        waiting = client.get("/ergebnis/bericht.pdf")
        assert waiting.status == 202  # the web process does not render while a queue is configured
        assert waiting_in_queue(queue_env["SELFCHECK_RENDER_QUEUE_URL"]) == 1  # asked twice, queued once
        status = re.search(r'data-file-status="([^"]+)"', waiting.text)
        assert status
        assert stored_files(queue_env) == 0

        done = worker(queue_env, "--burst", "--processes", "2")
        assert done.returncode == 0, done.stderr[-2000:]
        assert client.get(status.group(1)).text.strip() == '{"state":"ready"}'
        report = client.get("/ergebnis/bericht.pdf")
        assert report.status == 200
        assert report.body.startswith(b"%PDF")
        assert stored_files(queue_env) == 1

        assert client.submit("/loeschen", {}).status == 303
        assert stored_files(queue_env) == 0
    finally:
        server.stop()


def test_a_job_for_an_assessment_deleted_before_it_ran_leaves_nothing(queue_env: dict[str, str]) -> None:
    server = Server(queue_env).start()
    try:
        client = WebClient(server.url)
        finished_check(client)
        assert client.get("/ergebnis/bericht.pdf").status == 202
        assert client.submit("/loeschen", {}).status == 303
        done = worker(queue_env, "--burst")
        assert done.returncode == 0, done.stderr[-2000:]
        assert stored_files(queue_env) == 0
    finally:
        server.stop()


def test_a_job_past_its_deadline_is_retried_once_then_failed(queue_env: dict[str, str], redis_url: str) -> None:
    subprocess.run([BIN / "selfcheck", "db", "upgrade"], env={**os.environ, **queue_env}, check=True,
                   capture_output=True, timeout=60)
    endless = "<html lang='de'><title>lang</title><body>" + "<p>Absatz mit Text.</p>" * 40000 + "</body></html>"
    job = FileJob(key=file_key("deadline-test"), kind="paper", lang="de", html=endless, stylesheet="paper")
    queue = RedisQueue(redis_url, timeout=1)
    queue.submit(job)
    done = worker(queue_env, "--burst")
    assert done.returncode == 0, done.stderr[-2000:]
    from rq.job import Job
    from rq.serializers import JSONSerializer

    failed = Job.fetch(job_id(job.key), connection=Redis.from_url(redis_url), serializer=JSONSerializer)
    assert failed.get_status() == "failed"
    assert failed.retries_left == 0  # it ran twice
    assert "JobTimeoutException" in done.stderr or "timeout" in done.stderr.lower()
    assert queue.status(job.key).value == "failed"
    assert stored_files(queue_env) == 0


def test_a_worker_process_is_replaced_after_its_jobs_and_stops_on_sigterm(queue_env: dict[str, str],
                                                                          redis_url: str, tmp_path: Path) -> None:
    subprocess.run([BIN / "selfcheck", "db", "upgrade"], env={**os.environ, **queue_env}, check=True,
                   capture_output=True, timeout=60)
    queue = RedisQueue(redis_url, timeout=60)
    jobs = [FileJob(key=file_key("recycle", n), kind="paper", lang="de", stylesheet="paper",
                    html=f"<html lang='de'><title>{n}</title><body><p>Seite {n}</p></body></html>") for n in range(3)]
    for job in jobs:
        queue.submit(job)
    log = tmp_path / "worker.log"
    with log.open("w") as output:  # a file, not a pipe: a full pipe would stop the worker
        process: Any = subprocess.Popen([BIN / "selfcheck", "worker", "--max-jobs", "1"],
                                        env={**os.environ, **queue_env}, cwd=ROOT, stdout=output,
                                        stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not all(finished(redis_url, job) for job in jobs):
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.3)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    output = log.read_text()
    assert process.returncode == 0, output[-2000:]
    assert output.count("starting a new one") >= 2, output[-2000:]
