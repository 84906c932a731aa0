package org.mcpkit.internal.uri;

import java.util.Objects;

/**
 * A variable reference inside an expression. Immutable.
 *
 * @param name the variable name
 * @param prefix the prefix modifier's length ({@code {var:3}}), or 0 for none
 * @param explode whether the explode modifier ({@code {var*}}) is present
 */
public record VarSpec(String name, int prefix, boolean explode) {

  /** Creates a variable reference. */
  public VarSpec {
    Objects.requireNonNull(name, "name");
  }
}
