package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 4: file names are bytes on disk; serving and listing them must not depend on the
 * JVM's locale ({@code LC_ALL=C} is a service manager's default), and a name that is not UTF-8
 * (Latin-1) must be servable and listed with a link that works. The names are made by the shell
 * ({@code printf} with octal escapes), since a JVM cannot spell every one of them.
 */
class FileNameLocaleTest {
    private static final String MAKE_NAMES = "mkdir -p \"$ROOT/names\" && "
            + "printf accent > \"$ROOT/names/$(printf '\\303\\251.txt')\" && "
            + "printf latin > \"$ROOT/names/$(printf 'caf\\351.txt')\"";

    @TempDir
    Path tmp;

    private static void checkNames(int port) throws Exception {
        RawHttp.Reply utf8 = RawHttp.exchange(port, get("/names/%C3%A9.txt"));
        assertThat(utf8.status()).isEqualTo(200);
        assertThat(utf8.text()).isEqualTo("accent");
        RawHttp.Reply latin1 = RawHttp.exchange(port, get("/names/caf%E9.txt"));
        assertThat(latin1.status()).isEqualTo(200);
        assertThat(latin1.text()).isEqualTo("latin");
        RawHttp.Reply listing = RawHttp.exchange(port, get("/names/"));
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.text()).contains("href=\"%C3%A9.txt\">é.txt<").contains("href=\"caf%E9.txt\">café.txt<")
                .doesNotContain("??").doesNotContain("\uFFFD");
    }

    @Test
    void underLcAllCAUtf8NameAndALatin1NameAreServedAndListedWithWorkingLinks() throws Exception {
        Path root = TestServers.fixture(tmp);
        try (ChildServer child = ChildServer.start(MAKE_NAMES, Map.of("LC_ALL", "C", "LANG", "C", "ROOT", root.toString()),
                "--root", root.toString())) {
            checkNames(child.port());
            assertThat(RawHttp.exchange(child.port(), get("/%C3%A9.txt")).text()).isEqualTo("accent\n");
            assertThat(child.linesContaining("LC_ALL=C.UTF-8")).as("the start-up note").isEqualTo(1);
            assertThat(child.linesContaining("\tat ")).as("stack trace lines in %s", child.output).isZero();
        }
    }

    @Test
    void inThisJvmsLocaleALatin1NameIsServedAndListedToo() throws Exception {
        Path root = TestServers.fixture(tmp);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", MAKE_NAMES);
        pb.environment().put("ROOT", root.toString());
        assertThat(pb.inheritIO().start().waitFor()).isZero();
        try (WebServer server = TestServers.start(root, b -> b)) {
            checkNames(server.port());
        }
    }
}
