package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, item 10: precompressed siblings, extra headers, Cache-Control per extension, a mime.types file. */
class FeaturesTest {
    @TempDir
    Path tmp;

    @Test
    void precompressedSiblingsAreServedToClientsThatAcceptThemWithVary() throws Exception {
        Path root = TestServers.fixture(tmp);
        Files.writeString(root.resolve("app.js.gz"), "GZ");
        Files.writeString(root.resolve("app.js.br"), "BR");
        try (WebServer server = TestServers.start(root, b -> b.precompressed(true))) {
            int port = server.port();
            RawHttp.Reply br = RawHttp.exchange(port, get("/app.js", "Accept-Encoding: gzip, deflate, br"));
            assertThat(br.text()).isEqualTo("BR");
            assertThat(br.header("content-encoding")).isEqualTo("br");
            assertThat(br.header("content-type")).isEqualTo("text/javascript; charset=utf-8");
            assertThat(br.header("vary")).isEqualTo("Accept-Encoding");
            RawHttp.Reply gz = RawHttp.exchange(port, get("/app.js", "Accept-Encoding: gzip, br;q=0"));
            assertThat(gz.text()).isEqualTo("GZ");
            assertThat(gz.header("content-encoding")).isEqualTo("gzip");
            assertThat(gz.header("etag")).isNotEqualTo(br.header("etag"));
            RawHttp.Reply plain = RawHttp.exchange(port, get("/app.js"));
            assertThat(plain.text()).isEqualTo("1;\n");
            assertThat(plain.header("content-encoding")).isNull();
            assertThat(plain.header("vary")).isEqualTo("Accept-Encoding");
            RawHttp.Reply range = RawHttp.exchange(port, get("/app.js", "Accept-Encoding: gzip", "Range: bytes=1-1"));
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.text()).isEqualTo("Z");
        }
        try (WebServer server = TestServers.start(root, b -> b)) { // off by default
            RawHttp.Reply r = RawHttp.exchange(server.port(), get("/app.js", "Accept-Encoding: gzip, br"));
            assertThat(r.text()).isEqualTo("1;\n");
            assertThat(r.header("vary")).isNull();
        }
    }

    @Test
    void extraHeadersGoOnEveryResponseAndCacheControlFollowsTheExtension() throws Exception {
        Path root = TestServers.fixture(tmp);
        try (WebServer server = TestServers.start(root, b -> b.extraHeaders(List.of("X-Frame-Options", "DENY"))
                .cacheControl(Map.of("css", "max-age=86400", "*", "no-cache")))) {
            int port = server.port();
            RawHttp.Reply css = RawHttp.exchange(port, get("/style.css"));
            assertThat(css.header("cache-control")).isEqualTo("max-age=86400");
            assertThat(css.header("x-frame-options")).isEqualTo("DENY");
            assertThat(RawHttp.exchange(port, get("/hello.txt")).header("cache-control")).isEqualTo("no-cache");
            RawHttp.Reply missing = RawHttp.exchange(port, get("/missing"));
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("x-frame-options")).isEqualTo("DENY");
            assertThat(missing.header("cache-control")).isNull();
        }
    }

    @Test
    void aMimeTypesFileOverridesTheBuiltInTable() throws Exception {
        Path root = TestServers.fixture(tmp);
        Files.writeString(root.resolve("notes.org"), "* notes\n");
        Path types = tmp.resolve("mime.types");
        Files.writeString(types, "# comment\ntypes {\n    text/x-org org;\n    application/x-custom  bin  dat;\n}\n");
        try (WebServer server = TestServers.start(root, b -> b.mimeTypesFile(types))) {
            int port = server.port();
            assertThat(RawHttp.exchange(port, get("/notes.org")).header("content-type"))
                    .isEqualTo("text/x-org; charset=utf-8");
            assertThat(RawHttp.exchange(port, get("/1k.bin")).header("content-type")).isEqualTo("application/x-custom");
            assertThat(RawHttp.exchange(port, get("/style.css")).header("content-type"))
                    .isEqualTo("text/css; charset=utf-8");
        }
        Files.writeString(types, "org\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServers.start(root, b -> b.mimeTypesFile(types)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    }
}
