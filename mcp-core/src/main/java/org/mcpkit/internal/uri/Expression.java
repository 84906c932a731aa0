package org.mcpkit.internal.uri;

import java.util.List;
import java.util.Objects;

/**
 * A template expression ({@code {op var,...}}): an operator and its variables. Immutable.
 *
 * @param operator the operator, {@link Operator#NONE} when the expression has none
 * @param variables the variable references, in order; never empty
 */
public record Expression(Operator operator, List<VarSpec> variables) implements TemplatePart {

  /** Creates an expression; the variable list is copied. */
  public Expression {
    Objects.requireNonNull(operator, "operator");
    variables = List.copyOf(variables);
  }
}
