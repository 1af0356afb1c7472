package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The raw-socket conformance suite, one case per checklist item of
 * {@code shared/reference/http-server.md} §2, each named by its ID. A case sends exact bytes on a
 * fresh connection, checks the status and any extra property, then checks that the server
 * still answers a normal request (bad input never stops it).
 *
 * <p>Placeholders in requests: {@code {ETAG:name}} and {@code {LM:name}} become the current
 * ETag and Last-Modified of a file, fetched just before the case runs.
 */
class ConformanceTest {
    @TempDir
    static Path tmp;
    static Path roRoot;
    static Path rwRoot;
    static WebServer readOnly;
    static WebServer writable;

    @BeforeAll
    static void start() throws IOException {
        roRoot = TestServers.fixture(Files.createDirectories(tmp.resolve("ro")));
        rwRoot = TestServers.fixture(Files.createDirectories(tmp.resolve("rw")));
        Files.writeString(rwRoot.resolve("put/existing.txt"), "old\n");
        Files.writeString(rwRoot.resolve("put/to-delete.txt"), "bye\n");
        Files.writeString(rwRoot.resolve("put/guarded.txt"), "guarded\n");
        Files.createDirectories(rwRoot.resolve("put/adir"));
        Files.createDirectories(rwRoot.resolve("put/fulldir"));
        Files.writeString(rwRoot.resolve("put/fulldir/keep.txt"), "keep\n");
        Files.createDirectories(rwRoot.resolve("_csp"));
        Files.writeString(rwRoot.resolve("_csp/status"), "a real file\n");
        for (Path r : List.of(roRoot, rwRoot)) {
            Files.writeString(r.resolve("list.m3u8"), "#EXTM3U\n");
            Files.writeString(r.resolve("feed.rss"), "<rss/>\n");
            Files.writeString(r.resolve("feed.atom"), "<feed/>\n");
            Files.writeString(r.resolve("page.xhtml"), "<html/>\n");
            Files.write(r.resolve("seg.ts"), new byte[] {0x47});
            Path links = Files.createDirectories(r.resolve("links"));
            Files.createSymbolicLink(links.resolve("to-1k.bin"), r.resolve("1k.bin"));
        }
        readOnly = TestServers.start(roRoot, b -> b.maxRequestLine(1024).maxHeaderBytes(4096).maxHeaderCount(20));
        writable = TestServers.start(rwRoot, b -> b.writable(true).maxBodyBytes(1000));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        readOnly.close();
        writable.close();
    }

    /** What else to check about a reply. */
    interface Check {
        void verify(RawHttp.Reply r, Path root) throws Exception;
    }

    record Case(String id, boolean rw, String request, int status, Check check) {
        @Override
        public String toString() {
            return id;
        }
    }

    static final Check NONE = (r, root) -> { };

    static String get(String path, String... headers) {
        return req("GET", path, headers);
    }

    static String req(String method, String path, String... headers) {
        List<String> lines = new ArrayList<>();
        lines.add(method + " " + path + " HTTP/1.1");
        lines.add("Host: test");
        lines.addAll(List.of(headers));
        return RawHttp.head(lines.toArray(String[]::new));
    }

    static String put(String path, String body, String... headers) {
        List<String> h = new ArrayList<>(List.of(headers));
        h.add("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        return req("PUT", path, h.toArray(String[]::new)) + body;
    }

    static String multipart(String path, String filename, String content, String... headers) {
        String boundary = "b0undary";
        String quoted = filename.replace("\\", "\\\\").replace("\"", "\\\"");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + quoted
                + "\"\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        List<String> h = new ArrayList<>(List.of(headers));
        h.add("Content-Type: multipart/form-data; boundary=" + boundary);
        h.add("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        return req("POST", path, h.toArray(String[]::new)) + body;
    }

    static String chunkedPut(String path, String chunkedBody) {
        return req("PUT", path, "Transfer-Encoding: chunked") + chunkedBody;
    }

    static Case ro(String id, String request, int status) {
        return new Case(id, false, request, status, NONE);
    }

    static Case ro(String id, String request, int status, Check check) {
        return new Case(id, false, request, status, check);
    }

    static Case rw(String id, String request, int status, Check check) {
        return new Case(id, true, request, status, check);
    }

    static Check header(String name, String expected) {
        return (r, root) -> assertThat(r.header(name)).as(name).isEqualTo(expected);
    }

    static Check headerMatches(String name, String regex) {
        return (r, root) -> assertThat(r.header(name)).as(name).isNotNull().matches(regex);
    }

    static Check body(String expected) {
        return (r, root) -> assertThat(r.text()).isEqualTo(expected);
    }

    static Check fileIs(String rel, String content) {
        return (r, root) -> assertThat(Files.readString(root.resolve(rel))).isEqualTo(content);
    }

    static Check noFile(String rel) {
        return (r, root) -> assertThat(root.resolve(rel)).doesNotExist();
    }

    static Check noOutside() {
        return (r, root) -> assertThat(r.text()).doesNotContain("SECRET-OUTSIDE");
    }

    static Check all(Check... checks) {
        return (r, root) -> {
            for (Check c : checks) {
                c.verify(r, root);
            }
        };
    }

    static Stream<Case> cases() {
        String longPath = "/" + "a".repeat(1100);
        StringBuilder manyHeaders = new StringBuilder("GET / HTTP/1.1\r\nHost: t\r\n");
        for (int i = 0; i < 25; i++) manyHeaders.append("X-H").append(i).append(": v\r\n");
        manyHeaders.append("\r\n");
        String bigHeader = get("/", "X-Big: " + "b".repeat(5000));
        return Stream.of(
                // ---- 2.1 request line and parsing
                ro("RFC9112-3-VALID-GET", get("/hello.txt"), 200, body("hello, world\n")),
                ro("RFC9112-3-MULTIPLE-SP", "GET  /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-3-TAB-SEPARATOR", "GET\t/hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-3-MISSING-TARGET", "GET HTTP/1.1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-3-TRAILING-SP", "GET /hello.txt HTTP/1.1 \r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-2.3-VERSION-NO-MINOR", "GET / HTTP/1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-2.3-VERSION-LEADING-ZERO", "GET / HTTP/01.1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-2.3-VERSION-SPACE", "GET / HTTP/ 1.1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-2.3-VERSION-LOWERCASE", "GET / http/1.1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-2.2-LEADING-CRLF", "\r\n\r\nGET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", 200),
                ro("RFC9112-2.2-BARE-LF", "GET /hello.txt HTTP/1.1\nHost: t\n\n", 200),
                ro("RFC9112-2.2-BARE-CR", "GET /hello.txt HTTP/1.1\r\nHost: t\rX: y\r\n\r\n", 400),
                ro("RFC9110-9.1-LOWERCASE-METHOD", "get /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", 501),
                ro("RFC9110-9.1-UNKNOWN-METHOD", "FOO /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", 501),
                ro("RFC9110-9.1-LONG-METHOD", "X".repeat(200) + " / HTTP/1.1\r\nHost: t\r\n\r\n", 501),
                ro("RFC9112-3-URI-TOO-LONG", get(longPath), 414),
                ro("RFC6585-5-HEADER-SECTION-TOO-LARGE", bigHeader, 431),
                ro("RFC6585-5-TOO-MANY-FIELDS", manyHeaders.toString(), 431),
                ro("RFC9112-5.1-SPACE-BEFORE-COLON", "GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400),
                ro("RFC9112-5.2-OBS-FOLD", "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\n\r\n", 400),
                ro("RFC9110-5.5-NUL-IN-VALUE", "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\0b\r\n\r\n", 400),
                ro("RFC9110-5.5-CR-IN-VALUE", "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\n\r\n", 400),
                ro("RFC9110-5.1-FIELD-NAME-BRACKETS", "GET / HTTP/1.1\r\nHost: t\r\nX[A]: a\r\n\r\n", 400),
                ro("RFC9110-5.1-FIELD-NAME-NON-ASCII", "GET / HTTP/1.1\r\nHost: t\r\nX\u00e9: a\r\n\r\n", 400),
                ro("RFC9112-5-FIELD-WITHOUT-COLON", "GET / HTTP/1.1\r\nHost: t\r\nNoColon\r\n\r\n", 400),
                ro("RFC9112-5-EMPTY-FIELD-NAME", "GET / HTTP/1.1\r\nHost: t\r\n: v\r\n\r\n", 400),
                ro("RFC9112-2.3-HTTP10-ANSWERED-AS-11", "GET /hello.txt HTTP/1.0\r\n\r\n", 200,
                        (r, root) -> assertThat(r.statusLine()).startsWith("HTTP/1.1 ")),
                ro("RFC9112-2.3-HTTP2-VERSION-505", "GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
                ro("RFC9112-2.3-HTTP3-VERSION-505", "GET / HTTP/3.0\r\nHost: t\r\n\r\n", 505),
                ro("RFC9112-2.3-HIGHER-MINOR-ACCEPTED", "GET /hello.txt HTTP/1.7\r\nHost: t\r\n\r\n", 200),
                ro("RFC9112-2-GARBAGE", "HELLO THERE\r\n\r\n", 400),
                ro("RFC9112-2-BINARY", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003\r\n\r\n", 400),
                ro("RFC9112-3.2-MISSING-HOST", "GET / HTTP/1.1\r\n\r\n", 400),
                ro("RFC9112-3.2-DUPLICATE-HOST", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                ro("RFC9112-3.2-DUPLICATE-HOST-IDENTICAL", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400),
                ro("RFC9112-3.2-HOST-USERINFO", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400),
                ro("RFC9112-3.2-HOST-PATH", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
                ro("RFC9112-3.2-HOST-LIST", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", 400),
                ro("RFC9112-3.2-HOST-EMPTY", "GET / HTTP/1.1\r\nHost:\r\n\r\n", 400),
                ro("RFC9112-3.2-HOST-BAD-PORT", "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n", 400),
                ro("RFC9112-3.2-HTTP10-WITHOUT-HOST", "GET /hello.txt HTTP/1.0\r\n\r\n", 200),
                ro("RFC9112-3.2-HOST-IPV6", "GET /hello.txt HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", 200),
                ro("RFC9112-3.2-HOST-WITH-PORT", "GET /hello.txt HTTP/1.1\r\nHost: localhost:8888\r\n\r\n", 200),
                ro("RFC9112-3.2.2-ABSOLUTE-FORM", "GET http://other/hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", 200,
                        body("hello, world\n")),
                ro("RFC9112-3.2.2-ABSOLUTE-FORM-BAD-SCHEME", "GET ftp://x/hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-3.2.4-OPTIONS-ASTERISK", "OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n", 200,
                        all(header("allow", "GET, HEAD, OPTIONS"), header("content-length", "0"))),
                ro("RFC9112-3.2.4-GET-ASTERISK", "GET * HTTP/1.1\r\nHost: t\r\n\r\n", 400),
                ro("RFC9112-3-FRAGMENT-IN-TARGET", get("/hello.txt#frag"), 400),
                ro("RFC9112-3-NON-ASCII-TARGET", get("/h\u00e9llo.txt"), 400),

                // ---- 2.2 body framing (smuggling surface)
                ro("RFC9112-6.3-CL-PLUS-SIGN", get("/", "Content-Length: +1") + "x", 400),
                ro("RFC9112-6.3-CL-NEGATIVE", get("/", "Content-Length: -1"), 400),
                ro("RFC9112-6.3-CL-HEX", get("/", "Content-Length: 0x1") + "x", 400),
                ro("RFC9112-6.3-CL-SPACE-INSIDE", get("/", "Content-Length: 1 2"), 400),
                ro("RFC9112-6.3-CL-EMPTY", get("/", "Content-Length:"), 400),
                ro("SMUG-CL-DUPLICATE-DIFFERENT", get("/", "Content-Length: 1", "Content-Length: 2") + "xx", 400),
                ro("SMUG-CL-COMMA-DIFFERENT", get("/", "Content-Length: 1, 2") + "xx", 400),
                ro("SMUG-CL-COMMA-SAME", get("/hello.txt", "Content-Length: 1, 1") + "x", 200),
                ro("SMUG-CL-OVERFLOW", get("/", "Content-Length: 99999999999999999999999"), 400),
                ro("SMUG-TE-CL-BOTH", get("/", "Content-Length: 3", "Transfer-Encoding: chunked") + "0\r\n\r\n", 400),
                ro("SMUG-TE-CHUNKED-NOT-FINAL", get("/", "Transfer-Encoding: chunked, gzip"), 400),
                ro("SMUG-TE-UNKNOWN-CODING-501", get("/", "Transfer-Encoding: gzip, chunked"), 501),
                ro("SMUG-TE-ON-HTTP10", "GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                ro("SMUG-TE-TRAILING-JUNK", get("/", "Transfer-Encoding: chunked x"), 400),
                ro("SMUG-TE-DUPLICATE-CHUNKED", get("/", "Transfer-Encoding: chunked", "Transfer-Encoding: chunked"), 400),
                ro("SMUG-TE-EMPTY", get("/", "Transfer-Encoding:"), 400),
                ro("SMUG-TE-CASE-INSENSITIVE", get("/hello.txt", "Transfer-Encoding: CHUNKED") + "0\r\n\r\n", 200),
                rw("RFC9112-7.1-CHUNKED-PUT", chunkedPut("/put/chunked.txt", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
                        201, fileIs("put/chunked.txt", "hello world")),
                rw("RFC9112-7.1-CHUNK-SIZE-UPPERCASE-HEX", chunkedPut("/put/hex.txt", "A\r\n0123456789\r\n0\r\n\r\n"),
                        201, fileIs("put/hex.txt", "0123456789")),
                rw("RFC9112-7.1-CHUNK-EXTENSION-IGNORED", chunkedPut("/put/ext.txt", "3;name=value\r\nabc\r\n0\r\n\r\n"),
                        201, fileIs("put/ext.txt", "abc")),
                rw("RFC9112-7.1-CHUNK-BARE-SEMICOLON", chunkedPut("/put/semi.txt", "3;\r\nabc\r\n0\r\n\r\n"), 400,
                        noFile("put/semi.txt")),
                rw("RFC9112-7.1-CHUNK-TRAILERS-IGNORED",
                        chunkedPut("/put/trailer.txt", "3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n"), 201,
                        fileIs("put/trailer.txt", "abc")),
                rw("RFC9112-7.1-CHUNK-MISSING-CRLF", chunkedPut("/put/nocrlf.txt", "3\r\nabcX\r\n0\r\n\r\n"), 400,
                        noFile("put/nocrlf.txt")),
                rw("RFC9112-7.1-CHUNK-SPILL", chunkedPut("/put/spill.txt", "3\r\nabcdef\r\n0\r\n\r\n"), 400,
                        noFile("put/spill.txt")),
                rw("RFC9112-7.1-CHUNK-0X-PREFIX", chunkedPut("/put/0x.txt", "0x3\r\nabc\r\n0\r\n\r\n"), 400,
                        noFile("put/0x.txt")),
                rw("RFC9112-7.1-CHUNK-LEADING-SPACE", chunkedPut("/put/sp.txt", " 3\r\nabc\r\n0\r\n\r\n"), 400,
                        noFile("put/sp.txt")),
                rw("RFC9112-7.1-CHUNKED-TOO-LARGE-413",
                        chunkedPut("/put/bigchunk.txt", "400\r\n" + "x".repeat(1024) + "\r\n0\r\n\r\n"), 413,
                        noFile("put/bigchunk.txt")),

                // ---- 2.4 methods and status codes
                ro("RFC9110-9.3.1-GET-REPRESENTATION-HEADERS", get("/1k.bin"), 200, all(
                        header("content-length", "1024"), header("content-type", "application/octet-stream"),
                        header("accept-ranges", "bytes"), headerMatches("etag", "\"[0-9a-f-]+\""),
                        headerMatches("last-modified", ".+ GMT"), header("server", "loomcsp"))),
                ro("RFC9110-9.3.2-HEAD-SAME-HEADERS", req("HEAD", "/1k.bin"), 200,
                        all(header("content-length", "1024"), headerMatches("etag", "\".+\""))),
                ro("RFC9110-9.3.2-HEAD-404-NO-BODY", req("HEAD", "/missing"), 404),
                ro("RFC9110-9.3.7-OPTIONS-RESOURCE", req("OPTIONS", "/hello.txt"), 200,
                        all(header("allow", "GET, HEAD, OPTIONS"), header("content-length", "0"))),
                ro("RFC9110-15.5.6-POST-READ-ONLY-405", req("POST", "/hello.txt", "Content-Length: 2") + "ab", 405,
                        header("allow", "GET, HEAD, OPTIONS")),
                ro("RFC9110-15.5.6-PUT-READ-ONLY-405", put("/hello.txt", "x"), 405, all(
                        header("allow", "GET, HEAD, OPTIONS"), fileIs("hello.txt", "hello, world\n"))),
                ro("RFC9110-15.5.6-DELETE-READ-ONLY-405", req("DELETE", "/hello.txt"), 405,
                        fileIs("hello.txt", "hello, world\n")),
                ro("RFC9110-9.3.8-TRACE-405", req("TRACE", "/"), 405, header("allow", "GET, HEAD, OPTIONS")),
                ro("RFC9110-9.3.6-CONNECT-405", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405),
                ro("RFC5789-PATCH-405", req("PATCH", "/hello.txt", "Content-Length: 1") + "x", 405),
                rw("RFC9110-9.3.4-PUT-CREATE-201", put("/put/new.txt", "new body"), 201,
                        all(fileIs("put/new.txt", "new body"), headerMatches("etag", "\".+\""))),
                rw("RFC9110-9.3.4-PUT-REPLACE-204", put("/put/existing.txt", "replaced"), 204,
                        fileIs("put/existing.txt", "replaced")),
                rw("RFC9110-9.3.4-PUT-MISSING-PARENT-409", put("/put/nodir/x.txt", "x"), 409, noFile("put/nodir")),
                rw("RFC9110-9.3.4-PUT-ONTO-DIRECTORY-409", put("/put/adir", "x"), 409, NONE),
                rw("RFC9110-14.5-PUT-CONTENT-RANGE-400",
                        put("/put/range.txt", "x", "Content-Range: bytes 0-0/1"), 400, noFile("put/range.txt")),
                rw("RFC9110-15.5.14-PUT-TOO-LARGE-413", put("/put/big.txt", "x".repeat(1001)), 413, noFile("put/big.txt")),
                rw("RFC9110-15.5.12-PUT-WITHOUT-LENGTH-411", req("PUT", "/put/nolen.txt"), 411, noFile("put/nolen.txt")),
                rw("RFC9110-9.3.4-PUT-HIDDEN-NAME-404", put("/put/.hidden", "x"), 404, noFile("put/.hidden")),
                rw("RFC9110-9.3.5-DELETE-204", req("DELETE", "/put/to-delete.txt"), 204, noFile("put/to-delete.txt")),
                rw("RFC9110-9.3.5-DELETE-MISSING-404", req("DELETE", "/put/never-was.txt"), 404, NONE),
                rw("RFC9110-9.3.5-DELETE-NONEMPTY-DIRECTORY-409", req("DELETE", "/put/fulldir"), 409,
                        fileIs("put/fulldir/keep.txt", "keep\n")),
                rw("RFC4918-9.3-MKCOL-201", req("MKCOL", "/put/newdir"), 201,
                        (r, root) -> assertThat(root.resolve("put/newdir")).isDirectory()),
                rw("RFC4918-9.3-MKCOL-EXISTING-405", req("MKCOL", "/put/newdir"), 405, NONE),
                rw("RFC4918-9.3-MKCOL-MISSING-PARENT-409", req("MKCOL", "/put/no/such"), 409, noFile("put/no")),
                rw("RFC4918-9.3-MKCOL-WITH-BODY-415", req("MKCOL", "/put/bodydir", "Content-Length: 1") + "x", 415,
                        noFile("put/bodydir")),
                ro("RFC4918-9.3-MKCOL-READ-ONLY-405", req("MKCOL", "/newdir"), 405, header("allow", "GET, HEAD, OPTIONS")),
                rw("RFC9110-9.3.5-DELETE-EMPTY-DIRECTORY-204", req("DELETE", "/put/newdir"), 204, noFile("put/newdir")),
                rw("WRITE-CROSS-SITE-ORIGIN-403", put("/put/evil.txt", "x", "Origin: http://evil.example"), 403,
                        noFile("put/evil.txt")),
                rw("WRITE-CROSS-SITE-FETCH-SITE-403", put("/put/evil2.txt", "x", "Sec-Fetch-Site: cross-site"), 403,
                        noFile("put/evil2.txt")),
                rw("WRITE-CROSS-SITE-MULTIPART-403", multipart("/upload/", "evil3.txt", "x", "Origin: http://evil.example"),
                        403, noFile("upload/evil3.txt")),
                rw("WRITE-SAME-ORIGIN-ALLOWED", put("/put/same.txt", "same", "Origin: http://test",
                        "Sec-Fetch-Site: same-origin"), 201, fileIs("put/same.txt", "same")),
                rw("RFC7578-FILENAME-QUOTED-SEMICOLON", multipart("/upload/", "a;b.txt", "semi"), 303,
                        all(fileIs("upload/a;b.txt", "semi"), noFile("upload/\"a"))),
                rw("RFC7578-FILENAME-TOO-LONG-400", multipart("/upload/", "n".repeat(300) + ".txt", "x"), 400, NONE),
                rw("STATUS-PAGE-REAL-FILE-WINS", get("/_csp/status"), 200, body("a real file\n")),
                rw("RFC9110-9.3.7-OPTIONS-WRITABLE", req("OPTIONS", "/"), 200,
                        header("allow", "GET, HEAD, OPTIONS, PUT, DELETE, POST, MKCOL")),
                rw("RFC9110-10.1.1-EXPECT-UNKNOWN-417", req("PUT", "/put/e.txt", "Expect: teapot", "Content-Length: 1") + "x",
                        417, noFile("put/e.txt")),
                ro("RFC9110-10.1.1-EXPECT-IGNORED-ON-HTTP10",
                        "GET /hello.txt HTTP/1.0\r\nExpect: 100-continue\r\n\r\n", 200),
                ro("RFC9110-15.5.5-ERROR-BODY-NOT-ECHOED", get("/%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 400,
                        (r, root) -> assertThat(r.text()).doesNotContain("<script>")),
                ro("RFC9110-15.5.5-404-BODY-NOT-ECHOED", get("/%3Cscript%3E.txt"), 404,
                        (r, root) -> assertThat(r.text()).doesNotContain("<script>").doesNotContain("%3C")),
                rw("RFC7578-UPLOAD-NOT-MULTIPART-415",
                        req("POST", "/upload/", "Content-Type: text/plain", "Content-Length: 1") + "x", 415, NONE),
                rw("RFC7578-UPLOAD-TO-FILE-405", req("POST", "/hello.txt", "Content-Length: 1") + "x", 405, NONE),

                // ---- 2.5 representation metadata
                ro("RFC9110-6.6.1-DATE-IMF-FIXDATE", get("/hello.txt"), 200,
                        headerMatches("date", "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT")),
                ro("RFC9110-6.6.1-DATE-ON-ERRORS", get("/missing"), 404, headerMatches("date", ".+ GMT")),
                ro("RFC9110-8.8.2-LAST-MODIFIED-NOT-AFTER-DATE", get("/hello.txt"), 200, (r, root) -> assertThat(
                        org.loomcsp.webserver.http.HttpDates.parse(r.header("last-modified")))
                        .isBeforeOrEqualTo(org.loomcsp.webserver.http.HttpDates.parse(r.header("date")))),
                ro("MIME-HTML-UTF8", get("/index.html"), 200, header("content-type", "text/html; charset=utf-8")),
                ro("MIME-TEXT-UTF8", get("/hello.txt"), 200, header("content-type", "text/plain; charset=utf-8")),
                ro("MIME-CSS", get("/style.css"), 200, header("content-type", "text/css; charset=utf-8")),
                ro("MIME-JS", get("/app.js"), 200, header("content-type", "text/javascript; charset=utf-8")),
                ro("MIME-M3U8", get("/list.m3u8"), 200, header("content-type", "application/vnd.apple.mpegurl; charset=utf-8")),
                ro("MIME-RSS", get("/feed.rss"), 200, header("content-type", "application/rss+xml; charset=utf-8")),
                ro("MIME-ATOM", get("/feed.atom"), 200, header("content-type", "application/atom+xml; charset=utf-8")),
                ro("MIME-XHTML", get("/page.xhtml"), 200, header("content-type", "application/xhtml+xml; charset=utf-8")),
                ro("MIME-TS", get("/seg.ts"), 200, header("content-type", "video/mp2t")),
                ro("MIME-JSON", get("/data.json"), 200, header("content-type", "application/json; charset=utf-8")),
                ro("MIME-PNG", get("/image.png"), 200, header("content-type", "image/png")),
                ro("MIME-UNKNOWN-OCTET-STREAM", get("/blob.unknownext"), 200,
                        header("content-type", "application/octet-stream")),

                // ---- 2.6 conditional requests
                ro("RFC9110-13.1.2-IF-NONE-MATCH-304", get("/hello.txt", "If-None-Match: {ETAG:hello.txt}"), 304,
                        all(headerMatches("etag", "\".+\""), header("content-length", null))),
                ro("RFC9110-13.1.2-IF-NONE-MATCH-LIST-304",
                        get("/hello.txt", "If-None-Match: \"x\", {ETAG:hello.txt}"), 304),
                ro("RFC9110-13.1.2-IF-NONE-MATCH-STAR-304", get("/hello.txt", "If-None-Match: *"), 304),
                ro("RFC9110-13.1.2-IF-NONE-MATCH-WEAK-COMPARE-304",
                        get("/hello.txt", "If-None-Match: W/{ETAG:hello.txt}"), 304),
                ro("RFC9110-13.1.2-IF-NONE-MATCH-MISS-200", get("/hello.txt", "If-None-Match: \"nope\""), 200),
                ro("RFC9110-13.1.2-HEAD-IF-NONE-MATCH-304", req("HEAD", "/hello.txt", "If-None-Match: {ETAG:hello.txt}"), 304),
                ro("RFC9110-13.1.3-IF-MODIFIED-SINCE-304", get("/hello.txt", "If-Modified-Since: {LM:hello.txt}"), 304),
                ro("RFC9110-13.1.3-IF-MODIFIED-SINCE-OLD-200",
                        get("/hello.txt", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT"), 200),
                ro("RFC9110-13.1.3-IF-MODIFIED-SINCE-INVALID-200", get("/hello.txt", "If-Modified-Since: yesterday"), 200),
                ro("RFC9110-13.1.3-IMS-IGNORED-WITH-IF-NONE-MATCH",
                        get("/hello.txt", "If-None-Match: \"nope\"", "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT"), 200),
                ro("RFC9110-5.6.7-IMS-RFC850-DATE",
                        get("/hello.txt", "If-Modified-Since: Friday, 01-Jan-49 00:00:00 GMT"), 304),
                ro("RFC9110-5.6.7-IMS-ASCTIME-DATE", get("/hello.txt", "If-Modified-Since: Fri Jan  1 00:00:00 2100"), 304),
                ro("RFC9110-13.1.1-IF-MATCH-FAIL-412", get("/hello.txt", "If-Match: \"nope\""), 412),
                ro("RFC9110-13.1.1-IF-MATCH-OK-200", get("/hello.txt", "If-Match: {ETAG:hello.txt}"), 200),
                ro("RFC9110-13.1.1-IF-MATCH-WEAK-TAG-412", get("/hello.txt", "If-Match: W/{ETAG:hello.txt}"), 412),
                ro("RFC9110-13.1.1-IF-MATCH-STAR-200", get("/hello.txt", "If-Match: *"), 200),
                ro("RFC9110-13.1.4-IF-UNMODIFIED-SINCE-412",
                        get("/hello.txt", "If-Unmodified-Since: Sun, 06 Nov 1994 08:49:37 GMT"), 412),
                ro("RFC9110-13.1.4-IF-UNMODIFIED-SINCE-OK-200",
                        get("/hello.txt", "If-Unmodified-Since: Fri, 01 Jan 2100 00:00:00 GMT"), 200),
                ro("RFC9110-13.2.2-404-BEFORE-PRECONDITIONS", get("/missing", "If-Match: *"), 404),
                rw("RFC9110-13.1.2-PUT-IF-NONE-MATCH-STAR-412",
                        put("/put/guarded.txt", "overwrite", "If-None-Match: *"), 412, fileIs("put/guarded.txt", "guarded\n")),
                rw("RFC9110-13.1.1-PUT-IF-MATCH-STALE-412",
                        put("/put/guarded.txt", "overwrite", "If-Match: \"stale\""), 412, fileIs("put/guarded.txt", "guarded\n")),
                rw("RFC9110-13.1.2-PUT-IF-NONE-MATCH-STAR-CREATES",
                        put("/put/create-only.txt", "fresh", "If-None-Match: *"), 201, fileIs("put/create-only.txt", "fresh")),

                // ---- 2.7 ranges
                ro("RFC9110-14.2-RANGE-SINGLE-206", get("/digits.txt", "Range: bytes=2-4"), 206,
                        all(body("234"), header("content-range", "bytes 2-4/10"), header("content-length", "3"))),
                ro("RFC9110-14.2-RANGE-OPEN-END", get("/digits.txt", "Range: bytes=7-"), 206, body("789")),
                ro("RFC9110-14.2-RANGE-SUFFIX", get("/digits.txt", "Range: bytes=-3"), 206,
                        all(body("789"), header("content-range", "bytes 7-9/10"))),
                ro("RFC9110-14.2-RANGE-SUFFIX-LONGER-THAN-FILE", get("/digits.txt", "Range: bytes=-30"), 206,
                        body("0123456789")),
                ro("RFC9110-14.2-RANGE-LAST-CLAMPED", get("/digits.txt", "Range: bytes=8-100"), 206,
                        all(body("89"), header("content-range", "bytes 8-9/10"))),
                ro("RFC9110-14.6-RANGE-MULTIPART", get("/digits.txt", "Range: bytes=0-1,5-6"), 206, (r, root) -> {
                    assertThat(r.header("content-type")).startsWith("multipart/byteranges; boundary=");
                    assertThat(r.text()).contains("Content-Range: bytes 0-1/10\r\n\r\n01\r\n")
                            .contains("Content-Range: bytes 5-6/10\r\n\r\n56\r\n");
                }),
                ro("RFC9110-14.2-RANGE-UNSATISFIABLE-416", get("/digits.txt", "Range: bytes=10-20"), 416,
                        header("content-range", "bytes */10")),
                ro("RFC9110-14.2-RANGE-SUFFIX-ZERO-416", get("/digits.txt", "Range: bytes=-0"), 416),
                ro("RFC9110-14.2-RANGE-SYNTAX-INVALID-IGNORED", get("/digits.txt", "Range: bytes=5-2"), 200,
                        body("0123456789")),
                ro("RFC9110-14.2-RANGE-UNKNOWN-UNIT-IGNORED", get("/digits.txt", "Range: lines=1-2"), 200),
                ro("RFC9110-14.2-RANGE-IGNORED-ON-HEAD", req("HEAD", "/digits.txt", "Range: bytes=0-1"), 200,
                        header("content-length", "10")),
                ro("RFC9110-14.2-RANGE-TOO-MANY-IGNORED", get("/digits.txt",
                        "Range: bytes=" + "0-0,".repeat(40) + "1-1"), 200, body("0123456789")),
                ro("RFC9110-13.1.5-IF-RANGE-ETAG-MATCH-206",
                        get("/digits.txt", "Range: bytes=0-0", "If-Range: {ETAG:digits.txt}"), 206, body("0")),
                ro("RFC9110-13.1.5-IF-RANGE-ETAG-MISMATCH-200",
                        get("/digits.txt", "Range: bytes=0-0", "If-Range: \"old\""), 200, body("0123456789")),
                ro("RFC9110-13.1.5-IF-RANGE-DATE-MATCH-206",
                        get("/digits.txt", "Range: bytes=1-1", "If-Range: {LM:digits.txt}"), 206, body("1")),
                ro("RFC9110-13.1.5-IF-RANGE-DATE-MISMATCH-200",
                        get("/digits.txt", "Range: bytes=1-1", "If-Range: Sun, 06 Nov 1994 08:49:37 GMT"), 200),
                ro("RFC9110-14.2-RANGE-EMPTY-FILE-200", get("/empty.txt", "Range: bytes=0-5"), 200,
                        header("content-length", "0")),

                // ---- 2.8 paths and file-system safety
                ro("PATH-DOTDOT", get("/../outside.txt"), 400, noOutside()),
                ro("PATH-DOTDOT-NESTED", get("/docs/../../outside.txt"), 400, noOutside()),
                ro("PATH-ENCODED-DOTDOT", get("/%2e%2e/outside.txt"), 400, noOutside()),
                ro("PATH-ENCODED-DOTDOT-UPPER", get("/%2E%2E/outside.txt"), 400, noOutside()),
                ro("PATH-MIXED-DOT-ENCODED-1", get("/.%2e/outside.txt"), 400, noOutside()),
                ro("PATH-MIXED-DOT-ENCODED-2", get("/%2e./outside.txt"), 400, noOutside()),
                ro("PATH-ENCODED-SLASH", get("/docs%2F..%2F..%2Foutside.txt"), 400, noOutside()),
                ro("PATH-ENCODED-SLASH-PLAIN", get("/docs%2Findex.html"), 400),
                ro("PATH-BACKSLASH", get("/..\\outside.txt"), 400, noOutside()),
                ro("PATH-ENCODED-BACKSLASH", get("/..%5Coutside.txt"), 400, noOutside()),
                ro("PATH-NUL", get("/hello.txt%00.html"), 400),
                ro("PATH-OVERLONG-UTF8-SLASH", get("/..%c0%af..%c0%afoutside.txt"), 400, noOutside()),
                ro("PATH-OVERLONG-UTF8-DOT", get("/%c0%ae%c0%ae/outside.txt"), 400, noOutside()),
                ro("PATH-MALFORMED-PERCENT", get("/%zz"), 400),
                ro("PATH-TRUNCATED-PERCENT", get("/hello.txt%2"), 400),
                ro("PATH-DOUBLE-ENCODED-DECODED-ONCE", get("/%252e%252e/outside.txt"), 404, noOutside()),
                ro("PATH-SYMLINK-OUTSIDE-FILE-403", get("/escape.txt"), 403, noOutside()),
                ro("PATH-SYMLINK-OUTSIDE-DIR-403", get("/escape-dir/outside.txt"), 403, noOutside()),
                ro("PATH-SYMLINK-INSIDE-200", get("/inside-link.txt"), 200, body("hello, world\n")),
                ro("PATH-DOTFILE-HIDDEN-404", get("/.secret"), 404),
                ro("PATH-MISSING-404", get("/no/such/file"), 404),
                ro("PATH-FILE-AS-DIRECTORY-404", get("/hello.txt/x"), 404),
                ro("PATH-FILE-WITH-SLASH-404", get("/hello.txt/"), 404),
                ro("PATH-QUERY-IGNORED", get("/hello.txt?x=1&y=../../etc"), 200, body("hello, world\n")),
                ro("PATH-DOUBLE-SLASH-COLLAPSED", get("//hello.txt"), 200, body("hello, world\n")),
                ro("PATH-DOT-SEGMENT-DROPPED", get("/./hello.txt"), 200, body("hello, world\n")),
                ro("PATH-UTF8-NAME", get("/%C3%A9.txt"), 200, body("accent\n")),
                ro("PATH-SEGMENT-TOO-LONG-404", get("/" + "a".repeat(256)), 404),
                ro("PATH-SEGMENT-TOO-LONG-UTF8-404", get("/" + "%C3%A9".repeat(130)), 404),
                ro("PATH-SEGMENT-TOO-LONG-IN-DIRECTORY-404", get("/docs/" + "x".repeat(300) + "/y"), 404),
                rw("PATH-TOO-LONG-414", get(("/" + "b".repeat(200)).repeat(21)), 414, NONE),
                rw("PATH-LONG-BUT-VALID-404", get(("/" + "c".repeat(250)).repeat(15)), 404, NONE),
                ro("PATH-LATIN1-BYTES-404-NOT-400", get("/caf%E9.txt"), 404),

                // ---- 2.9 directories
                ro("DIR-NO-SLASH-301", get("/docs?q=1"), 301, header("location", "/docs/?q=1")),
                ro("DIR-INDEX-HTML", get("/docs/"), 200, body("docs index\n")),
                ro("DIR-ROOT-INDEX", get("/"), 200, (r, root) -> assertThat(r.text()).contains("home")),
                ro("DIR-LISTING-ESCAPED-SORTED", get("/list/"), 200, (r, root) -> {
                    String html = r.text();
                    assertThat(html).contains("&lt;b&gt;&amp;.txt").doesNotContain("<b>&")
                            .contains("href=\"a%20b%23c.txt\"").contains("href=\"../\"")
                            .doesNotContain("<form");
                    assertThat(html.indexOf("sub/")).isLessThan(html.indexOf("a.txt"));
                    assertThat(html.indexOf("a.txt")).isLessThan(html.indexOf("b.txt"));
                }),
                ro("DIR-LISTING-SYMLINK-SHOWS-TARGET-SIZE", get("/links/"), 200,
                        (r, root) -> assertThat(r.text()).contains("href=\"to-1k.bin\"").contains(">1024<")),
                ro("DIR-HEAD-LISTING", req("HEAD", "/list/"), 200, headerMatches("content-length", "\\d+")),
                rw("DIR-LISTING-UPLOAD-FORM-WHEN-WRITABLE", get("/list/"), 200,
                        (r, root) -> assertThat(r.text()).contains("enctype=\"multipart/form-data\"")),

                // ---- 2.11 operations
                ro("STATUS-PAGE-HTML", get("/_csp/status"), 200, (r, root) -> {
                    assertThat(r.header("content-type")).isEqualTo("text/html; charset=utf-8");
                    assertThat(r.text()).contains("Connection processes").contains("conn-");
                }),
                ro("STATUS-PAGE-JSON", get("/_csp/status.json"), 200, (r, root) -> {
                    assertThat(r.header("content-type")).isEqualTo("application/json; charset=utf-8");
                    assertThat(r.text()).contains("\"liveConnections\":").contains("\"statusCounts\":{")
                            .contains("\"backend\":\"VIRTUAL\"");
                }));
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(ETAG|LM):([^}]+)}");

    static String substitute(String request, int port) throws IOException {
        Matcher m = PLACEHOLDER.matcher(request);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            RawHttp.Reply r = RawHttp.exchange(port, req("HEAD", "/" + m.group(2)));
            String v = m.group(1).equals("ETAG") ? r.header("etag") : r.header("last-modified");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conformance(Case c) throws Exception {
        WebServer server = c.rw ? writable : readOnly;
        Path root = c.rw ? rwRoot : roRoot;
        String request = substitute(c.request, server.port());
        RawHttp.Reply r = RawHttp.exchange(server.port(), request);
        assertThat(r.status()).as("%s: %s", c.id, r).isEqualTo(c.status);
        c.check.verify(r, root);
        if (!c.id.startsWith("RFC9110-9.3.1")) {
            assertThat(r.header("date")).as("Date header").isNotNull();
        }
        assertThat(RawHttp.exchange(server.port(), get("/hello.txt")).status())
                .as("the server still serves after %s", c.id).isEqualTo(200);
    }
}
