package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcpkit.internal.json.ClientText;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.PaginatedRequest;
import org.mcpkit.protocol.Resource;
import org.mcpkit.server.McpException;
import org.mcpkit.server.skill.Skill;
import org.mcpkit.server.skill.SkillDirectory;

/**
 * The skills extension's methods for 2026-07-28 requests: {@code skills/list} (paged, list cache
 * hints), {@code skills/get} (read cache hints; -32602 for a URI that is not a served skill's
 * {@code SKILL.md}) and {@code resources/directory/read} (paged; -32602 for a URI that is not a
 * served directory). Answers from the server's {@link SkillDirectory}. Thread-safe.
 */
final class SkillMethods {
  private final SkillDirectory skills;
  private final Envelopes envelopes;
  private final ObjectMapper mapper;
  private final int pageSize;

  SkillMethods(SkillDirectory skills, Envelopes envelopes, ObjectMapper mapper, int pageSize) {
    this.skills = skills;
    this.envelopes = envelopes;
    this.mapper = mapper;
    this.pageSize = pageSize;
  }

  /** Whether {@code method} is one of the extension's methods. */
  static boolean isSkillMethod(String method) {
    return McpMethods.SKILLS_LIST.equals(method)
        || McpMethods.SKILLS_GET.equals(method)
        || McpMethods.RESOURCES_DIRECTORY_READ.equals(method);
  }

  Object route(FeatureRouter.Invocation inv) {
    Map<String, Object> params = inv.request().params();
    switch (inv.request().method()) {
      case McpMethods.SKILLS_LIST: {
        Map<String, Object> out = new LinkedHashMap<>();
        String next = page(skills.skills(), params, out, "skills");
        if (next != null) {
          out.put("nextCursor", next);
        }
        return envelopes.complete(out, true, true, true);
      }
      case McpMethods.SKILLS_GET: {
        String uri = uri(params);
        Skill skill =
            skills.skill(uri).orElseThrow(() -> McpException.invalidParams("No skill is served at " + ClientText.of(uri)));
        return envelopes.complete(Map.of("skill", skill), true, false, true);
      }
      default: {
        String uri = uri(params);
        List<Resource> children =
            skills.directory(uri)
                .orElseThrow(() -> McpException.invalidParams(ClientText.of(uri) + " is not a directory resource"));
        Map<String, Object> out = new LinkedHashMap<>();
        String next = page(children, params, out, "resources");
        if (next != null) {
          out.put("nextCursor", next);
        }
        return envelopes.complete(out, false, false, true);
      }
    }
  }

  private static String uri(Map<String, Object> params) {
    if (!(params.get("uri") instanceof String uri) || uri.isEmpty()) {
      throw McpException.invalidParams("Invalid params: uri is required");
    }
    return uri;
  }

  /** Puts one page of {@code all} under {@code key}; returns the next cursor or null. */
  private <T> String page(List<T> all, Map<String, Object> params, Map<String, Object> out, String key) {
    String cursor;
    try {
      cursor = mapper.convertValue(params, PaginatedRequest.class).cursor();
    } catch (IllegalArgumentException e) {
      throw McpException.invalidParams("Invalid params");
    }
    int offset = Cursors.decode(cursor);
    if (offset > all.size()) {
      throw McpException.invalidParams("Invalid params: invalid cursor");
    }
    int end = Math.min(all.size(), offset + pageSize);
    out.put(key, new ArrayList<>(all.subList(offset, end)));
    return end < all.size() ? Cursors.encode(end) : null;
  }
}
