package org.mcpkit.internal.schema;

import org.mcpkit.internal.json.ClientText;
import org.mcpkit.server.schema.SchemaProblem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A small, bounded JSON Schema validator for tools declared with a raw schema.
 *
 * <p>Supported keywords: {@code type} (a name or an array of names; {@code integer} accepts any
 * number without a fractional part, so {@code 3.0} is an integer), {@code properties}, {@code
 * required}, {@code additionalProperties} ({@code false} or a schema), {@code items} (a schema;
 * an array of schemas is treated as {@code prefixItems}), {@code prefixItems}, {@code enum},
 * {@code const}, {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code
 * exclusiveMaximum} (numbers, or the draft-4 boolean form), {@code minLength}, {@code maxLength}
 * (in code points), {@code pattern} ({@code java.util.regex}, unanchored {@code find}; patterns
 * longer than {@value #MAX_PATTERN_LENGTH} characters and strings longer than {@value
 * #MAX_PATTERN_INPUT} characters are reported rather than matched, and a match is abandoned and
 * reported after {@value #MAX_PATTERN_STEPS} character reads), {@code minItems}, {@code
 * maxItems}, {@code uniqueItems}, {@code anyOf}, {@code oneOf}, {@code allOf}, {@code not}, and
 * {@code $ref} to the root ({@code #}) or under {@code #/$defs/} or {@code #/definitions/} of the
 * root schema. Boolean schemas ({@code true}, {@code false}) are understood. Every other keyword
 * is ignored here (notably {@code patternProperties}, {@code format}, {@code if}/{@code then});
 * {@link BuiltInSchemaProvider} refuses at registration, by default, a schema whose ignored
 * keywords would constrain values ({@link KeywordAudit}).
 *
 * <p>Any other {@code $ref} (a network or file URI, a relative reference, {@code $id}-based or
 * anchor reference) is never resolved, let alone fetched: it yields {@code unsupported $ref
 * '...'}.
 *
 * <p>Work is bounded: schemas nest at most {@value #MAX_DEPTH} deep during evaluation and at most
 * {@value #MAX_NODES} (schema, value) pairs are evaluated per call. Beyond either limit the
 * result is the single problem {@code schema too complex}.
 *
 * <p>Problems read like those of {@link ArgumentBinder}: {@code argument 'address.city' must be
 * a string}, {@code missing required argument 'city'}, {@code unknown argument 'foo'}; the value
 * itself (empty path) is called {@code value}. Unlike the binder, and as in JSON Schema, a
 * present JSON {@code null} satisfies {@code required}.
 */
public final class SchemaValidator {
  /** Maximum evaluation depth. */
  static final int MAX_DEPTH = 32;
  /** Maximum number of (schema, value) evaluations per call. */
  static final int MAX_NODES = 10_000;
  /** Maximum length of a {@code pattern}. */
  static final int MAX_PATTERN_LENGTH = 1_000;
  /** Maximum length of a string matched against a {@code pattern}. */
  static final int MAX_PATTERN_INPUT = 10_000;

  /** Maximum character reads of one pattern match (guards against catastrophic backtracking). */
  static final int MAX_PATTERN_STEPS = 1_000_000;

  private static final String TOO_COMPLEX = "schema too complex";

  private SchemaValidator() {}

  /**
   * Validates a value against a schema.
   *
   * @param schema the JSON Schema, as maps, lists and scalars
   * @param value the value, as maps, lists and scalars (null for JSON null)
   * @return the problems found, immutable; empty when the value is valid
   */
  public static List<String> validate(Map<String, Object> schema, Object value) {
    List<String> messages = new ArrayList<>();
    for (SchemaProblem problem : problems(schema, value)) {
      messages.add(problem.message());
    }
    return capped(messages);
  }

  /**
   * Validates a value against a schema, locating each problem by JSON Pointer.
   *
   * @param schema the JSON Schema, as maps, lists and scalars
   * @param value the value, as maps, lists and scalars (null for JSON null)
   * @return every problem found (not capped), immutable; empty when the value is valid
   */
  public static List<SchemaProblem> problems(Map<String, Object> schema, Object value) {
    Objects.requireNonNull(schema, "schema");
    Run run = new Run(schema);
    List<SchemaProblem> problems = new ArrayList<>();
    try {
      run.evaluate(schema, value, Loc.ROOT, 0, problems);
    } catch (TooComplex e) {
      return List.of(new SchemaProblem("", TOO_COMPLEX));
    }
    return List.copyOf(problems);
  }

  /** Where a value is: the dotted path of messages and the JSON Pointer of problems. */
  private record Loc(String path, String pointer) {
    static final Loc ROOT = new Loc("", "");

    Loc child(String name) {
      return new Loc(
          path.isEmpty() ? name : path + "." + name,
          pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
    }

    Loc index(int i) {
      return new Loc(path + "[" + i + "]", pointer + "/" + i);
    }

    String subject() {
      return path.isEmpty() ? "value" : "argument '" + ClientText.of(path) + "'";
    }
  }

  /** Most problems named in one answer; a message listing thousands of client keys helps nobody. */
  public static final int MAX_PROBLEMS = 20;

  /** The first {@link #MAX_PROBLEMS} problems, and a count of the rest. */
  static List<String> capped(List<String> problems) {
    if (problems.size() <= MAX_PROBLEMS) {
      return List.copyOf(problems);
    }
    List<String> first = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    first.add("and " + (problems.size() - MAX_PROBLEMS) + " more problems");
    return List.copyOf(first);
  }

  /** Thrown inside a run when a bound is exceeded. */
  private static final class TooComplex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplex() {
      super(TOO_COMPLEX, null, false, false);
    }
  }

  /** One validation call. */
  private static final class Run {
    private final Map<String, Object> root;
    private final Map<String, Optional<Pattern>> patterns = new HashMap<>();
    private int nodes;

    Run(Map<String, Object> root) {
      this.root = root;
    }

    boolean valid(Object schema, Object value, Loc path, int depth) {
      List<SchemaProblem> scratch = new ArrayList<>();
      evaluate(schema, value, path, depth, scratch);
      return scratch.isEmpty();
    }

    void evaluate(Object schemaNode, Object value, Loc path, int depth, List<SchemaProblem> all) {
      Out out = new Out(all, path);
      if (depth > MAX_DEPTH || ++nodes > MAX_NODES) {
        throw new TooComplex();
      }
      if (schemaNode instanceof Boolean b) {
        if (!b) {
          out.add(path.subject() + " is not allowed");
        }
        return;
      }
      if (!(schemaNode instanceof Map<?, ?>)) {
        return; // not a schema: nothing to check
      }
      Map<?, ?> schema = (Map<?, ?>) schemaNode;
      String subject = path.subject();

      Object ref = schema.get("$ref");
      if (ref != null) {
        Optional<Object> target = resolve(ref);
        if (target.isEmpty()) {
          out.add("unsupported $ref '" + ref + "'");
        } else if (target.get() == MISSING) {
          out.add("unresolvable $ref '" + ref + "'");
        } else {
          evaluate(target.get(), value, path, depth + 1, all);
        }
      }

      Object type = schema.get("type");
      if (type != null) {
        checkType(type, value, subject, out);
      }
      if (schema.containsKey("enum") && schema.get("enum") instanceof List<?> options) {
        boolean found = false;
        for (Object option : options) {
          if (JsonValues.jsonEquals(option, value)) {
            found = true;
            break;
          }
        }
        if (!found) {
          out.add(subject + " must be one of " + options);
        }
      }
      if (schema.containsKey("const") && !JsonValues.jsonEquals(schema.get("const"), value)) {
        out.add(subject + " must be equal to " + schema.get("const"));
      }

      Optional<BigDecimal> number = JsonValues.decimal(value);
      if (number.isPresent()) {
        checkNumber(schema, number.get(), subject, out);
      }
      if (value instanceof String s) {
        checkString(schema, s, subject, out);
      }
      if (value instanceof List<?> list) {
        checkArray(schema, list, path, depth, all);
      }
      if (value instanceof Map<?, ?> map) {
        checkObject(schema, map, path, depth, all);
      }

      if (schema.get("allOf") instanceof List<?> allOf) {
        for (Object sub : allOf) {
          evaluate(sub, value, path, depth + 1, all);
        }
      }
      if (schema.get("anyOf") instanceof List<?> any) {
        boolean matched = false;
        for (Object sub : any) {
          if (valid(sub, value, path, depth + 1)) {
            matched = true;
            break;
          }
        }
        if (!matched) {
          out.add(subject + " must match at least one schema in anyOf");
        }
      }
      if (schema.get("oneOf") instanceof List<?> one) {
        int matched = 0;
        for (Object sub : one) {
          if (valid(sub, value, path, depth + 1)) {
            matched++;
          }
        }
        if (matched != 1) {
          out.add(
              subject + " must match exactly one schema in oneOf (matched " + matched + ")");
        }
      }
      if (schema.containsKey("not") && valid(schema.get("not"), value, path, depth + 1)) {
        out.add(subject + " must not match the schema in not");
      }
    }

    private static final Object MISSING = new Object();

    /** Empty when the reference is unsupported; MISSING when local but absent. */
    private Optional<Object> resolve(Object ref) {
      if (!(ref instanceof String)) {
        return Optional.empty();
      }
      String pointer = (String) ref;
      if (pointer.equals("#")) {
        return Optional.of(root);
      }
      if (!pointer.startsWith("#/$defs/") && !pointer.startsWith("#/definitions/")) {
        return Optional.empty();
      }
      Object node = root;
      for (String token : pointer.substring(2).split("/", -1)) {
        String key = token.replace("~1", "/").replace("~0", "~");
        if (node instanceof Map<?, ?> map && map.containsKey(key)) {
          node = map.get(key);
        } else if (node instanceof List<?> list && key.matches("0|[1-9][0-9]{0,8}")) {
          int index = Integer.parseInt(key);
          if (index >= list.size()) {
            return Optional.of(MISSING);
          }
          node = list.get(index);
        } else {
          return Optional.of(MISSING);
        }
      }
      return Optional.of(node);
    }

    private static void checkType(Object type, Object value, String subject, Out out) {
      List<?> names = type instanceof List<?> list ? list : List.of(type);
      for (Object name : names) {
        if (hasType(String.valueOf(name), value)) {
          return;
        }
      }
      List<String> described = new ArrayList<>();
      for (Object name : names) {
        described.add(article(String.valueOf(name)));
      }
      out.add(subject + " must be " + String.join(" or ", described));
    }

    private static boolean hasType(String name, Object value) {
      switch (name) {
        case "object":
          return value instanceof Map<?, ?>;
        case "array":
          return value instanceof List<?>;
        case "string":
          return value instanceof String;
        case "boolean":
          return value instanceof Boolean;
        case "null":
          return value == null;
        case "number":
          return value instanceof Number;
        case "integer":
          return JsonValues.isInteger(value);
        default:
          return false;
      }
    }

    private static String article(String type) {
      switch (type) {
        case "object":
        case "array":
        case "integer":
          return "an " + type;
        case "null":
          return "null";
        default:
          return "a " + type;
      }
    }

    private static void checkNumber(
        Map<?, ?> schema, BigDecimal number, String subject, Out out) {
      Object minimum = schema.get("minimum");
      Object maximum = schema.get("maximum");
      Object exclusiveMinimum = schema.get("exclusiveMinimum");
      Object exclusiveMaximum = schema.get("exclusiveMaximum");
      Optional<BigDecimal> min = JsonValues.decimal(minimum);
      if (min.isPresent()) {
        if (Boolean.TRUE.equals(exclusiveMinimum)) {
          if (number.compareTo(min.get()) <= 0) {
            out.add(subject + " must be > " + minimum);
          }
        } else if (number.compareTo(min.get()) < 0) {
          out.add(subject + " must be >= " + minimum);
        }
      }
      Optional<BigDecimal> max = JsonValues.decimal(maximum);
      if (max.isPresent()) {
        if (Boolean.TRUE.equals(exclusiveMaximum)) {
          if (number.compareTo(max.get()) >= 0) {
            out.add(subject + " must be < " + maximum);
          }
        } else if (number.compareTo(max.get()) > 0) {
          out.add(subject + " must be <= " + maximum);
        }
      }
      Optional<BigDecimal> exMin = JsonValues.decimal(exclusiveMinimum);
      if (exMin.isPresent() && number.compareTo(exMin.get()) <= 0) {
        out.add(subject + " must be > " + exclusiveMinimum);
      }
      Optional<BigDecimal> exMax = JsonValues.decimal(exclusiveMaximum);
      if (exMax.isPresent() && number.compareTo(exMax.get()) >= 0) {
        out.add(subject + " must be < " + exclusiveMaximum);
      }
    }

    private void checkString(Map<?, ?> schema, String s, String subject, Out out) {
      Optional<BigDecimal> minLength = JsonValues.decimal(schema.get("minLength"));
      Optional<BigDecimal> maxLength = JsonValues.decimal(schema.get("maxLength"));
      if (minLength.isPresent() || maxLength.isPresent()) {
        long length = s.codePointCount(0, s.length());
        if (minLength.isPresent() && BigDecimal.valueOf(length).compareTo(minLength.get()) < 0) {
          out.add(
              subject + " must be at least " + schema.get("minLength") + " characters long");
        }
        if (maxLength.isPresent() && BigDecimal.valueOf(length).compareTo(maxLength.get()) > 0) {
          out.add(subject + " must be at most " + schema.get("maxLength") + " characters long");
        }
      }
      if (schema.get("pattern") instanceof String regex) {
        Optional<Pattern> pattern = pattern(regex);
        if (pattern.isEmpty()) {
          out.add("unsupported pattern '" + abbreviate(regex) + "'");
        } else if (s.length() > MAX_PATTERN_INPUT) {
          out.add(subject + " is too long to check against pattern '" + regex + "'");
        } else {
          try {
            if (!pattern.get().matcher(new BoundedChars(s, MAX_PATTERN_STEPS)).find()) {
              out.add(subject + " must match pattern '" + regex + "'");
            }
          } catch (BoundedChars.Exhausted e) {
            out.add(subject + " is too complex to check against pattern '" + regex + "'");
          }
        }
      }
    }

    private static String abbreviate(String text) {
      return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private Optional<Pattern> pattern(String regex) {
      return patterns.computeIfAbsent(
          regex,
          r -> {
            if (r.length() > MAX_PATTERN_LENGTH) {
              return Optional.empty();
            }
            try {
              return Optional.of(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
              return Optional.empty();
            }
          });
    }

    private void checkArray(
        Map<?, ?> schema, List<?> list, Loc path, int depth, List<SchemaProblem> all) {
      Out out = new Out(all, path);
      String subject = path.subject();
      Optional<BigDecimal> minItems = JsonValues.decimal(schema.get("minItems"));
      if (minItems.isPresent() && BigDecimal.valueOf(list.size()).compareTo(minItems.get()) < 0) {
        out.add(subject + " must contain at least " + schema.get("minItems") + " items");
      }
      Optional<BigDecimal> maxItems = JsonValues.decimal(schema.get("maxItems"));
      if (maxItems.isPresent() && BigDecimal.valueOf(list.size()).compareTo(maxItems.get()) > 0) {
        out.add(subject + " must contain at most " + schema.get("maxItems") + " items");
      }
      if (Boolean.TRUE.equals(schema.get("uniqueItems"))) {
        Set<Object> seen = new HashSet<>();
        for (Object item : list) {
          if (!seen.add(JsonValues.canonical(item))) {
            out.add(subject + " must not contain duplicate items");
            break;
          }
        }
      }
      Object items = schema.get("items");
      Object prefix = schema.get("prefixItems");
      if (items instanceof List<?> tuple) {
        prefix = tuple;
        items = null;
      }
      int start = 0;
      if (prefix instanceof List<?> prefixSchemas) {
        for (; start < prefixSchemas.size() && start < list.size(); start++) {
          evaluate(
              prefixSchemas.get(start), list.get(start), path.index(start), depth + 1, all);
        }
        start = prefixSchemas.size();
      }
      if (items != null) {
        for (int i = start; i < list.size(); i++) {
          evaluate(items, list.get(i), path.index(i), depth + 1, all);
        }
      }
    }

    private void checkObject(
        Map<?, ?> schema, Map<?, ?> object, Loc path, int depth, List<SchemaProblem> all) {
      if (schema.get("required") instanceof List<?> required) {
        for (Object name : required) {
          if (!object.containsKey(name)) {
            all.add(
                new SchemaProblem(
                    path.pointer(), "missing required " + path.child(String.valueOf(name)).subject()));
          }
        }
      }
      Map<?, ?> properties =
          schema.get("properties") instanceof Map<?, ?> p ? p : Map.<String, Object>of();
      Object additional = schema.get("additionalProperties");
      for (Map.Entry<?, ?> e : object.entrySet()) {
        String key = String.valueOf(e.getKey());
        Loc childPath = path.child(key);
        if (properties.containsKey(key)) {
          evaluate(properties.get(key), e.getValue(), childPath, depth + 1, all);
        } else if (Boolean.FALSE.equals(additional)) {
          all.add(new SchemaProblem(childPath.pointer(), "unknown " + childPath.subject()));
        } else if (additional instanceof Map<?, ?>) {
          evaluate(additional, e.getValue(), childPath, depth + 1, all);
        }
      }
    }
  }

  /** Problems found at one location: each message gets that location's pointer. */
  private record Out(List<SchemaProblem> all, Loc at) {
    void add(String message) {
      all.add(new SchemaProblem(at.pointer(), message));
    }
  }

  /** A string view that stops a regex match after a budget of character reads. */
  private static final class BoundedChars implements CharSequence {
    private final String text;
    private final int start;
    private final int end;
    private final int[] budget;

    BoundedChars(String text, int budget) {
      this(text, 0, text.length(), new int[] {budget});
    }

    private BoundedChars(String text, int start, int end, int[] budget) {
      this.text = text;
      this.start = start;
      this.end = end;
      this.budget = budget;
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new Exhausted();
      }
      return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new BoundedChars(text, start + from, start + to, budget);
    }

    @Override
    public String toString() {
      return text.substring(start, end);
    }

    /** The read budget ran out. */
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Exhausted() {
        super("pattern match budget exhausted", null, false, false);
      }
    }
  }
}
