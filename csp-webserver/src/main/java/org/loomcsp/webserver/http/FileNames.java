package org.loomcsp.webserver.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * File names as the bytes they are on disk, whatever the JVM's locale.
 *
 * <p>Why: a Unix file name is a byte string; the JDK converts between {@code String} and those
 * bytes with the charset in {@code sun.jnu.encoding}, which it takes from the process locale
 * ({@code LC_ALL}/{@code LC_CTYPE}/{@code LANG}) and which cannot be overridden on the command
 * line (checked on JDK 25: {@code -Dsun.jnu.encoding=UTF-8} is ignored). Under {@code LC_ALL=C},
 * a service manager's default, that charset is ASCII, so {@code dir.resolve("é.txt")} throws and
 * listings print {@code ??}; under a UTF-8 locale, a Latin-1 name cannot be named by a string at
 * all. Two things in the JDK are byte-exact in every locale: a {@link Path} obtained from a
 * directory stream keeps the entry's bytes, and {@link Path#toUri()} percent-encodes those
 * bytes. This class uses them:
 * <ul>
 *   <li>{@link #child} names a directory entry by its bytes: when the bytes survive the round
 *       trip through the JVM's file-name charset (always for ASCII, and for UTF-8 names under a
 *       UTF-8 locale) it is a plain {@code resolve}; otherwise the directory is scanned for the
 *       entry with exactly those bytes (rare names only; the cost is one directory read);</li>
 *   <li>{@link #rawName} gives an entry's bytes back (from its URI), for links in listings.</li>
 * </ul>
 * What cannot be done in a non-UTF-8 locale is <em>creating</em> a file whose name the locale
 * cannot spell ({@link #childToCreate} then answers 500 and says why); run the server with
 * {@code LC_ALL=C.UTF-8} (or any UTF-8 locale) for that. Stateless and thread-safe.
 */
public final class FileNames {
    /** The longest file name (one path segment) Linux and most file systems accept, in bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private static final Charset JNU = jnuCharset();

    private FileNames() {}

    private static Charset jnuCharset() {
        String name = System.getProperty("sun.jnu.encoding", System.getProperty("native.encoding", "UTF-8"));
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The charset the JVM uses for file names (from the locale it was started in). */
    public static Charset fileNameCharset() {
        return JNU;
    }

    /** True when the JVM spells file names in UTF-8 (a UTF-8 locale). */
    public static boolean utf8FileNames() {
        return JNU.equals(StandardCharsets.UTF_8);
    }

    /** The string that the JVM turns back into exactly {@code name}, or null when there is none. */
    private static boolean isAscii(byte[] name) {
        for (byte b : name) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static String spelling(byte[] name) {
        if (isAscii(name)) {
            return new String(name, StandardCharsets.ISO_8859_1);
        }
        try {
            String s = JNU.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
            return Arrays.equals(s.getBytes(JNU), name) ? s : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The entry of {@code dir} whose name is exactly {@code name}.
     *
     * @throws NoSuchFileException when the name cannot be spelt and no entry has it
     */
    public static Path child(Path dir, byte[] name) throws IOException {
        String s = spelling(name);
        if (s != null) {
            return dir.resolve(s);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Arrays.equals(rawName(p), name)) {
                    return p;
                }
            }
        }
        throw new NoSuchFileException("(a name the file-name charset " + JNU + " cannot spell)");
    }

    /**
     * Like {@link #child} but for a file about to be created: an existing entry is found as by
     * {@link #child}; a new name the JVM's locale cannot spell is refused with 500.
     */
    public static Path childToCreate(Path dir, byte[] name) throws IOException, HttpException {
        try {
            return child(dir, name);
        } catch (NoSuchFileException e) {
            throw HttpException.refuse(HttpStatus.INTERNAL_SERVER_ERROR, "cannot create a file named in a charset the "
                    + "JVM's locale (" + JNU + ") cannot spell; start the server with LC_ALL=C.UTF-8");
        }
    }

    /** The bytes of {@code p}'s last name element, exactly as on disk, in any locale. */
    public static byte[] rawName(Path p) {
        String raw = p.toUri().getRawPath();
        int end = raw.length();
        if (end > 1 && raw.charAt(end - 1) == '/') {
            end--;
        }
        int start = raw.lastIndexOf('/', end - 1) + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < end) {
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** A name for people: UTF-8 when the bytes are UTF-8, else read as Latin-1 (the commonest legacy case). */
    public static String display(byte[] name) {
        if (isAscii(name)) {
            return new String(name, StandardCharsets.ISO_8859_1); // the common case: no decoder on the request path
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            return new String(name, StandardCharsets.ISO_8859_1);
        }
    }
}
