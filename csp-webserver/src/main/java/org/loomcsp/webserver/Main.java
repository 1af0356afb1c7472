package org.loomcsp.webserver;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loomcsp.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: parses options, prints the effective configuration, runs the server until
 * SIGTERM or Ctrl-C, then shuts down gracefully and exits with status 0.
 */
@Command(name = "loomcsp-webserver", mixinStandardHelpOptions = true, version = "loomcsp-webserver 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "An HTTP/1.1 static file server in which every connection is a CSP process.")
public final class Main implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8888", description = "TCP port (0 = any free port). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    InetAddress bind;

    @Option(names = "--root", description = "Directory to serve. Default: a small site about loomcsp embedded in the jar.")
    Path root;

    @Option(names = "--writable", description = "Enable PUT, DELETE and POST (multipart upload to a directory).")
    boolean writable;

    @Option(names = "--access-log", defaultValue = "off",
            description = "Access log: off, common or combined. Default: ${DEFAULT-VALUE}")
    AccessLogFormat accessLog;

    @Option(names = "--access-log-file", description = "Write the access log to this file instead of standard output.")
    Path accessLogFile;

    @Option(names = "--backend", defaultValue = "virtual",
            description = "loomcsp backend for the processes: virtual or platform. Default: ${DEFAULT-VALUE}")
    Backend backend;

    @Option(names = "--status-page", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve /_csp/status and /_csp/status.json. Default: on")
    boolean statusPage;

    @Option(names = "--max-request-line", defaultValue = "8192", description = "Bytes; longer gives 414. Default: ${DEFAULT-VALUE}")
    int maxRequestLine;

    @Option(names = "--max-header-bytes", defaultValue = "16384", description = "Bytes; more gives 431. Default: ${DEFAULT-VALUE}")
    int maxHeaderBytes;

    @Option(names = "--max-headers", defaultValue = "100", description = "Header fields; more gives 431. Default: ${DEFAULT-VALUE}")
    int maxHeaders;

    @Option(names = "--max-body", defaultValue = "67108864", description = "Request body bytes; more gives 413. Default: ${DEFAULT-VALUE}")
    long maxBody;

    @Option(names = "--max-connections", defaultValue = "10000", description = "Open connections; more get 503. Default: ${DEFAULT-VALUE}")
    int maxConnections;

    @Option(names = "--idle-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Keep-alive wait for the next request. Default: ${DEFAULT-VALUE}")
    Duration idleTimeout;

    @Option(names = "--request-timeout", defaultValue = "20s", converter = DurationConverter.class,
            description = "Time to send a whole request head, else 408. Default: ${DEFAULT-VALUE}")
    Duration requestTimeout;

    @Option(names = "--read-timeout", defaultValue = "20s", converter = DurationConverter.class,
            description = "Longest pause inside a request body, else 408. Default: ${DEFAULT-VALUE}")
    Duration readTimeout;

    @Option(names = "--write-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest a response write may stall on a client that does not read. Default: ${DEFAULT-VALUE}")
    Duration writeTimeout;

    @Option(names = "--shutdown-grace", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long shutdown lets responses in flight finish before cutting them. Default: ${DEFAULT-VALUE}")
    Duration shutdownGrace;

    @Option(names = "--status-page-remote",
            description = "Serve the status page to every client, not only to loopback ones.")
    boolean statusPageRemote;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Writes need HTTP Basic authentication against FILE (lines from --hash-password).")
    Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Writes need 'Authorization: Bearer TOKEN' with a token listed in FILE (one a line).")
    Path tokenFile;

    @Option(names = "--hash-password", paramLabel = "USER",
            description = "Read a password from standard input, print a --password-file line for USER, and exit.")
    String hashPassword;

    @Option(names = "--precompressed",
            description = "Serve FILE.br or FILE.gz, when present, to clients that accept br or gzip (Vary: Accept-Encoding).")
    boolean precompressed;

    @Option(names = "--header", paramLabel = "NAME:VALUE",
            description = "Add this header field to every response (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--cache-control", paramLabel = "EXT=VALUE",
            description = "Cache-Control for files with extension EXT ('*' for all others; repeatable), "
                    + "e.g. --cache-control css=max-age=86400.")
    List<String> cacheControl = new ArrayList<>();

    @Option(names = "--mime-types", paramLabel = "FILE",
            description = "A mime.types file (type ext1 ext2 ...) whose entries override the built-in table.")
    Path mimeTypes;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Speak HTTPS with the key and certificate in this PKCS#12 keystore.")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "The file whose first line is the keystore's password.")
    Path tlsPasswordFile;

    @Option(names = "--https-redirect",
            description = "With TLS: answer plain-HTTP requests on the TLS port with a 301 to https (default: 400).")
    boolean httpsRedirect;

    ServerConfig toConfig() {
        return ServerConfig.builder().port(port).bind(bind).root(root).writable(writable).accessLog(accessLog)
                .accessLogFile(accessLogFile).backend(backend).statusPage(statusPage).maxRequestLine(maxRequestLine)
                .maxHeaderBytes(maxHeaderBytes).maxHeaderCount(maxHeaders).maxBodyBytes(maxBody)
                .maxConnections(maxConnections).idleTimeout(idleTimeout).requestTimeout(requestTimeout)
                .readTimeout(readTimeout).writeTimeout(writeTimeout).shutdownGrace(shutdownGrace)
                .statusPageRemote(statusPageRemote).passwordFile(passwordFile).tokenFile(tokenFile)
                .precompressed(precompressed).extraHeaders(headerPairs(headers)).cacheControl(cacheControlMap(cacheControl))
                .mimeTypesFile(mimeTypes).tlsKeystore(tlsKeystore).tlsPasswordFile(tlsPasswordFile)
                .httpsRedirect(httpsRedirect).build();
    }

    /** NAME:VALUE options as flattened pairs; refuses names that are not tokens and values with CR, LF or NUL. */
    static List<String> headerPairs(List<String> specs) {
        List<String> out = new ArrayList<>();
        for (String spec : specs) {
            int c = spec.indexOf(':');
            String name = c < 0 ? "" : spec.substring(0, c).trim();
            String value = c < 0 ? "" : spec.substring(c + 1).trim();
            if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
                    || value.chars().anyMatch(ch -> ch == '\r' || ch == '\n' || ch == 0)) {
                throw new IllegalArgumentException("--header '" + spec + "': expected NAME:VALUE, NAME a token, "
                        + "VALUE on one line");
            }
            out.add(name);
            out.add(value);
        }
        return out;
    }

    /** EXT=VALUE options as a map from lower-case extension to value. */
    static Map<String, String> cacheControlMap(List<String> specs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String ext = eq <= 0 ? "" : spec.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            String value = eq <= 0 ? "" : spec.substring(eq + 1).trim();
            if (ext.startsWith(".")) {
                ext = ext.substring(1);
            }
            if (ext.isEmpty() || value.isEmpty() || value.chars().anyMatch(ch -> ch < 0x20)) {
                throw new IllegalArgumentException("--cache-control '" + spec + "': expected EXT=VALUE, "
                        + "e.g. html=no-cache or css=max-age=86400");
            }
            m.put(ext, value);
        }
        return m;
    }

    @Override
    public Integer call() throws Exception {
        if (hashPassword != null) {
            java.io.Console console = System.console();
            char[] pw = console != null ? console.readPassword("password for %s: ", hashPassword)
                    : new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine().toCharArray();
            System.out.println(WriteGuard.entry(hashPassword, pw));
            return 0;
        }
        ServerConfig config = toConfig();
        AccessLogSetup.configure(config.accessLog(), config.accessLogFile());
        WebServer server = WebServer.start(config);
        PrintStream out = System.out;
        out.println("loomcsp-webserver: every connection is a CSP process");
        for (Map.Entry<String, String> e : config.describe().entrySet()) {
            String v = e.getKey().equals("port") ? Integer.toString(server.port()) : e.getValue();
            if (e.getKey().equals("root") && config.root() == null) {
                v = v + " " + server.root();
            }
            out.printf("  %-17s %s%n", e.getKey(), v);
        }
        String host = config.bind().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        out.printf("Serving on " + (config.tlsKeystore() == null ? "http" : "https") + "://%s:%d/  (status: http://%s:%d%s)  Ctrl-C to stop%n", host, server.port(), host,
                server.port(), config.statusPage() ? StatusPage.PATH : " off");
        if (!org.loomcsp.webserver.http.FileNames.utf8FileNames()) {
            out.println("note: this JVM spells file names in " + org.loomcsp.webserver.http.FileNames.fileNameCharset()
                    + " (from its locale); every existing file is still served and listed, but uploads whose names "
                    + "need other characters are refused. Start it with LC_ALL=C.UTF-8 to lift that.");
        }
        out.flush();
        ShutdownSignals.install(server::shutdown);
        server.awaitTermination(Duration.ofDays(365_000));
        out.println("loomcsp-webserver: stopped after " + server.stats().requests() + " request(s)");
        out.flush();
        return 0;
    }

    /** Entry point: exits with the command's status (0 after a signal-initiated shutdown). */
    public static void main(String[] args) {
        int rc = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                        cmd.getErr().println("loomcsp-webserver: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                }).execute(args);
        System.exit(rc);
    }
}
