package org.loomcsp.webserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathResolverTest {
    @Test
    void percentDecodingHappensOncePerSegment() throws HttpException {
        PathResolver.Resolved r = PathResolver.resolve("/a%20b/%25zz/c%C3%A9/");
        assertThat(r.segments()).containsExactly("a b", "%zz", "cé");
        assertThat(r.trailingSlash()).isTrue();
        assertThat(r.urlPath(true)).isEqualTo("/a%20b/%25zz/c%C3%A9/");
    }

    @Test
    void everyClimbingOrSmugglingSegmentIsRefused() {
        for (String p : new String[] {"/..", "/a/../b", "/%2e%2e/x", "/a%2fb", "/a%5cb", "/a\\b", "/a%00", "/%c0%ae%c0%ae",
                "/%c0%af", "/%e0%80%ae", "/%g0", "/%"}) {
            assertThatThrownBy(() -> PathResolver.resolve(p)).as(p).isInstanceOf(HttpException.class)
                    .extracting(e -> ((HttpException) e).status()).isEqualTo(400);
        }
    }

    @Test
    void bytesThatAreNotUtf8AreKeptAsTheFileNameBytes() throws HttpException {
        PathResolver.Resolved r = PathResolver.resolve("/caf%E9.txt/%ff");
        assertThat(r.names().get(0)).containsExactly('c', 'a', 'f', 0xe9, '.', 't', 'x', 't');
        assertThat(r.names().get(1)).containsExactly(0xff);
        assertThat(r.segments().get(0)).isEqualTo("café.txt"); // shown as Latin-1
        assertThat(r.urlPath(false)).isEqualTo("/caf%E9.txt/%FF");
    }

    @Test
    void aSegmentLongerThanAnyFileNameIsFlaggedAndAWholePathTooLongIs414() throws HttpException {
        assertThat(PathResolver.resolve("/" + "a".repeat(255)).tooLong()).isFalse();
        assertThat(PathResolver.resolve("/" + "a".repeat(256)).tooLong()).isTrue();
        assertThat(PathResolver.resolve("/" + "%C3%A9".repeat(128)).tooLong()).isTrue(); // 256 bytes
        String deep = ("/" + "b".repeat(200)).repeat(21);
        assertThatThrownBy(() -> PathResolver.resolve(deep)).isInstanceOf(HttpException.class)
                .extracting(e -> ((HttpException) e).status()).isEqualTo(414);
    }

    @Test
    void dotfilesAreFlaggedHidden() throws HttpException {
        assertThat(PathResolver.resolve("/a/.git/config").hidden()).isTrue();
        assertThat(PathResolver.resolve("/a/b.c").hidden()).isFalse();
    }
}
