package org.mcpkit.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.CompletionHandler;
import org.mcpkit.server.MessageLimits;
import org.mcpkit.server.NotificationBus;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.RequestStateCodec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.observe.ServerObserver;

/** Everything {@link org.mcpkit.server.McpServer.Builder} collected, validated and copied. */
public record ServerConfig(
    Implementation serverInfo,
    String instructions,
    Executor executor,
    boolean transportThreads,
    int maxConcurrentRequests,
    int pageSize,
    NotificationBus bus,
    boolean ownsBus,
    RequestStateCodec requestStateCodec,
    Duration requestStateTtl,
    Duration listCacheTtl,
    Duration readCacheTtl,
    Clock clock,
    Duration clientRequestTimeout,
    List<ProtocolVersion> versions,
    List<ToolSpec> tools,
    List<ResourceSpec> resources,
    List<ResourceTemplateSpec> templates,
    List<PromptSpec> prompts,
    CompletionHandler completion,
    MessageLimits messageLimits,
    ServerObserver observer,
    ScopeRules scopeRules) {}
