"""What the MediatR trial (C#) found, through the CLI on real repositories: a lambda marked
`static` runs as it did (REVIEW-E413), and the same-looking changes that do change code still
ask."""

from __future__ import annotations

from testing.util import asks, asks_nothing, reviewed_rewrite

SPEC = """---
id: PUB
scope: ["src/**"]
---
# Publishing

## Context
- `Mediator.Publish()` hands each handler to `PublishCore`.

## Requirements
- PUB-1: Handlers run in the order they were registered.
"""

MEDIATOR = """namespace MediatR;

public class Mediator
{
    // PUB-1
    public Task Publish(object notification)
    {
        var handlers = _handlers.Select(s => new Wrapper(s)).ToList();
        var unique = handlers.GroupBy(h => h.Handler.GetType()).Select((h, i) => h.First());
        return PublishCore(unique, notification);
    }

    public int Count() => _handlers.Count;
}
"""
PATH = "src/MediatR/Mediator.cs"


def test_a_lambda_marked_static_changes_nothing(repo, cli):
    """REVIEW-E413 (jbogard/MediatR `205172d`): `static` before a lambda's parameter, or its
    parenthesised parameters, only forbids it to capture; the review asks nothing."""
    repo.commit("base", {"specs/pub.md": SPEC, PATH: MEDIATOR})
    data, checked = reviewed_rewrite(
        repo,
        cli,
        PATH,
        MEDIATOR,
        "static lambdas",
        "Select(s =>",
        "Select(static s =>",
        "GroupBy(h =>",
        "GroupBy(static h =>",
        "Select((h, i) =>",
        "Select(static (h, i) =>",
    )
    asks_nothing(data, PATH)
    assert "touched-requirement" not in checked


def test_static_elsewhere_or_with_another_change_still_asks(repo, cli):
    """REVIEW-E413, adversarial: `static` on a method changes how it is called, and a lambda
    made static whose body changes too is a change."""
    repo.commit("base", {"specs/pub.md": SPEC, PATH: MEDIATOR})
    method = ("public Task Publish(", "public static Task Publish(")
    body = ("Select(s => new Wrapper(s))", "Select(static s => new Wrapper(null))")
    for pair in (method, body):
        data, _ = reviewed_rewrite(repo, cli, PATH, MEDIATOR, "static", *pair)
        assert data["noop_files"] == [], pair
        asks(data)
