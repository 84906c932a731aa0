package org.mcpkit.spring.boot.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the singleton beans whose class (the user class behind a CGLIB or scoped proxy) declares or
 * inherits a method carrying one of the given annotations, in bean definition order. Only the bean
 * types are inspected until a match: nothing else is created, factory beans are not initialized
 * early, and Spring's own classes are skipped. For handing annotated beans to the server builder.
 */
public final class AnnotatedBeans {
  private static final Logger LOG = LoggerFactory.getLogger(AnnotatedBeans.class);

  private AnnotatedBeans() {}

  /** The matching beans, created if they were not yet. */
  public static List<Object> find(
      ListableBeanFactory factory, Collection<Class<? extends Annotation>> annotations) {
    List<Object> found = new ArrayList<>();
    if (annotations.isEmpty()) {
      return found;
    }
    for (String name : factory.getBeanNamesForType(Object.class, false, false)) {
      Class<?> type = factory.getType(name, false);
      if (type == null || type.getName().startsWith("org.springframework.")) {
        continue;
      }
      if (hasAnnotatedMethod(ClassUtils.getUserClass(type), annotations)) {
        found.add(factory.getBean(name));
      }
    }
    return found;
  }

  /** Whether {@code type} has a method with one of {@code annotations}. */
  static boolean hasAnnotatedMethod(Class<?> type, Collection<Class<? extends Annotation>> annotations) {
    Method[] methods;
    try {
      methods = ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS);
    } catch (LinkageError e) { // a class whose optional dependencies are absent: not ours to serve
      LOG.debug("skipping {}: {}", type.getName(), e.toString());
      return false;
    }
    for (Method method : methods) {
      for (Class<? extends Annotation> annotation : annotations) {
        if (AnnotatedElementUtils.hasAnnotation(method, annotation)) {
          return true;
        }
      }
    }
    return false;
  }
}
