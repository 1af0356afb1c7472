package org.loomcsp.webserver;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A raw-socket HTTP/1.1 client for conformance tests: sends exact bytes, parses responses strictly. */
final class RawHttp implements AutoCloseable {
    /** A parsed response. Header names are lower-cased. */
    record Reply(String statusLine, int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return statusLine + " " + headers;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket, InputStream in) {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(in);
        this.out = null;
    }

    /** Reads one response from {@code in} (a socket the caller owns). */
    static Reply readFrom(InputStream in, boolean head) throws IOException {
        return new RawHttp(null, in).read(head);
    }

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** CRLF-joined lines plus the empty line that ends the head. */
    static String head(String... lines) {
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Reads one response to a request that was not HEAD. */
    Reply read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code head} says the request was HEAD (no body follows). */
    Reply read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        if (!statusLine.matches("HTTP/1\\.1 \\d{3} .*")) {
            throw new IOException("bad status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String l;
        while (!(l = line()).isEmpty()) {
            int c = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, c).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(c + 1).trim());
        }
        byte[] body = new byte[0];
        boolean noBody = head || status < 200 || status == 204 || status == 304;
        if (!noBody) {
            List<String> cl = headers.get("content-length");
            if (cl != null) {
                body = in.readNBytes(Integer.parseInt(cl.get(0)));
                if (body.length != Integer.parseInt(cl.get(0))) {
                    throw new EOFException("short body");
                }
            } else {
                body = in.readAllBytes();
            }
        }
        return new Reply(statusLine, status, headers, body);
    }

    /** True when the server closed the connection (end of stream, or reset) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] a = b.toByteArray();
                int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** One request on a fresh connection, one response. */
    static Reply exchange(int port, String request) throws IOException {
        try (RawHttp c = new RawHttp(port)) {
            return c.send(request).read(request.startsWith("HEAD "));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
