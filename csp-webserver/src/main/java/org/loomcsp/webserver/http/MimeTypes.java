package org.loomcsp.webserver.http;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps file names to {@code Content-Type} values.
 *
 * <p>A fixed table covers the common web types so that the answer does not depend on the host;
 * for other extensions the JDK's own table ({@link URLConnection#getFileNameMap()}) is asked,
 * and {@code application/octet-stream} is the fallback. Textual types get
 * {@code ; charset=utf-8}. Results are cached per extension. Thread-safe.
 */
public final class MimeTypes {
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"), Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"), Map.entry("wav", "audio/wav"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"),
            Map.entry("java", "text/x-java"), Map.entry("bin", OCTET_STREAM));

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private MimeTypes() {}

    /** The Content-Type for a file name, charset included for textual types. */
    public static String forFileName(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CACHE.computeIfAbsent(ext, MimeTypes::lookup);
    }

    private static String lookup(String ext) {
        String type = TABLE.get(ext);
        if (type == null && !ext.isEmpty()) {
            type = URLConnection.getFileNameMap().getContentTypeFor("f." + ext);
        }
        if (type == null) {
            return OCTET_STREAM;
        }
        return isTextual(type) && !type.contains("charset") ? type + "; charset=utf-8" : type;
    }

    private static boolean isTextual(String type) {
        return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
                || type.equals("application/javascript") || type.equals("image/svg+xml");
    }
}
