package org.loomcsp.net.internal;

import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.concurrent.Executor;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.loomcsp.net.TlsConfig;

/** TLS credentials from a {@link TlsConfig}, and the token check (client credentials, server interceptor). */
final class Security {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Security() {}

    static ServerCredentials server(TlsConfig tls) {
        if (tls == null) {
            return InsecureServerCredentials.create();
        }
        TlsServerCredentials.Builder b = keyMaterial(tls, TlsServerCredentials.newBuilder(),
                TlsServerCredentials.Builder::keyManager, TlsServerCredentials.Builder::keyManager,
                TlsServerCredentials.Builder::trustManager, TlsServerCredentials.Builder::trustManager);
        if (tls.mutual()) {
            b.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        }
        return b.build();
    }

    static ChannelCredentials client(TlsConfig tls) {
        if (tls == null) {
            return InsecureChannelCredentials.create();
        }
        return keyMaterial(tls, TlsChannelCredentials.newBuilder(),
                TlsChannelCredentials.Builder::keyManager, TlsChannelCredentials.Builder::keyManager,
                TlsChannelCredentials.Builder::trustManager, TlsChannelCredentials.Builder::trustManager).build();
    }

    // gRPC's server and channel TLS builders have the same keyManager/trustManager methods but no
    // common type; these name them, so that keyMaterial decides once, for both, how a TlsConfig
    // becomes keys and trust anchors.
    private interface Managers<B, M> {
        void set(B builder, M[] managers);
    }

    private interface Files2<B> {
        void set(B builder, File chain, File key) throws IOException;
    }

    private interface Files1<B> {
        void set(B builder, File certificates) throws IOException;
    }

    /** Gives {@code b} the node's keys and trust anchors, from PKCS#12 or PEM; returns {@code b}. */
    private static <B> B keyMaterial(TlsConfig tls, B b, Managers<B, KeyManager> keys, Files2<B> pemKeys,
                                     Managers<B, TrustManager> trust, Files1<B> pemTrust) {
        try {
            if (tls.keyStore() != null) {
                keys.set(b, keyManagers(tls).getKeyManagers());
                trust.set(b, trustManagers(tls).getTrustManagers());
            } else {
                pemKeys.set(b, tls.certificateChain().toFile(), tls.privateKey().toFile());
                pemTrust.set(b, tls.trustedCertificates().toFile());
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS files of " + tls + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad TLS key material in " + tls + ": " + e.getMessage(), e);
        }
    }

    private static KeyManagerFactory keyManagers(TlsConfig tls) throws IOException, GeneralSecurityException {
        KeyStore ks = load(tls.keyStore(), tls.keyStorePassword());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, tls.keyStorePassword());
        return kmf;
    }

    private static TrustManagerFactory trustManagers(TlsConfig tls) throws IOException, GeneralSecurityException {
        KeyStore ts = tls.trustStore() != null
                ? load(tls.trustStore(), tls.trustStorePassword())
                : load(tls.keyStore(), tls.keyStorePassword());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf;
    }

    private static KeyStore load(java.nio.file.Path p, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p)) {
            ks.load(in, password);
        }
        return ks;
    }

    /** Adds {@code authorization: Bearer <token>} to every call. */
    static CallCredentials token(String token) {
        String value = "Bearer " + token;
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(AUTHORIZATION, value);
                applier.apply(m);
            }
        };
    }

    /** Refuses every call whose token is missing or wrong (compared in constant time). */
    static ServerInterceptor tokenCheck(String token) {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String got = headers.get(AUTHORIZATION);
                if (got == null || !MessageDigest.isEqual(expected, got.getBytes(StandardCharsets.UTF_8))) {
                    call.close(Status.UNAUTHENTICATED.withDescription(
                            "missing or wrong token; give every node the same CspNode.builder().token(...)"),
                            new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                return next.startCall(call, headers);
            }
        };
    }
}
