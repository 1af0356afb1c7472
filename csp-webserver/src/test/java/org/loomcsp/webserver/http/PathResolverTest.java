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
                "/%ff", "/%e2%82", "/%g0", "/%"}) {
            assertThatThrownBy(() -> PathResolver.resolve(p)).as(p).isInstanceOf(HttpException.class)
                    .extracting(e -> ((HttpException) e).status()).isEqualTo(400);
        }
    }

    @Test
    void dotfilesAreFlaggedHidden() throws HttpException {
        assertThat(PathResolver.resolve("/a/.git/config").hidden()).isTrue();
        assertThat(PathResolver.resolve("/a/b.c").hidden()).isFalse();
    }
}
