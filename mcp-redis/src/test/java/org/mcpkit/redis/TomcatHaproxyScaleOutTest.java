package org.mcpkit.redis;

/**
 * The HAProxy scale-out scenarios with the instances on the servlet transport in an embedded Tomcat
 * ({@link TomcatInstanceMain}).
 */
class TomcatHaproxyScaleOutTest extends HaproxyScaleOutContract {
  @Override
  Class<?> instanceMain() {
    return TomcatInstanceMain.class;
  }
}
