package org.loomcsp.webserver.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders an HTML index of one directory.
 *
 * <p>Entries are sorted by name (directories first), dotfiles are left out, names are
 * HTML-escaped and links percent-encoded, so a file called {@code <script>} or {@code a b#c}
 * is shown and linked correctly. When {@code uploadForm} is true a {@code multipart/form-data}
 * upload form posting to the directory itself is added.
 *
 * <p>Names are taken as the bytes they are on disk ({@link FileNames#rawName}), so the links work
 * in any JVM locale and for names that are not UTF-8 (shown as Latin-1). A symbolic link is shown
 * with its target's kind, size and date, as a client following the link would see them (a
 * dangling link with its own).
 */
public final class DirectoryListing {
    private record Entry(String name, byte[] raw, boolean dir, long size, Instant modified) {}

    private DirectoryListing() {}

    /**
     * @param dir        the directory on disk
     * @param urlPath    its encoded URL path, ending in '/'
     * @param displayPath its decoded path for the title
     * @param isRoot     true for the served root (no parent link)
     * @param uploadForm true to add an upload form
     */
    public static String render(Path dir, String urlPath, String displayPath, boolean isRoot, boolean uploadForm)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                byte[] raw = FileNames.rawName(p);
                if (raw.length == 0 || raw[0] == '.') {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (IOException noTarget) {
                    try {
                        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException gone) {
                        continue;
                    }
                }
                entries.add(new Entry(FileNames.display(raw), raw, a.isDirectory(), a.size(),
                        a.lastModifiedTime().toInstant()));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> !e.dir).thenComparing(Entry::name));
        String title = Html.escape("Index of " + displayPath);
        StringBuilder sb = new StringBuilder(1024 + entries.size() * 160);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em}"
                        + "td{padding:0 1em 0 0}td.n{text-align:right}</style></head>\n<body><h1>")
                .append(title).append("</h1>\n<table>\n");
        if (!isRoot) {
            sb.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        for (Entry e : entries) {
            String href = PathResolver.encodeSegment(e.raw) + (e.dir ? "/" : "");
            String label = Html.escape(e.name) + (e.dir ? "/" : "");
            sb.append("<tr><td><a href=\"").append(href).append("\">").append(label).append("</a></td><td class=\"n\">")
                    .append(e.dir ? "-" : Long.toString(e.size)).append("</td><td>")
                    .append(HttpDates.format(e.modified)).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (uploadForm) {
            sb.append("<form method=\"post\" action=\"").append(Html.escape(urlPath))
                    .append("\" enctype=\"multipart/form-data\">\n<input type=\"file\" name=\"file\" required>\n"
                            + "<button type=\"submit\">Upload</button>\n</form>\n");
        }
        sb.append("<hr><p><small>").append(ResponseWriter.SERVER).append("</small></p></body></html>\n");
        return sb.toString();
    }
}
