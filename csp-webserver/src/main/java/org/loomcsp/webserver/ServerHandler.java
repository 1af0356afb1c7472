package org.loomcsp.webserver;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.loomcsp.webserver.http.Exchange;
import org.loomcsp.webserver.http.Handler;
import org.loomcsp.webserver.http.HttpException;
import org.loomcsp.webserver.http.HttpStatus;
import org.loomcsp.webserver.http.Request;
import org.loomcsp.webserver.http.Response;

/**
 * The server's handler, composed from the parts behind the {@link Handler} seam:
 * <pre>
 *   methods (501 unknown, OPTIONS, 405 not allowed)
 *     └─ status page (only its own paths, only when allowed; null otherwise)
 *          └─ GET, HEAD                  → read side  ({@link FileReadHandler})
 *             PUT, DELETE, MKCOL, POST   → write side ({@link FileWriteHandler}), when writable
 * </pre>
 * and it adds the configured extra response headers ({@code --header}) to every response.
 * The connection process sees only this {@link Handler} and {@link #allow()}.
 */
final class ServerHandler implements Handler {
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "MKCOL");
    private static final String ALLOW_READ = "GET, HEAD, OPTIONS";
    private static final String ALLOW_WRITE = "GET, HEAD, OPTIONS, PUT, DELETE, POST, MKCOL";

    private final Handler status; // may be null
    private final Handler read;
    private final Handler write;  // null when read-only
    private final List<String> extraHeaders; // name, value, name, value...

    ServerHandler(Handler status, Handler read, Handler write, List<String> extraHeaders) {
        this.status = status;
        this.read = read;
        this.write = write;
        this.extraHeaders = List.copyOf(extraHeaders);
    }

    /** The Allow value for this server's resources. */
    String allow() {
        return write != null ? ALLOW_WRITE : ALLOW_READ;
    }

    @Override
    public Response handle(Exchange ex) throws IOException, HttpException {
        Response r = dispatch(ex);
        if (r.status() == HttpStatus.METHOD_NOT_ALLOWED && r.header("Allow") == null) {
            r.header("Allow", allow());
        }
        for (int i = 0; i < extraHeaders.size(); i += 2) {
            r.header(extraHeaders.get(i), extraHeaders.get(i + 1));
        }
        return r;
    }

    private Response dispatch(Exchange ex) throws IOException, HttpException {
        Request req = ex.request();
        String m = req.method();
        if (!KNOWN_METHODS.contains(m)) {
            return Response.error(HttpStatus.NOT_IMPLEMENTED);
        }
        if (req.rawPath().equals("*")) {
            return new Response(HttpStatus.OK).header("Allow", allow()).body(new byte[0]);
        }
        if (status != null) {
            Response r = status.handle(ex);
            if (r != null) {
                return r;
            }
        }
        return switch (m) {
            case "GET", "HEAD" -> read.handle(ex);
            case "OPTIONS" -> new Response(HttpStatus.OK).header("Allow", allow()).body(new byte[0]);
            case "PUT", "DELETE", "POST", "MKCOL" -> write != null ? write.handle(ex)
                    : Response.error(HttpStatus.METHOD_NOT_ALLOWED);
            default -> Response.error(HttpStatus.METHOD_NOT_ALLOWED);
        };
    }
}
