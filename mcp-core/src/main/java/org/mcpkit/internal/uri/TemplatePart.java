package org.mcpkit.internal.uri;

/**
 * One piece of a parsed template: a {@link Literal} or an {@link Expression}. Implementations are
 * immutable.
 */
public sealed interface TemplatePart permits Literal, Expression {}
