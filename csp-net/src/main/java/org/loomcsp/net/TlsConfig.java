package org.loomcsp.net;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Transport security for a {@link CspNode}: TLS, optionally mutual (mTLS), from PEM files or a
 * PKCS#12 key store. The same configuration serves the node's server (its own certificate and
 * key) and the connections it makes to other nodes (the trust anchors, and its certificate and
 * key as a client certificate under mTLS).
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.pem(Path.of("node.crt"), Path.of("node.key"), Path.of("ca.crt"))
 *         .requireClientCertificates();
 * TlsConfig tls = TlsConfig.pkcs12(Path.of("node.p12"), password, Path.of("trust.p12"), trustPassword);
 * }</pre>
 *
 * @param certificateChain PEM certificate chain (PEM form), or null for PKCS#12
 * @param privateKey PEM PKCS#8 private key (PEM form), or null for PKCS#12
 * @param trustedCertificates PEM CA certificates to trust (PEM form), or null
 * @param keyStore PKCS#12 key store with the node's key and certificate (PKCS#12 form)
 * @param keyStorePassword its password
 * @param trustStore PKCS#12 trust store (PKCS#12 form), or null to use {@code keyStore}'s certificates
 * @param trustStorePassword its password
 * @param mutual whether the server requires and checks client certificates (mTLS)
 */
public record TlsConfig(Path certificateChain, Path privateKey, Path trustedCertificates,
                        Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword,
                        boolean mutual) {

    /** TLS from PEM files: this node's certificate chain and PKCS#8 key, and the CAs to trust. */
    public static TlsConfig pem(Path certificateChain, Path privateKey, Path trustedCertificates) {
        return new TlsConfig(Objects.requireNonNull(certificateChain, "certificateChain"),
                Objects.requireNonNull(privateKey, "privateKey"),
                Objects.requireNonNull(trustedCertificates, "trustedCertificates"),
                null, null, null, null, false);
    }

    /**
     * TLS from PKCS#12 stores: this node's key and certificate, and the certificates to trust
     * ({@code trustStore} may be null to trust the certificates in {@code keyStore}, e.g. one
     * self-signed certificate shared by every node of a test).
     */
    public static TlsConfig pkcs12(Path keyStore, char[] password, Path trustStore, char[] trustPassword) {
        return new TlsConfig(null, null, null, Objects.requireNonNull(keyStore, "keyStore"),
                Objects.requireNonNull(password, "password").clone(), trustStore,
                trustPassword == null ? null : trustPassword.clone(), false);
    }

    /** The same configuration, with client certificates required and checked (mTLS). */
    public TlsConfig requireClientCertificates() {
        return new TlsConfig(certificateChain, privateKey, trustedCertificates, keyStore,
                keyStorePassword, trustStore, trustStorePassword, true);
    }

    @Override
    public String toString() {
        return "TlsConfig[" + (keyStore != null ? "pkcs12 " + keyStore : "pem " + certificateChain)
                + (mutual ? ", mutual" : "") + "]";
    }
}
