package org.mcpkit.redis;

/** The HAProxy scale-out scenarios with the instances on Undertow ({@link RedisInstanceMain}). */
class UndertowHaproxyScaleOutTest extends HaproxyScaleOutContract {
  @Override
  Class<?> instanceMain() {
    return RedisInstanceMain.class;
  }
}
