"""What the java-jwt trial found of wrong evidence, through the CLI on real repositories: a
method of the verifier is not the creator's method of that name (REVIEW-E342), and the exception
every check of a file throws tells no condition's rule apart (REVIEW-E343)."""

from __future__ import annotations

from testing.util import review_json

CREATOR = """package x;
public class Creator {
    private String[] aud;
    public Creator withAudience(String... audience) {
        this.aud = audience;
        return this;
    }
}
"""

VERIFIER = """package x;
import java.util.Arrays;
import java.util.List;
public class Verifier {
    private List<String> expected;
    public Verifier withAudience(String... audience) {
        expected = audience == null ? null : Arrays.asList(audience);
        return this;
    }
}
"""

CREATE = """---
id: CREATE
scope: [src/Creator.java]
---
# Create
## Context
- `Creator` builds tokens.
## Requirements
- CREATE-1: The token holds the audiences given.
## Edge Cases
- CREATE-E1: `withAudience()` with no arguments, or with a `null` element.
"""

VERIFY = """---
id: VERIFY
scope: [src/Verifier.java]
---
# Verify
## Context
- `Verifier` checks tokens.
## Requirements
- VERIFY-1: The token must carry every expected audience.
## Edge Cases
- VERIFY-E1: A token without any audience.
"""

EMPTY = "(audience == null || audience.length == 0) ? null : Arrays.asList(audience);"


def _asked(repo, cli, files):
    repo.commit("change", files)
    return [q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]]


def test_another_classs_method_of_the_same_name_asks_nothing(repo, cli):
    """REVIEW-E342 (auth0/java-jwt `45036b9`, `2ee2b3c`: a change inside the verifier's
    `withAudience` asked CREATE-E1, the creator's `withAudience()`, "outside the change's
    specs", on shared words): a Java method is of its file's class, so REVIEW-E243 drops
    another spec's bare method of that name; adversarial: the same change in the creator's
    file asks CREATE-E1, and a spec naming `Verifier` keeps the link."""
    base = {"src/Creator.java": CREATOR, "src/Verifier.java": VERIFIER}
    repo.commit("base", {**base, "specs/create.md": CREATE, "specs/verify.md": VERIFY})
    changed = VERIFIER.replace("audience == null ? null : Arrays.asList(audience);", EMPTY)
    asked = _asked(repo, cli, {"src/Verifier.java": changed})
    assert "VERIFY-1" in asked and "CREATE-E1" not in asked
    repo.commit("back", base)
    creator = CREATOR.replace(
        "this.aud = audience;", "this.aud = audience == null ? null : audience;"
    )
    assert "CREATE-E1" in _asked(repo, cli, {"src/Creator.java": creator})
    repo.commit("back", base)
    naming = CREATE.replace("builds tokens.", "builds tokens that a `Verifier` checks.")
    asked = _asked(repo, cli, {"specs/create.md": naming})
    asked = _asked(repo, cli, {"src/Verifier.java": changed})
    assert "CREATE-E1" in asked


V = """package x;
import java.util.List;
public final class V {
    private void assertValidAudienceClaim(List<String> audience, List<String> value) {
        if (audience == null || !audience.containsAll(value)) {
            throw new InvalidClaimException("The Claim 'aud' value doesn't contain the audience.");
        }
    }
    private void assertValidIssuerClaim(String issuer, String value) {
        if (!value.equals(issuer)) {
            throw new InvalidClaimException("The Claim 'iss' value doesn't match the issuer.");
        }
    }
    private void assertClaimPresent(Object claim, String name) {
        if (claim == null) {
            throw new MissingClaimException(name);
        }
    }
}
"""

SPEC = """---
id: VERIFY
scope: [src/V.java]
---
# Verify
## Context
- `assertValidAudienceClaim()` checks the audience.
## Requirements
- VERIFY-1: The token's audience holds every expected one.
- VERIFY-2: `withClaim` requires an exact match; a mismatch fails with `InvalidClaimException`.
- VERIFY-3: A claim required but absent fails with `MissingClaimException`.
## Edge Cases
- VERIFY-E1: none.
"""

THIRD = """    private void assertValidSubjectClaim(String subject, String value) {
        if (!value.equals(subject)) {
            throw new InvalidClaimException("The Claim 'sub' value doesn't match the subject.");
        }
    }
}
"""


def test_an_exception_thrown_all_over_the_file_is_no_evidence_of_a_condition(repo, cli):
    """REVIEW-E343 (auth0/java-jwt, the trial's D8: a changed audience condition asked first
    VERIFY-2, which names `InvalidClaimException`, thrown by every claim check of the file): a
    governed `throw` of an exception the file throws on three lines or more is no evidence;
    adversarial: thrown on two lines it still is, and so is an exception thrown once
    (`MissingClaimException`), one a statement naming the hunk's `audience` names too, or a
    `throw` the hunk itself adds."""
    often = V.removesuffix("}\n") + THIRD
    old, new = "!audience.containsAll(value)", "java.util.Collections.disjoint(audience, value)"
    repo.commit("base", {"specs/v.md": SPEC, "src/V.java": often})
    assert "VERIFY-2" not in _asked(repo, cli, {"src/V.java": often.replace(old, new)})
    repo.commit("two", {"src/V.java": V})
    assert "VERIFY-2" in _asked(repo, cli, {"src/V.java": V.replace(old, new)})
    repo.commit("three", {"src/V.java": often})
    present = often.replace("if (claim == null)", "if (claim == null || claim.isNull())")
    assert "VERIFY-3" in _asked(repo, cli, {"src/V.java": present})
    repo.commit("back", {"src/V.java": often})
    rule = "- VERIFY-4: A bad `audience` is `InvalidClaimException`.\n"
    naming = SPEC.replace("## Edge Cases", rule + "## Edge Cases")
    repo.commit("naming", {"specs/v.md": naming})
    repo.commit("cond", {"src/V.java": often.replace(old, new)})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    asked = {q["statement"]["id"]: q["evidence"]["names"] for q in questions}
    assert "InvalidClaimException" in asked["VERIFY-4"], asked
    repo.commit("back", {"src/V.java": often})
    thrown = often.replace(
        "            throw new MissingClaimException(name);\n",
        "            throw new InvalidClaimException(name);\n",
    )
    assert "VERIFY-2" in _asked(repo, cli, {"src/V.java": thrown})
