package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.loomcsp.Backend;
import picocli.CommandLine;

/** The command line maps onto {@link ServerConfig} with the documented defaults. */
class MainTest {
    static ServerConfig parse(String... args) {
        Main m = new Main();
        new CommandLine(m).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return m.toConfig();
    }

    @Test
    void theDefaultsAreThoseOfTheIssue() {
        ServerConfig c = parse();
        assertThat(c.port()).isEqualTo(8888);
        assertThat(c.bind().isLoopbackAddress()).isTrue();
        assertThat(c.root()).isNull();
        assertThat(c.writable()).isFalse();
        assertThat(c.accessLog()).isEqualTo(AccessLogFormat.OFF);
        assertThat(c.backend()).isEqualTo(Backend.VIRTUAL);
        assertThat(c.statusPage()).isTrue();
        assertThat(c.statusPageRemote()).isFalse();
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.precompressed()).isFalse();
    }

    @Test
    void everyOptionReachesTheConfiguration() {
        ServerConfig c = parse("--port", "0", "--bind", "0.0.0.0", "--root", "/srv", "--writable", "--access-log", "combined",
                "--backend", "platform", "--no-status-page", "--max-request-line", "4096", "--max-header-bytes", "8192",
                "--max-headers", "50", "--max-body", "1000", "--max-connections", "7", "--idle-timeout", "5s",
                "--request-timeout", "250ms", "--read-timeout", "2m", "--write-timeout", "PT3S", "--shutdown-grace", "1s",
                "--password-file", "/etc/pw", "--token-file", "/etc/tok", "--status-page-remote", "--precompressed",
                "--header", "X-Frame-Options: DENY", "--header", "X-A:b:c", "--cache-control", "css=max-age=86400",
                "--cache-control", ".HTML=no-cache", "--mime-types", "/etc/mime.types");
        assertThat(c.port()).isZero();
        assertThat(c.bind().isAnyLocalAddress()).isTrue();
        assertThat(c.root()).hasToString("/srv");
        assertThat(c.writable()).isTrue();
        assertThat(c.accessLog()).isEqualTo(AccessLogFormat.COMBINED);
        assertThat(c.backend()).isEqualTo(Backend.PLATFORM);
        assertThat(c.statusPage()).isFalse();
        assertThat(c.parserLimits().maxRequestLine()).isEqualTo(4096);
        assertThat(c.maxHeaderBytes()).isEqualTo(8192);
        assertThat(c.maxHeaderCount()).isEqualTo(50);
        assertThat(c.maxBodyBytes()).isEqualTo(1000);
        assertThat(c.maxConnections()).isEqualTo(7);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.describe()).containsEntry("backend", "PLATFORM").containsEntry("status-page", "off");
        assertThat(c.passwordFile()).hasToString("/etc/pw");
        assertThat(c.tokenFile()).hasToString("/etc/tok");
        assertThat(c.statusPageRemote()).isTrue();
        assertThat(c.precompressed()).isTrue();
        assertThat(c.extraHeaders()).containsExactly("X-Frame-Options", "DENY", "X-A", "b:c");
        assertThat(c.cacheControl()).containsEntry("css", "max-age=86400").containsEntry("html", "no-cache");
        assertThat(c.mimeTypesFile()).hasToString("/etc/mime.types");
    }

    @Test
    void writableOnANonLoopbackAddressWithoutAuthenticationIsRefusedWithAMessageThatSaysWhatToDo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--bind", "0.0.0.0", "--writable"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--password-file");
        assertThat(parse("--bind", "0.0.0.0").writable()).isFalse();
        assertThat(parse("--writable").writable()).isTrue(); // loopback: allowed, cross-site check still on
    }

    @Test
    void aMalformedHeaderOptionIsRefused() {
        for (String bad : new String[] {"NoColon", "Bad Name: x", ": v"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--header", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME:VALUE");
        }
    }
}
