package org.mcpkit.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes {@link SamplingMessage} content as one block or an array. */
final class SamplingMessageSupport {
  private SamplingMessageSupport() {}

  static final class Serializer extends StdSerializer<SamplingMessage> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(SamplingMessage.class);
    }

    @Override
    public void serialize(SamplingMessage m, JsonGenerator g, SerializerProvider p)
        throws IOException {
      g.writeStartObject();
      g.writeFieldName("role");
      p.defaultSerializeValue(m.role(), g);
      g.writeFieldName("content");
      // Each block is written by its runtime type; the "type" discriminator is one of its
      // properties (Content uses EXISTING_PROPERTY), so no type id needs to be added here.
      if (m.content().size() == 1) {
        p.defaultSerializeValue(m.content().get(0), g);
      } else {
        g.writeStartArray();
        for (Content c : m.content()) {
          p.defaultSerializeValue(c, g);
        }
        g.writeEndArray();
      }
      if (m.meta() != null) {
        g.writeFieldName("_meta");
        p.defaultSerializeValue(m.meta(), g);
      }
      g.writeEndObject();
    }
  }

  static final class Deserializer extends StdDeserializer<SamplingMessage> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(SamplingMessage.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public SamplingMessage deserialize(JsonParser parser, DeserializationContext ctx)
        throws IOException {
      JsonNode node = ctx.readTree(parser);
      if (!node.isObject()) {
        return ctx.reportInputMismatch(
            SamplingMessage.class, "a sampling message must be an object");
      }
      JsonNode role = node.get("role");
      JsonNode content = node.get("content");
      if (role == null || role.isNull() || content == null || content.isNull()) {
        return missing(ctx, "role and content are required");
      }
      List<Content> blocks = new ArrayList<>();
      if (content.isArray()) {
        for (JsonNode c : content) {
          Content block = ctx.readTreeAsValue(c, Content.class);
          if (block == null) {
            return missing(ctx, "content blocks must not be null");
          }
          blocks.add(block);
        }
      } else {
        blocks.add(ctx.readTreeAsValue(content, Content.class));
      }
      JsonNode meta = node.get("_meta");
      return new SamplingMessage(
          ctx.readTreeAsValue(role, Role.class),
          blocks,
          meta == null || meta.isNull() ? null : ctx.readTreeAsValue(meta, Map.class));
    }

    private static SamplingMessage missing(DeserializationContext ctx, String message)
        throws IOException {
      return (SamplingMessage)
          ctx.handleInstantiationProblem(
              SamplingMessage.class, null, new NullPointerException(message));
    }
  }
}
