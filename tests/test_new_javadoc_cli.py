"""`specflow new --scope` on a Java file, through the CLI on a real repository: a member drafts
the first sentence of its Javadoc, its tags and HTML as the words they show (NEW-E39, a user's
draft of gson's JsonReader.java)."""

from __future__ import annotations

from specflow.sources.markdown import parse_spec

JAVADOC = """package x;

/**
 * Reads a JSON (<a href="https://www.ietf.org/rfc/rfc8259.txt">RFC 8259</a>) value.
 */
public class JsonReader {
  /** Creates a reader of {@code in}. */
  public JsonReader(Reader in) {
    // a comment inside a member
  }

  /**
   * Sets the strictness of this reader.
   *
   * @deprecated Please use {@link #setStrictness(Strictness)} instead.
   */
  @Deprecated
  // Don't specify @InlineMe, so callers become aware of STRICT
  @SuppressWarnings("InlineMeSuggester")
  public final void setLenient(boolean lenient) {
  }

  /**
   * Configures how liberal this parser is in what it accepts:
   *
   * <ul>
   *   <li>C-style comments starting with {@code /*} and ending with {@code *}{@code /}.
   * </ul>
   */
  public final void setStrictness(Strictness strictness) {
  }

  /** Serializes {@code Map} objects as {@link JsonArray}s when {@literal a < b}. */
  public void mapKeys() {
  }

  // Not a Javadoc.
  public void peek() {
  }
}
"""


def test_a_java_member_drafts_the_first_sentence_of_its_javadoc(repo, cli):
    """NEW-E39 (`new --scope` on gson's JsonReader.java): a member's summary is its
    Javadoc's first sentence, above its annotations and the `//` among them; a `/*` inside
    the Javadoc opens nothing; `{@code X}` and `{@link X}` are `X` in backticks, HTML tags are
    dropped and a list's items are no part of the first sentence; a `//` comment is none."""
    repo.commit("code", {"src/JsonReader.java": JAVADOC})
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", "src/**").code == 0
    assert cli("lint").code == 0
    spec = parse_spec("specs/drafted.md", repo.read("specs/drafted.md"))
    assert [c.text.splitlines() for c in spec.context] == [
        [
            "Draft: `src/JsonReader.java`",
            "- `class JsonReader`: Reads a JSON (RFC 8259) value.",
            "- `JsonReader.setLenient(boolean lenient)`: Sets the strictness of this reader.",
            "- `JsonReader.setStrictness(Strictness strictness)`: Configures how liberal this"
            " parser is in what it accepts:",
            "- `JsonReader.mapKeys()`: Serializes `Map` objects as `JsonArray`s when a \\< b.",
            "- `JsonReader.peek()`",
        ]
    ]
