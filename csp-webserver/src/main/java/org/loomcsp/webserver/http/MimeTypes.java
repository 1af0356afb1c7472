package org.loomcsp.webserver.http;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps file names to {@code Content-Type} values.
 *
 * <p>Lookup order for an extension: the entries of a {@code mime.types} file given with
 * {@code --mime-types} (the Apache/nginx format: {@code type ext1 ext2 ...} per line, {@code #}
 * comments; nginx's {@code types { ... }} braces and semicolons are tolerated), then a built-in
 * table of web types so that the answer does not depend on the host, then the JDK's own table
 * ({@link URLConnection#getFileNameMap()}), and {@code application/octet-stream} last. Textual
 * types get {@code ; charset=utf-8}. Results are cached per extension. Thread-safe.
 */
public final class MimeTypes {
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("shtml", "text/html"),
            Map.entry("xhtml", "application/xhtml+xml"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("jsonld", "application/ld+json"),
            Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"), Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"), Map.entry("ics", "text/calendar"),
            Map.entry("vtt", "text/vtt"), Map.entry("xml", "application/xml"), Map.entry("xsl", "application/xml"),
            Map.entry("rss", "application/rss+xml"), Map.entry("atom", "application/atom+xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("svgz", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("apng", "image/apng"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"), Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"), Map.entry("jxl", "image/jxl"),
            Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tgz", "application/gzip"), Map.entry("bz2", "application/x-bzip2"),
            Map.entry("xz", "application/x-xz"), Map.entry("zst", "application/zstd"),
            Map.entry("7z", "application/x-7z-compressed"), Map.entry("tar", "application/x-tar"),
            Map.entry("jar", "application/java-archive"), Map.entry("epub", "application/epub+zip"),
            Map.entry("m3u8", "application/vnd.apple.mpegurl"), Map.entry("m3u", "audio/x-mpegurl"),
            Map.entry("mpd", "application/dash+xml"), Map.entry("ts", "video/mp2t"),
            Map.entry("m4s", "video/iso.segment"), Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"),
            Map.entry("webm", "video/webm"), Map.entry("ogv", "video/ogg"), Map.entry("mov", "video/quicktime"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("avi", "video/x-msvideo"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"), Map.entry("opus", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"), Map.entry("mid", "audio/midi"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"), Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("java", "text/x-java"), Map.entry("py", "text/x-python"), Map.entry("sh", "application/x-sh"),
            Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"),
            Map.entry("toml", "application/toml"), Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"), Map.entry("rtf", "application/rtf"),
            Map.entry("apk", "application/vnd.android.package-archive"), Map.entry("deb", "application/vnd.debian.binary-package"),
            Map.entry("iso", "application/x-iso9660-image"), Map.entry("bin", OCTET_STREAM),
            Map.entry("exe", OCTET_STREAM), Map.entry("dmg", OCTET_STREAM));

    private static final int MAX_CACHED = 1024;
    private static final MimeTypes BUILT_IN = new MimeTypes(Map.of());

    private final Map<String, String> overrides;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    private MimeTypes(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    /** The built-in table (and the JDK's). */
    public static MimeTypes builtIn() {
        return BUILT_IN;
    }

    /**
     * The built-in table overridden by a {@code mime.types} file.
     *
     * @throws IllegalArgumentException when a line is not {@code type/subtype ext...}, saying which
     */
    public static MimeTypes load(Path file) throws IOException {
        Map<String, String> m = new HashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String t = line.strip();
            int hash = t.indexOf('#');
            if (hash >= 0) {
                t = t.substring(0, hash).strip();
            }
            t = t.replace(";", " ").replace("{", " ").replace("}", " ").strip();
            if (t.isEmpty() || t.equals("types")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (!f[0].contains("/")) {
                throw new IllegalArgumentException(file + " line " + n + ": expected 'type/subtype ext1 ext2 ...'");
            }
            for (int i = 1; i < f.length; i++) {
                m.put(f[i].toLowerCase(Locale.ROOT), f[0]);
            }
        }
        return new MimeTypes(Map.copyOf(m));
    }

    /** The Content-Type for a file name with the built-in table. */
    public static String forFileName(String name) {
        return BUILT_IN.typeOf(name);
    }

    /** The Content-Type for a file name, charset included for textual types. */
    public String typeOf(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = cache.get(ext);
        if (type == null) {
            type = lookup(ext);
            if (cache.size() < MAX_CACHED) { // bounded: extensions come from the tree, which a writer may fill
                cache.put(ext, type);
            }
        }
        return type;
    }

    private String lookup(String ext) {
        String type = overrides.get(ext);
        if (type == null) {
            type = TABLE.get(ext);
        }
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
                || type.equals("application/javascript") || type.equals("image/svg+xml")
                || type.endsWith("+xml") || type.endsWith("+json") || type.equals("application/vnd.apple.mpegurl");
    }
}
