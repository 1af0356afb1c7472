package org.loomcsp.webserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.loomcsp.webserver.http.Exchange;
import org.loomcsp.webserver.http.HttpStatus;
import org.loomcsp.webserver.http.Request;
import org.loomcsp.webserver.http.Response;

/**
 * What a write request must pass before it touches the tree: a cross-site check, then
 * authentication when credentials are configured.
 *
 * <p>Cross-site: a browser names the page that caused a request. {@code Sec-Fetch-Site} other
 * than {@code same-origin} or {@code none}, or an {@code Origin} other than this server's own
 * ({@code scheme://Host}), is refused with 403, so a page on another site cannot make a
 * visitor's browser write to their server (a form POST needs no CORS preflight). Clients that
 * are not browsers send neither header and pass.
 *
 * <p>Authentication (any configured method suffices):
 * <ul>
 *   <li>HTTP Basic against a password file of {@code user:pbkdf2-sha256:ITERATIONS:SALT:HASH}
 *       lines (salt and hash in Base64; PBKDF2WithHmacSHA256 from the JDK; {@code #} comments);
 *       {@link #entry} makes a line (the command line's {@code --hash-password});</li>
 *   <li>{@code Authorization: Bearer TOKEN} against a token file (one token a line).</li>
 * </ul>
 * A missing or wrong credential gets 401 with {@code WWW-Authenticate}. Comparisons take the
 * same time whatever matches. A {@code user:password} pair that passed PBKDF2 is remembered by its
 * SHA-256 digest (at most 256 pairs), so repeated writes with the same credentials cost one hash.
 * Thread-safe.
 */
final class WriteGuard {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 210_000;

    private record Entry(byte[] salt, int iterations, byte[] hash) {}

    private static final int MAX_VERIFIED = 256;

    private final Map<String, Entry> users;
    /**
     * SHA-256 digests (Base64) of {@code user:password} pairs already verified with PBKDF2, so that a
     * client uploading many files pays the deliberately slow derivation once, not per request.
     * Bounded: cleared when full. Wrong passwords are never cached.
     */
    private final java.util.Set<String> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<byte[]> tokenDigests;
    private final boolean secure;

    private WriteGuard(Map<String, Entry> users, List<byte[]> tokenDigests, boolean secure) {
        this.users = users;
        this.tokenDigests = tokenDigests;
        this.secure = secure;
    }

    /**
     * @param passwordFile the Basic password file, or null
     * @param tokenFile    the bearer token file, or null
     * @param secure       true when the server speaks TLS (the expected origin is https)
     * @throws IllegalArgumentException when a file is malformed, saying which line
     */
    static WriteGuard load(Path passwordFile, Path tokenFile, boolean secure) throws IOException {
        Map<String, Entry> users = new HashMap<>();
        if (passwordFile != null) {
            int n = 0;
            for (String line : Files.readAllLines(passwordFile, StandardCharsets.UTF_8)) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split(":");
                if (f.length != 5 || !f[1].equals(SCHEME)) {
                    throw new IllegalArgumentException(passwordFile + " line " + n + ": expected user:" + SCHEME
                            + ":iterations:salt:hash (make one with --hash-password USER)");
                }
                try {
                    users.put(f[0], new Entry(Base64.getDecoder().decode(f[3]), Integer.parseInt(f[2]),
                            Base64.getDecoder().decode(f[4])));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(passwordFile + " line " + n + ": bad number or Base64 ("
                            + "make entries with --hash-password USER)");
                }
            }
            if (users.isEmpty()) {
                throw new IllegalArgumentException(passwordFile + ": no user entries (make one with --hash-password USER)");
            }
        }
        List<byte[]> tokens = List.of();
        if (tokenFile != null) {
            tokens = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).map(WriteGuard::sha256).toList();
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException(tokenFile + ": no token in the file");
            }
        }
        return new WriteGuard(Map.copyOf(users), tokens, secure);
    }

    /** A guard with the cross-site check only. */
    static WriteGuard open(boolean secure) {
        return new WriteGuard(Map.of(), List.of(), secure);
    }

    /** True when credentials are configured. */
    boolean authenticates() {
        return !users.isEmpty() || !tokenDigests.isEmpty();
    }

    /** Null when the write may proceed, else the refusal to send. */
    Response check(Exchange ex) {
        Request req = ex.request();
        if (crossSite(req)) {
            return Response.error(HttpStatus.FORBIDDEN);
        }
        if (!authenticates() || authenticated(req.header("authorization"))) {
            return null;
        }
        return Response.error(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", (users.isEmpty() ? "Bearer realm=\"loomcsp\""
                        : "Basic realm=\"loomcsp\", charset=\"UTF-8\""));
    }

    private boolean crossSite(Request req) {
        String site = req.header("sec-fetch-site");
        if (site != null) {
            String s = site.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("same-origin") && !s.equals("none")) {
                return true;
            }
        }
        String origin = req.header("origin");
        if (origin != null) {
            String host = req.header("host");
            String expected = (secure ? "https://" : "http://") + (host == null ? "" : host.trim());
            return !origin.trim().equalsIgnoreCase(expected);
        }
        return false;
    }

    private boolean authenticated(String authorization) {
        if (authorization == null) {
            return false;
        }
        String a = authorization.trim();
        int sp = a.indexOf(' ');
        if (sp < 0) {
            return false;
        }
        String scheme = a.substring(0, sp).toLowerCase(Locale.ROOT);
        String cred = a.substring(sp + 1).trim();
        if (scheme.equals("bearer") && !tokenDigests.isEmpty()) {
            byte[] d = sha256(cred);
            boolean ok = false;
            for (byte[] t : tokenDigests) {
                ok |= MessageDigest.isEqual(t, d);
            }
            return ok;
        }
        if (scheme.equals("basic") && !users.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(cred), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return false;
            }
            Entry e = users.get(decoded.substring(0, colon));
            if (e == null) {
                return false;
            }
            String digest = Base64.getEncoder().encodeToString(sha256(decoded));
            if (verified.contains(digest)) {
                return true;
            }
            boolean ok = MessageDigest.isEqual(e.hash, pbkdf2(decoded.substring(colon + 1).toCharArray(), e.salt,
                    e.iterations, e.hash.length * 8));
            if (ok) {
                if (verified.size() >= MAX_VERIFIED) {
                    verified.clear();
                }
                verified.add(digest);
            }
            return ok;
        }
        return false;
    }

    /** One password-file line for {@code user} with a fresh salt. */
    static String entry(String user, char[] password) {
        if (user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("a user name must be non-empty and contain no ':'");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, ITERATIONS, 256);
        Base64.Encoder b64 = Base64.getEncoder();
        return user + ":" + SCHEME + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bits) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, bits)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
