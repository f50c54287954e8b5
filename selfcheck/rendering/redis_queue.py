"""The render queue on RQ with Redis as the broker: workers are separate processes, on any host
(``selfcheck worker``). Jobs travel as JSON, never pickled, so the broker cannot hand a worker code."""

from __future__ import annotations

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from .job import FileJob, QueueUnavailable, State

QUEUE_NAME = "selfcheck-render"
TASK = "selfcheck.rendering.worker.perform_payload"
RESULT_TTL_SECONDS = 600
FAILURE_TTL_SECONDS = 24 * 3600
# A request waits at most this long for the broker before the page says the report will follow.
SOCKET_TIMEOUT_SECONDS = 2


def connect(url: str) -> Redis:
    return Redis.from_url(url, socket_connect_timeout=SOCKET_TIMEOUT_SECONDS, socket_timeout=SOCKET_TIMEOUT_SECONDS)


def job_id(key: str) -> str:
    return f"pdf-{key}"


class RedisQueue:
    def __init__(self, url: str, *, timeout: float) -> None:
        self.connection = connect(url)
        self.queue = Queue(QUEUE_NAME, connection=self.connection, serializer=JSONSerializer)
        self.timeout = int(timeout)

    def submit(self, job: FileJob) -> State:
        try:
            state = self._status(job.key)
            if state is State.PENDING:
                return state
            if state is not State.UNKNOWN:  # a failed or finished job of this key: start afresh
                Job.fetch(job_id(job.key), connection=self.connection, serializer=JSONSerializer).delete()
            self.queue.enqueue(
                TASK, job.payload(), job_id=job_id(job.key), job_timeout=self.timeout, retry=Retry(max=1),
                result_ttl=RESULT_TTL_SECONDS, failure_ttl=FAILURE_TTL_SECONDS, description=f"{job.kind} {job.lang}",
            )
        except (RedisError, OSError) as error:
            raise QueueUnavailable(str(error)) from error
        return State.PENDING

    def status(self, key: str) -> State:
        try:
            state = self._status(key)
        except (RedisError, OSError) as error:
            raise QueueUnavailable(str(error)) from error
        return State.UNKNOWN if state is State.READY else state

    def _status(self, key: str) -> State:
        """PENDING, FAILED, UNKNOWN (never queued or expired) or READY (finished: the file is stored)."""
        try:
            job = Job.fetch(job_id(key), connection=self.connection, serializer=JSONSerializer)
        except NoSuchJobError:
            return State.UNKNOWN
        status = job.get_status(refresh=False)
        if status == JobStatus.FINISHED:
            return State.READY
        if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
            return State.FAILED
        return State.PENDING

    def shutdown(self) -> None:
        self.connection.close()
