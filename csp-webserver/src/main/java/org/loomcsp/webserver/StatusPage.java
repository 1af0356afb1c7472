package org.loomcsp.webserver;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.loomcsp.webserver.http.Exchange;
import org.loomcsp.webserver.http.Handler;
import org.loomcsp.webserver.http.Html;
import org.loomcsp.webserver.http.HttpStatus;
import org.loomcsp.webserver.http.Request;
import org.loomcsp.webserver.http.Response;

/**
 * {@code /_csp/status} (HTML) and {@code /_csp/status.json}: the live process network made
 * visible, in the spirit of python-csp's "useful debugging information": the connection
 * processes alive right now with their state, and totals of connections, requests, bytes and
 * responses per status code since start.
 *
 * <p>A {@link Handler} placed in front of the file tree: it answers only its own two paths, only
 * to loopback clients unless {@code remote} access was allowed ({@code --status-page-remote}),
 * and only when no real file or directory exists at that path in the served root (a real file
 * wins). In every other case it returns null and the file tree answers.
 */
final class StatusPage implements Handler {
    static final String PATH = "/_csp/status";
    private static final int MAX_LISTED = 200;

    /** Set once by {@link WebServer} after the context exists (the context holds the handler that holds us). */
    private volatile ServerContext ctx;
    private final Path root;
    private final boolean remote;

    /**
     * @param root   the real root: a real file at the page's path wins over the page
     * @param remote true to answer clients that are not on a loopback address too
     */
    StatusPage(Path root, boolean remote) {
        this.root = root;
        this.remote = remote;
    }

    void bind(ServerContext context) {
        this.ctx = context;
    }

    /** The response for a status path, or null when the path is not one of ours (or not for this client). */
    @Override
    public Response handle(Exchange ex) {
        Request req = ex.request();
        String p = req.rawPath();
        boolean json = p.equals(PATH + ".json");
        if (!json && !p.equals(PATH) && !p.equals(PATH + "/")) {
            return null;
        }
        if (!remote && (ex.remote() == null || !ex.remote().isLoopbackAddress())) {
            return null;
        }
        Path shadow = root.resolve(json ? "_csp/status.json" : "_csp/status");
        if (Files.exists(shadow, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            return Response.error(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "GET, HEAD");
        }
        Response r = new Response(HttpStatus.OK).header("Cache-Control", "no-store");
        if (json) {
            return r.header("Content-Type", "application/json; charset=utf-8").body(json(ctx));
        }
        return r.header("Content-Type", "text/html; charset=utf-8").body(html(ctx));
    }

    private record Row(long id, String remote, String state, long stateMillis, long ageMillis, long requests) {}

    private static List<Row> rows(ServerContext ctx) {
        long now = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        for (ConnectionProcess c : ctx.liveConnections()) {
            rows.add(new Row(c.id(), c.remote(), c.state().name(), (now - c.stateSinceNanos()) / 1_000_000,
                    (now - c.openedNanos()) / 1_000_000, c.requestsServed()));
        }
        rows.sort(Comparator.comparingLong(Row::id));
        return rows.size() > MAX_LISTED ? rows.subList(0, MAX_LISTED) : rows;
    }

    static String json(ServerContext ctx) {
        ServerStats s = ctx.stats;
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"server\":\"loomcsp\",\"backend\":\"").append(ctx.config.backend().name())
                .append("\",\"uptimeSeconds\":").append(s.uptime().toSeconds())
                .append(",\"started\":\"").append(s.started()).append('"')
                .append(",\"closing\":").append(ctx.closing())
                .append(",\"liveConnections\":").append(ctx.liveCount())
                .append(",\"connectionsAccepted\":").append(s.connectionsAccepted())
                .append(",\"connectionsRefused\":").append(s.connectionsRefused())
                .append(",\"requests\":").append(s.requests())
                .append(",\"bytesIn\":").append(s.bytesIn())
                .append(",\"bytesOut\":").append(s.bytesOut())
                .append(",\"accessLogDropped\":").append(s.accessLogDropped())
                .append(",\"statusCounts\":{");
        long[][] table = s.statusTable();
        for (int i = 0; i < table.length; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(table[i][0]).append("\":").append(table[i][1]);
        }
        sb.append("},\"processes\":[");
        List<Row> rows = rows(ctx);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"conn-").append(r.id).append("\",\"remote\":\"")
                    .append(r.remote).append("\",\"state\":\"").append(r.state).append("\",\"stateMillis\":")
                    .append(r.stateMillis).append(",\"ageMillis\":").append(r.ageMillis).append(",\"requests\":")
                    .append(r.requests).append('}');
        }
        return sb.append("]}\n").toString();
    }

    static String html(ServerContext ctx) {
        ServerStats s = ctx.stats;
        Duration up = s.uptime();
        StringBuilder sb = new StringBuilder(2048);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>loomcsp status</title>"
                + "<meta http-equiv=\"refresh\" content=\"5\"><style>body{font-family:system-ui,sans-serif;"
                + "margin:2em}td,th{padding:0 1em 0 0;text-align:left}</style></head><body>\n"
                + "<h1>loomcsp web server: status</h1>\n<p>Process network: <code>Par(acceptor, watchdog, "
                + "access-log)</code>, plus one connection process per open connection.</p>\n<table>\n");
        row(sb, "backend", ctx.config.backend().name());
        row(sb, "uptime", String.format("%dd %02d:%02d:%02d", up.toDays(), up.toHoursPart(), up.toMinutesPart(),
                up.toSecondsPart()));
        row(sb, "live connection processes", Integer.toString(ctx.liveCount()));
        row(sb, "connections accepted", Long.toString(s.connectionsAccepted()));
        row(sb, "connections refused (503)", Long.toString(s.connectionsRefused()));
        row(sb, "requests", Long.toString(s.requests()));
        row(sb, "bytes in", Long.toString(s.bytesIn()));
        row(sb, "bytes out", Long.toString(s.bytesOut()));
        row(sb, "access-log entries dropped", Long.toString(s.accessLogDropped()));
        sb.append("</table>\n<h2>Responses by status</h2>\n<table>\n");
        for (long[] st : s.statusTable()) {
            row(sb, st[0] + " " + HttpStatus.reason((int) st[0]), Long.toString(st[1]));
        }
        sb.append("</table>\n<h2>Connection processes</h2>\n<table>\n<tr><th>process</th><th>client</th>"
                + "<th>state</th><th>in state (ms)</th><th>age (ms)</th><th>requests</th></tr>\n");
        for (Row r : rows(ctx)) {
            sb.append("<tr><td>conn-").append(r.id).append("</td><td>").append(Html.escape(r.remote))
                    .append("</td><td>").append(r.state).append("</td><td>").append(r.stateMillis)
                    .append("</td><td>").append(r.ageMillis).append("</td><td>").append(r.requests)
                    .append("</td></tr>\n");
        }
        return sb.append("</table>\n<p><a href=\"").append(PATH).append(".json\">JSON</a></p></body></html>\n")
                .toString();
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("<tr><th>").append(Html.escape(k)).append("</th><td>").append(Html.escape(v)).append("</td></tr>\n");
    }
}
