package org.mcpkit.transport.undertow.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager whose key and certificate chain can be swapped at run time: handshakes after a
 * swap present the new certificate, connections already open keep theirs. The aliases it hands out
 * name the generation they came from, so a handshake that straddles a swap still gets the chain and
 * the key of one and the same pair.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
  /** One loaded pair and its generation number. */
  private record Generation(long number, X509ExtendedKeyManager keys) {}

  /** A pair and an alias of it. */
  private record Resolved(Generation generation, String alias) {}

  private volatile Generation current;
  private volatile Generation previous;

  /** Starts with the given key manager. */
  public ReloadingKeyManager(X509ExtendedKeyManager initial) {
    this.current = new Generation(0, Objects.requireNonNull(initial, "initial"));
    this.previous = current;
  }

  /** Swaps the key manager used by new handshakes. */
  public synchronized void swap(X509ExtendedKeyManager next) {
    Objects.requireNonNull(next, "next");
    Generation old = current;
    previous = old;
    current = new Generation(old.number() + 1, next);
  }

  private static String tag(Generation g, String alias) {
    return alias == null ? null : g.number() + "/" + alias;
  }

  private static String[] tag(Generation g, String[] aliases) {
    if (aliases == null) {
      return null;
    }
    String[] out = new String[aliases.length];
    for (int i = 0; i < aliases.length; i++) {
      out[i] = tag(g, aliases[i]);
    }
    return out;
  }

  /** The generation an alias of ours names (the current one for a foreign alias), and the plain alias. */
  private Resolved resolve(String alias) {
    Generation c = current;
    Generation p = previous;
    int slash = alias == null ? -1 : alias.indexOf('/');
    if (slash > 0) {
      String n = alias.substring(0, slash);
      String plain = alias.substring(slash + 1);
      if (n.equals(Long.toString(c.number()))) {
        return new Resolved(c, plain);
      }
      if (n.equals(Long.toString(p.number()))) {
        return new Resolved(p, plain);
      }
    }
    return new Resolved(c, alias);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    Generation g = current;
    return tag(g, g.keys().getClientAliases(keyType, issuers));
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    Generation g = current;
    return tag(g, g.keys().chooseClientAlias(keyType, issuers, socket));
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    Generation g = current;
    return tag(g, g.keys().getServerAliases(keyType, issuers));
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    Generation g = current;
    return tag(g, g.keys().chooseServerAlias(keyType, issuers, socket));
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    Generation g = current;
    return tag(g, g.keys().chooseEngineServerAlias(keyType, issuers, engine));
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    Generation g = current;
    return tag(g, g.keys().chooseEngineClientAlias(keyType, issuers, engine));
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Resolved r = resolve(alias);
    return r.generation().keys().getCertificateChain(r.alias());
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Resolved r = resolve(alias);
    return r.generation().keys().getPrivateKey(r.alias());
  }
}
