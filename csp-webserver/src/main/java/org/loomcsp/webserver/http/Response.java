package org.loomcsp.webserver.http;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A response to write: status, header fields, and a body made of segments.
 *
 * <p>A segment is either bytes in memory or a region of an open file; a multipart/byteranges
 * body is a sequence of both. The writer adds {@code Date}, {@code Server},
 * {@code Content-Length} and {@code Connection}; handlers must not. The caller owns any file
 * channel and closes it after writing.
 */
public final class Response {
    /** One piece of the body. */
    public sealed interface Segment permits Bytes, FileRegion {
        long length();
    }

    /** Bytes in memory. */
    public record Bytes(byte[] data) implements Segment {
        @Override
        public long length() {
            return data.length;
        }
    }

    /** {@code length} bytes of {@code channel} from {@code position}. */
    public record FileRegion(FileChannel channel, long position, long length) implements Segment {}

    private final int status;
    private final List<String> fields = new ArrayList<>(16); // name, value, name, value...
    private final List<Segment> body = new ArrayList<>(2);
    private boolean close;

    public Response(int status) {
        this.status = status;
    }

    /** A small fixed HTML error page for {@code status}; nothing from the request is echoed. */
    public static Response error(int status) {
        String text = status + " " + HttpStatus.reason(status);
        return new Response(status)
                .header("Content-Type", "text/html; charset=utf-8")
                .body("<!DOCTYPE html>\n<html><head><title>" + text + "</title></head><body><h1>" + text
                        + "</h1></body></html>\n");
    }

    public int status() {
        return status;
    }

    public Response header(String name, String value) {
        fields.add(name);
        fields.add(value);
        return this;
    }

    /** The header fields as name, value pairs flattened. */
    public List<String> fields() {
        return fields;
    }

    /** First value of a header set on this response (case-insensitive), or null. */
    public String header(String name) {
        for (int i = 0; i < fields.size(); i += 2) {
            if (fields.get(i).equalsIgnoreCase(name)) {
                return fields.get(i + 1);
            }
        }
        return null;
    }

    public Response body(byte[] data) {
        body.add(new Bytes(data));
        return this;
    }

    public Response body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public Response file(FileChannel fc, long position, long length) {
        body.add(new FileRegion(fc, position, length));
        return this;
    }

    public List<Segment> segments() {
        return body;
    }

    /** The body length (what Content-Length announces). */
    public long contentLength() {
        long n = 0;
        for (Segment s : body) {
            n += s.length();
        }
        return n;
    }

    /** Asks for the connection to be closed after this response. */
    public Response close() {
        this.close = true;
        return this;
    }

    public boolean closeRequested() {
        return close;
    }
}
