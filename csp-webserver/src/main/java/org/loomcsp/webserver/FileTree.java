package org.loomcsp.webserver;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.loomcsp.webserver.http.EntityTag;
import org.loomcsp.webserver.http.HttpException;
import org.loomcsp.webserver.http.HttpStatus;
import org.loomcsp.webserver.http.Response;

/**
 * The served directory tree, shared by the read side ({@link FileReadHandler}) and the write side
 * ({@link FileWriteHandler}): confinement to the real root, validators, and how file-system
 * failures map to statuses. Immutable and thread-safe.
 */
final class FileTree {
    /** A file-system action that answers a request. */
    @FunctionalInterface
    interface Action {
        Response run() throws IOException, HttpException;
    }

    final Path root;

    FileTree(Path realRoot) {
        this.root = realRoot;
    }

    /**
     * Runs {@code a}, mapping the failures that mean "no such resource" to 404 (absent, a file used
     * as a directory, a symbolic-link loop, a name too long for the file system) and a refusal
     * by the OS to 403. Anything else propagates: a server-side fault.
     */
    static Response guarded(Action a) throws IOException, HttpException {
        try {
            return a.run();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Response.error(HttpStatus.NOT_FOUND);
        } catch (AccessDeniedException e) {
            return Response.error(HttpStatus.FORBIDDEN);
        } catch (FileSystemException e) {
            String reason = String.valueOf(e.getReason());
            if (reason.contains("Not a directory") || reason.contains("symbolic links")
                    || reason.contains("File name too long")) {
                return Response.error(HttpStatus.NOT_FOUND);
            }
            throw e;
        }
    }

    /** The real path of {@code p}, which must exist and stay under the root (else 404/403). */
    Path realInside(Path p) throws IOException, HttpException {
        Path real = p.toRealPath();
        if (!real.startsWith(root)) {
            throw HttpException.refuse(HttpStatus.FORBIDDEN, "outside the root");
        }
        return real;
    }

    /** Attributes of {@code p} without following links; null when absent; 403 for a link. */
    static BasicFileAttributes existing(Path p) throws IOException, HttpException {
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

    /** Last-Modified: the mtime in whole seconds, never later than now. */
    static Instant lastModified(BasicFileAttributes a) {
        Instant lm = a.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        Instant now = Instant.now();
        return lm.isAfter(now) ? now.truncatedTo(ChronoUnit.SECONDS) : lm;
    }

    /** The strong ETag of a file of {@code size} bytes with these attributes. */
    static EntityTag etag(BasicFileAttributes a, long size) {
        return EntityTag.forFile(size, a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.fileKey());
    }
}
