package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One input a server needs from the client: an elicitation, sampling or roots request.
 *
 * @param method elicitation/create, sampling/createMessage or roots/list
 * @param params the request parameters; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputRequest(
    @JsonProperty("method") String method,
    @JsonProperty("params") Object params) {

  /** Validates and copies the components. */
  public InputRequest {
    Objects.requireNonNull(method, "method");
  }

  /** Asks the user a question. */
  public static InputRequest elicit(ElicitRequest request) {
    return new InputRequest(McpMethods.ELICITATION_CREATE, request);
  }

  /** Asks the client's model. */
  public static InputRequest sample(CreateMessageRequest request) {
    return new InputRequest(McpMethods.SAMPLING_CREATE_MESSAGE, request);
  }

  /** Asks for the client's roots. */
  public static InputRequest roots() {
    return new InputRequest(McpMethods.ROOTS_LIST, null);
  }
}
