"""Posting the comment to GitHub and GitLab, against a real HTTP server on 127.0.0.1 that
records every request (tests/testing/fakeforge.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from testing.fakeforge import GITHUB_TOKEN, GITLAB_TOKEN, Failure, FakeForge, running

RESET = 'def reset(user, pw):\n    """RESET-1, RESET-2"""\n    user.password_hash = pw\n'
MARKER = "<!-- specflow:comment v1 key=default head="
REPO = "/repos/acme/app"
COMMENTS = f"{REPO}/issues/5/comments"
NOTES = "/api/v4/projects/42/merge_requests/3/notes"


@pytest.fixture
def forge() -> Iterator[FakeForge]:
    yield from running()


@pytest.fixture
def change(story):
    """The story's reset, in a change a forge is told about."""
    story.commit("reset", {"src/auth/reset.py": RESET})
    return story


def _event(tmp_path: Path, fork: bool = False) -> Path:
    head = "someone/app" if fork else "acme/app"
    event = {
        "pull_request": {
            "number": 5,
            "head": {"sha": "0" * 40, "repo": {"full_name": head}},
            "base": {"ref": "main", "repo": {"full_name": "acme/app"}},
        }
    }
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event))
    return path


@pytest.fixture
def github(monkeypatch, forge, tmp_path) -> FakeForge:
    """The environment of a GitHub Actions job for pull request #5 of acme/app."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(_event(tmp_path)),
        "GITHUB_REPOSITORY": "acme/app",
        "GITHUB_API_URL": forge.url,
        "GITHUB_TOKEN": GITHUB_TOKEN,
        "GITHUB_SERVER_URL": "https://github.example",
        "GITHUB_RUN_ID": "99",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return forge


@pytest.fixture
def gitlab(monkeypatch, forge) -> FakeForge:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    env = {
        "GITLAB_CI": "true",
        "CI_API_V4_URL": f"{forge.url}/api/v4",
        "CI_PROJECT_ID": "42",
        "CI_MERGE_REQUEST_IID": "3",
        "CI_PROJECT_URL": "https://gitlab.example/acme/app",
        "SPECFLOW_GITLAB_TOKEN": GITLAB_TOKEN,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return forge


def _post(cli, *args: str):
    return cli("comment", "HEAD", "--post", *args)


# ---------------------------------------------------------------- GitHub


def test_first_run_creates_the_comment_and_the_second_updates_it(change, github, cli):
    """COMMENT-5, COMMENT-6: every request is the one expected; a new push edits, never adds."""
    first = _post(cli, "github")
    assert first.code == 0, first
    assert github.routes() == ["GET /user", f"GET {COMMENTS}", f"POST {COMMENTS}"]
    created = github.requests[-1]
    assert created.headers["authorization"] == f"Bearer {GITHUB_TOKEN}"
    assert created.headers["accept"] == "application/vnd.github+json"
    assert created.headers["x-github-api-version"] == "2022-11-28"
    assert created.headers["content-type"] == "application/json"
    assert created.body["body"].startswith(MARKER + change.head())
    assert "specflow: github comment created: https://github.example/pull/1#issuecomment-" in (
        first.err
    )

    change.commit("more", {"src/auth/reset.py": RESET + "\n# RESET-1 again\n"})
    github.requests.clear()
    second = _post(cli, "github")
    assert second.code == 0, second
    comment_id = github.comments[0]["id"]
    assert github.routes() == [
        "GET /user",
        f"GET {COMMENTS}",
        f"PATCH {REPO}/issues/comments/{comment_id}",
    ]
    assert len(github.comments) == 1
    assert github.comments[0]["body"].startswith(MARKER + change.head())
    assert "github comment updated" in second.err


def test_an_unchanged_body_is_not_sent_again(change, github, cli):
    """COMMENT-6"""
    assert _post(cli, "github").code == 0
    github.requests.clear()
    again = _post(cli, "github")
    assert again.code == 0, again
    assert [r.method for r in github.requests] == ["GET", "GET"]
    assert "unchanged (not edited)" in again.err


def test_duplicates_are_deleted_and_the_first_is_kept(change, github, cli):
    """COMMENT-6: two jobs raced and each created one; the next run keeps the oldest."""
    first = github.add_github("specflow-bot", MARKER + "old -->\nold body")
    second = github.add_github("specflow-bot", MARKER + "old2 -->\nanother")
    result = _post(cli, "github")
    assert result.code == 0, result
    assert [r.route for r in github.writes()] == [
        f"PATCH {REPO}/issues/comments/{first['id']}",
        f"DELETE {REPO}/issues/comments/{second['id']}",
    ]
    assert [c["id"] for c in github.comments] == [first["id"]]
    assert "(1 duplicate(s) deleted)" in result.err


def test_someone_elses_comment_with_the_marker_is_never_touched(change, github, cli):
    """COMMENT-E2, COMMENT-5: only the token's own comments are candidates."""
    planted = github.add_github("mallory", MARKER + "x -->\nplease edit me")
    other_key = github.add_github(
        "specflow-bot", "<!-- specflow:comment v1 key=docs head=x -->\nthe docs job's"
    )
    mention = github.add_github("specflow-bot", "not a marker\n" + MARKER + "x -->")
    assert _post(cli, "github").code == 0
    assert [r.method for r in github.writes()] == ["POST"]
    bodies = {c["id"]: c["body"] for c in github.comments}
    assert bodies[planted["id"]] == MARKER + "x -->\nplease edit me"
    assert bodies[other_key["id"]].endswith("the docs job's")
    assert bodies[mention["id"]].startswith("not a marker")


def test_the_earlier_comment_is_found_on_a_later_page(change, github, cli, forge):
    """COMMENT-E3, COMMENT-5: 150 comments, 100 a page; ours is the 130th."""
    for number in range(129):
        github.add_github("reviewer", f"comment {number}")
    ours = github.add_github("specflow-bot", MARKER + "old -->\nold")
    for number in range(20):
        github.add_github("reviewer", f"later {number}")
    assert _post(cli, "github").code == 0
    pages = [r.query.get("page", ["1"])[0] for r in github.requests if r.route.endswith("comments")]
    assert pages == ["1", "2"]
    assert [r.route for r in github.writes()] == [f"PATCH {REPO}/issues/comments/{ours['id']}"]


def test_an_actions_token_that_cannot_read_user_is_the_actions_bot(change, github, cli):
    """COMMENT-5: GET /user is refused with 403 for GITHUB_TOKEN; its comments are the bot's."""
    github.user_forbidden = True
    github.github_login = "github-actions[bot]"
    ours = github.add_github("github-actions[bot]", MARKER + "old -->\nold")
    result = _post(cli, "github")
    assert result.code == 0, result
    assert [r.route for r in github.writes()] == [f"PATCH {REPO}/issues/comments/{ours['id']}"]


def test_bot_login_skips_the_identity_request(change, github, cli):
    """COMMENT-5: a GitHub App's token comments as NAME[bot]."""
    ours = github.add_github("my-app[bot]", MARKER + "old -->\nold")
    result = _post(cli, "github", "--bot-login", "my-app[bot]")
    assert result.code == 0, result
    assert "GET /user" not in github.routes()
    assert [r.route for r in github.writes()] == [f"PATCH {REPO}/issues/comments/{ours['id']}"]


def test_pr_option_names_the_pull_request(change, github, cli, monkeypatch):
    """COMMENT-5: outside a pull_request event, --pr N."""
    monkeypatch.setenv("GITHUB_EVENT_NAME", "push")
    monkeypatch.delenv("GITHUB_EVENT_PATH")
    assert _post(cli, "github").code == 2
    assert _post(cli, "github", "--pr", "8").code == 0
    assert github.routes()[-1] == f"POST {REPO}/issues/8/comments"


@pytest.mark.parametrize(
    ("status", "body", "headers", "expected"),
    [
        (
            401,
            {"message": "Bad credentials"},
            {},
            "GitHub refused the token (401: Bad credentials)",
        ),
        (404, {"message": "Not Found"}, {}, "check GITHUB_REPOSITORY=acme/app, pull request #5"),
        (
            422,
            {"message": "Validation Failed", "errors": [{"message": "body is too long"}]},
            {},
            "refused to comment on the pull request (422: Validation Failed: body is too long)",
        ),
        (
            403,
            {"message": "Resource not accessible by integration"},
            {},
            "the token needs `pull-requests: write` in the workflow's `permissions`",
        ),
        (
            403,
            {"message": "API rate limit exceeded"},
            {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1767225600"},
            "rate limit reached (403: API rate limit exceeded); try again after 00:00:00 UTC",
        ),
        (429, {"message": "slow down"}, {"Retry-After": "60"}, "try again in 60 s"),
        (502, None, {}, "GitHub failed to comment on the pull request (502); try again later"),
    ],
)
def test_a_refusal_is_one_line_and_exit_2(change, github, cli, status, body, headers, expected):
    """COMMENT-8: what to check, never a traceback, never the token."""
    github.failures[f"POST {COMMENTS}"] = Failure(status, body, headers)
    result = _post(cli, "github")
    assert result.code == 2, result
    assert expected in result.err
    assert result.err.count("\n") == 1 and result.err.startswith("specflow: error: ")
    assert GITHUB_TOKEN not in result.err + result.out


def test_a_timeout_is_one_line(change, github, cli, monkeypatch):
    """COMMENT-8"""
    from specflow.forges import post as forge

    monkeypatch.setattr(forge, "TIMEOUT", 0.3)
    github.failures["GET /user"] = Failure(200, {"login": "x"}, delay=1.5, times=1)
    result = _post(cli, "github")
    assert result.code == 2, result
    assert "did not answer within 0.3 s" in result.err


def test_an_unreachable_host_is_one_line(change, github, cli, monkeypatch):
    """COMMENT-8"""
    github.stop()
    result = _post(cli, "github")
    assert result.code == 2, result
    assert "cannot reach GitHub at 127.0.0.1:" in result.err


def test_a_fork_pull_request_with_a_read_only_token_is_a_notice(change, github, cli, monkeypatch):
    """COMMENT-8: not a crash: the summary and annotations still work."""
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(_event(Path(str(change.path)).parent, fork=True)))
    github.failures[f"POST {COMMENTS}"] = Failure(
        403, {"message": "Resource not accessible by integration"}
    )
    result = _post(cli, "github")
    assert result.code == 0, result
    assert "comes from a fork" in result.err and "job summary" in result.err


def test_the_token_never_goes_to_another_host(change, github, cli):
    """COMMENT-8: neither by a Link header nor along a redirect."""
    with_other = FakeForge().start()
    try:
        for number in range(3):
            github.add_github("reviewer", f"comment {number}")
        github.page_size = 2
        github.next_host = with_other.url
        result = _post(cli, "github")
        assert result.code == 2, result
        assert "sent the next page of list the pull request's comments to another host" in (
            result.err
        )
        assert with_other.requests == []

        github.next_host = None
        github.redirects["GET /user"] = f"{with_other.url}/user"
        _post(cli, "github")
        assert [r.route for r in with_other.requests] == ["GET /user"]
        assert "authorization" not in with_other.requests[0].headers
    finally:
        with_other.stop()


def test_plain_http_to_another_machine_is_refused(change, github, cli, monkeypatch):
    """COMMENT-8: the token would travel in the clear."""
    monkeypatch.setenv("GITHUB_API_URL", "http://github.example/api/v3")
    result = _post(cli, "github")
    assert result.code == 2
    assert "use https" in result.err
    assert github.requests == []


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        ("GITHUB_TOKEN", "GITHUB_TOKEN is not set"),
        ("GITHUB_REPOSITORY", "GITHUB_REPOSITORY is not set"),
        ("GITHUB_EVENT_PATH", "no pull request in this event"),
    ],
)
def test_missing_settings_fail_before_any_work(change, github, cli, monkeypatch, missing, expected):
    """COMMENT-5, COMMENT-8"""
    monkeypatch.delenv(missing)
    result = _post(cli, "github")
    assert result.code == 2
    assert expected in result.err
    assert github.requests == []


# ---------------------------------------------------------------- GitLab


def test_gitlab_note_is_created_then_updated_skipping_system_and_other_notes(change, gitlab, cli):
    """COMMENT-7, COMMENT-6, COMMENT-E2"""
    gitlab.add_gitlab(7, MARKER + "x -->\nbut a system note", system=True)
    planted = gitlab.add_gitlab(99, MARKER + "x -->\nsomeone else's")
    first = _post(cli, "gitlab")
    assert first.code == 0, first
    assert gitlab.routes() == ["GET /api/v4/user", f"GET {NOTES}", f"POST {NOTES}"]
    listing = gitlab.requests[1]
    assert listing.query == {"per_page": ["100"], "sort": ["asc"], "order_by": ["created_at"]}
    assert listing.headers["private-token"] == GITLAB_TOKEN
    assert "authorization" not in listing.headers
    ours = gitlab.comments[-1]
    assert f"https://gitlab.example/acme/app/-/merge_requests/3#note_{ours['id']}" in first.err

    change.commit("more", {"src/auth/reset.py": RESET + "\n# more\n"})
    gitlab.requests.clear()
    assert _post(cli, "gitlab").code == 0
    assert [r.route for r in gitlab.writes()] == [f"PUT {NOTES}/{ours['id']}"]
    assert planted["body"].endswith("someone else's")
    assert len(gitlab.comments) == 3


def test_gitlab_pages_and_duplicates(change, gitlab, cli):
    """COMMENT-7, COMMENT-E3: Link headers on GitLab too; duplicates deleted."""
    gitlab.page_size = 2
    for number in range(3):
        gitlab.add_gitlab(5, f"note {number}")
    first = gitlab.add_gitlab(7, MARKER + "a -->\nold")
    second = gitlab.add_gitlab(7, MARKER + "b -->\nolder")
    assert _post(cli, "gitlab").code == 0
    assert len([r for r in gitlab.requests if r.route == f"GET {NOTES}"]) == 3
    assert [r.route for r in gitlab.writes()] == [
        f"PUT {NOTES}/{first['id']}",
        f"DELETE {NOTES}/{second['id']}",
    ]


def test_gitlab_refusals(change, gitlab, cli, monkeypatch):
    """COMMENT-8"""
    monkeypatch.setenv("SPECFLOW_GITLAB_TOKEN", "wrong")
    result = _post(cli, "gitlab")
    assert result.code == 2
    assert "GitLab refused the token (401: 401 Unauthorized): check SPECFLOW_GITLAB_TOKEN" in (
        result.err
    )
    assert "wrong" not in result.err
    monkeypatch.delenv("SPECFLOW_GITLAB_TOKEN")
    result = _post(cli, "gitlab")
    assert result.code == 2 and "SPECFLOW_GITLAB_TOKEN is not set" in result.err


def test_gitlab_needs_a_merge_request(change, gitlab, cli, monkeypatch):
    """COMMENT-7"""
    monkeypatch.delenv("CI_MERGE_REQUEST_IID")
    assert "no merge request" in _post(cli, "gitlab").err
    assert _post(cli, "gitlab", "--pr", "3").code == 0


def test_a_dry_run_says_where_it_would_post_and_sends_nothing(change, github, gitlab, cli):
    """COMMENT-E6: every trial tried `comment --dry-run` first; with `--post` it resolves the
    pull request from the CI's settings as the real run would, prints the comment and where it
    would go, and sends no request."""
    dry = cli("comment", "HEAD", "--post", "github", "--dry-run")
    assert dry.code == 0, dry
    assert "would post to GitHub acme/app, pull request #5 (key 'default')" in dry.err
    assert "specflow" in dry.out and github.routes() == []
    dry = cli("comment", "HEAD", "--post", "gitlab", "--dry-run", "--key", "py")
    assert "would post to GitLab project 42, merge request !3 (key 'py')" in dry.err
    assert gitlab.routes() == []


def test_a_dry_run_needs_no_token_and_says_what_it_cannot_tell(change, github, cli, monkeypatch):
    """COMMENT-E7: both s20 trials ran `comment --post github --dry-run` without GITHUB_TOKEN
    and got exit 2 though nothing is posted. It needs no token: it says where the comment would
    go as far as the settings tell, plainly what they do not, and exits 0; the real post keeps
    the token's error."""
    monkeypatch.delenv("GITHUB_TOKEN")
    dry = cli("comment", "HEAD", "--post", "github", "--dry-run")
    assert dry.code == 0, dry
    assert "would post to GitHub acme/app, pull request #5 (key 'default')" in dry.err
    assert "a real post would stop: GITHUB_TOKEN is not set" in dry.err
    assert "could not tell" not in dry.err and "specflow" in dry.out
    real = _post(cli, "github")
    assert real.code == 2 and "GITHUB_TOKEN is not set" in real.err
    assert github.routes() == []
    for name in ("GITHUB_ACTIONS", "GITHUB_EVENT_PATH", "GITHUB_REPOSITORY"):
        monkeypatch.delenv(name)  # the trials' own machine: no CI at all
    dry = cli("comment", "HEAD", "--post", "github", "--dry-run")
    assert dry.code == 0, dry
    assert "would post to GitHub (repository unknown), pull request unknown" in dry.err
    assert "could not tell the repository: GITHUB_REPOSITORY is not set" in dry.err
    assert "could not tell the pull request: no pull request in this event" in dry.err
    told = cli("comment", "HEAD", "--post", "github", "--dry-run", "--pr", "7")
    assert "pull request #7" in told.err and "could not tell the pull request" not in told.err
    assert github.routes() == []


def test_a_gitlab_dry_run_needs_no_token_either(change, gitlab, cli, monkeypatch):
    """COMMENT-E7: the click trial saw `--post gitlab --dry-run` ask for
    SPECFLOW_GITLAB_TOKEN too."""
    monkeypatch.delenv("SPECFLOW_GITLAB_TOKEN")
    monkeypatch.delenv("CI_MERGE_REQUEST_IID")
    dry = cli("comment", "HEAD", "--post", "gitlab", "--dry-run")
    assert dry.code == 0, dry
    assert "would post to GitLab project 42, merge request unknown" in dry.err
    assert "could not tell the merge request: no merge request" in dry.err
    assert "a real post would stop: SPECFLOW_GITLAB_TOKEN is not set" in dry.err
    assert (
        "merge request !3"
        in cli("comment", "HEAD", "--post", "gitlab", "--dry-run", "--pr", "3").err
    )
    assert _post(cli, "gitlab", "--pr", "3").code == 2
    assert gitlab.routes() == []


def test_a_dry_run_without_post_prints_what_would_be_posted_and_posts_nothing(
    change, github, cli, tmp_path, monkeypatch
):
    """COMMENT-E9 (the dateutil and qs trials: `comment --dry-run` alone was exit 2; the
    logrus trial before them: it printed the comment as if the dry run had passed): without
    `--post`, the dry run of the forge whose CI runs the job, as `--post KIND --dry-run`
    does (where, what is unknown, the comment; exit 0, nothing sent); outside a CI it says on
    stderr that it would post to no forge and how to name one, and prints the comment."""
    alone = cli("comment", "HEAD", "--dry-run")
    posted = cli("comment", "HEAD", "--post", "github", "--dry-run")
    assert alone.code == posted.code == 0, alone
    assert (alone.out, alone.err) == (posted.out, posted.err)
    assert "would post to GitHub acme/app, pull request #5" in alone.err
    assert "<!-- specflow:comment" in alone.out
    monkeypatch.delenv("GITHUB_ACTIONS")
    out = tmp_path / "comment.md"
    dry = cli("comment", "HEAD", "--dry-run", "--output", str(out))
    assert dry.code == 0, dry
    assert "specflow: dry run: would post to no forge (no --post" in dry.err
    assert "give --post github or --post gitlab" in dry.err
    assert "<!-- specflow:comment" in dry.out and out.read_text(encoding="utf-8").strip() in dry.out
    assert github.routes() == []
