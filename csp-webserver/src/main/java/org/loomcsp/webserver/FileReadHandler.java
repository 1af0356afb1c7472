package org.loomcsp.webserver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.loomcsp.webserver.http.ByteRanges;
import org.loomcsp.webserver.http.DirectoryListing;
import org.loomcsp.webserver.http.EntityTag;
import org.loomcsp.webserver.http.Exchange;
import org.loomcsp.webserver.http.Handler;
import org.loomcsp.webserver.http.HttpDates;
import org.loomcsp.webserver.http.HttpException;
import org.loomcsp.webserver.http.HttpStatus;
import org.loomcsp.webserver.http.MimeTypes;
import org.loomcsp.webserver.http.PathResolver;
import org.loomcsp.webserver.http.Preconditions;
import org.loomcsp.webserver.http.Request;
import org.loomcsp.webserver.http.Response;

/**
 * The read side of the file tree: GET and HEAD of regular files (validators, conditional
 * requests, byte ranges, precompressed {@code .br}/{@code .gz} siblings), index files and
 * directory listings. Answers every GET/HEAD it is given (never null).
 *
 * <p>Every path is checked twice: lexically by {@link PathResolver}, then by real path against
 * the real root, so neither dot segments nor symbolic links reach outside it. Stateless apart
 * from its configuration: all connection processes share one instance.
 */
final class FileReadHandler implements Handler {
    private final FileTree tree;
    private final boolean uploadForm;
    private final boolean precompressed;
    private final Map<String, String> cacheControl; // extension (lower case) -> value; "" for files without one
    private final MimeTypes mime;

    FileReadHandler(FileTree tree, boolean uploadForm, boolean precompressed, Map<String, String> cacheControl,
                    MimeTypes mime) {
        this.tree = tree;
        this.uploadForm = uploadForm;
        this.precompressed = precompressed;
        this.cacheControl = Map.copyOf(cacheControl);
        this.mime = mime;
    }

    @Override
    public Response handle(Exchange ex) throws IOException, HttpException {
        Request req = ex.request();
        PathResolver.Resolved rp = PathResolver.resolve(req.rawPath());
        if (rp.hidden() || rp.tooLong()) {
            return Response.error(HttpStatus.NOT_FOUND);
        }
        return FileTree.guarded(() -> get(req, rp));
    }

    private Response get(Request req, PathResolver.Resolved rp) throws IOException, HttpException {
        Path real = tree.realInside(rp.under(tree.root));
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            if (!rp.trailingSlash()) {
                String location = rp.urlPath(true) + (req.query() == null ? "" : "?" + req.query());
                return Response.error(HttpStatus.MOVED_PERMANENTLY).header("Location", location);
            }
            Path index = real.resolve("index.html");
            BasicFileAttributes ia = null;
            try {
                index = tree.realInside(index);
                ia = Files.readAttributes(index, BasicFileAttributes.class);
            } catch (NoSuchFileException | HttpException e) {
                // no usable index: list the directory
            }
            if (ia != null && ia.isRegularFile()) {
                return serveFile(req, index, ia);
            }
            String display = "/" + String.join("/", rp.segments()) + (rp.segments().isEmpty() ? "" : "/");
            String html = DirectoryListing.render(real, rp.urlPath(true), display, rp.segments().isEmpty(), uploadForm);
            return new Response(HttpStatus.OK).header("Content-Type", "text/html; charset=utf-8").body(html);
        }
        if (!attrs.isRegularFile()) {
            return Response.error(HttpStatus.FORBIDDEN);
        }
        if (rp.trailingSlash()) {
            return Response.error(HttpStatus.NOT_FOUND);
        }
        return serveFile(req, real, attrs);
    }

    /** A precompressed sibling chosen for this request: its path, attributes and coding. */
    private record Variant(Path path, BasicFileAttributes attrs, String coding) {}

    /** The best precompressed sibling the client accepts (br before gzip), or null. */
    private Variant precompressedSibling(Request req, Path file) {
        String accept = req.header("accept-encoding");
        if (accept == null) {
            return null;
        }
        for (String coding : new String[] {"br", "gzip"}) {
            if (!accepts(accept, coding)) {
                continue;
            }
            Path sib = file.resolveSibling(file.getFileName() + (coding.equals("br") ? ".br" : ".gz"));
            try {
                Path real = tree.realInside(sib);
                BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    return new Variant(real, a, coding);
                }
            } catch (IOException | HttpException e) {
                // no usable sibling
            }
        }
        return null;
    }

    /** True when an Accept-Encoding value accepts {@code coding} (listed, or by {@code *}, with q &gt; 0). */
    static boolean accepts(String acceptEncoding, String coding) {
        boolean star = false;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.trim().split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean zero = false;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        zero = Double.parseDouble(p.substring(2).trim()) <= 0;
                    } catch (NumberFormatException e) {
                        zero = true;
                    }
                }
            }
            if (name.equals(coding) || (coding.equals("gzip") && name.equals("x-gzip"))) {
                return !zero;
            }
            if (name.equals("*")) {
                star = !zero;
            }
        }
        return star;
    }

    private Response serveFile(Request req, Path file, BasicFileAttributes attrs) throws IOException {
        String type = mime.typeOf(file.getFileName().toString());
        String cc = cacheControlFor(file.getFileName().toString());
        Variant v = precompressed ? precompressedSibling(req, file) : null;
        Response r = serveBytes(req, v == null ? file : v.path(), v == null ? attrs : v.attrs(), type);
        if (precompressed) {
            r.header("Vary", "Accept-Encoding");
            if (v != null && (r.status() == HttpStatus.OK || r.status() == HttpStatus.PARTIAL_CONTENT)) {
                r.header("Content-Encoding", v.coding());
            }
        }
        if (cc != null && (r.status() < 300 || r.status() == HttpStatus.NOT_MODIFIED)) {
            r.header("Cache-Control", cc);
        }
        return r;
    }

    private String cacheControlFor(String name) {
        if (cacheControl.isEmpty()) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String v = cacheControl.get(ext);
        return v != null ? v : cacheControl.get("*");
    }

    private Response serveBytes(Request req, Path file, BasicFileAttributes attrs, String type) throws IOException {
        FileChannel fc;
        try {
            fc = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Response.error(HttpStatus.NOT_FOUND);
        }
        boolean handedOver = false;
        try {
            long size = fc.size();
            Instant lm = FileTree.lastModified(attrs);
            EntityTag tag = FileTree.etag(attrs, size);
            String lmText = HttpDates.format(lm);
            switch (Preconditions.evaluate(req.method(), req.headers(), true, tag, lm)) {
                case NOT_MODIFIED -> {
                    return new Response(HttpStatus.NOT_MODIFIED).header("ETag", tag.toString())
                            .header("Last-Modified", lmText);
                }
                case FAILED -> {
                    return Response.error(HttpStatus.PRECONDITION_FAILED);
                }
                case PROCEED -> { }
            }
            Response r;
            ByteRanges.Result ranges = ByteRanges.ignored();
            String rangeHeader = req.header("range");
            if (rangeHeader != null && req.method().equals("GET")
                    && ByteRanges.ifRangeAllows(req.header("if-range"), tag, lm)) {
                ranges = ByteRanges.parse(rangeHeader, size);
            }
            switch (ranges.kind()) {
                case UNSATISFIABLE -> {
                    return Response.error(HttpStatus.RANGE_NOT_SATISFIABLE).header("Content-Range", "bytes */" + size);
                }
                case SATISFIABLE -> {
                    r = new Response(HttpStatus.PARTIAL_CONTENT);
                    List<ByteRanges.Range> list = ranges.ranges();
                    if (list.size() == 1) {
                        ByteRanges.Range one = list.get(0);
                        r.header("Content-Type", type).header("Content-Range", one.contentRange(size))
                                .file(fc, one.first(), one.length());
                    } else {
                        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong())
                                + Long.toHexString(ThreadLocalRandom.current().nextLong());
                        r.header("Content-Type", "multipart/byteranges; boundary=" + boundary);
                        for (ByteRanges.Range one : list) {
                            r.body("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: "
                                    + one.contentRange(size) + "\r\n\r\n");
                            r.file(fc, one.first(), one.length());
                        }
                        r.body("\r\n--" + boundary + "--\r\n");
                    }
                }
                default -> r = new Response(HttpStatus.OK).header("Content-Type", type).file(fc, 0, size);
            }
            r.header("Last-Modified", lmText).header("ETag", tag.toString()).header("Accept-Ranges", "bytes");
            handedOver = true;
            return r;
        } finally {
            if (!handedOver) {
                fc.close();
            }
        }
    }
}
