package org.loomcsp.tutorial.solutions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.loomcsp.Csp.forever;
import static org.loomcsp.Csp.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.loomcsp.CSPProcess;
import org.loomcsp.CSPServer;

/** Solutions to the exercises of tutorial part 1 (processes and server processes). */
public final class Part01Solutions {

    private Part01Solutions() {}

    /** Exercise 1: a process that counts down from {@code from} to 1, then says "liftoff". */
    public static CSPProcess countdown(int from, List<String> out) {
        return process(() -> {
            for (int i = from; i >= 1; i--) {
                out.add(Integer.toString(i));
            }
            out.add("liftoff");
        });
    }

    /** Exercise 2: a server adding one term of the Collatz sequence per step, ending after 1. */
    public static CSPServer collatz(long n, List<Long> out) {
        long[] current = {n};
        return forever(() -> {
            long v = current[0];
            out.add(v);
            current[0] = v % 2 == 0 ? v / 2 : 3 * v + 1;
            return v != 1;
        });
    }

    /** Exercise 3: the content types the file server knows, by file-name extension. */
    static final Map<String, String> MIME_TYPES = Map.of(
            "html", "text/html", "txt", "text/plain", "css", "text/css", "png", "image/png");

    /** Exercise 3: a file server for {@code root}, serving {@code requests} connections. */
    public static CSPProcess fileServer(ServerSocket sock, Path root, int requests) {
        return process(() -> {
            try (sock) {
                for (int i = 0; i < requests; i++) {
                    Socket conn = sock.accept();
                    fileHandler(conn, root).start();
                }
            }
        });
    }

    /** One request: the handler owns the connection and reads the request itself. */
    static CSPProcess fileHandler(Socket conn, Path root) {
        return process(() -> {
            try (conn; OutputStream out = conn.getOutputStream()) {
                var in = new BufferedReader(new InputStreamReader(conn.getInputStream(), UTF_8));
                String requestLine = in.readLine();
                String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
                if (parts.length < 2) {
                    out.write(respond(400, "Bad Request", "text/plain", "bad request\n".getBytes(UTF_8)));
                } else if (!parts[0].equals("GET")) {
                    out.write(respond(405, "Method Not Allowed", "text/plain",
                            (parts[0] + " is not allowed\n").getBytes(UTF_8)));
                } else {
                    Path file = root.resolve(parts[1].replaceFirst("^/+", "")).normalize();
                    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                        out.write(respond(404, "Not Found", "text/plain",
                                ("no such file: " + parts[1] + "\n").getBytes(UTF_8)));
                    } else {
                        out.write(respond(200, "OK", contentType(file), Files.readAllBytes(file)));
                    }
                }
            }
        });
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return MIME_TYPES.getOrDefault(ext, "application/octet-stream");
    }

    static byte[] respond(int code, String reason, String type, byte[] body) throws IOException {
        var b = new java.io.ByteArrayOutputStream();
        b.write(("HTTP/1.0 " + code + " " + reason + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(UTF_8));
        b.write(body);
        return b.toByteArray();
    }
}
