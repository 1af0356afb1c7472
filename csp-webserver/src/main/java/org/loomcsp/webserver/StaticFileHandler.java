package org.loomcsp.webserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.loomcsp.webserver.http.ByteRanges;
import org.loomcsp.webserver.http.DirectoryListing;
import org.loomcsp.webserver.http.EntityTag;
import org.loomcsp.webserver.http.Exchange;
import org.loomcsp.webserver.http.HttpDates;
import org.loomcsp.webserver.http.HttpException;
import org.loomcsp.webserver.http.HttpStatus;
import org.loomcsp.webserver.http.MimeTypes;
import org.loomcsp.webserver.http.MultipartReader;
import org.loomcsp.webserver.http.PathResolver;
import org.loomcsp.webserver.http.Preconditions;
import org.loomcsp.webserver.http.Request;
import org.loomcsp.webserver.http.Response;

/**
 * Turns one request into one response against a root directory: the server's semantics.
 *
 * <p>GET/HEAD serve regular files (with validators, conditionals and ranges), index files and
 * directory listings; PUT/DELETE/POST-upload change the tree when the server is writable.
 * Every file-system path is checked twice: lexically by {@link PathResolver}, then by real path
 * against the real root, so neither dot segments nor symbolic links reach outside it. Writes
 * are atomic: the body goes to a hidden temporary file in the target directory, is forced to
 * disk, then renamed over the target, so a reader sees the old file or the new one, never a mix.
 * Stateless apart from its configuration, so all connection processes share one instance.
 */
final class StaticFileHandler {
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final String ALLOW_READ = "GET, HEAD, OPTIONS";
    private static final String ALLOW_WRITE = "GET, HEAD, OPTIONS, PUT, DELETE, POST";
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path root;
    private final boolean writable;
    private final long maxBody;
    private final StatusPage statusPage; // null when off

    StaticFileHandler(Path realRoot, boolean writable, long maxBody, StatusPage statusPage) {
        this.root = realRoot;
        this.writable = writable;
        this.maxBody = maxBody;
        this.statusPage = statusPage;
    }

    String allow() {
        return writable ? ALLOW_WRITE : ALLOW_READ;
    }

    /** Answers one request; file system failures other than absence or refusal become 500. */
    Response handle(Exchange ex) throws IOException, HttpException {
        Request req = ex.request();
        String m = req.method();
        if (!KNOWN_METHODS.contains(m)) {
            return error(HttpStatus.NOT_IMPLEMENTED);
        }
        if (req.rawPath().equals("*")) {
            return new Response(HttpStatus.OK).header("Allow", allow()).body(new byte[0]);
        }
        if (statusPage != null && req.rawPath().startsWith(StatusPage.PATH)) {
            Response r = statusPage.handle(req);
            if (r != null) {
                return r;
            }
        }
        PathResolver.Resolved rp = PathResolver.resolve(req.rawPath());
        if (rp.hidden()) {
            return error(HttpStatus.NOT_FOUND);
        }
        try {
            return switch (m) {
                case "GET", "HEAD" -> get(req, rp);
                case "OPTIONS" -> new Response(HttpStatus.OK).header("Allow", allow()).body(new byte[0]);
                case "PUT" -> writable ? put(ex, rp) : notAllowed();
                case "DELETE" -> writable ? delete(req, rp) : notAllowed();
                case "POST" -> writable ? upload(ex, rp) : notAllowed();
                default -> notAllowed();
            };
        } catch (NoSuchFileException | NotDirectoryException e) {
            return error(HttpStatus.NOT_FOUND);
        } catch (AccessDeniedException e) {
            return error(HttpStatus.FORBIDDEN);
        } catch (FileSystemException e) {
            // ENOTDIR (a file used as a directory) and ELOOP (a symbolic link loop) mean "no such resource"
            String reason = String.valueOf(e.getReason());
            if (reason.contains("Not a directory") || reason.contains("symbolic links")) {
                return error(HttpStatus.NOT_FOUND);
            }
            throw e;
        }
    }

    private Response notAllowed() {
        return error(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", allow());
    }

    /** A small fixed HTML error page; nothing from the request is echoed. */
    static Response error(int status) {
        String text = status + " " + HttpStatus.reason(status);
        return new Response(status)
                .header("Content-Type", "text/html; charset=utf-8")
                .body("<!DOCTYPE html>\n<html><head><title>" + text + "</title></head><body><h1>" + text
                        + "</h1></body></html>\n");
    }

    /** The real path of {@code p}, which must exist and stay under the root (else 404/403). */
    private Path realInside(Path p) throws IOException, HttpException {
        Path real = p.toRealPath();
        if (!real.startsWith(root)) {
            throw HttpException.refuse(HttpStatus.FORBIDDEN, "outside the root");
        }
        return real;
    }

    private Response get(Request req, PathResolver.Resolved rp) throws IOException, HttpException {
        Path real = realInside(rp.under(root));
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            if (!rp.trailingSlash()) {
                String location = rp.urlPath(true) + (req.query() == null ? "" : "?" + req.query());
                return error(HttpStatus.MOVED_PERMANENTLY).header("Location", location);
            }
            Path index = real.resolve("index.html");
            BasicFileAttributes ia = null;
            try {
                index = realInside(index);
                ia = Files.readAttributes(index, BasicFileAttributes.class);
            } catch (NoSuchFileException | HttpException e) {
                // no usable index: list the directory
            }
            if (ia != null && ia.isRegularFile()) {
                return serveFile(req, index, ia);
            }
            String display = "/" + String.join("/", rp.segments()) + (rp.segments().isEmpty() ? "" : "/");
            String html = DirectoryListing.render(real, rp.urlPath(true), display, rp.segments().isEmpty(), writable);
            return new Response(HttpStatus.OK).header("Content-Type", "text/html; charset=utf-8").body(html);
        }
        if (!attrs.isRegularFile()) {
            return error(HttpStatus.FORBIDDEN);
        }
        if (rp.trailingSlash()) {
            return error(HttpStatus.NOT_FOUND);
        }
        return serveFile(req, real, attrs);
    }

    private static Instant lastModified(BasicFileAttributes a) {
        Instant lm = a.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        Instant now = Instant.now();
        return lm.isAfter(now) ? now.truncatedTo(ChronoUnit.SECONDS) : lm;
    }

    private static EntityTag etag(BasicFileAttributes a, long size) {
        return EntityTag.forFile(size, a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.fileKey());
    }

    private Response serveFile(Request req, Path file, BasicFileAttributes attrs) throws IOException {
        FileChannel fc;
        try {
            fc = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return error(HttpStatus.NOT_FOUND);
        }
        boolean handedOver = false;
        try {
            long size = fc.size();
            Instant lm = lastModified(attrs);
            EntityTag tag = etag(attrs, size);
            String lmText = HttpDates.format(lm);
            switch (Preconditions.evaluate(req.method(), req.headers(), true, tag, lm)) {
                case NOT_MODIFIED -> {
                    return new Response(HttpStatus.NOT_MODIFIED).header("ETag", tag.toString())
                            .header("Last-Modified", lmText);
                }
                case FAILED -> {
                    return error(HttpStatus.PRECONDITION_FAILED);
                }
                case PROCEED -> { }
            }
            String type = MimeTypes.forFileName(file.getFileName().toString());
            Response r;
            ByteRanges.Result ranges = ByteRanges.ignored();
            String rangeHeader = req.header("range");
            if (rangeHeader != null && req.method().equals("GET")
                    && ByteRanges.ifRangeAllows(req.header("if-range"), tag, lm)) {
                ranges = ByteRanges.parse(rangeHeader, size);
            }
            switch (ranges.kind()) {
                case UNSATISFIABLE -> {
                    return error(HttpStatus.RANGE_NOT_SATISFIABLE).header("Content-Range", "bytes */" + size);
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

    // ---------------------------------------------------------------- writes

    private Response put(Exchange ex, PathResolver.Resolved rp) throws IOException, HttpException {
        Request req = ex.request();
        if (req.header("content-range") != null) {
            return error(HttpStatus.BAD_REQUEST);
        }
        Response refused = refuseBodyLength(req);
        if (refused != null) {
            return refused;
        }
        if (rp.segments().isEmpty() || rp.trailingSlash()) {
            return error(HttpStatus.CONFLICT);
        }
        List<String> segs = rp.segments();
        Path parent = parentDir(rp);
        Path target = parent.resolve(segs.get(segs.size() - 1));
        BasicFileAttributes old = existing(target);
        if (old != null && !old.isRegularFile()) {
            return error(old.isDirectory() ? HttpStatus.CONFLICT : HttpStatus.FORBIDDEN);
        }
        var pre = Preconditions.evaluate("PUT", req.headers(), old != null,
                old == null ? null : etag(old, old.size()), old == null ? null : lastModified(old));
        if (pre != Preconditions.Result.PROCEED) {
            return error(HttpStatus.PRECONDITION_FAILED);
        }
        storeAtomically(ex.body(), parent, target);
        BasicFileAttributes now = Files.readAttributes(target, BasicFileAttributes.class);
        Response r = old == null
                ? new Response(HttpStatus.CREATED).header("Location", rp.urlPath(false)).header("Content-Type",
                        "text/plain; charset=utf-8").body("created\n")
                : new Response(HttpStatus.NO_CONTENT);
        return r.header("ETag", etag(now, now.size()).toString());
    }

    private Response delete(Request req, PathResolver.Resolved rp) throws IOException, HttpException {
        if (rp.segments().isEmpty()) {
            return error(HttpStatus.CONFLICT);
        }
        Path parent = parentDir(rp);
        Path target = parent.resolve(rp.segments().get(rp.segments().size() - 1));
        BasicFileAttributes old = existing(target);
        if (old == null) {
            return error(HttpStatus.NOT_FOUND);
        }
        if (old.isDirectory()) {
            return error(HttpStatus.CONFLICT);
        }
        if (!old.isRegularFile()) {
            return error(HttpStatus.FORBIDDEN);
        }
        var pre = Preconditions.evaluate("DELETE", req.headers(), true, etag(old, old.size()), lastModified(old));
        if (pre != Preconditions.Result.PROCEED) {
            return error(HttpStatus.PRECONDITION_FAILED);
        }
        try {
            Files.delete(target);
        } catch (NoSuchFileException e) {
            return error(HttpStatus.NOT_FOUND);
        } catch (DirectoryNotEmptyException e) {
            return error(HttpStatus.CONFLICT);
        }
        return new Response(HttpStatus.NO_CONTENT);
    }

    private Response upload(Exchange ex, PathResolver.Resolved rp) throws IOException, HttpException {
        Request req = ex.request();
        Path dir = realInside(rp.under(root));
        if (!Files.isDirectory(dir)) {
            return notAllowed();
        }
        String boundary = MultipartReader.boundaryOf(req.header("content-type"));
        if (boundary == null) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        Response refused = refuseBodyLength(req);
        if (refused != null) {
            return refused;
        }
        MultipartReader mr = new MultipartReader(ex.body(), boundary, 8192);
        int stored = 0;
        MultipartReader.Part part;
        while ((part = mr.next()) != null) {
            String fn = part.filename();
            if (fn == null || fn.isEmpty()) {
                continue;
            }
            String base = fn.substring(Math.max(fn.lastIndexOf('/'), fn.lastIndexOf('\\')) + 1);
            if (!PathResolver.isSafeName(base)) {
                return error(HttpStatus.BAD_REQUEST).close();
            }
            Path target = dir.resolve(base);
            BasicFileAttributes old = existing(target);
            if (old != null && !old.isRegularFile()) {
                return error(HttpStatus.CONFLICT).close();
            }
            storeAtomically(part.content(), dir, target);
            stored++;
        }
        if (stored == 0) {
            return error(HttpStatus.BAD_REQUEST);
        }
        return new Response(HttpStatus.SEE_OTHER).header("Location", rp.urlPath(true))
                .header("Content-Type", "text/plain; charset=utf-8").body("stored " + stored + " file(s)\n");
    }

    /**
     * Checks a body's declared length before anything is read (and before 100 Continue): 411
     * when there is neither Content-Length nor chunked coding, 413 (and close, as the body stays
     * unread) when Content-Length exceeds the limit; null when the body may be read. A chunked
     * body is counted as it is read instead.
     */
    private Response refuseBodyLength(Request req) {
        if (!req.chunked() && req.contentLength() < 0) {
            return error(HttpStatus.LENGTH_REQUIRED);
        }
        if (req.contentLength() > maxBody) {
            return error(HttpStatus.CONTENT_TOO_LARGE).close();
        }
        return null;
    }

    /** The real directory that will hold the last segment; 409 when missing, 403 outside the root. */
    private Path parentDir(PathResolver.Resolved rp) throws IOException, HttpException {
        List<String> segs = rp.segments();
        Path parent = root;
        for (int i = 0; i < segs.size() - 1; i++) {
            parent = parent.resolve(segs.get(i));
        }
        try {
            parent = realInside(parent);
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw HttpException.refuse(HttpStatus.CONFLICT, "parent directory missing");
        }
        if (!Files.isDirectory(parent)) {
            throw HttpException.refuse(HttpStatus.CONFLICT, "parent is not a directory");
        }
        return parent;
    }

    /** Attributes of {@code p} without following links; null when absent; 403 for a link. */
    private static BasicFileAttributes existing(Path p) throws IOException, HttpException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                throw HttpException.refuse(HttpStatus.FORBIDDEN, "will not write through a symbolic link");
            }
            return a;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Copies {@code body} into a hidden temporary file beside {@code target}, forces it to disk,
     * and renames it over {@code target} atomically. On any failure the temporary file is removed
     * and the target is untouched.
     */
    private void storeAtomically(InputStream body, Path dir, Path target) throws IOException {
        Path tmp = createTemp(dir);
        boolean moved = false;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] b = new byte[COPY_BUFFER];
                ByteBuffer bb = ByteBuffer.wrap(b);
                int n;
                while ((n = body.read(b, 0, b.length)) >= 0) {
                    bb.clear().limit(n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                }
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static Path createTemp(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".put-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, ".put-", ".tmp");
        }
    }
}
