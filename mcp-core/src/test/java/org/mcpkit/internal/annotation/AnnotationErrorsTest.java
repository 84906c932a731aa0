package org.mcpkit.internal.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.annotation.McpArg;
import org.mcpkit.server.annotation.McpCompletion;
import org.mcpkit.server.annotation.McpPrompt;
import org.mcpkit.server.annotation.McpResource;
import org.mcpkit.server.annotation.McpTool;

/** Wrong annotations fail at {@code annotated(...)}, with a message naming {@code Class#method}. */
class AnnotationErrorsTest {
  private static final String P = AnnotationErrorsTest.class.getName() + "$";

  private static void fails(String message, Object target) {
    McpServer.Builder b = McpServer.builder(Implementation.of("t", "1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.annotated(target));
    assertEquals(message, e.getMessage());
  }

  public static final class NonPublic {
    @McpTool
    String hidden() {
      return "";
    }
  }

  @Test
  void aNonPublicMethod() {
    fails(P + "NonPublic#hidden: an annotated method must be public", new NonPublic());
  }

  public static final class Duplicate {
    @McpTool(name = "x")
    public String a() {
      return "";
    }

    @McpTool(name = "x")
    public String b() {
      return "";
    }
  }

  @Test
  void aDuplicateToolName() {
    fails(P + "Duplicate#b: duplicate tool name 'x' (also " + P + "Duplicate#a)", new Duplicate());
  }

  public static final class Echo {
    @McpTool
    public String echo(String text) {
      return text;
    }
  }

  record EchoArgs(String text) {}

  @Test
  void aToolNameAlreadyRegistered() {
    McpServer.Builder b =
        McpServer.builder(Implementation.of("t", "1"))
            .tool("echo", "Echo", EchoArgs.class, (ctx, a) -> CallToolResult.text(a.text()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.annotated(new Echo()));
    assertEquals(P + "Echo#echo: duplicate tool name 'echo' (already registered with the builder)", e.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> McpServer.builder(Implementation.of("t", "1")).annotated(new Echo()).annotated(new Echo()));
    assertEquals(P + "Echo#echo: duplicate tool name 'echo' (already registered with the builder)", twice.getMessage());
  }

  public static final class UnsupportedParameter {
    @McpTool
    public String t(String ok, Thread thread) {
      return "";
    }
  }

  @Test
  void anUnsupportedParameterType() {
    fails(P + "UnsupportedParameter#t: parameter 'thread': unsupported type java.lang.Thread", new UnsupportedParameter());
  }

  record Holder(Thread thread) {}

  public static final class UnsupportedNested {
    @McpTool
    public String t(Holder holder) {
      return "";
    }
  }

  @Test
  void anUnsupportedTypeInARecordParameter() {
    fails(
        P + "UnsupportedNested#t: parameter 'holder': unsupported type java.lang.Thread for component 'thread' of record "
            + P + "Holder",
        new UnsupportedNested());
  }

  public static final class TwoContexts {
    @McpTool
    public String t(RequestContext a, RequestContext b) {
      return "";
    }
  }

  @Test
  void twoRequestContextParameters() {
    fails(P + "TwoContexts#t: more than one RequestContext parameter", new TwoContexts());
  }

  public static final class OptionalPrimitive {
    @McpTool
    public String t(@McpArg(optional = true) int n) {
      return "";
    }
  }

  @Test
  void anOptionalPrimitive() {
    fails(P + "OptionalPrimitive#t: parameter 'n': a primitive cannot be optional; use its wrapper type", new OptionalPrimitive());
  }

  public static final class SameArgumentName {
    @McpTool
    public String t(String a, @McpArg(name = "a") String b) {
      return "";
    }
  }

  @Test
  void twoArgumentsWithOneName() {
    fails(P + "SameArgumentName#t: duplicate argument name 'a'", new SameArgumentName());
  }

  public static final class UnsupportedReturn {
    @McpTool
    public Thread t() {
      return null;
    }
  }

  @Test
  void anUnsupportedReturnType() {
    fails(
        P + "UnsupportedReturn#t: unsupported return type java.lang.Thread; return String, a record, CallToolResult or void",
        new UnsupportedReturn());
  }

  public static final class TwoKinds {
    @McpTool
    @McpPrompt
    public String t() {
      return "";
    }
  }

  @Test
  void twoFeatureAnnotationsOnOneMethod() {
    fails(P + "TwoKinds#t: more than one of @McpTool, @McpResource, @McpPrompt and @McpCompletion", new TwoKinds());
  }

  public static final class UnknownVariable {
    @McpResource(uri = "x://{id}")
    public String r(String name) {
      return "";
    }
  }

  public static final class UnboundVariable {
    @McpResource(uri = "x://{a}/{b}")
    public String r(String a) {
      return "";
    }
  }

  public static final class BadTemplate {
    @McpResource(uri = "x://{a")
    public String r(String a) {
      return "";
    }
  }

  public static final class FixedWithArgument {
    @McpResource(uri = "x://fixed")
    public String r(String a) {
      return "";
    }
  }

  public static final class NumberVariable {
    @McpResource(uri = "x://{n}")
    public String r(int n) {
      return "";
    }
  }

  @Test
  void templateVariablesThatDoNotMatchTheParameters() {
    fails(P + "UnknownVariable#r: parameter 'name' is not a variable of URI template 'x://{id}'", new UnknownVariable());
    fails(P + "UnboundVariable#r: URI template variable 'b' has no parameter of that name", new UnboundVariable());
    fails(P + "FixedWithArgument#r: parameter 'a': a fixed resource takes no arguments; use a URI template", new FixedWithArgument());
    fails(
        P + "NumberVariable#r: parameter 'n': resource template parameters must be String or Optional<String>",
        new NumberVariable());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> McpServer.builder(Implementation.of("t", "1")).annotated(new BadTemplate()));
    assertEquals(
        P + "BadTemplate#r: invalid URI template 'x://{a': " + expectedTemplateError("x://{a"), e.getMessage());
  }

  private static String expectedTemplateError(String template) {
    try {
      org.mcpkit.server.UriTemplate.of(template);
      throw new AssertionError("the template should be invalid");
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  public static final class NumberPromptArgument {
    @McpPrompt
    public String p(Integer n) {
      return "";
    }
  }

  public static final class BadPromptReturn {
    @McpPrompt
    public List<String> p() {
      return List.of();
    }
  }

  @Test
  void promptArgumentsAndResultsOfTheWrongType() {
    fails(P + "NumberPromptArgument#p: parameter 'n': prompt arguments must be String or Optional<String>", new NumberPromptArgument());
    fails(
        P + "BadPromptReturn#p: unsupported return type java.util.List<java.lang.String>;"
            + " return String, PromptMessage, List<PromptMessage> or GetPromptResult",
        new BadPromptReturn());
  }

  public static final class CompletionOfUnknownPrompt {
    @McpCompletion(prompt = "nope", argument = "a")
    public List<String> c(String value) {
      return List.of();
    }
  }

  public static final class CompletionOfUnknownArgument {
    @McpPrompt
    public String greet(String name) {
      return "";
    }

    @McpCompletion(prompt = "greet", argument = "style")
    public List<String> c(String value) {
      return List.of();
    }
  }

  public static final class CompletionOfBoth {
    @McpCompletion(prompt = "p", resource = "x://{a}", argument = "a")
    public List<String> c(String value) {
      return List.of();
    }
  }

  public static final class TwoCompletions {
    @McpResource(uri = "x://{a}")
    public String r(String a) {
      return "";
    }

    @McpCompletion(resource = "x://{a}", argument = "a")
    public List<String> c1(String value) {
      return List.of();
    }

    @McpCompletion(resource = "x://{a}", argument = "a")
    public List<String> c2(String value) {
      return List.of();
    }
  }

  public static final class CompletionWithTwoValues {
    @McpPrompt
    public String greet(String name) {
      return "";
    }

    @McpCompletion(prompt = "greet", argument = "name")
    public List<String> c(String value, String other) {
      return List.of();
    }
  }

  @Test
  void completionsOfWhatIsNotThere() {
    fails(P + "CompletionOfUnknownPrompt#c: no @McpPrompt named 'nope' on this object", new CompletionOfUnknownPrompt());
    fails(P + "CompletionOfUnknownArgument#c: 'greet' has no argument 'style'", new CompletionOfUnknownArgument());
    fails(P + "CompletionOfBoth#c: @McpCompletion needs exactly one of prompt and resource", new CompletionOfBoth());
    fails(P + "TwoCompletions#c2: argument 'a' of 'x://{a}' already has a completion method", new TwoCompletions());
    fails(
        P + "CompletionWithTwoValues#c: parameter 'other': a completion takes one String (the value typed so far),"
            + " a RequestContext and a CompleteRequest",
        new CompletionWithTwoValues());
  }

  public static final class BadScope {
    @McpTool(scopes = {"ok", "not ok"})
    public String t(Optional<String> a) {
      return "";
    }
  }

  @Test
  void anInvalidScopeLeavesTheBuilderAsItWas() throws Exception {
    McpServer.Builder b = McpServer.builder(Implementation.of("t", "1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.annotated(new BadScope()));
    assertEquals(P + "BadScope#t: invalid scope: not ok", e.getMessage());
    b.annotated(new Echo()).build().close(); // nothing of BadScope was registered
  }

  @Test
  void anObjectWithoutAnnotatedMethods() {
    fails("java.lang.Object: no method annotated with @McpTool, @McpResource, @McpPrompt or @McpCompletion", new Object());
  }
}
