package org.loomcsp.net.internal;

import java.time.Duration;
import org.loomcsp.net.TlsConfig;

/**
 * A node's settings, as the builder collected them.
 *
 * @param bindAddress the address the server listens on (loopback unless configured)
 * @param port the TCP port (0: any free port)
 * @param inProcessName non-null for an in-process node (no TCP at all)
 * @param peerTimeout how long a silent peer is tolerated before it is declared lost
 * @param connectTimeout how long an end waits for the first word from its home (connection set-up)
 * @param tls transport security, or null for plaintext
 * @param token the shared secret every call must carry, or null
 * @param poisonOnPeerLoss whether a lost end poisons the hosted channel it was connected to
 * @param name how this node names itself to others, or null for its address
 */
public record Config(String bindAddress, int port, String inProcessName, Duration peerTimeout, Duration connectTimeout,
                     TlsConfig tls, String token, boolean poisonOnPeerLoss, String name) {}
