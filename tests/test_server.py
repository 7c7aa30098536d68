"""`textfix serve`, run for real: uvicorn on a free loopback port, requests from real HTTP clients.

Every server here is a `textfix serve` subprocess with the toy translation packages of
``models/`` installed in a temporary folder. Answers are compared with `textfix fix` and
`textfix segment --json` on the seeds; LibreTranslate's own Python client
(``libretranslatepy``, form-encoded) and JSON requests (httpx) talk to ``/translate``.
Only loopback addresses are used; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from libretranslatepy import LibreTranslateAPI
from typer.testing import CliRunner

import textfix
from textfix.cli import app
from textfix.server import ApiKeyFileError, ServerSettings
from textfix.server.settings import parse_api_keys

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*_????????????????.txt"))
SEED_000 = ROOT / "corpus" / "seeds" / "000_4af742517c27e9f8.txt"
READY = re.compile(r"listening on http://127\.0\.0\.1:(\d+) \((\d+) workers\)")
TICKS = os.sysconf("SC_CLK_TCK")
START_SECONDS = 180


@dataclass
class Server:
    """A running `textfix serve` process and an HTTP client for it."""

    process: subprocess.Popen[str]
    url: str
    log: list[str]
    http: httpx.Client
    reader: threading.Thread

    def workers(self) -> list[int]:
        """Process ids of the pipeline workers (children started by multiprocessing's spawn)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(c) for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]

    def stop(self) -> int:
        """SIGTERM, and the exit code (bounded wait)."""
        self.http.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        finally:
            self.reader.join(10)
            if self.process.stderr is not None:
                self.process.stderr.close()


def start_server(*args: str) -> Server:
    command = [sys.executable, "-m", "textfix.cli", "serve", "--host", "127.0.0.1", "--port", "0", *args]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert process.stderr is not None
    log: list[str] = []
    deadline = time.monotonic() + START_SECONDS
    port = None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        log.append(line)
        found = READY.search(line)
        if found:
            port = int(found.group(1))
            break
    if port is None:
        process.kill()
        pytest.fail(f"textfix serve did not start: {''.join(log)}")
    # Keep reading stderr so that the server never blocks on a full pipe.
    stderr = process.stderr
    reader = threading.Thread(target=lambda: log.extend(iter(stderr.readline, "")), daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}"
    return Server(process, url, log, httpx.Client(base_url=url, timeout=120), reader)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = textfix.ModelStore(tmp_path_factory.mktemp("models") / "packages")
    for package in sorted((ROOT / "models").glob("*.argosmodel")):
        store.install_file(package)
    return store.path


@pytest.fixture(scope="module")
def service(models: Path) -> Iterator[Server]:
    server = start_server("--workers", "2", "--models-dir", str(models))
    yield server
    assert server.stop() == 0


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory, models: Path) -> Iterator[Server]:
    keys = tmp_path_factory.mktemp("keys") / "keys.txt"
    keys.write_text("# two clients\nalpha-key\nbeta-key 3   # three requests per minute\n", encoding="utf-8")
    server = start_server("--workers", "1", "--models-dir", str(models), "--api-keys", str(keys),
                          "--req-limit", "1000", "--max-bytes", "50000")
    yield server
    assert server.stop() == 0


def cli(*args: str) -> str:
    run = CliRunner().invoke(app, list(args))
    assert run.exit_code == 0, run.output
    return run.stdout


def like_q(output: str, q: str) -> str:
    """`fix` output as /translate gives it: ending with a newline only if ``q`` does (as LibreTranslate)."""
    return output if q.endswith("\n") else output.rstrip("\n")


def post_json(server: Server, path: str, body: object, **headers: str) -> httpx.Response:
    return server.http.post(path, content=json.dumps(body, ensure_ascii=False).encode(),
                            headers={"content-type": "application/json", **headers})


# -- answers equal the command line's ------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_clean_answers_what_fix_prints_and_reports(service: Server, seed: Path, tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    answer = post_json(service, "/v1/clean", {"text": text})
    assert answer.status_code == 200
    document = answer.json()
    assert document["output"] == cli("fix", "--no-translate", str(seed), "--report", str(tmp_path / "report.json"))
    (reported,) = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["documents"]
    for key in ("file", "encoding"):  # an HTTP request has no file name and was not decoded from bytes
        del reported[key]
    del document["output"], document["encoding"]
    assert document == reported
    assert textfix.apply_edits(text, [textfix.Edit.from_json(e) for e in document["edits"]]) == answer.json()["output"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_segment_answers_what_segment_json_prints(service: Server, seed: Path) -> None:
    answer = post_json(service, "/v1/segment", {"text": seed.read_text(encoding="utf-8")})
    assert answer.status_code == 200
    assert answer.json() == json.loads(cli("segment", "--json", str(seed)))


def test_clean_with_translation_answers_what_fix_prints(service: Server, models: Path) -> None:
    text = SEED_000.read_text(encoding="utf-8")
    answer = post_json(service, "/v1/clean", {"text": text, "options": {"translate": True}}).json()
    assert answer["output"] == cli("fix", "--models-dir", str(models), str(SEED_000))
    routes = {e["model"] for e in answer["edits"] if e["kind"] == "translation"}
    assert routes == {"ru→en, en→de"}


def test_a_list_of_texts_answers_one_document_each_in_order(service: Server) -> None:
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    answer = post_json(service, "/v1/clean", {"text": texts})
    assert [d["output"] for d in answer.json()] == [cli("fix", "--no-translate", str(s)) for s in SEEDS]
    segments = post_json(service, "/v1/segment", {"text": texts}).json()
    assert segments == [json.loads(cli("segment", "--json", str(s))) for s in SEEDS]


def test_html_pages_are_cleaned_as_their_article(service: Server) -> None:
    page = ("<html><body><nav>Startseite</nav><p>Die NATO ist besorgt , sagte er am Montag.</p>"
            "<p>Leave a Reply</p></body></html>")
    answer = post_json(service, "/v1/clean", {"text": page, "options": {"format": "html"}}).json()
    assert answer["output"] == "Die NATO ist besorgt, sagte er am Montag.\n"


# -- LibreTranslate ---------------------------------------------------------------------------------


def test_libretranslate_client_gets_what_fix_to_prints(service: Server, models: Path) -> None:
    """LibreTranslate's own Python client, form-encoded, unchanged."""
    client = LibreTranslateAPI(service.url)
    text = SEED_000.read_text(encoding="utf-8")
    to_de = cli("fix", "--models-dir", str(models), "--to", "de", str(SEED_000))
    to_en = cli("fix", "--models-dir", str(models), "--lang", "de", "--to", "en", str(SEED_000))
    assert client.translate(text, "auto", "de") == like_q(to_de, text)
    assert client.translate(text, "de", "en") == like_q(to_en, text)
    assert client.detect(text)[0]["language"] == "de"
    languages = {entry["code"]: entry for entry in client.languages()}
    assert languages["ru"]["targets"] == ["de", "en"]  # ru→de through English
    assert languages["de"] == {"code": "de", "name": "German", "targets": ["en"]}


def test_translate_json_request_has_libretranslate_answer_shape(service: Server, models: Path) -> None:
    text = SEED_000.read_text(encoding="utf-8")
    answer = post_json(service, "/translate", {"q": text, "source": "auto", "target": "de", "format": "text"})
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"translatedText", "detectedLanguage"}
    assert body["translatedText"] == like_q(cli("fix", "--models-dir", str(models), "--to", "de", str(SEED_000)), text)
    assert body["detectedLanguage"]["language"] == "de"
    assert 50 < body["detectedLanguage"]["confidence"] <= 100


def test_translate_a_list_answers_a_list(service: Server) -> None:
    chains = [line.split("\t") for line in (ROOT / "corpus" / "parallel" / "seed_chains.tsv").read_text(
        encoding="utf-8").splitlines()[1:3]]
    header = (ROOT / "corpus" / "parallel" / "seed_chains.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    rows = [dict(zip(header, chain, strict=True)) for chain in chains]
    answer = post_json(service, "/translate", {"q": [r["ru"] for r in rows], "source": "ru", "target": "de"}).json()
    assert answer == {"translatedText": [r["de"] for r in rows]}


def test_translate_without_cleaning_keeps_debris(service: Server) -> None:
    text = "Die NATO ist besorgt.\n\nLeave a Reply\n"
    cleaned = post_json(service, "/translate", {"q": text, "source": "de", "target": "de"}).json()
    raw = post_json(service, "/translate", {"q": text, "source": "de", "target": "de", "clean": False}).json()
    assert cleaned["translatedText"] == "Die NATO ist besorgt.\n"
    assert "Leave a Reply" in raw["translatedText"]


def test_translate_html_answers_html(service: Server) -> None:
    answer = post_json(service, "/translate", {"q": "<p>Die NATO &amp; die EU sind besorgt.</p>", "source": "de",
                                               "target": "de", "format": "html"}).json()
    assert answer["translatedText"] == "<p>Die NATO &amp; die EU sind besorgt.</p>"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        pytest.param({"source": "ru", "target": "de"}, "Invalid request: missing q parameter", id="no-q"),
        pytest.param({"q": "Привет", "target": "de"}, "Invalid request: missing source parameter", id="no-source"),
        pytest.param({"q": "Привет", "source": "ru"}, "Invalid request: missing target parameter", id="no-target"),
        pytest.param({"q": "Привет", "source": "xx", "target": "de"}, "xx is not supported", id="unknown-source"),
        pytest.param({"q": "Привет", "source": "ru", "target": "de", "format": "xml"}, "xml format is not supported",
                     id="format"),
    ],
)
def test_translate_bad_requests_get_libretranslate_errors(service: Server, fields: dict[str, str], error: str) -> None:
    for answer in (service.http.post("/translate", data=fields), post_json(service, "/translate", fields)):
        assert answer.status_code == 400
        assert answer.json() == {"error": error}


def test_a_missing_model_is_a_400_naming_the_pair(service: Server) -> None:
    answer = post_json(service, "/translate", {"q": "Die NATO ist besorgt, sagte er am Montag.", "source": "de",
                                               "target": "fr"})
    assert answer.status_code == 400
    assert answer.json()["error"].startswith("no de→fr translation model installed")


def test_detect_lists_the_languages_of_a_mixed_text(service: Server) -> None:
    answer = service.http.post("/detect", data={"q": SEED_000.read_text(encoding="utf-8")}).json()
    assert [d["language"] for d in answer] == ["de", "ru"]
    assert sum(d["confidence"] for d in answer) == pytest.approx(100, abs=0.2)


# -- errors are JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        pytest.param("POST", "/v1/clean", b"{not json", 400, id="bad-json"),
        pytest.param("POST", "/v1/clean", b'{"txt": "a"}', 400, id="no-text"),
        pytest.param("POST", "/v1/clean", b'{"text": "a", "options": {"lang": "xx"}}', 400, id="bad-option"),
        pytest.param("POST", "/v1/clean", b'{"text": "a", "options": {"translat": true}}', 400, id="unknown-option"),
        pytest.param("POST", "/translate", b"[1, 2]", 400, id="json-not-object"),
        pytest.param("GET", "/v1/clean", b"", 405, id="wrong-method"),
        pytest.param("GET", "/nowhere", b"", 404, id="no-route"),
    ],
)
def test_errors_are_one_json_object(service: Server, method: str, path: str, body: bytes, status: int) -> None:
    answer = service.http.request(method, path, content=body, headers={"content-type": "application/json"})
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/json"
    assert set(answer.json()) == {"error"}
    assert "Traceback" not in answer.text


def test_unknown_language_option_says_which(service: Server) -> None:
    answer = post_json(service, "/v1/clean", {"text": "a", "options": {"lang": "xx"}})
    assert answer.json()["error"].startswith("unknown language code 'xx'")


def test_health_and_docs(service: Server) -> None:
    assert service.http.get("/health").json() == {"status": "ok", "version": textfix.__version__, "workers": 2,
                                                  "workers_alive": 2}
    docs = service.http.get("/docs")
    assert docs.status_code == 200
    assert "POST /v1/clean" in docs.text and "POST /translate" in docs.text
    assert "https://" not in docs.text and "<script" not in docs.text  # nothing to load: the service runs offline
    document = service.http.get("/openapi.json").json()
    assert {"/v1/clean", "/v1/segment", "/translate", "/detect", "/languages", "/health"} <= set(document["paths"])
    body = document["paths"]["/translate"]["post"]["requestBody"]["content"]
    assert {"application/json", "application/x-www-form-urlencoded"} <= set(body)
    assert "CleanOptions" in document["components"]["schemas"]


# -- workers ----------------------------------------------------------------------------------------


def long_text() -> str:
    """An article of some megabytes: its clean takes seconds of CPU."""
    gold = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "gold").glob("*.txt"))]
    return "\n\n".join(f"{text}\n\nMeldung {n}." for n in range(12) for text in gold)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def wait_until_busy(server: Server, seconds: float = 0.3) -> int:
    """The worker that has used ``seconds`` of CPU since this was called (bounded wait)."""
    start = {pid: cpu_seconds(pid) for pid in server.workers()}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for pid, before in start.items():
            if cpu_seconds(pid) - before >= seconds:
                return pid
        time.sleep(0.02)
    pytest.fail("no worker got busy")


def in_background(call: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(call()), daemon=True)
    thread.start()
    return thread, box


def test_a_worker_that_dies_costs_its_request_only(service: Server) -> None:
    """Issue 19: the request whose worker is killed gets 500; the service goes on with a new worker."""
    thread, box = in_background(lambda: post_json(service, "/v1/clean", {"text": long_text()}))
    victim = wait_until_busy(service)
    quick = post_json(service, "/v1/clean", {"text": "Die NATO ist besorgt .\n"})  # the other worker still answers
    os.kill(victim, signal.SIGKILL)
    thread.join(60)
    answer = box[0]
    assert isinstance(answer, httpx.Response)
    assert quick.status_code == 200
    assert answer.status_code == 500
    assert answer.json()["error"].startswith("The worker processing this request stopped (exit code -9)")
    for _ in range(4):
        assert post_json(service, "/v1/clean", {"text": "Die NATO ist besorgt .\n"}).json()["output"] == \
            "Die NATO ist besorgt.\n"
    deadline = time.monotonic() + START_SECONDS
    while service.http.get("/health").json()["workers_alive"] < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert victim not in service.workers() and len(service.workers()) == 2  # a new worker took its place


def test_a_request_over_the_time_limit_gets_500_and_the_next_is_served() -> None:
    server = start_server("--workers", "1", "--timeout", "0.5")
    try:
        slow = post_json(server, "/v1/clean", {"text": long_text()})
        assert slow.status_code == 500
        assert slow.json() == {"error": "The request took longer than 0.5 seconds and was stopped"}
        assert post_json(server, "/v1/clean", {"text": "Die NATO ist besorgt .\n"}).status_code == 200
    finally:
        assert server.stop() == 0


def test_sigterm_drains_the_request_in_flight_then_exits() -> None:
    server = start_server("--workers", "1")
    text = long_text()
    thread, box = in_background(lambda: post_json(server, "/v1/clean", {"text": text}))
    wait_until_busy(server)
    workers = server.workers()
    server.process.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    with pytest.raises(httpx.ConnectError):
        server.http.get("/health")  # no new connections while draining
    thread.join(120)
    answer = box[0]
    assert isinstance(answer, httpx.Response)
    assert answer.status_code == 200
    assert answer.json()["output"] == textfix.clean(text, textfix.Options(glossary=_builtin())).output
    assert server.stop() == 0  # already stopping: waits for the exit
    assert "textfix serve: stopped" in "".join(server.log)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)


def _builtin() -> textfix.glossary.Glossary:
    from textfix.glossary import builtin_glossary

    return builtin_glossary()


def test_any_asgi_server_runs_textfix_server_app() -> None:
    """`uvicorn textfix.server:app`, set up from the environment."""
    env = {**os.environ, "TEXTFIX_SERVE_WORKERS": "1", "TEXTFIX_SERVE_MAX_BYTES": "1000"}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "textfix.server:app", "--port", "0"], cwd=ROOT,
                               env=env, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    try:
        port = None
        deadline = time.monotonic() + START_SECONDS
        while port is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            found = re.search(r"running on http://127\.0\.0\.1:(\d+)", line)
            port = int(found.group(1)) if found else None
            if not line:
                break
        assert port is not None
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            assert http.get("/health").json()["workers"] == 1
            assert http.post("/v1/clean", json={"text": "Die NATO ist besorgt .\n"}).json()["output"] == \
                "Die NATO ist besorgt.\n"
            assert http.post("/v1/clean", json={"text": "a" * 2000}).status_code == 413
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        process.stderr.close()


# -- limits: body size, API keys, rate --------------------------------------------------------------


def raw_exchange(server: Server, request: bytes) -> tuple[int, bytes]:
    """Send bytes on a socket, read the answer: (status, body)."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request)
        received = b""
        while b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < 10:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_a_body_over_the_limit_gets_413_before_it_is_sent(keyed: Server) -> None:
    """The headers announce 10 MB; the server answers without waiting for a byte of it."""
    status, body = raw_exchange(keyed, b"POST /v1/clean HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                       b"Content-Length: 10000000\r\n\r\n{\"text\": ")
    assert status == 413
    assert json.loads(body) == {"error": "Request body too large: the limit is 50000 bytes"}


def test_a_chunked_body_is_stopped_at_the_limit(keyed: Server) -> None:
    chunk = b"a" * 30000
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    status, body = raw_exchange(keyed, b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                       b"Transfer-Encoding: chunked\r\n\r\n" + frame * 2)  # 60 KB, never finished
    assert status == 413
    assert json.loads(body)["error"].startswith("Request body too large")


def test_a_body_under_the_limit_is_served(keyed: Server) -> None:
    answer = post_json(keyed, "/v1/clean", {"text": "Die NATO ist besorgt .\n" * 1000, "api_key": "alpha-key"})
    assert answer.status_code == 200


@pytest.mark.parametrize(
    "send",
    [
        pytest.param(lambda s, key: s.http.post("/translate", data={"q": "Hallo", "source": "de", "target": "de",
                                                                     **key}), id="form"),
        pytest.param(lambda s, key: post_json(s, "/translate", {"q": "Hallo", "source": "de", "target": "de", **key}),
                     id="json"),
        pytest.param(lambda s, key: post_json(s, "/v1/clean", {"text": "Hallo", **key}), id="clean"),
        pytest.param(lambda s, key: s.http.post("/detect", data={"q": "Hallo", **key}), id="detect"),
    ],
)
def test_a_missing_or_unknown_key_gets_403(keyed: Server, send: Callable[[Server, dict[str, str]],
                                                                        httpx.Response]) -> None:
    missing = send(keyed, {})
    unknown = send(keyed, {"api_key": "guess"})
    known = send(keyed, {"api_key": "alpha-key"})
    assert missing.status_code == 403
    assert missing.json()["error"].startswith("Missing API key")
    assert unknown.status_code == 403
    assert unknown.json() == {"error": "Invalid API key"}
    assert known.status_code == 200


def test_the_key_may_come_in_a_header(keyed: Server) -> None:
    answer = post_json(keyed, "/v1/segment", {"text": "Hallo"}, authorization="Bearer alpha-key")
    assert answer.status_code == 200
    assert keyed.http.get("/languages").status_code == 200  # like LibreTranslate: no key needed


def test_each_key_has_its_own_rate_limit(keyed: Server) -> None:
    client = LibreTranslateAPI(keyed.url, api_key="beta-key")
    assert [client.translate("Hallo", "de", "de") for _ in range(3)] == ["Hallo"] * 3
    refused = keyed.http.post("/translate", data={"q": "Hallo", "source": "de", "target": "de",
                                                  "api_key": "beta-key"})
    assert refused.status_code == 429
    assert refused.json() == {"error": "Slowdown: 3 per 1 minute"}
    assert 1 <= int(refused.headers["retry-after"]) <= 20
    other = keyed.http.post("/translate", data={"q": "Hallo", "source": "de", "target": "de", "api_key": "alpha-key"})
    assert other.status_code == 200


# -- the command and its settings, without a server -------------------------------------------------


def test_a_bad_key_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("alpha 10 extra\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["serve", "--api-keys", str(keys)])
    assert run.exit_code == 1
    assert run.stderr == f"textfix: {keys}:1: expected 'KEY [REQUESTS_PER_MINUTE]', found 3 fields\n"


def test_a_port_in_use_is_one_line_and_exit_1() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = CliRunner().invoke(app, ["serve", "--port", str(port), "--workers", "1"])
    assert run.exit_code == 1
    assert run.stderr.startswith(f"textfix: cannot listen on 127.0.0.1:{port}: ")
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("# none yet\n", "no API key in the file: every request would be refused", id="empty"),
        pytest.param("a\na\n", "key a… is listed twice", id="twice"),
        pytest.param("a ten\n", "the limit must be a whole number of requests per minute, not 'ten'", id="limit"),
    ],
)
def test_api_key_file_problems_name_the_line(text: str, problem: str) -> None:
    with pytest.raises(ApiKeyFileError) as caught:
        parse_api_keys(text, "keys.txt")
    assert caught.value.problem == problem


def test_settings_from_the_environment(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("k1 5\nk2\n", encoding="utf-8")
    settings = ServerSettings.from_environment({"TEXTFIX_SERVE_WORKERS": "3", "TEXTFIX_SERVE_API_KEYS": str(keys),
                                                "TEXTFIX_SERVE_REQ_LIMIT": "9", "TEXTFIX_SERVE_MAX_BYTES": "1000"})
    assert (settings.workers, settings.max_bytes) == (3, 1000)
    assert (settings.limit_for("k1"), settings.limit_for("k2")) == (5, 9)
    with pytest.raises(textfix.OptionsError):
        ServerSettings.from_environment({"TEXTFIX_SERVE_WORKERS": "many"})


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    # pydantic is not in the list: typer itself imports it.
    return {name.split(".")[0] for name in out.stdout.split()} & {"fastapi", "starlette", "uvicorn", "httptools",
                                                                   "uvloop", "multipart", "python_multipart"}


def _help(*command: str) -> str:
    return f"from textfix.cli import app\ntry:\n    app({[*command, '--help']!r})\nexcept SystemExit:\n    pass"


def test_import_textfix_and_help_load_no_web_stack() -> None:
    assert _modules_after("import textfix") == set()
    assert _modules_after(_help()) == set()
    assert _modules_after(_help("serve")) == set()
