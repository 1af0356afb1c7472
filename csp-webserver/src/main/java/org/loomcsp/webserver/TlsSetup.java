package org.loomcsp.webserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the server's TLS context from a PKCS#12 keystore and a file holding its password, with
 * the JDK's own TLS (no other dependency). The password is read from a file, never from the
 * command line (where {@code ps} would show it).
 */
final class TlsSetup {
    private TlsSetup() {}

    /**
     * @throws IllegalArgumentException when the keystore cannot be opened, saying what to check
     */
    static SSLContext context(Path keystore, Path passwordFile) throws IOException {
        List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        char[] password = (lines.isEmpty() ? "" : lines.get(0).strip()).toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use " + keystore + " as a PKCS#12 keystore with the password in "
                    + passwordFile + " (" + e.getMessage() + "); make one with: keytool -genkeypair -storetype PKCS12 "
                    + "-keystore " + keystore + " -alias server -keyalg EC -dname CN=your.host");
        }
    }
}
