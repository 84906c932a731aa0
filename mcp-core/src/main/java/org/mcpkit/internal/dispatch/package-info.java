/** Request dispatch, MRTR, subscriptions and the server implementation. Not API. */
package org.mcpkit.internal.dispatch;
