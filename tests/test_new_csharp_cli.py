"""NEW-E35: `new --scope` drafts a C# file's public methods by their type, and NEW-E36: its XML
doc comments as their summary's plain text (the MediatR trial: `--scope src/MediatR/Mediator.cs`
drafted `class Mediator` alone, with `\\<summary\\>` markup). Through the CLI on real
repositories."""

from __future__ import annotations

from testing.util import drafted_context


def drafted(repo, cli, files: dict[str, str | bytes]) -> list[list[str]]:
    return drafted_context(repo, cli, files)


MEDIATOR = """using System;

namespace MediatR;

/// <summary>
/// Default mediator implementation relying on delegates for resolving handlers.
/// </summary>
public class Mediator : IMediator
{
    private readonly IServiceProvider _serviceProvider;

    /// <summary>
    /// Initializes a new instance of the <see cref="Mediator"/> class.
    /// </summary>
    public Mediator(IServiceProvider serviceProvider)
        : this(serviceProvider, new ForeachAwaitPublisher()) { }

    public Task<T> Send<T>(IRequest<T> request, CancellationToken token = default)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }
        return handler.Handle(request, _serviceProvider, token);
    }

    public Task Send<TRequest>(TRequest request, CancellationToken token = default)
        where TRequest : IRequest
    {
        return Task.CompletedTask;
    }

    public Task Publish(object notification, CancellationToken token = default) =>
        notification switch
        {
            null => throw new ArgumentNullException(nameof(notification)),
            _ => PublishNotification(notification, token)
        };

    protected virtual Task PublishCore(INotification notification)
        => _publisher.Publish(notification);

    private Task PublishNotification(INotification notification, CancellationToken token)
    {
        return Task.CompletedTask;
    }
}
"""


def test_a_csharp_file_drafts_its_public_methods_by_their_class(repo, cli):
    """NEW-E35: each public method by its class, whatever its generic type parameters, the
    constraint below it or its expression body, each overload once; no constructor, protected
    or private method; NEW-E36: the summary as its text (the file starts with a BOM)."""
    assert drafted(repo, cli, {"src/Mediator.cs": "\ufeff" + MEDIATOR}) == [
        [
            "Draft: `src/Mediator.cs`",
            "- `class Mediator`: Default mediator implementation relying on delegates for"
            " resolving handlers.",
            "- `Mediator.Send(IRequest<T> request, CancellationToken token = default)`",
            "- `Mediator.Send(TRequest request, CancellationToken token = default)`",
            "- `Mediator.Publish(object notification, CancellationToken token = default)`",
        ]
    ]


TOOLS = """namespace Acme.Tools
{
    [Serializable]
    public sealed partial class Sender : ISender
    {
        private const string Brace = "{";
        private static readonly char Open = '{';
        /* { a brace in a comment */

        [Obsolete("use {x}")]
        public async Task<int> SendAsync(
            IRequest request,
            CancellationToken token)
        {
            var text = $"{request}";
            return await Inner(request);
        }

        public static Sender Create() => new Sender();
        public virtual void Reset() { }
        public override string ToString() => "}";
        public new bool Equals(object other) => false;
        void Implicit() { }
        internal void Internal() { }

        public class Builder
        {
            public Builder WithName(string name) { return this; }
        }

        private class Secret
        {
            public void Leak() { }
        }

        public void AfterNested() { }
    }
}
"""
TYPES = """namespace Acme.Tools
{
    public interface IReader
    {
        int Read(Span<byte> buffer);
        private void Helper() { }
    }

    public record Person(string Name)
    {
        public string Greet() => $"Hi {Name}";
    }

    public readonly struct Point
    {
        public double Length() => 0;
    }

    internal class Hidden
    {
        public void NotDrafted() { }
    }
}
"""


def test_a_namespace_block_and_any_modifiers(repo, cli):
    """NEW-E35: in a namespace block, read by braces (not those of a string, a character or a
    comment): `async`, `static`, `virtual`, `override` and `new` methods, parameters over lines,
    a public nested class by both names, an interface's members without a modifier, a record's
    and a struct's; no private, internal or implicit member, nothing of a private nested class
    nor of an internal one."""
    assert drafted(repo, cli, {"src/Tools.cs": TOOLS, "src/Types.cs": TYPES}) == [
        [
            "Draft: `src/Tools.cs`",
            "- `class Sender`",
            "- `Sender.SendAsync(IRequest request, CancellationToken token)`",
            "- `Sender.Create()`",
            "- `Sender.Reset()`",
            "- `Sender.ToString()`",
            "- `Sender.Equals(object other)`",
            "- `class Sender.Builder`",
            "- `Sender.Builder.WithName(string name)`",
            "- `Sender.AfterNested()`",
        ],
        [
            "Draft: `src/Types.cs`",
            "- `interface IReader`",
            "- `IReader.Read(Span<byte> buffer)`",
            "- `record Person`",
            "- `Person.Greet()`",
            "- `struct Point`",
            "- `Point.Length()`",
        ],
    ]


PUBLISHER = """namespace MediatR.NotificationPublishers;

/// <summary>
/// Awaits each handler of <paramref name="notification"/> in one <c>foreach</c> loop,
/// as <see cref="T:MediatR.IPublisher{TNotification}"/> does &lt;in order&gt;:
/// <code>
/// foreach (var handler in handlers) {
///     await handler(notification, cancellationToken);
/// }
/// </code>
/// </summary>
public class ForeachAwaitPublisher : INotificationPublisher
{
    /// <summary>Publishes to each <see cref="NotificationHandlerExecutor">executor</see>.
    /// <para>Then returns.</para></summary>
    /// <param name="notification">The notification.</param>
    /// <returns>A task.</returns>
    [DebuggerStepThrough]
    public async Task Publish(INotification notification)
    {
        await Task.Yield();
    }

    /// <returns>Nothing but a return.</returns>
    public void Flush() { }
}
"""


def test_an_xml_doc_comment_drafts_as_its_summary_text(repo, cli):
    """NEW-E36: the summary's first sentence with its tags dropped, `<see cref>`, `<paramref>`
    and `<c>` as names in backticks, a `<see>` with text as its text, an entity as its
    character; its `<code>` example, a second `<para>`, `<param>` and `<returns>` left out,
    and the comment above an attribute read."""
    assert drafted(repo, cli, {"src/Publisher.cs": PUBLISHER}) == [
        [
            "Draft: `src/Publisher.cs`",
            "- `class ForeachAwaitPublisher`: Awaits each handler of `notification` in one"
            " `foreach` loop, as `MediatR.IPublisher<TNotification>` does \\<in order\\>:",
            "- `ForeachAwaitPublisher.Publish(INotification notification)`: Publishes to each"
            " executor.",
            "- `ForeachAwaitPublisher.Flush()`",
        ]
    ]


JAVA = """package demo;

/** A verifier. */
public final class Verifier {
    /** Checks a token. */
    public void verify(String token) {
    }

    private void secret() {
    }
}
"""


def test_a_private_csharp_method_is_left_out_and_java_drafts_as_before(repo, cli):
    """NEW-E35: beside a public method, a private one is not drafted; a Java file in the same
    scope drafts exactly as NEW-E28 drafts it."""
    code = "public class Token\n{\n    /// <summary>Checks it.</summary>\n"
    code += "    public bool Verify(string token) => true;\n\n"
    code += "    private bool Secret(string token) => false;\n}\n"
    assert drafted(repo, cli, {"src/Token.cs": code, "src/Verifier.java": JAVA}) == [
        ["Draft: `src/Token.cs`", "- `class Token`", "- `Token.Verify(string token)`: Checks it."],
        [
            "Draft: `src/Verifier.java`",
            "- `class Verifier`: A verifier.",
            "- `Verifier.verify(String token)`: Checks a token.",
        ],
    ]


def test_a_partial_method_declared_then_defined_is_drafted_once(repo, cli):
    """NEW-E35: each overload once: C# 9's public partial method, declared with its comment
    and defined below in the same file, is one method; an overload beside it is another."""
    code = "public partial class Order\n{\n    /// <summary>Saves it.</summary>\n"
    code += "    public partial void Save(int id);\n\n"
    code += "    public partial void Save(int id)\n    {\n    }\n\n"
    code += "    public void Save(string name) { }\n}\n"
    assert drafted(repo, cli, {"src/Order.cs": code}) == [
        [
            "Draft: `src/Order.cs`",
            "- `class Order`",
            "- `Order.Save(int id)`: Saves it.",
            "- `Order.Save(string name)`",
        ]
    ]


TEMPLATES = '''namespace Templates;

public class Templates
{
    private const string Json = @"
{
    ""name"": ""x"" /* not a comment
";

    public void Render(int x) { }

    private static readonly string Raw = $"""
        {
          "public void Fake() {": 1
        """;

    public void After(string y) { }
}

public class Next
{
    public void Run() { }
}
'''


def test_braces_in_a_string_over_lines_are_no_block(repo, cli):
    """NEW-E35: a verbatim (`@"`) or raw (`\"\"\"`) string that goes on over lines holds no
    brace, comment nor method: a JSON template's `{` opened no block, and every method after
    it was drafted as a nested type's or not at all."""
    assert drafted(repo, cli, {"src/Templates.cs": TEMPLATES}) == [
        [
            "Draft: `src/Templates.cs`",
            "- `class Templates`",
            "- `Templates.Render(int x)`",
            "- `Templates.After(string y)`",
            "- `class Next`",
            "- `Next.Run()`",
        ]
    ]


CONTROLLER = """namespace Api;

[ApiController] [Route("api/[controller]")] public class UsersController : ControllerBase
{
    /// <summary>Gets one user.</summary>
    [HttpGet("{id}")] public IActionResult Get(int id) => Ok(id);

    [HttpPost]
    public IActionResult Create(User user) => Ok(user);
}
"""


def test_attributes_on_the_line_of_a_type_or_a_method(repo, cli):
    """NEW-E35: attributes before a type or a method on its own line, a `]` in their strings
    (`[Route("api/[controller]")]`) too: an ASP.NET controller drafted nothing at all."""
    assert drafted(repo, cli, {"src/UsersController.cs": CONTROLLER}) == [
        [
            "Draft: `src/UsersController.cs`",
            "- `class UsersController`",
            "- `UsersController.Get(int id)`: Gets one user.",
            "- `UsersController.Create(User user)`",
        ]
    ]


FORMATTER = """namespace Text;

public class Formatter
{
    public string Wrap(string open = "(", string close = ")", char quote = ')') => open;
}
"""


def test_a_default_string_ends_no_parameter_list(repo, cli):
    """NEW-E35: a parameter's default `")"` or `')'` closes no parenthesis: `Wrap` was drafted
    ending `char quote = ')`, cut at the character's `)`."""
    assert drafted(repo, cli, {"src/Formatter.cs": FORMATTER}) == [
        [
            "Draft: `src/Formatter.cs`",
            "- `class Formatter`",
            '- `Formatter.Wrap(string open = "(", string close = ")", char quote = \')\')`',
        ]
    ]


def test_an_xml_attribute_in_single_quotes_is_read_as_in_double(repo, cli):
    """NEW-E36: `<see cref='IMediator'/>` and `<paramref name='request'/>` (XML allows either
    quote) are the names they hold, as in double quotes, not dropped as unknown tags."""
    code = "public class Sender\n{\n    /// <summary>Sends <paramref name='request'/> through"
    code += " <see cref='T:MediatR.IMediator'/>.</summary>\n    public void Send(object request)"
    code += " { }\n}\n"
    assert drafted(repo, cli, {"src/Sender.cs": code}) == [
        [
            "Draft: `src/Sender.cs`",
            "- `class Sender`",
            "- `Sender.Send(object request)`: Sends `request` through `MediatR.IMediator`.",
        ]
    ]
