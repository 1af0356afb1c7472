package org.loomcsp.webserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.loomcsp.webserver.http.Exchange;
import org.loomcsp.webserver.http.FileNames;
import org.loomcsp.webserver.http.Handler;
import org.loomcsp.webserver.http.HttpException;
import org.loomcsp.webserver.http.HttpStatus;
import org.loomcsp.webserver.http.MultipartReader;
import org.loomcsp.webserver.http.PathResolver;
import org.loomcsp.webserver.http.Preconditions;
import org.loomcsp.webserver.http.Request;
import org.loomcsp.webserver.http.Response;

/**
 * The write side of the file tree (with {@code --writable}): PUT, DELETE (of a file or an empty
 * directory), MKCOL, and multipart POST uploads to a directory; every write first passes the
 * {@link WriteGuard} (cross-site check, then authentication). Answers every request it is given
 * (never null).
 *
 * <p>Writes are atomic: the body goes to a hidden temporary file ({@code .put-*.tmp}) in the
 * target directory, is forced to disk, then renamed over the target, so a reader sees the old
 * file or the new one, never a mix. A crash can leave such temporary files behind; they are
 * hidden from HTTP, and {@link #removeLeftovers} deletes them at start. Stateless apart from its
 * configuration: all connection processes share one instance.
 */
final class FileWriteHandler implements Handler {
    private static final int COPY_BUFFER = 64 * 1024;
    private static final Pattern TEMP_NAME = Pattern.compile("\\.put-[0-9]+\\.tmp");

    private final FileTree tree;
    private final long maxBody;
    private final WriteGuard guard;

    FileWriteHandler(FileTree tree, long maxBody, WriteGuard guard) {
        this.tree = tree;
        this.maxBody = maxBody;
        this.guard = guard;
    }

    @Override
    public Response handle(Exchange ex) throws IOException, HttpException {
        Request req = ex.request();
        Response refused = guard.check(ex);
        if (refused != null) {
            return refused;
        }
        PathResolver.Resolved rp = PathResolver.resolve(req.rawPath());
        if (rp.hidden() || rp.tooLong()) {
            return Response.error(HttpStatus.NOT_FOUND);
        }
        return FileTree.guarded(() -> switch (req.method()) {
            case "PUT" -> put(ex, rp);
            case "DELETE" -> delete(req, rp);
            case "MKCOL" -> mkcol(ex, rp);
            case "POST" -> upload(ex, rp);
            default -> Response.error(HttpStatus.METHOD_NOT_ALLOWED);
        });
    }

    private Response put(Exchange ex, PathResolver.Resolved rp) throws IOException, HttpException {
        Request req = ex.request();
        if (req.header("content-range") != null) {
            return Response.error(HttpStatus.BAD_REQUEST);
        }
        Response refused = refuseBodyLength(req);
        if (refused != null) {
            return refused;
        }
        if (rp.segments().isEmpty() || rp.trailingSlash()) {
            return Response.error(HttpStatus.CONFLICT);
        }
        Path parent = parentDir(rp);
        Path target = FileNames.childToCreate(parent, last(rp));
        BasicFileAttributes old = FileTree.existing(target);
        if (old != null && !old.isRegularFile()) {
            return Response.error(old.isDirectory() ? HttpStatus.CONFLICT : HttpStatus.FORBIDDEN);
        }
        var pre = Preconditions.evaluate("PUT", req.headers(), old != null,
                old == null ? null : FileTree.etag(old, old.size()), old == null ? null : FileTree.lastModified(old));
        if (pre != Preconditions.Result.PROCEED) {
            return Response.error(HttpStatus.PRECONDITION_FAILED);
        }
        storeAtomically(ex.body(), parent, target);
        BasicFileAttributes now = Files.readAttributes(target, BasicFileAttributes.class);
        Response r = old == null
                ? new Response(HttpStatus.CREATED).header("Location", rp.urlPath(false)).header("Content-Type",
                        "text/plain; charset=utf-8").body("created\n")
                : new Response(HttpStatus.NO_CONTENT);
        return r.header("ETag", FileTree.etag(now, now.size()).toString());
    }

    private static byte[] last(PathResolver.Resolved rp) {
        List<byte[]> names = rp.names();
        return names.get(names.size() - 1);
    }

    /** DELETE of a regular file, or of an empty directory (409 when it is not empty). */
    private Response delete(Request req, PathResolver.Resolved rp) throws IOException, HttpException {
        if (rp.segments().isEmpty()) {
            return Response.error(HttpStatus.CONFLICT);
        }
        Path parent = parentDir(rp);
        Path target = FileNames.child(parent, last(rp));
        BasicFileAttributes old = FileTree.existing(target);
        if (old == null) {
            return Response.error(HttpStatus.NOT_FOUND);
        }
        if (!old.isRegularFile() && !old.isDirectory()) {
            return Response.error(HttpStatus.FORBIDDEN);
        }
        if (old.isRegularFile()) {
            var pre = Preconditions.evaluate("DELETE", req.headers(), true, FileTree.etag(old, old.size()),
                    FileTree.lastModified(old));
            if (pre != Preconditions.Result.PROCEED) {
                return Response.error(HttpStatus.PRECONDITION_FAILED);
            }
        }
        try {
            Files.delete(target);
        } catch (NoSuchFileException e) {
            return Response.error(HttpStatus.NOT_FOUND);
        } catch (DirectoryNotEmptyException e) {
            return Response.error(HttpStatus.CONFLICT);
        }
        return new Response(HttpStatus.NO_CONTENT);
    }

    /** MKCOL (RFC 4918 §9.3): 201 created; 405 when something exists there; 409 without a parent; 415 with a body. */
    private Response mkcol(Exchange ex, PathResolver.Resolved rp) throws IOException, HttpException {
        if (ex.request().hasBody()) {
            return Response.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        if (rp.segments().isEmpty()) {
            return Response.error(HttpStatus.METHOD_NOT_ALLOWED);
        }
        Path parent = parentDir(rp);
        Path target = FileNames.childToCreate(parent, last(rp));
        try {
            Files.createDirectory(target);
        } catch (FileAlreadyExistsException e) {
            return Response.error(HttpStatus.METHOD_NOT_ALLOWED);
        }
        return new Response(HttpStatus.CREATED).header("Location", rp.urlPath(true))
                .header("Content-Type", "text/plain; charset=utf-8").body("created\n");
    }

    private Response upload(Exchange ex, PathResolver.Resolved rp) throws IOException, HttpException {
        Request req = ex.request();
        Path dir = tree.realInside(rp.under(tree.root));
        if (!Files.isDirectory(dir)) {
            return Response.error(HttpStatus.METHOD_NOT_ALLOWED);
        }
        String boundary = MultipartReader.boundaryOf(req.header("content-type"));
        if (boundary == null) {
            return Response.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
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
                return Response.error(HttpStatus.BAD_REQUEST).close();
            }
            Path target = FileNames.childToCreate(dir, base.getBytes(StandardCharsets.UTF_8));
            BasicFileAttributes old = FileTree.existing(target);
            if (old != null && !old.isRegularFile()) {
                return Response.error(HttpStatus.CONFLICT).close();
            }
            storeAtomically(part.content(), dir, target);
            stored++;
        }
        if (stored == 0) {
            return Response.error(HttpStatus.BAD_REQUEST);
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
            return Response.error(HttpStatus.LENGTH_REQUIRED);
        }
        if (req.contentLength() > maxBody) {
            return Response.error(HttpStatus.CONTENT_TOO_LARGE).close();
        }
        return null;
    }

    /** The real directory that will hold the last segment; 409 when missing, 403 outside the root. */
    private Path parentDir(PathResolver.Resolved rp) throws IOException, HttpException {
        List<byte[]> names = rp.names();
        Path parent = tree.root;
        try {
            for (int i = 0; i < names.size() - 1; i++) {
                parent = FileNames.child(parent, names.get(i));
            }
            parent = tree.realInside(parent);
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw HttpException.refuse(HttpStatus.CONFLICT, "parent directory missing");
        }
        if (!Files.isDirectory(parent)) {
            throw HttpException.refuse(HttpStatus.CONFLICT, "parent is not a directory");
        }
        return parent;
    }

    /**
     * Copies {@code body} into a hidden temporary file beside {@code target}, forces it to disk,
     * and renames it over {@code target} atomically. On any failure the temporary file is removed
     * and the target is untouched.
     */
    private static void storeAtomically(InputStream body, Path dir, Path target) throws IOException {
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

    /**
     * Deletes the temporary files ({@code .put-<digits>.tmp}) that a crash during a write left
     * anywhere under {@code root}; symbolic links are not followed. Call before serving.
     *
     * @return how many were removed
     */
    static int removeLeftovers(Path root) throws IOException {
        int[] removed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && TEMP_NAME.matcher(file.getFileName().toString()).matches()) {
                    try {
                        Files.deleteIfExists(file);
                        removed[0]++;
                    } catch (IOException e) {
                        // left for the next start
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return removed[0];
    }
}
