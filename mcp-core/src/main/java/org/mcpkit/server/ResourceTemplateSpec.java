package org.mcpkit.server;

import java.util.Objects;
import org.mcpkit.protocol.ResourceTemplate;

/**
 * A resource template (RFC 6570), the code that reads matching URIs, and an optional completion
 * handler for its variables. Immutable.
 *
 * @param template the template as listed to clients
 * @param uriTemplate the parsed template used for matching
 * @param handler the code; called with the variables matched from the URI
 * @param completion completes template variables, or null
 */
public record ResourceTemplateSpec(
    ResourceTemplate template,
    UriTemplate uriTemplate,
    ResourceHandler handler,
    CompletionHandler completion) {

  /** Creates a spec. */
  public ResourceTemplateSpec {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(uriTemplate, "uriTemplate");
    Objects.requireNonNull(handler, "handler");
  }

  /** Creates a spec; the template string is parsed now (IllegalArgumentException if invalid). */
  public static ResourceTemplateSpec of(ResourceTemplate template, ResourceHandler handler) {
    return new ResourceTemplateSpec(
        template, UriTemplate.of(template.uriTemplate()), handler, null);
  }

  /** A copy that completes template variables with the given handler. */
  public ResourceTemplateSpec withCompletion(CompletionHandler completion) {
    return new ResourceTemplateSpec(
        template, uriTemplate, handler, Objects.requireNonNull(completion, "completion"));
  }
}
