"""What a textfix service is set up with: workers, limits, API keys, the models and the glossary.

>>> ServerSettings(workers=2, req_limit=60).limit_for("any-key")
60
>>> ServerSettings(workers=0)
Traceback (most recent call last):
textfix.errors.OptionsError: workers must be at least 1, not 0
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from textfix.batch import DEFAULT_MAX_BYTES
from textfix.errors import OptionsError, TextfixError

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENVIRONMENT",
    "ApiKeyFileError",
    "ServerSettings",
    "default_workers",
    "load_api_keys",
    "parse_api_keys",
]

#: Seconds one request's pipeline work may take before its worker is stopped (answer: 500).
DEFAULT_TIMEOUT = 300.0

#: The environment variables :meth:`ServerSettings.from_environment` reads, by setting.
ENVIRONMENT: Mapping[str, str] = MappingProxyType({
    "models_dir": "TEXTFIX_MODELS_DIR",
    "workers": "TEXTFIX_SERVE_WORKERS",
    "max_bytes": "TEXTFIX_SERVE_MAX_BYTES",
    "api_keys": "TEXTFIX_SERVE_API_KEYS",
    "req_limit": "TEXTFIX_SERVE_REQ_LIMIT",
    "timeout": "TEXTFIX_SERVE_TIMEOUT",
    "glossary_files": "TEXTFIX_SERVE_GLOSSARY",
})


class ApiKeyFileError(TextfixError):
    """An API key file that cannot be used: the message names the file, the line and what is wrong.

    >>> str(ApiKeyFileError("not a number: 'ten'", path="keys.txt", line=3))
    "keys.txt:3: not a number: 'ten'"
    """

    def __init__(self, problem: str, *, path: str, line: int | None = None) -> None:
        self.problem, self.path, self.line = problem, path, line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


def default_workers() -> int:
    """One pipeline worker per core."""
    return os.cpu_count() or 1


def parse_api_keys(text: str, name: str = "<keys>") -> dict[str, int | None]:
    """API keys, one per line, each optionally followed by its own limit in requests per minute.

    Blank lines and ``#`` comments are skipped; a key without a limit gets ``--req-limit``.

    >>> parse_api_keys("# team A\\nk-alpha 120\\nk-beta\\n")
    {'k-alpha': 120, 'k-beta': None}
    """
    keys: dict[str, int | None] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        fields = raw.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) > 2:
            raise ApiKeyFileError(f"expected 'KEY [REQUESTS_PER_MINUTE]', found {len(fields)} fields", path=name,
                                  line=number)
        key = fields[0]
        if key in keys:
            raise ApiKeyFileError(f"key {key[:4]}… is listed twice", path=name, line=number)
        limit: int | None = None
        if len(fields) == 2:
            if not fields[1].isdigit() or int(fields[1]) < 1:
                raise ApiKeyFileError(f"the limit must be a whole number of requests per minute, not {fields[1]!r}",
                                      path=name, line=number)
            limit = int(fields[1])
        keys[key] = limit
    if not keys:
        raise ApiKeyFileError("no API key in the file: every request would be refused", path=name)
    return keys


def load_api_keys(path: str | Path) -> dict[str, int | None]:
    """The keys of an API key file (:func:`parse_api_keys`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ApiKeyFileError(f"cannot read the API key file: {getattr(error, 'strerror', None) or error}",
                              path=str(path)) from error
    return parse_api_keys(text, str(path))


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerSettings:
    """How a service runs; checked when made (:class:`textfix.OptionsError`)."""

    #: Folder of installed translation packages (default: :func:`textfix.translate.default_models_dir`).
    models_dir: Path | None = None
    #: Pipeline worker processes; each loads its language and translation models once.
    workers: int = field(default_factory=default_workers)
    #: Request bodies larger than this are refused with 413 before they are read whole.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: API keys and their own per-minute limits (``None``: the default); ``None``: no key needed.
    api_keys: Mapping[str, int | None] | None = None
    #: Requests per minute per API key (per client address without keys); ``None``: no limit.
    req_limit: int | None = None
    #: Seconds one request's pipeline work may take.
    timeout: float = DEFAULT_TIMEOUT
    #: Glossary files laid over the built-in glossary, for every request.
    glossary_files: tuple[Path, ...] = ()
    #: Whether the built-in glossary is used.
    builtin_glossary: bool = True

    def __post_init__(self) -> None:
        for name in ("workers", "max_bytes"):
            if getattr(self, name) < 1:
                raise OptionsError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.req_limit is not None and self.req_limit < 1:
            raise OptionsError(f"req_limit must be at least 1 request per minute, not {self.req_limit}")
        if not self.timeout > 0:
            raise OptionsError(f"timeout must be more than 0 seconds, not {self.timeout}")
        if self.api_keys is not None and not self.api_keys:
            raise OptionsError("api_keys is empty: every request would be refused")

    def limit_for(self, key: str | None) -> int | None:
        """Requests per minute for a key (or, without keys, for a client); ``None``: unlimited."""
        if key is not None and self.api_keys is not None and self.api_keys.get(key) is not None:
            return self.api_keys[key]
        return self.req_limit

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ServerSettings:
        """Settings from ``TEXTFIX_SERVE_*`` variables (:data:`ENVIRONMENT`), for ``textfix.server:app``.

        >>> ServerSettings.from_environment({"TEXTFIX_SERVE_WORKERS": "3", "TEXTFIX_SERVE_REQ_LIMIT": "10"}).workers
        3
        """
        env = os.environ if environ is None else environ

        def value(setting: str) -> str | None:
            return env.get(ENVIRONMENT[setting]) or None

        def number(setting: str) -> int | None:
            raw = value(setting)
            if raw is None:
                return None
            if not raw.strip().isdigit():
                raise OptionsError(f"{ENVIRONMENT[setting]} must be a whole number, not {raw!r}")
            return int(raw)

        models_dir, keys, glossaries = value("models_dir"), value("api_keys"), value("glossary_files")
        timeout = value("timeout")
        try:
            seconds = float(timeout) if timeout is not None else DEFAULT_TIMEOUT
        except ValueError as error:
            raise OptionsError(f"{ENVIRONMENT['timeout']} must be a number of seconds, not {timeout!r}") from error
        return cls(
            models_dir=Path(models_dir) if models_dir else None,
            workers=number("workers") or default_workers(),
            max_bytes=number("max_bytes") or DEFAULT_MAX_BYTES,
            api_keys=load_api_keys(keys) if keys else None,
            req_limit=number("req_limit"),
            timeout=seconds,
            glossary_files=tuple(Path(p) for p in glossaries.split(os.pathsep)) if glossaries else (),
        )
