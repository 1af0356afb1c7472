package org.loomcsp.webserver;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loomcsp.Backend;
import org.loomcsp.webserver.http.ParserLimits;

/**
 * The effective configuration of one server instance. Immutable.
 *
 * @param port            TCP port; 0 picks a free one
 * @param bind            address to listen on
 * @param root            directory to serve; null serves the site embedded in the jar
 * @param writable        true enables PUT, DELETE and POST uploads
 * @param accessLog       access log format
 * @param accessLogFile   access log file; null writes to standard output
 * @param backend         the loomcsp backend that runs the processes
 * @param statusPage      true serves {@code /_csp/status} and {@code /_csp/status.json}
 * @param maxRequestLine  longest request line (bytes) before 414
 * @param maxHeaderBytes  largest header section (bytes) before 431
 * @param maxHeaderCount  most header fields before 431
 * @param maxBodyBytes    largest request body before 413
 * @param maxConnections  most simultaneous connections; more get 503
 * @param idleTimeout     how long a keep-alive connection may wait for its next request
 * @param requestTimeout  how long a client may take to send a whole request head (then 408)
 * @param readTimeout     longest pause while receiving a body (then 408)
 * @param writeTimeout    longest a single response write may block on a client that does not read
 * @param shutdownGrace   how long shutdown waits for requests in flight before forcing
 * @param statusPageRemote true to serve the status page to clients that are not on loopback
 * @param passwordFile    HTTP Basic password file for writes (hashed entries), or null
 * @param tokenFile       bearer token file for writes, or null
 * @param precompressed   true to serve {@code .br}/{@code .gz} siblings to clients that accept them
 * @param extraHeaders    header fields added to every response, as name, value pairs flattened
 * @param cacheControl    Cache-Control value per file extension (lower case; {@code *} for the rest)
 * @param mimeTypesFile   a {@code mime.types} file whose entries override the built-in table, or null
 * @param tlsKeystore     a PKCS#12 keystore: the server speaks HTTPS; null for plain HTTP
 * @param tlsPasswordFile the file whose first line is the keystore's password (with {@code tlsKeystore})
 * @param httpsRedirect   with TLS: answer a plain-HTTP request on the TLS port with a redirect to https
 */
public record ServerConfig(
        int port,
        InetAddress bind,
        Path root,
        boolean writable,
        AccessLogFormat accessLog,
        Path accessLogFile,
        Backend backend,
        boolean statusPage,
        int maxRequestLine,
        int maxHeaderBytes,
        int maxHeaderCount,
        long maxBodyBytes,
        int maxConnections,
        Duration idleTimeout,
        Duration requestTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        Duration shutdownGrace,
        boolean statusPageRemote,
        Path passwordFile,
        Path tokenFile,
        boolean precompressed,
        List<String> extraHeaders,
        Map<String, String> cacheControl,
        Path mimeTypesFile,
        Path tlsKeystore,
        Path tlsPasswordFile,
        boolean httpsRedirect) {

    public static final int DEFAULT_PORT = 8888;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxBodyBytes < 0 || maxConnections < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        new ParserLimits(maxRequestLine, maxHeaderBytes, maxHeaderCount); // validates them
        extraHeaders = List.copyOf(extraHeaders);
        cacheControl = Map.copyOf(cacheControl);
        if (extraHeaders.size() % 2 != 0) {
            throw new IllegalArgumentException("extraHeaders must be name, value pairs");
        }
        if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
            throw new IllegalArgumentException("--tls-keystore and --tls-password-file go together");
        }
        if (httpsRedirect && tlsKeystore == null) {
            throw new IllegalArgumentException("--https-redirect needs TLS: give --tls-keystore and --tls-password-file");
        }
        if (writable && passwordFile == null && tokenFile == null && !bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("--writable on a non-loopback address (" + bind.getHostAddress()
                    + ") needs authentication: give --password-file FILE or --token-file FILE, or bind to 127.0.0.1");
        }
    }

    /** True when writes need credentials. */
    public boolean authenticatedWrites() {
        return passwordFile != null || tokenFile != null;
    }

    /** The parser limits. */
    public ParserLimits parserLimits() {
        return new ParserLimits(maxRequestLine, maxHeaderBytes, maxHeaderCount);
    }

    /** A builder preloaded with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preloaded with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port; b.bind = bind; b.root = root; b.writable = writable; b.accessLog = accessLog;
        b.accessLogFile = accessLogFile; b.backend = backend; b.statusPage = statusPage;
        b.maxRequestLine = maxRequestLine; b.maxHeaderBytes = maxHeaderBytes; b.maxHeaderCount = maxHeaderCount;
        b.maxBodyBytes = maxBodyBytes; b.maxConnections = maxConnections; b.idleTimeout = idleTimeout;
        b.requestTimeout = requestTimeout; b.readTimeout = readTimeout; b.writeTimeout = writeTimeout;
        b.shutdownGrace = shutdownGrace; b.statusPageRemote = statusPageRemote; b.passwordFile = passwordFile;
        b.tokenFile = tokenFile; b.precompressed = precompressed; b.extraHeaders = extraHeaders;
        b.cacheControl = cacheControl; b.mimeTypesFile = mimeTypesFile; b.tlsKeystore = tlsKeystore;
        b.tlsPasswordFile = tlsPasswordFile; b.httpsRedirect = httpsRedirect;
        return b;
    }

    /** The settings as name, value pairs, in a stable order, for printing at start. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bind", bind.getHostAddress());
        m.put("port", Integer.toString(port));
        m.put("root", root == null ? "(embedded site)" : root.toString());
        m.put("writable", writable ? (passwordFile != null ? "yes, Basic auth (" + passwordFile + ")"
                : tokenFile != null ? "yes, bearer token (" + tokenFile + ")" : "yes, no authentication (loopback only)")
                : "no");
        m.put("access-log", accessLog.name().toLowerCase() + (accessLog == AccessLogFormat.OFF ? ""
                : " -> " + (accessLogFile == null ? "stdout" : accessLogFile.toString())));
        m.put("backend", backend.name());
        m.put("status-page", statusPage ? "/_csp/status" + (statusPageRemote ? " (any client)" : " (loopback clients)")
                : "off");
        m.put("precompressed", Boolean.toString(precompressed));
        if (!extraHeaders.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < extraHeaders.size(); i += 2) {
                sb.append(i == 0 ? "" : "; ").append(extraHeaders.get(i)).append(": ").append(extraHeaders.get(i + 1));
            }
            m.put("header", sb.toString());
        }
        if (!cacheControl.isEmpty()) {
            m.put("cache-control", cacheControl.toString());
        }
        if (mimeTypesFile != null) {
            m.put("mime-types", mimeTypesFile.toString());
        }
        m.put("tls", tlsKeystore == null ? "off" : tlsKeystore + (httpsRedirect ? " (plain HTTP redirected)" : ""));
        m.put("max-request-line", maxRequestLine + " B");
        m.put("max-header-bytes", maxHeaderBytes + " B");
        m.put("max-headers", Integer.toString(maxHeaderCount));
        m.put("max-body", maxBodyBytes + " B");
        m.put("max-connections", Integer.toString(maxConnections));
        m.put("idle-timeout", idleTimeout.toString());
        m.put("request-timeout", requestTimeout.toString());
        m.put("read-timeout", readTimeout.toString());
        m.put("write-timeout", writeTimeout.toString());
        m.put("shutdown-grace", shutdownGrace.toString());
        return m;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private Path root;
        private boolean writable;
        private AccessLogFormat accessLog = AccessLogFormat.OFF;
        private Path accessLogFile;
        private Backend backend = Backend.VIRTUAL;
        private boolean statusPage = true;
        private int maxRequestLine = 8192;
        private int maxHeaderBytes = 16384;
        private int maxHeaderCount = 100;
        private long maxBodyBytes = 64L << 20;
        private int maxConnections = 10_000;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(20);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private boolean statusPageRemote;
        private Path passwordFile;
        private Path tokenFile;
        private boolean precompressed;
        private List<String> extraHeaders = List.of();
        private Map<String, String> cacheControl = Map.of();
        private Path mimeTypesFile;
        private Path tlsKeystore;
        private Path tlsPasswordFile;
        private boolean httpsRedirect;

        public Builder port(int v) { port = v; return this; }
        public Builder bind(InetAddress v) { bind = v; return this; }
        public Builder root(Path v) { root = v; return this; }
        public Builder writable(boolean v) { writable = v; return this; }
        public Builder accessLog(AccessLogFormat v) { accessLog = v; return this; }
        public Builder accessLogFile(Path v) { accessLogFile = v; return this; }
        public Builder backend(Backend v) { backend = v; return this; }
        public Builder statusPage(boolean v) { statusPage = v; return this; }
        public Builder maxRequestLine(int v) { maxRequestLine = v; return this; }
        public Builder maxHeaderBytes(int v) { maxHeaderBytes = v; return this; }
        public Builder maxHeaderCount(int v) { maxHeaderCount = v; return this; }
        public Builder maxBodyBytes(long v) { maxBodyBytes = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder writeTimeout(Duration v) { writeTimeout = v; return this; }
        public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }
        public Builder statusPageRemote(boolean v) { statusPageRemote = v; return this; }
        public Builder passwordFile(Path v) { passwordFile = v; return this; }
        public Builder tokenFile(Path v) { tokenFile = v; return this; }
        public Builder precompressed(boolean v) { precompressed = v; return this; }
        public Builder extraHeaders(List<String> v) { extraHeaders = v; return this; }
        public Builder cacheControl(Map<String, String> v) { cacheControl = v; return this; }
        public Builder mimeTypesFile(Path v) { mimeTypesFile = v; return this; }
        public Builder tlsKeystore(Path v) { tlsKeystore = v; return this; }
        public Builder tlsPasswordFile(Path v) { tlsPasswordFile = v; return this; }
        public Builder httpsRedirect(boolean v) { httpsRedirect = v; return this; }

        public ServerConfig build() {
            return new ServerConfig(port, bind, root, writable, accessLog, accessLogFile, backend, statusPage,
                    maxRequestLine, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxConnections, idleTimeout,
                    requestTimeout, readTimeout, writeTimeout, shutdownGrace, statusPageRemote, passwordFile, tokenFile,
                    precompressed, extraHeaders, cacheControl, mimeTypesFile, tlsKeystore, tlsPasswordFile, httpsRedirect);
        }
    }
}
