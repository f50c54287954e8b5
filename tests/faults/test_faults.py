"""Faults a real deployment meets, against gunicorn on loopback (docs/deployment.md says what
users see in each case)."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import database_params
from tests.support.formclient import rendered_form
from tests.support.server import Server, WebClient, run_together, start_check

pytestmark = pytest.mark.faults

DIGITAL = {"q_web": "ja", "q_sprachen": "5", "q_kanaele": ["messenger"], "action": "next"}
LOCAL = {"q_beratung": "ja", "q_partner": "nein", "q_ansprechperson": "nein", "action": "next"}


def finished_check(client: WebClient) -> None:
    start_check(client)
    assert client.submit("/schritt/2", DIGITAL).status == 303
    assert client.submit("/schritt/3", LOCAL).status == 303
    assert client.submit("/uebersicht", {}).status == 303


def stored_answer(client: WebClient, number: int, question: str) -> str | None:
    """What the step page shows as chosen for a single-choice question."""
    page = client.get(f"/schritt/{number}").text
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="q_{question}"' in tag and re.search(r"\bchecked\b", tag):
            value = re.search(r'value="([^"]*)"', tag)
            return value.group(1) if value else None
    return None


def test_two_tabs_saving_different_steps_at_once_lose_nothing(server: Server) -> None:
    tab1 = WebClient(server.url)
    start_check(tab1)
    assert tab1.submit("/schritt/2", DIGITAL).status == 303
    tab2 = WebClient(server.url, tab1.jar)  # the same browser: one cookie, two tabs
    lost = 0
    for round_no in range(30):
        web = ["ja", "nein", "teilweise"][round_no % 3]
        partner = ["nein", "ja", "teilweise"][round_no % 3]
        token = rendered_form(tab1.get("/schritt/2").text, set(DIGITAL)).hidden["csrf_token"]
        digital = {**DIGITAL, "q_web": web, "csrf_token": token}
        local = {**LOCAL, "q_partner": partner, "csrf_token": token}
        results = run_together(lambda d=digital: tab1.request("/schritt/2", d),
                               lambda d=local: tab2.request("/schritt/3", d))
        assert [r.status for r in results] == [303, 303]
        lost += stored_answer(tab1, 2, "web") != web or stored_answer(tab1, 3, "partner") != partner
    assert lost == 0


def test_killing_a_worker_during_a_burst_of_saves_loses_no_confirmed_answer(server: Server) -> None:
    clients = [WebClient(server.url) for _ in range(4)]
    for client in clients:
        start_check(client)
    confirmed: dict[int, list[str]] = {i: [] for i in range(len(clients))}
    attempted: dict[int, list[str]] = {i: [] for i in range(len(clients))}
    stop = threading.Event()

    def save_loop(index: int) -> None:
        client = clients[index]
        values = ["ja", "nein", "teilweise"]
        turn = 0
        while not stop.is_set():
            value = values[turn % 3]
            turn += 1
            attempted[index].append(value)
            try:
                answer = client.submit("/schritt/2", {**DIGITAL, "q_web": value})
            except (OSError, AssertionError):
                continue  # the worker died under this request: not confirmed
            if answer.status == 303:
                confirmed[index].append(value)

    threads = [threading.Thread(target=save_loop, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    server.kill_a_worker()
    time.sleep(2.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    for index, client in enumerate(clients):
        assert confirmed[index], "no save was confirmed at all"
        last = confirmed[index][-1]
        after = attempted[index][len(attempted[index]) - attempted[index][::-1].index(last):]
        # The stored answer is the last confirmed one, or one sent after it (sent, then cut off).
        assert stored_answer(client, 2, "web") in {last, *after}


class StallingProxy:
    """A TCP proxy in front of PostgreSQL that can stop passing data on (a hung, not a refusing, server)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.flowing = threading.Event()
        self.flowing.set()
        self.sockets: list[socket.socket] = []
        self.threads = [threading.Thread(target=self._accept, daemon=True)]
        self.threads[0].start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                thread = threading.Thread(target=self._pipe, args=(source, sink), daemon=True)
                self.threads.append(thread)
                thread.start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.flowing.set()
        self.listener.close()
        for sock in self.sockets:
            sock.close()
        for thread in self.threads:
            thread.join(timeout=5)


POSTGRES_ONLY = [param for param in database_params() if param.id == "postgresql"]


@pytest.mark.parametrize("database_url", POSTGRES_ONLY, indirect=True)  # a hung server: SQLite is a local file
def test_a_stalled_database_answers_health_checks_in_time_and_recovers(server_env: dict[str, str]) -> None:
    url = server_env["SELFCHECK_DATABASE_URL"]
    host_port = re.search(r"@([^/:]+):(\d+)/", url)
    assert host_port is not None
    proxy = StallingProxy((host_port.group(1), int(host_port.group(2))))
    proxied = url.replace(f"@{host_port.group(1)}:{host_port.group(2)}/", f"@127.0.0.1:{proxy.port}/")
    server = Server({**server_env, "SELFCHECK_DATABASE_URL": proxied}).start()
    try:
        client = WebClient(server.url)
        assert client.get("/healthz").status == 200
        proxy.flowing.clear()
        began = time.monotonic()
        answer = client.get("/healthz", timeout=10)
        assert answer.status == 503
        assert time.monotonic() - began < 3
        proxy.flowing.set()
        deadline = time.monotonic() + 15
        while client.get("/healthz", timeout=10).status != 200:
            assert time.monotonic() < deadline, "the app did not recover after the database came back"
            time.sleep(0.5)
    finally:
        server.stop()
        proxy.close()


def test_a_file_folder_that_cannot_be_written_fails_clearly_and_loses_nothing(server_env: dict[str, str],
                                                                              tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the PDF folder should be")
    server = Server({**server_env, "SELFCHECK_REPORT_STORE": "folder",
                     "SELFCHECK_REPORT_CACHE_DIR": str(blocker / "reports")},
                    workers=1).start()  # one web process: the pool that knows the job answers
    try:
        client = WebClient(server.url)
        finished_check(client)
        waiting = client.get("/ergebnis/bericht.pdf")
        assert waiting.status == 202
        status = re.search(r'data-file-status="([^"]+)"', waiting.text)
        assert status
        deadline = time.monotonic() + 60
        while '"failed"' not in client.get(status.group(1)).text:  # tried twice
            assert time.monotonic() < deadline, "the job never failed"
            time.sleep(0.5)
        failed = client.get("/ergebnis/bericht.pdf")
        assert failed.status == 503
        assert int(failed.headers["Retry-After"]) > 0
        assert "Ihre Antworten sind sicher gespeichert" in failed.text
        assert client.get("/ergebnis").status == 200
    finally:
        server.stop()


def stored_files(database_url: str) -> int:
    from sqlalchemy import create_engine, func, select

    from selfcheck.models import RenderedFile

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(RenderedFile)) or 0)
    finally:
        engine.dispose()


def test_deleting_while_the_report_is_made_leaves_no_file(server: Server, server_env: dict[str, str]) -> None:
    for _attempt in range(3):
        client = WebClient(server.url)
        finished_check(client)
        assert client.get("/ergebnis/bericht.pdf").status == 202
        time.sleep(0.15)
        assert client.submit("/loeschen", {}).status == 303
        time.sleep(4)  # the render ends; its file must not be kept
        assert stored_files(server_env["SELFCHECK_DATABASE_URL"]) == 0, "a PDF of deleted data was kept"


def test_a_renewed_link_ends_a_session_opened_with_the_old_one(server: Server) -> None:
    owner = WebClient(server.url)
    assert owner.submit("/start", {"organisation_name": ""}, form_url="/").status == 303
    page = owner.get("/zugang").text
    link = re.search(r'href="http://[^/]+(/fortsetzen/[^"]+)"', page)
    assert link is not None
    other = WebClient(server.url)
    assert other.get(link.group(1)).status == 303
    assert other.get("/schritt/1").status == 200
    assert owner.submit("/zugang", {}).status == 303
    assert other.get("/schritt/1").status == 303  # sent away: the session ended
    assert owner.get("/schritt/1").status == 200
