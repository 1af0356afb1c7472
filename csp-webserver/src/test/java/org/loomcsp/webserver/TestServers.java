package org.loomcsp.webserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Builds test roots and starts servers on port 0 against them. */
final class TestServers {
    static final byte[] ONE_K = pattern(1024);

    private TestServers() {}

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** A root with a few files of known content: the fixture every suite uses. */
    static Path fixture(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("www"));
        Files.writeString(root.resolve("index.html"), "<!DOCTYPE html><title>home</title>home\n");
        Files.writeString(root.resolve("hello.txt"), "hello, world\n");
        Files.write(root.resolve("1k.bin"), ONE_K);
        Files.write(root.resolve("digits.txt"), "0123456789".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(root.resolve("style.css"), "body{}\n");
        Files.writeString(root.resolve("app.js"), "1;\n");
        Files.writeString(root.resolve("data.json"), "{}\n");
        Files.write(root.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.write(root.resolve("blob.unknownext"), new byte[] {1, 2, 3});
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.writeString(root.resolve(".secret"), "hidden\n");
        Files.writeString(root.resolve("é.txt"), "accent\n");
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve("index.html"), "docs index\n");
        Path list = Files.createDirectories(root.resolve("list"));
        Files.writeString(list.resolve("b.txt"), "b");
        Files.writeString(list.resolve("a.txt"), "a");
        Files.writeString(list.resolve("<b>&.txt"), "x");
        Files.writeString(list.resolve("a b#c.txt"), "y");
        Files.createDirectories(list.resolve("sub"));
        Files.createDirectories(root.resolve("upload"));
        Files.createDirectories(root.resolve("put"));
        Files.writeString(dir.resolve("outside.txt"), "SECRET-OUTSIDE\n");
        Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), dir);
        Files.createSymbolicLink(root.resolve("inside-link.txt"), root.resolve("hello.txt"));
        return root;
    }

    /** Test defaults: short timeouts where waiting would slow the suite, generous elsewhere. */
    static ServerConfig.Builder config(Path root) {
        return ServerConfig.builder().port(0).root(root).shutdownGrace(Duration.ofSeconds(5));
    }

    static WebServer start(Path root, UnaryOperator<ServerConfig.Builder> tweak) throws IOException {
        return WebServer.start(tweak.apply(config(root)).build());
    }
}
