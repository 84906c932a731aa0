package org.mcpkit.spring.boot.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcpkit.spring.boot.internal.AnnotatedBeans;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link AnnotatedBeans}: the lookup the annotated-tools integration hands to the builder. */
class AnnotatedBeansTest {
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Marked {}

  static class Tools {
    @Marked
    public String tool() {
      return "t";
    }
  }

  static class MoreTools extends Tools {}

  static class Plain {
    public String notATool() {
      return "p";
    }
  }

  @Configuration(proxyBeanMethods = true) // a CGLIB subclass: the user class is what counts
  static class Config {
    @Bean
    Tools tools() {
      return new Tools();
    }

    @Bean
    Plain plain() {
      return new Plain();
    }

    @Bean
    MoreTools moreTools() {
      return new MoreTools();
    }

    @Marked
    public void configMethod() {}
  }

  @Test
  void findsBeansWithAnAnnotatedMethodInDefinitionOrder() {
    try (AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext(Config.class)) {
      List<Object> found = AnnotatedBeans.find(ctx, List.of(Marked.class));
      assertEquals(List.of("annotatedBeansTest.Config", "tools", "moreTools"),
          found.stream().map(b -> beanName(ctx, b)).toList());
      assertEquals(List.of(), AnnotatedBeans.find(ctx, List.of()));
    }
  }

  private static String beanName(AnnotationConfigApplicationContext ctx, Object bean) {
    for (String name : ctx.getBeanDefinitionNames()) {
      if (ctx.getBean(name) == bean) {
        return name;
      }
    }
    return "?";
  }
}
