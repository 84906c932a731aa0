package org.mcpkit.spring.boot.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * Keeps the application's error page (Spring Boot's {@code /error}) off MCP responses. The MCP
 * endpoint writes every answer and refusal itself, but Tomcat still runs the error page, as an
 * include into the response the endpoint is writing, when that response hit an I/O error (a client
 * that went away mid-stream) and, on Tomcat 11.0.22, after every refusal; Spring MVC's error
 * controller then fails to write into it and logs a warning. This filter sits on the ERROR and
 * INCLUDE dispatches and ends those that come from the MCP servlet; every other error dispatch
 * goes on as usual.
 */
public final class ErrorDispatchGuard implements Filter {
  private final String servletName;

  /** Guards the responses of the servlet registered under {@code servletName}. */
  public ErrorDispatchGuard(String servletName) {
    this.servletName = servletName;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (servletName.equals(request.getAttribute(RequestDispatcher.ERROR_SERVLET_NAME))) {
      return;
    }
    chain.doFilter(request, response);
  }
}
