package org.mcpkit.spring.boot.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.mcpkit.spring.boot.internal.ErrorDispatchGuard;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The guard ends error dispatches of the MCP servlet and passes every other one on. */
class ErrorDispatchGuardTest {
  private final ErrorDispatchGuard guard = new ErrorDispatchGuard("mcpServlet");

  @Test
  void anErrorDispatchFromTheMcpServletStopsHere() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
    request.setAttribute(RequestDispatcher.ERROR_SERVLET_NAME, "mcpServlet");
    MockFilterChain chain = new MockFilterChain();
    MockHttpServletResponse response = new MockHttpServletResponse();
    guard.doFilter(request, response, chain);
    assertNull(chain.getRequest());
    assertEquals("", response.getContentAsString());
  }

  @Test
  void otherErrorDispatchesGoOn() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
    request.setAttribute(RequestDispatcher.ERROR_SERVLET_NAME, "dispatcherServlet");
    MockFilterChain chain = new MockFilterChain();
    guard.doFilter(request, new MockHttpServletResponse(), chain);
    assertEquals(request, chain.getRequest());
    MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/error");
    MockFilterChain second = new MockFilterChain();
    guard.doFilter(plain, new MockHttpServletResponse(), second);
    assertEquals(plain, second.getRequest());
  }
}
