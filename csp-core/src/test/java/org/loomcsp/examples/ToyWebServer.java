package org.loomcsp.examples;

import static org.loomcsp.Csp.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.loomcsp.CSPProcess;

/**
 * Tutorial part 1's larger example, as written there: a toy web server in which every request is
 * handled by a process of its own. (The project's real web server is the csp-webserver module.)
 *
 * <p>The {@code server} process accepts connections and reads up to 4096 bytes of each request.
 * A request starting with {@code GET} gets a {@code handlerOk} process (a 200 page echoing the
 * request); anything else gets {@code handlerNotFound} (a 404 page). Each handler is started and
 * not waited for, so requests are served concurrently. Differences from the seed: the echoed
 * request is HTML-escaped, and {@code Content-Length} counts bytes, not characters.
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=ToyWebServer
 * [-Dargs="PORT"]} (default port 8888), then open {@code http://127.0.0.1:8888/}. Stop with
 * Ctrl-C.
 */
public final class ToyWebServer {

    private ToyWebServer() {}

    /** Accepts connections on {@code sock} until it is closed; a process per request. */
    static CSPProcess server(ServerSocket sock) {
        return process(() -> {
            while (true) {
                Socket conn;
                try {
                    conn = sock.accept();
                } catch (SocketException closed) {
                    return; // the listening socket was closed: the server stops
                }
                String request = read(conn.getInputStream()).strip();
                if (request.startsWith("GET")) {
                    handlerOk(request, conn).start();
                } else {
                    handlerNotFound(request, conn).start();
                }
            }
        });
    }

    /** Reads what one {@code recv(4096)} would: up to 4096 bytes. */
    private static String read(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        int n = in.read(buf);
        return n <= 0 ? "" : new String(Arrays.copyOf(buf, n), StandardCharsets.UTF_8);
    }

    /** Builds an HTTP/1.0 response with an HTML page and the current date. */
    static byte[] response(int code, String reason, String page) {
        String html = """
                <html>
                <head>
                <title>%d %s</title>
                </head>
                <body>
                %s
                <hr/>
                <p><strong>Date:</strong> %s</p>
                </body>
                </html>
                """.formatted(code, reason, page,
                ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.0 %d %s\r\nContent-Type: text/html; charset=utf-8\r\n"
                .formatted(code, reason) + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Handles a single HTTP 200 OK request. */
    static CSPProcess handlerOk(String request, Socket conn) {
        return process(() -> {
            String page = "<h1>My loomcsp web server!</h1>\n<p>You asked for:</p>\n<pre>"
                    + escape(request) + "</pre>";
            send(conn, response(200, "OK", page));
        });
    }

    /** Handles a single HTTP 404 Not Found request. */
    static CSPProcess handlerNotFound(String request, Socket conn) {
        return process(() -> {
            String page = "<h1>Cannot find your file</h1>\n<p>You asked for:</p>\n<pre>"
                    + escape(request) + "</pre>";
            send(conn, response(404, "Not Found", page));
        });
    }

    private static void send(Socket conn, byte[] reply) throws IOException {
        try (conn) {
            OutputStream out = conn.getOutputStream();
            out.write(reply);
            out.flush();
            conn.shutdownOutput();
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        ServerSocket sock = new ServerSocket();
        sock.setReuseAddress(true);
        sock.bind(new java.net.InetSocketAddress((InetAddress) null, port), 5);
        System.out.println("Serving on http://127.0.0.1:" + sock.getLocalPort() + "/");
        server(sock).start();
    }
}
