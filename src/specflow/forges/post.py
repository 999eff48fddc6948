"""Posting the comment: a GitHub pull-request comment or a GitLab merge-request note, one per key,
found again by its marker among the token identity's own comments and updated in place.

HTTP is the standard library's `urllib`; the only host ever called is the API the CI environment
names (GITHUB_API_URL, CI_API_V4_URL), and the token goes nowhere else: not to another host a
`Link` header names, not along a redirect, and never into a message.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, Protocol, TypeVar
from urllib.parse import quote, urlsplit

from specflow.errors import SpecflowError
from specflow.forges.ci_env import load_event
from specflow.forges.comment import marker_key
from specflow.output.escape import cap, printable

TIMEOUT = 30.0
PER_PAGE = 100
MAX_PAGES = 200  # 20,000 comments: past that, a server sending us round in circles
ACTIONS_BOT = "github-actions[bot]"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')
T = TypeVar("T")


class ForgeError(SpecflowError):
    """The forge refused or did not answer; the CLI prints the one line and exits 2."""

    def __init__(self, message: str, status: int | None = None, limited: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.limited = limited


@dataclass(frozen=True)
class Note:
    """A comment (GitHub) or a note (GitLab) as far as posting needs it."""

    id: str
    author: str
    body: str
    url: str = ""
    system: bool = False


@dataclass(frozen=True)
class Outcome:
    action: Literal["created", "updated", "unchanged", "read-only"]
    url: str = ""
    deleted: int = 0


class Forge(Protocol):
    fork: bool

    def identity(self) -> str: ...
    def notes(self) -> Iterator[Note]: ...
    def create(self, body: str) -> str: ...
    def update(self, note: Note, body: str) -> str: ...
    def delete(self, note: Note) -> None: ...


@dataclass(frozen=True)
class Service:
    """What the messages name: the forge, the token's variable, what it needs, what to check."""

    name: str
    token_var: str
    permission: str
    target: str


class Http:
    """JSON over HTTPS against one API base; every failure becomes a one-line ForgeError."""

    def __init__(
        self, service: Service, base: str, headers: Mapping[str, str], secret: tuple[str, str]
    ) -> None:
        self.service = service
        self.base = _checked_base(base, service)
        self.headers = dict(headers)
        self.secret = secret
        self.timeout = TIMEOUT

    def call(self, method: str, url: str, what: str, payload: Any = None) -> tuple[Any, Any]:
        """(decoded JSON or None, response headers)."""
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        # Only https, or http to this machine (_checked_base); `pages` keeps to that origin.
        request = urllib.request.Request(url, data=data, method=method)  # noqa: S310
        for name, value in self.headers.items():
            request.add_header(name, value)
        request.add_unredirected_header(*self.secret)  # a redirect does not carry the token
        if data is not None:
            request.add_header("Content-Type", "application/json")
        name, host = self.service.name, urlsplit(url).netloc
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw, headers = response.read(), response.headers
        except urllib.error.HTTPError as exc:
            raise self._refused(exc, what) from None
        except TimeoutError:
            raise ForgeError(f"{name} ({host}) did not answer within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                message = f"{name} ({host}) did not answer within {self.timeout:g} s"
            else:
                message = f"cannot reach {name} at {host}: {_server_text(str(exc.reason))}"
            raise ForgeError(message) from None
        except (OSError, http.client.HTTPException) as exc:
            raise ForgeError(f"the connection to {name} ({host}) failed: {exc}") from None
        if not raw.strip():
            return None, headers
        try:
            return json.loads(raw), headers
        except ValueError:
            raise ForgeError(f"{name} answered {what} with something that is not JSON") from None

    def pages(self, url: str, what: str) -> Iterator[list[Any]]:
        """Every page of a listing, following the `Link: <...>; rel="next"` header."""
        for _ in range(MAX_PAGES):
            data, headers = self.call("GET", url, what)
            yield data if isinstance(data, list) else []
            found = _NEXT.search(headers.get("Link") or "")
            if not found:
                return
            url = found[1]
            if _origin(url) != _origin(self.base):
                raise ForgeError(
                    f"{self.service.name} sent the next page of {what} to another host"
                )
        raise ForgeError(f"{self.service.name} listed more than {MAX_PAGES} pages for {what}")

    def _refused(self, exc: urllib.error.HTTPError, what: str) -> ForgeError:
        s, status, headers = self.service, exc.code, exc.headers
        try:
            detail = _detail(json.loads(exc.read() or b"null"))
        except (ValueError, OSError):
            detail = ""
        said = f"{status}: {detail}" if detail else str(status)
        if status == 429 or (status == 403 and _limited(headers)):
            return ForgeError(
                f"{s.name} rate limit reached ({said}); {_retry(headers)}", status, limited=True
            )
        if status == 401:
            return ForgeError(f"{s.name} refused the token ({said}): check {s.token_var}", status)
        if status == 403:
            return ForgeError(f"{s.name} refused to {what} ({said}): {s.permission}", status)
        if status == 404:
            return ForgeError(
                f"{s.name} found nothing to {what} ({said}): check {s.target}", status
            )
        if status == 422:
            return ForgeError(f"{s.name} refused to {what} ({said})", status)
        return ForgeError(f"{s.name} failed to {what} ({said}); try again later", status)


def _checked_base(base: str, service: Service) -> str:
    parts = urlsplit(base)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        return base.rstrip("/")
    raise ForgeError(
        f"{service.name} API URL {cap(base, 100)!r}: use https, or the token would travel "
        "in the clear"
    )


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def _detail(data: Any) -> str:
    """The server's own explanation (GitHub `message`, GitLab `message` or `error`)."""
    if not isinstance(data, dict):
        return ""
    text = data.get("message") or data.get("error") or ""
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        text = f"{text}: {errors[0].get('message') or errors[0].get('code') or ''}".strip(": ")
    return _server_text(str(text))


def _server_text(text: str) -> str:
    return cap(str(printable(" ".join(text.split()))), 200)


def _limited(headers: Any) -> bool:
    return headers.get("X-RateLimit-Remaining") == "0" or headers.get("Retry-After") is not None


def _retry(headers: Any) -> str:
    after = headers.get("Retry-After") or ""
    if after.isdigit():
        return f"try again in {after} s"
    reset = headers.get("X-RateLimit-Reset") or headers.get("RateLimit-Reset") or ""
    if reset.isdigit():
        return "try again after " + time.strftime("%H:%M:%S UTC", time.gmtime(int(reset)))
    return "try again later"


# COMMENT-5
class GitHub:
    """Issue comments of a pull request (the REST API: a pull request is an issue)."""

    def __init__(
        self, api: str, token: str, repo: str, number: int, bot_login: str | None, fork: bool
    ) -> None:
        service = Service(
            "GitHub",
            "GITHUB_TOKEN",
            "the token needs `pull-requests: write` in the workflow's `permissions`",
            f"GITHUB_REPOSITORY={repo}, pull request #{number}, and that the token can see it",
        )
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "specflow",
        }
        self.http = Http(service, api, headers, ("Authorization", f"Bearer {token}"))
        self.repo_url = f"{self.http.base}/repos/{repo}"
        self.number = number
        self.bot_login = bot_login
        self.fork = fork

    def identity(self) -> str:
        if self.bot_login:
            return self.bot_login
        try:
            data, _ = self.http.call("GET", f"{self.http.base}/user", "read the token's user")
        except ForgeError as exc:
            # An Actions GITHUB_TOKEN may not read /user (403): its comments are the bot's.
            if exc.status == 403 and not exc.limited:
                return ACTIONS_BOT
            raise
        return str((data or {}).get("login") or "")

    def notes(self) -> Iterator[Note]:
        url = f"{self.repo_url}/issues/{self.number}/comments?per_page={PER_PAGE}"
        for page in self.http.pages(url, "list the pull request's comments"):
            for item in page:
                author = str((item.get("user") or {}).get("login") or "")
                body, link = str(item.get("body") or ""), str(item.get("html_url") or "")
                yield Note(str(item.get("id")), author, body, link)

    def create(self, body: str) -> str:
        url = f"{self.repo_url}/issues/{self.number}/comments"
        data, _ = self.http.call("POST", url, "comment on the pull request", {"body": body})
        return str((data or {}).get("html_url") or "")

    def update(self, note: Note, body: str) -> str:
        url = f"{self.repo_url}/issues/comments/{quote(note.id)}"
        data, _ = self.http.call("PATCH", url, "update specflow's comment", {"body": body})
        return str((data or {}).get("html_url") or note.url)

    def delete(self, note: Note) -> None:
        url = f"{self.repo_url}/issues/comments/{quote(note.id)}"
        self.http.call("DELETE", url, "delete a duplicate of specflow's comment")


# COMMENT-7
class GitLab:
    """Notes of a merge request; system notes ("added 1 commit") are never ours."""

    def __init__(self, api: str, token: str, project: str, iid: int, web: str) -> None:
        service = Service(
            "GitLab",
            "SPECFLOW_GITLAB_TOKEN",
            "the token needs the `api` scope and at least the Reporter role",
            f"CI_PROJECT_ID={project}, merge request !{iid}, and that the token can see it",
        )
        headers = {"User-Agent": "specflow"}
        self.http = Http(service, api, headers, ("PRIVATE-TOKEN", token))
        self.notes_url = (
            f"{self.http.base}/projects/{quote(project, safe='')}/merge_requests/{iid}/notes"
        )
        self.web = f"{web.rstrip('/')}/-/merge_requests/{iid}" if web else ""
        self.fork = False

    def identity(self) -> str:
        data, _ = self.http.call("GET", f"{self.http.base}/user", "read the token's user")
        return str((data or {}).get("id") or "")

    def notes(self) -> Iterator[Note]:
        url = f"{self.notes_url}?per_page={PER_PAGE}&sort=asc&order_by=created_at"
        for page in self.http.pages(url, "list the merge request's notes"):
            for item in page:
                author = str((item.get("author") or {}).get("id") or "")
                body, key = str(item.get("body") or ""), str(item.get("id"))
                yield Note(key, author, body, self._link(key), bool(item.get("system")))

    def create(self, body: str) -> str:
        data, _ = self.http.call(
            "POST", self.notes_url, "note on the merge request", {"body": body}
        )
        return self._link(str((data or {}).get("id") or ""))

    def update(self, note: Note, body: str) -> str:
        url = f"{self.notes_url}/{quote(note.id)}"
        self.http.call("PUT", url, "update specflow's note", {"body": body})
        return note.url

    def delete(self, note: Note) -> None:
        url = f"{self.notes_url}/{quote(note.id)}"
        self.http.call("DELETE", url, "delete a duplicate of specflow's note")

    def _link(self, key: str) -> str:
        return f"{self.web}#note_{key}" if self.web and key else self.web


# COMMENT-5, COMMENT-6
def upsert(forge: Forge, key: str, body: str) -> Outcome:
    """Update specflow's comment for `key` (skipped when unchanged), delete its duplicates,
    or create it when there is none. Only the token identity's own comments are candidates:
    anyone can copy the marker into a comment of theirs."""
    me = forge.identity().casefold()
    mine = [
        note
        for note in forge.notes()
        if not note.system and note.author.casefold() == me and marker_key(note.body) == key
    ]
    try:
        if not mine:
            return Outcome("created", forge.create(body))
        first, duplicates = mine[0], mine[1:]
        same = _normal(first.body) == _normal(body)
        url = first.url if same else forge.update(first, body)
        for note in duplicates:
            forge.delete(note)
    except ForgeError as exc:
        # COMMENT-8: a fork's pull request gets a read-only token: nothing can be posted.
        if forge.fork and exc.status == 403 and not exc.limited:
            return Outcome("read-only")
        raise
    return Outcome("unchanged" if same else "updated", url, len(duplicates))


def _normal(body: str) -> str:
    return body.replace("\r\n", "\n").strip()


def github(
    env: Mapping[str, str], event: Mapping[str, Any], pr: int | None, bot_login: str | None
) -> GitHub:
    """The GitHub target from the Actions environment (GITHUB_TOKEN, GITHUB_REPOSITORY,
    GITHUB_API_URL, the event payload for the pull request's number)."""
    token = _required(env, "GITHUB_TOKEN", _GITHUB_SETUP)
    repo, number = _github_repo(env), _pull_number(event, pr)
    pull = event.get("pull_request") or {}
    head = (pull.get("head") or {}).get("repo") or {}
    base = (pull.get("base") or {}).get("repo") or {}
    fork = bool(pull) and head.get("full_name") != base.get("full_name")
    api = env.get("GITHUB_API_URL") or "https://api.github.com"
    return GitHub(api, token, repo, number, bot_login, fork)


_GITHUB_SETUP = "add `env: GITHUB_TOKEN: ${{ github.token }}`"
_GITLAB_SETUP = "a project access token with the `api` scope, as a CI/CD variable"


def _github_repo(env: Mapping[str, str]) -> str:
    repo = _required(env, "GITHUB_REPOSITORY", "it names the repository as OWNER/NAME")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repo):
        raise ForgeError(f"GITHUB_REPOSITORY={cap(repo, 100)!r} is not OWNER/NAME")
    return repo


def _pull_number(event: Mapping[str, Any], pr: int | None) -> int:
    """`--pr N`, else the pull request of the event payload (or of an issue comment on one)."""
    pull = event.get("pull_request") or {}
    issue = event.get("issue") or {}
    number = pr or pull.get("number") or (issue.get("number") if issue.get("pull_request") else 0)
    if not isinstance(number, int) or number <= 0:
        raise ForgeError("no pull request in this event: run on `pull_request`, or pass --pr N")
    return number


def gitlab(env: Mapping[str, str], mr: int | None) -> GitLab:
    """The GitLab target from the CI environment; the token is SPECFLOW_GITLAB_TOKEN (a project
    or personal access token with `api` scope: CI_JOB_TOKEN cannot write notes)."""
    token = _required(env, "SPECFLOW_GITLAB_TOKEN", _GITLAB_SETUP)
    api = _required(env, "CI_API_V4_URL", "GitLab CI sets it")
    project = _required(env, "CI_PROJECT_ID", "GitLab CI sets it")
    return GitLab(api, token, project, _merge_iid(env, mr), env.get("CI_PROJECT_URL", ""))


def _merge_iid(env: Mapping[str, str], mr: int | None) -> int:
    iid_text = str(mr) if mr else env.get("CI_MERGE_REQUEST_IID", "")
    if not iid_text.isdigit() or int(iid_text) <= 0:
        raise ForgeError(
            "no merge request: run in a merge-request pipeline (CI_MERGE_REQUEST_IID), or --pr N"
        )
    return int(iid_text)


def _required(env: Mapping[str, str], name: str, hint: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ForgeError(f"{name} is not set: {hint}")
    return value


def target(kind: str, env: Mapping[str, str], pr: int | None, bot_login: str | None) -> Forge:
    """Where `--post KIND` goes, from the CI environment; a missing setting is a clear error
    before any work is done."""
    if kind == "gitlab":
        return gitlab(env, pr)
    return github(env, load_event(env), pr, bot_login)


# COMMENT-E7: a dry run sends nothing, so it needs no token: it says where the comment would
# go as far as the CI's settings tell without the API, and plainly what they do not tell.
def dry_run(kind: str, env: Mapping[str, str], pr: int | None) -> tuple[str, list[str]]:
    """(where `--post KIND` would go, the lines saying what is unknown or missing); no error."""
    gaps: list[str] = []
    where = _gitlab_dry(env, pr, gaps) if kind == "gitlab" else _github_dry(env, pr, gaps)
    return where, gaps


def _github_dry(env: Mapping[str, str], pr: int | None, gaps: list[str]) -> str:
    repo = _told(gaps, "the repository", partial(_github_repo, env))
    event = _told(gaps, "the pull request", partial(load_event, env))
    number = (
        pr if event is None else _told(gaps, "the pull request", partial(_pull_number, event, pr))
    )
    _told(gaps, "", partial(_required, env, "GITHUB_TOKEN", _GITHUB_SETUP))
    request = f"pull request #{number}" if number else "pull request unknown"
    return f"GitHub {repo or '(repository unknown)'}, {request}"


def _gitlab_dry(env: Mapping[str, str], mr: int | None, gaps: list[str]) -> str:
    project = _told(
        gaps, "the project", partial(_required, env, "CI_PROJECT_ID", "GitLab CI sets it")
    )
    iid = _told(gaps, "the merge request", partial(_merge_iid, env, mr))
    _told(gaps, "", partial(_required, env, "SPECFLOW_GITLAB_TOKEN", _GITLAB_SETUP))
    request = f"merge request !{iid}" if iid else "merge request unknown"
    return f"GitLab project {project or '(unknown)'}, {request}"


def _told(gaps: list[str], what: str, read: Callable[[], T]) -> T | None:
    """`read()`, or None with a line in `gaps`: what could not be told, or what a real post
    (`what` empty) would stop on."""
    try:
        return read()
    except SpecflowError as exc:
        gaps.append(f"could not tell {what}: {exc}" if what else f"a real post would stop: {exc}")
        return None
