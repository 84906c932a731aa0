package org.mcpkit.internal.annotation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One annotated method as a method handle bound to its object, taking the parameter values as an
 * array: looked up once, at registration. Thread-safe.
 */
final class Invoker {
  private final MethodHandle handle;

  private Invoker(MethodHandle handle) {
    this.handle = handle;
  }

  /** The handle of {@code method} on {@code target}, spread over an {@code Object[]}. */
  static Invoker of(Object target, Method method) {
    MethodHandle raw;
    try {
      raw = MethodHandles.publicLookup().unreflect(method);
    } catch (IllegalAccessException notPublic) {
      try {
        method.setAccessible(true);
        raw = MethodHandles.lookup().unreflect(method);
      } catch (IllegalAccessException | InaccessibleObjectException | SecurityException e) {
        throw Scan.error(
            method,
            "not accessible to org.mcpkit; make its class public in an exported package, or open the package to org.mcpkit");
      }
    }
    if (!Modifier.isStatic(method.getModifiers())) {
      raw = raw.bindTo(target);
    }
    int arity = method.getParameterCount();
    return new Invoker(
        raw.asSpreader(Object[].class, arity).asType(MethodType.methodType(Object.class, Object[].class)));
  }

  /** Calls the method; its exceptions pass through unwrapped. */
  Object invoke(Object[] arguments) throws Exception {
    try {
      return (Object) handle.invokeExact(arguments);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
