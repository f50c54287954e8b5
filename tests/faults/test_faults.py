"""Faults a real deployment meets, against gunicorn on loopback (docs/deployment.md says what
users see in each case)."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path
from typing import Any

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


def test_a_cache_folder_that_cannot_be_written_still_serves_the_pdf(server_env: dict[str, str],
                                                                       tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    server = Server({**server_env, "SELFCHECK_REPORT_CACHE_DIR": str(blocker / "reports")}).start()
    try:
        client = WebClient(server.url)
        finished_check(client)
        for _ in range(2):
            answer = client.get("/ergebnis/bericht.pdf", timeout=60)
            assert answer.status == 200
            assert answer.body.startswith(b"%PDF")
    finally:
        server.stop()


def test_deleting_during_a_render_leaves_no_pdf_on_disk(server: Server, server_env: dict[str, str]) -> None:
    cache = Path(server_env["SELFCHECK_REPORT_CACHE_DIR"])
    for _attempt in range(3):
        client = WebClient(server.url)
        finished_check(client)
        download: list[Any] = []

        def fetch(into: list[Any] = download, who: WebClient = client) -> None:
            into.append(who.get("/ergebnis/bericht.pdf", timeout=60))

        thread = threading.Thread(target=fetch)
        thread.start()
        time.sleep(0.15)
        assert client.submit("/loeschen", {}).status == 303
        thread.join(timeout=60)
        assert download
        assert download[0].status in (200, 404)  # finished before the deletion, or refused after it
        time.sleep(0.2)
        assert not [p for p in cache.rglob("*.pdf")], "a PDF of deleted data stayed on disk"


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
