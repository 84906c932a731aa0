package org.mcpkit.redis;

/** {@link TwoInstancesContract} on one standalone redis-server. */
class RedisTwoInstancesTest extends TwoInstancesContract {
  private RedisProcess redis;

  @Override
  void startRedis() throws Exception {
    redis = RedisProcess.start();
  }

  @Override
  McpRedis.Builder client() {
    return McpRedis.builder(redis.uri());
  }

  @Override
  void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }
}
